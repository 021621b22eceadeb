"""The published pan_seg configs: one per row of the earlier zoo's table, each loads and builds, and
a Panoptic FPN trains and predicts on a bitmask through the real pipeline."""
import copy
import glob
import json
import os.path as osp

import pytest
import torch
from mmdet.registry import DATASETS, MODELS
from mmengine.config import Config
from mmengine.dataset import pseudo_collate
from mmengine.utils import import_modules_from_strings

from bdd100k_zoo.det.panoptic.metric import BDD100KPanSegMetric
from bdd100k_zoo.labels.categories import PAN_SEG_CLASSES

TABLES = osp.join(osp.dirname(osp.dirname(osp.abspath(__file__))), 'data', 'zoo',
                  'bdd100k_models_zoo_tables.json')
FOLDER = 'pan_seg/configs/pan_seg'
SAMPLE_CONFIG = 'panoptic_fpn_r18_fpn_pan_seg_bdd100k_sample'
R50_1X = 'panoptic_fpn_r50_fpn_1x_pan_seg_bdd100k'
#: Lr schd -> (epochs, milestones) of the published schedules (SGD lr 0.02 throughout).
SCHEDULES = {'1x': (12, [8, 11]), '3x': (36, [24, 33]), '5x': (60, [40, 55])}


def config_paths(repo_root: str) -> list:
    return sorted(glob.glob(osp.join(repo_root, FOLDER, '*.py')))


def config_path(repo_root: str, name: str) -> str:
    return osp.join(repo_root, FOLDER, f'{name}.py')


def without_weights(node):
    """Sets every ``init_cfg`` and ``pretrained`` of a config tree to ``None`` (no downloads)."""
    if isinstance(node, dict):
        for key in node:
            if key in ('init_cfg', 'pretrained'):
                node[key] = None
            else:
                without_weights(node[key])
    elif isinstance(node, (list, tuple)):
        for item in node:
            without_weights(item)
    return node


def build_model(cfg: Config) -> torch.nn.Module:
    import_modules_from_strings(cfg.get('custom_imports', {}).get('imports', []))
    model = MODELS.build(without_weights(copy.deepcopy(cfg.model)))
    model.init_weights()
    return model


def test_a_config_per_published_row_named_as_its_config_link(repo_root):
    with open(TABLES) as f:
        rows = [row for row in json.load(f) if row['task'] == 'pan_seg']
    published = {osp.splitext(osp.basename(row['row']['Config']['links'][0]))[0] for row in rows}
    names = {osp.splitext(osp.basename(path))[0] for path in config_paths(repo_root)}
    assert len(published) == 5
    assert names == published | {SAMPLE_CONFIG}


def test_published_settings(repo_root):
    for path in config_paths(repo_root):
        name = osp.splitext(osp.basename(path))[0]
        if name == SAMPLE_CONFIG:
            continue
        cfg = Config.fromfile(path)
        assert cfg.load_from is None and cfg.default_scope == 'mmdet'
        assert 'bdd100k_zoo.det' in cfg.custom_imports['imports']
        train = cfg.train_dataloader.dataset
        assert train.type == 'BDD100KPanSegDataset'
        assert train.data_prefix == dict(img='images/10k/train/',
                                         seg='labels/pan_seg/bitmasks/train/')
        assert cfg.val_dataloader.dataset.data_prefix.seg == 'labels/pan_seg/bitmasks/val/'
        assert cfg.val_evaluator.type == cfg.test_evaluator.type == 'BDD100KPanSegMetric'
        assert cfg.test_dataloader.dataset.pipeline[1].scale == (1280, 720)
        assert train.pipeline[1].type == 'BDD100KLoadPanSegAnnotations'
        resize = train.pipeline[2]
        schedule = name.split('_fpn_')[-1].split('_')[0]
        if schedule == '1x':
            assert resize.type == 'Resize' and resize.scale == (1280, 720), name
        else:
            assert resize.type == 'RandomChoiceResize', name
            assert resize.scales == [(1280, short) for short in (600, 624, 648, 672, 696, 720)]
        epochs, milestones = SCHEDULES[schedule]
        assert cfg.train_cfg.max_epochs == epochs, name
        assert cfg.param_scheduler[1].milestones == milestones, name
        assert cfg.optim_wrapper.optimizer.type == 'SGD' and cfg.optim_wrapper.optimizer.lr == 0.02
        assert cfg.train_dataloader.batch_size * 8 == cfg.auto_scale_lr.base_batch_size == 16
        model = cfg.model
        assert model.type == 'PanopticFPN'
        assert model.backbone.depth == (101 if '_r101_' in name else 50)
        assert model.roi_head.bbox_head.num_classes == model.roi_head.mask_head.num_classes == 10
        for head in (model.semantic_head, model.panoptic_fusion_head):
            assert (head.num_things_classes, head.num_stuff_classes) == (10, 30)
        assert model.test_cfg.rcnn.score_thr == 0.6 and model.test_cfg.rcnn.nms.class_agnostic
        assert model.test_cfg.panoptic == dict(mask_overlap=0.5, stuff_area_limit=4096)


@pytest.mark.slow
def test_every_config_builds_its_model(repo_root):
    for path in config_paths(repo_root):
        model = build_model(Config.fromfile(path))
        assert type(model).__name__ == 'PanopticFPN'


@pytest.mark.parametrize('name', [pytest.param(R50_1X, marks=pytest.mark.slow), SAMPLE_CONFIG])
def test_trains_and_predicts_on_a_bitmask_through_the_pipeline(repo_root, make_split,
                                                               hand_bitmask, name):
    torch.manual_seed(0)
    bitmask = hand_bitmask.repeat(4, axis=0).repeat(4, axis=1)  # 160 x 256
    root = make_split({'a': bitmask})
    cfg = Config.fromfile(config_path(repo_root, name))
    model = build_model(cfg)

    def sample(dataloader: Config) -> dict:
        dataset = copy.deepcopy(dataloader.dataset)
        dataset.update(data_root=root, data_prefix=cfg.val_dataloader.dataset.data_prefix,
                       serialize_data=False)
        for transform in dataset.pipeline:
            if transform.type == 'Resize':
                transform.scale = (256, 160)
        return pseudo_collate([DATASETS.build(dataset)[0]])

    model.train()
    losses = model(**model.data_preprocessor(sample(cfg.train_dataloader), True), mode='loss')
    assert {'loss_rpn_cls', 'loss_cls', 'loss_mask', 'loss_seg'} <= set(losses)
    total = sum(value.sum() if isinstance(value, torch.Tensor) else sum(value)
                for key, value in losses.items() if 'loss' in key)
    assert torch.isfinite(total)
    total.backward()

    model.eval()
    with torch.no_grad():
        (result, ) = model(**model.data_preprocessor(sample(cfg.test_dataloader), False),
                           mode='predict')
    assert result.pred_panoptic_seg.sem_seg.shape == (1, 160, 256)
    metric = BDD100KPanSegMetric()
    metric.dataset_meta = DATASETS.build(dict(cfg.val_dataloader.dataset, lazy_init=True)).metainfo
    frame = metric.to_frame(result.to_dict())
    assert frame['name'] == 'a.jpg' and frame['size'] == {'height': 160, 'width': 256}
    assert frame['labels'] and {label['category'] for label in frame['labels']} <= set(
        PAN_SEG_CLASSES)
