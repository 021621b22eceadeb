"""The multitask model: a real mmdet Faster R-CNN and a real mmseg segmentor (init_cfg=None) sharing
one backbone and neck; each task batch reaches only its own task model, and every task's loss
trains the shared modules."""
import copy

import pytest
import torch
from mmdet.structures import DetDataSample
from mmengine.registry import MODELS, DefaultScope
from mmengine.runner import Runner
from mmseg.structures import SegDataSample
from torch import nn

from bdd100k_zoo.multitask import BDD100KMultiTaskModel, wrap_batch

SAMPLE_TYPES = dict(det=DetDataSample, sem_seg=SegDataSample)
#: A weight of each task's own head (not shared).
HEAD_WEIGHT = dict(det='roi_head.bbox_head.fc_cls.weight', sem_seg='decode_head.conv_seg.weight')


@pytest.fixture(scope='module')
def config(make_multitask_config, tmp_path_factory):
    return make_multitask_config(str(tmp_path_factory.mktemp('work')))


@pytest.fixture(scope='module')
def batches(config):
    """The first training batch of each task, from the tasks' own dataloaders."""
    found = {}
    for task, loader_cfg in config.train_dataloader.tasks.items():
        with DefaultScope.overwrite_default_scope(loader_cfg.dataset._scope_):
            found[task] = next(iter(Runner.build_dataloader(loader_cfg, seed=0)))
    return found


def build(model_cfg):
    torch.manual_seed(0)
    return MODELS.build(copy.deepcopy(model_cfg))


def test_shared_modules_are_one_object_and_the_heads_stay_apart(config):
    model = build(config.model)
    det, seg = model.tasks['det'], model.tasks['sem_seg']
    assert seg.backbone is det.backbone and seg.neck is det.neck
    assert seg.decode_head is not None and not hasattr(det, 'decode_head')
    names = {name for name, _ in model.named_parameters()}
    assert 'tasks.det.backbone.conv1.weight' in names
    assert 'tasks.sem_seg.backbone.conv1.weight' not in names  # counted (and optimised) once
    state = model.state_dict()  # each task's weights are complete under its own prefix
    assert (state['tasks.sem_seg.backbone.conv1.weight'].data_ptr()
            == state['tasks.det.backbone.conv1.weight'].data_ptr())


def test_a_tasks_loss_receives_only_that_tasks_batch_and_comes_back_prefixed(
        config, batches, monkeypatch):
    model = build(config.model)
    calls = []
    for task, task_model in model.tasks.items():
        def spy(inputs, data_samples, _task=task, _loss=task_model.loss):
            calls.append((_task, {type(sample) for sample in data_samples},
                          [sample.img_path for sample in data_samples]))
            return _loss(inputs, data_samples)
        monkeypatch.setattr(task_model, 'loss', spy)
    for task, batch in batches.items():
        calls.clear()
        losses = model(**model.data_preprocessor(wrap_batch(task, batch), True), mode='loss')
        paths = [sample.img_path for sample in batch['data_samples']]
        assert calls == [(task, {SAMPLE_TYPES[task]}, paths)]
        assert losses and all(name.startswith(f'{task}.') for name in losses)
        total, _ = model.parse_losses(losses)
        assert torch.isfinite(total) and total > 0


def test_every_tasks_loss_reaches_the_shared_backbone_and_neck_but_not_the_other_head(
        config, batches):
    model = build(config.model)
    model.train()
    shared = {name: param for name, param in model.tasks['det'].named_parameters()
              if name.startswith(('backbone.', 'neck.'))}
    for task, batch in batches.items():
        model.zero_grad(set_to_none=True)
        losses = model(**model.data_preprocessor(wrap_batch(task, batch), True), mode='loss')
        model.parse_losses(losses)[0].backward()
        without = [name for name, param in shared.items()
                   if param.grad is None or not param.grad.abs().sum() > 0]
        assert not without, f'{task}: no gradient on shared {without[:5]}'
        own = dict(model.tasks[task].named_parameters())[HEAD_WEIGHT[task]]
        assert own.grad is not None and own.grad.abs().sum() > 0
        other, = set(batches) - {task}
        assert dict(model.tasks[other].named_parameters())[HEAD_WEIGHT[other]].grad is None


def test_predictions_are_the_task_models_own(config, batches):
    model = build(config.model).eval()
    for task, batch in batches.items():
        with torch.no_grad():
            ours = model.val_step(wrap_batch(task, batch))
            alone = model.tasks[task].val_step(batch)
        assert [type(sample) for sample in ours] == [SAMPLE_TYPES[task]] * len(alone)
        if task == 'det':
            assert torch.equal(ours[0].pred_instances.bboxes, alone[0].pred_instances.bboxes)
        else:
            assert torch.equal(ours[0].pred_sem_seg.data, alone[0].pred_sem_seg.data)


def test_an_unknown_shared_path_is_refused_naming_path_and_task(config):
    cfg = copy.deepcopy(config.model)
    cfg.shared = ['backbone', 'neck.lateral_convs', 'decode_head']
    with pytest.raises(ValueError, match="shared module 'decode_head': the 'det' model "
                                         r"\(FasterRCNN\) has no module 'decode_head'"):
        build(cfg)
    cfg.shared = ['backbone.layer9']
    with pytest.raises(ValueError, match="'backbone.layer9'"):
        build(cfg)


def test_shared_modules_of_other_shapes_are_refused(config):
    cfg = copy.deepcopy(config.model)
    cfg.tasks.sem_seg.neck.out_channels = 64
    with pytest.raises(ValueError, match=r"shared module 'neck': the 'sem_seg' model's weights do "
                                         r"not match those of 'det' \(other shapes: "
                                         r'lateral_convs.0.conv.weight \(64, 64, 1, 1\) vs '
                                         r'\(128, 64, 1, 1\)'):
        build(cfg)


def test_a_batch_without_its_task_is_refused(config, batches):
    model = build(config.model)
    with pytest.raises(TypeError, match=r'needs batches dict\(task=<name>, data=<batch>\)'):
        model.data_preprocessor(batches['det'], True)
    with pytest.raises(KeyError, match="batch of task 'lane'"):
        model.data_preprocessor(wrap_batch('lane', batches['det']), True)


def test_no_task_is_refused():
    with pytest.raises(ValueError, match='at least one task'):
        BDD100KMultiTaskModel(tasks={})


class Detector(nn.Module):
    """A task model as the multitask model sees one: a preprocessor, a backbone and a head."""

    def __init__(self, classes: int) -> None:
        super().__init__()
        self.data_preprocessor = nn.Identity()
        self.backbone = nn.Conv2d(3, 4, 3)
        self.head = nn.Linear(4, classes)


class Tracker(nn.Module):
    """A task model holding its detector, as QDTrack does: the backbone at ``detector.backbone``."""

    def __init__(self) -> None:
        super().__init__()
        self.data_preprocessor = nn.Identity()
        self.detector = Detector(8)


def test_a_dict_entry_shares_a_module_held_at_other_paths_in_different_tasks():
    model = BDD100KMultiTaskModel(
        tasks=dict(mot=Tracker(), det=Detector(10), other=Detector(3)),
        shared=[dict(det='backbone', mot='detector.backbone')])
    assert model.tasks['det'].backbone is model.tasks['mot'].detector.backbone
    assert model.tasks['other'].backbone is not model.tasks['det'].backbone  # not named: own


@pytest.mark.parametrize('entry', [dict(det='backbone', lane='backbone'), dict(det='backbone')])
def test_a_dict_entry_must_name_two_of_the_models_tasks(entry):
    with pytest.raises(ValueError, match=r"names the module's path in two or more of the model's "
                                         r"tasks \['mot', 'det'\]"):
        BDD100KMultiTaskModel(tasks=dict(mot=Tracker(), det=Detector(10)), shared=[entry])
