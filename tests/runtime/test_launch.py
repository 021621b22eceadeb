"""The tools' config adaptations of runtime/launch.py on hand-made configs (multitask shapes too)."""
import os.path as osp

import pytest
from mmengine.config import Config

from bdd100k_zoo.runtime import launch


def multitask_config() -> Config:
    """A config shaped like a multitask one: per-task loaders and evaluators (no ``type``)."""
    def loader(root: str) -> dict:
        return dict(batch_size=1, dataset=dict(type='X', data_root=root, pipeline=[dict(type='P')]))

    return Config(dict(
        train_dataloader=dict(tasks=dict(det=loader('a/'), sem_seg=loader('b/')), ratio=dict(det=1)),
        val_dataloader=dict(det=loader('a/'), sem_seg=loader('b/')),
        test_dataloader=dict(det=loader('a/'), sem_seg=loader('b/')),
        test_evaluator=dict(det=dict(type='BDD100KDetMetric'),
                            sem_seg=[dict(type='BDD100KSegMetric'), dict(type='IoUMetric')])))


def test_data_root_reaches_every_task_loader() -> None:
    cfg = multitask_config()
    launch.set_data_root(cfg, 'root')
    roots = [cfg.train_dataloader.tasks.det.dataset.data_root,
             cfg.train_dataloader.tasks.sem_seg.dataset.data_root,
             *(cfg[name][task].dataset.data_root for name in ('val_dataloader', 'test_dataloader')
               for task in ('det', 'sem_seg'))]
    assert roots == [osp.join('root', '')] * 6


def test_out_dir_gives_each_task_its_folder() -> None:
    cfg = multitask_config()
    launch.set_output_dir(cfg, 'out')
    assert cfg.test_evaluator.det.output_dir == osp.join('out', 'det')
    assert cfg.test_evaluator.sem_seg[0].output_dir == osp.join('out', 'sem_seg')
    assert 'output_dir' not in cfg.test_evaluator.sem_seg[1]


def test_out_dir_single_task_and_no_zoo_metric() -> None:
    cfg = Config(dict(test_evaluator=[dict(type='BDD100KDetMetric'), dict(type='CocoMetric')]))
    launch.set_output_dir(cfg, 'out')
    assert cfg.test_evaluator[0].output_dir == 'out' and 'output_dir' not in cfg.test_evaluator[1]
    with pytest.raises(ValueError, match='needs a BDD100K metric'):
        launch.set_output_dir(Config(dict(test_evaluator=dict(type='CocoMetric'))), 'out')


@pytest.mark.parametrize('wrapper, top, expected', [
    (dict(type='MMDistributedDataParallel', find_unused_parameters=True), None, True),
    (None, True, True),
    (None, None, False),
])
def test_cpu_ddp_keeps_find_unused_parameters(monkeypatch, wrapper, top, expected) -> None:
    monkeypatch.setattr(launch.torch.cuda, 'is_available', lambda: False)
    monkeypatch.setattr(launch, 'init_cpu_process_group', lambda launcher: None)
    settings = {'model': dict(type='M')}
    if wrapper is not None:
        settings['model_wrapper_cfg'] = wrapper
    if top is not None:
        settings['find_unused_parameters'] = top
    cfg = Config(settings)
    launch.configure_device(cfg, 'pytorch')
    assert cfg.model_wrapper_cfg.find_unused_parameters is expected
    assert cfg.model_wrapper_cfg.device_ids is None and cfg.env_cfg.dist_cfg.backend == 'gloo'
