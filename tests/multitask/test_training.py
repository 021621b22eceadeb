"""A real mmengine Runner trains the tiny det + sem_seg multitask config on the generated sample in
round robin, validates both tasks with their official metrics in one run, resumes on the same
schedule, and its checkpoint goes back into each single-task model with identical outputs."""
import copy
import os.path as osp

import pytest
import torch
from mmengine.hooks import Hook
from mmengine.registry import MODELS
from mmengine.runner import Runner

from bdd100k_zoo.cli import main
from bdd100k_zoo.multitask import wrap_batch
from bdd100k_zoo.runtime.checkpoint import safe_load

#: The official metric keys of each task (bdd100k/...), prefixed with the task by the val loop.
OFFICIAL_KEYS = ('det/bdd100k/AP', 'det/bdd100k/AP50', 'sem_seg/bdd100k/mIoU')


class RecordBatches(Hook):
    """Records, per training iteration, the task and the image files of the batch."""

    def __init__(self):
        self.seen = {}

    def before_train_iter(self, runner, batch_idx, data_batch=None):
        self.seen[runner.iter] = (data_batch['task'],
                                  [s.img_path for s in data_batch['data']['data_samples']])


def train(cfg):
    runner = Runner.from_cfg(cfg)
    record = RecordBatches()
    runner.register_hook(record)
    calls = []
    for task, task_model in runner.model.tasks.items():
        def spy(inputs, data_samples, _task=task, _loss=task_model.loss):
            calls.append((runner.iter, _task, [s.img_path for s in data_samples]))
            return _loss(inputs, data_samples)
        task_model.loss = spy
    runner.train()
    return runner, record.seen, calls


@pytest.fixture(scope='module')
def trained(make_multitask_config, tmp_path_factory):
    """4 iterations (det, sem_seg, det, sem_seg; a checkpoint every 2), then validation."""
    cfg = make_multitask_config(str(tmp_path_factory.mktemp('work')))
    runner, seen, calls = train(cfg)
    return cfg, runner, seen, calls


@pytest.mark.slow
def test_round_robin_training_gives_each_task_its_own_batches(trained):
    cfg, runner, seen, calls = trained
    assert [seen[i][0] for i in range(4)] == ['det', 'sem_seg', 'det', 'sem_seg']
    assert calls == [(i, task, paths) for i, (task, paths) in sorted(seen.items())]
    det_root = osp.join(cfg.train_dataloader.tasks.det.dataset.data_root, 'images', '100k')
    seg_root = osp.join(cfg.train_dataloader.tasks.sem_seg.dataset.data_root, 'images', '10k')
    for task, paths in seen.values():
        assert all(path.startswith(det_root if task == 'det' else seg_root) for path in paths)


@pytest.mark.slow
def test_validation_and_test_score_every_task_with_its_official_metric(trained):
    _, runner, _, _ = trained
    metrics = runner.val_loop.run()
    assert set(OFFICIAL_KEYS) <= set(metrics)
    assert all(key.startswith(('det/', 'sem_seg/')) for key in metrics)
    scalars = runner.message_hub.log_scalars
    assert 'val/det/bdd100k/AP' in scalars and 'val/sem_seg/bdd100k/mIoU' in scalars
    assert runner.test_loop.run() == metrics  # the same val images and model: the same scores


@pytest.mark.slow
def test_resuming_continues_the_same_schedule_on_the_same_data(trained, make_multitask_config,
                                                              tmp_path):
    first_cfg, _, first_seen, _ = trained
    cfg = make_multitask_config(str(tmp_path / 'resumed'))
    cfg.update(resume=True, load_from=osp.join(first_cfg.work_dir, 'iter_2.pth'),
               val_cfg=None, val_dataloader=None, val_evaluator=None)
    _, seen, _ = train(cfg)
    assert sorted(seen) == [2, 3]
    assert seen == {i: first_seen[i] for i in (2, 3)}


@pytest.mark.slow
@pytest.mark.parametrize('task', ['det', 'sem_seg'])
def test_an_extracted_task_loads_strictly_into_its_single_task_model_with_identical_outputs(
        trained, tmp_path, capsys, task):
    cfg, runner, _, _ = trained
    out = str(tmp_path / f'{task}.pth')
    assert main(['multitask', 'extract', osp.join(cfg.work_dir, 'iter_4.pth'), '--task', task,
                 '--out', out]) == 0
    assert f'weights of task {task} written to {out}' in capsys.readouterr().out
    checkpoint = safe_load(out)
    single = MODELS.build(copy.deepcopy(cfg.model.tasks[task]))
    single.load_state_dict(checkpoint['state_dict'], strict=True)
    loader = runner.val_loop.dataloader.loaders[task]
    assert checkpoint['meta']['dataset_meta']['classes'] == loader.dataset.metainfo['classes']
    assert 'optimizer' not in checkpoint and 'cfg' not in checkpoint['meta']
    batch = next(iter(loader))
    single.eval()
    runner.model.eval()
    with torch.no_grad():
        ours = runner.model.val_step(wrap_batch(task, batch))[0]
        alone = single.val_step(batch)[0]
    if task == 'det':
        assert len(alone.pred_instances) > 0
        for field in ('bboxes', 'scores', 'labels'):
            assert torch.equal(ours.pred_instances[field], alone.pred_instances[field])
    else:
        assert torch.equal(ours.seg_logits.data, alone.seg_logits.data)
