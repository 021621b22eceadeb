"""The published det/ins_seg configs: one per row of the earlier zoo's tables; each loads and
builds, and one model per method family trains and predicts."""
import glob
import json
import os.path as osp
import time
from typing import Any

import pytest
import torch
from mmdet.registry import MODELS
from mmdet.testing import demo_mm_inputs
from mmengine.config import Config
from mmengine.utils import import_modules_from_strings

#: The earlier zoo's model tables (task, method, row with its config link), see REFERENCE.md.
TABLES = osp.join(osp.dirname(osp.dirname(osp.abspath(__file__))), 'data', 'zoo',
                  'bdd100k_models_zoo_tables.json')
FOLDERS = {'det': 'det/configs/det', 'ins_seg': 'ins_seg/configs/ins_seg'}
#: CPU-sized configs of the generated sample: not published rows.
SAMPLE_CONFIGS = {'faster_rcnn_r18_fpn_det_bdd100k_sample',
                  'mask_rcnn_r18_fpn_ins_seg_bdd100k_sample'}

#: One published config per method family, for the forward passes.
FAMILIES = {
    'faster_rcnn': 'det/faster_rcnn_r50_fpn_1x_det_bdd100k',
    'retinanet': 'det/retinanet_r50_fpn_1x_det_bdd100k',
    'cascade_rcnn': 'det/cascade_rcnn_r50_fpn_1x_det_bdd100k',
    'fcos': 'det/fcos_tricks_r50_fpn_1x_det_bdd100k',
    'dcn': 'det/faster_rcnn_r50_fpn_dconv_1x_det_bdd100k',
    'libra_rcnn': 'det/libra_faster_rcnn_r50_fpn_1x_det_bdd100k',
    'hrnet': 'det/faster_rcnn_hrnetv2p_w18_1x_det_bdd100k',
    'atss': 'det/atss_r50_fpn_1x_det_bdd100k',
    'sparse_rcnn': 'det/sparse_rcnn_r50_fpn_1x_det_bdd100k',
    'dyhead': 'det/atss_r50_fpn_dyhead_1x_det_bdd100k',
    'swin': 'det/faster_rcnn_swin-t_fpn_1x_det_bdd100k',
    'pvt': 'det/retinanet_pvt-t_fpn_1x_det_bdd100k',
    'pvtv2': 'det/retinanet_pvtv2-b0_fpn_1x_det_bdd100k',
    'rsb': 'det/retinanet_r50_fpn_rsb_1x_det_bdd100k',
    'convnext': 'det/faster_rcnn_convnext-t_fpn_fp16_1x_det_bdd100k',
    'mask_rcnn': 'ins_seg/mask_rcnn_r50_fpn_1x_ins_seg_bdd100k',
    'cascade_mask_rcnn': 'ins_seg/cascade_mask_rcnn_r50_fpn_1x_ins_seg_bdd100k',
    'gcnet': 'ins_seg/gcnet_mask_rcnn_r50_fpn_1x_ins_seg_bdd100k',
    'hrnet_mask_rcnn': 'ins_seg/mask_rcnn_hrnetv2p_w18_1x_ins_seg_bdd100k',
}
#: Families whose forward test runs in the quick suite too (each takes 5-20 s of CPU).
QUICK_FAMILIES = ('faster_rcnn', 'mask_rcnn')


def reference_names(task: str) -> set:
    with open(TABLES) as f:
        rows = [row for row in json.load(f) if row['task'] == task]
    return {osp.splitext(osp.basename(row['row']['Config']['links'][0]))[0] for row in rows}


def config_paths(repo_root: str, task: str) -> list:
    return sorted(glob.glob(osp.join(repo_root, FOLDERS[task], '*.py')))


def config_path(repo_root: str, family: str) -> str:
    task, name = FAMILIES[family].split('/')
    return osp.join(repo_root, FOLDERS[task], name + '.py')


def without_weights(node: Any) -> Any:
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


def build_model(path: str) -> torch.nn.Module:
    """The config's model, built without pretrained weights."""
    cfg = Config.fromfile(path)
    import_modules_from_strings(cfg.get('custom_imports', {}).get('imports', []))
    return MODELS.build(without_weights(cfg.model))


@pytest.mark.parametrize('task, count', [('det', 64), ('ins_seg', 26)])
def test_a_config_per_published_row_named_as_its_config_link(repo_root, task, count):
    names = {osp.splitext(osp.basename(p))[0] for p in config_paths(repo_root, task)}
    published = reference_names(task)
    assert len(published) == count
    assert names - SAMPLE_CONFIGS == published


def test_config_basenames_are_unique_in_the_repository(repo_root):
    paths = [p for pattern in ('*/configs/**/*.py', 'configs/**/*.py')
             for p in glob.glob(osp.join(repo_root, pattern), recursive=True)]
    names = [osp.basename(p) for p in paths]
    assert len(names) == len(set(names))


@pytest.mark.slow
@pytest.mark.parametrize('task', sorted(FOLDERS))
def test_published_settings(repo_root, task):
    for path in config_paths(repo_root, task):
        name = osp.splitext(osp.basename(path))[0]
        if name in SAMPLE_CONFIGS:
            continue
        cfg = Config.fromfile(path)
        assert cfg.load_from is None
        assert cfg.default_scope == 'mmdet'
        assert 'bdd100k_zoo.det' in cfg.custom_imports['imports']
        train = cfg.train_dataloader.dataset
        train = train.get('dataset', train)
        assert train.type == ('BDD100KDetDataset' if task == 'det' else 'BDD100KInsSegDataset')
        assert train.data_prefix.img.rstrip('/').endswith(
            'images/100k/train' if task == 'det' else 'images/10k/train')
        assert cfg.val_evaluator.type == ('BDD100KDetMetric' if task == 'det'
                                          else 'BDD100KInsSegMetric')
        assert cfg.test_dataloader.dataset.pipeline[1].scale == (1280, 720)
        resizes = [t for t in cfg.train_dataloader.dataset.pipeline if 'Resize' in t.type]
        if '_3x_' in name or '_5x_' in name:
            assert resizes[0].type in ('RandomChoiceResize', 'RandomResize'), name
        else:
            assert resizes[0].type == 'Resize' and resizes[0].scale == (1280, 720), name
        fp16 = '_fp16_' in name
        assert (cfg.optim_wrapper.get('type') == 'AmpOptimWrapper') == fp16, name
        epochs = {'1x': 12, '3x': 36, '5x': 60}[name.split('_det_')[0].split('_ins_seg')[0]
                                                .replace('_32bs', '').replace('_strong', '')
                                                .rsplit('_', 1)[-1]]
        assert cfg.train_cfg.max_epochs == epochs, name
        assert cfg.train_dataloader.batch_size * 8 == cfg.auto_scale_lr.base_batch_size, name


@pytest.mark.slow
def test_every_config_builds_its_model(repo_root):
    start = time.perf_counter()
    paths = [p for task in FOLDERS for p in config_paths(repo_root, task)]
    failures = {}
    for path in paths:
        try:
            build_model(path)
        except Exception as err:  # noqa: BLE001  (collect every failing config)
            failures[osp.basename(path)] = repr(err)
    print(f'built {len(paths) - len(failures)} of {len(paths)} models in '
          f'{time.perf_counter() - start:.0f} s')
    assert not failures
    assert len(paths) == 64 + 26 + len(SAMPLE_CONFIGS)


@pytest.mark.parametrize('family', [
    family if family in QUICK_FAMILIES else pytest.param(family, marks=pytest.mark.slow)
    for family in sorted(FAMILIES)])
def test_forward_loss_and_predict(repo_root, family):
    torch.manual_seed(0)
    model = build_model(config_path(repo_root, family))
    model.init_weights()  # e.g. Sparse R-CNN's initial proposals: whole-image boxes
    with_mask = FAMILIES[family].startswith('ins_seg')
    num_classes = 8 if with_mask else 10
    packed = demo_mm_inputs(batch_size=1, image_shapes=[(3, 128, 128)], num_items=[2],
                            num_classes=num_classes, with_mask=with_mask)
    model.train()
    losses = model(**model.data_preprocessor(packed, True), mode='loss')
    total = sum(v.sum() if isinstance(v, torch.Tensor) else sum(v)
                for k, v in losses.items() if 'loss' in k)
    assert torch.isfinite(total)
    total.backward()
    model.eval()
    with torch.no_grad():
        (result, ) = model(**model.data_preprocessor(packed, False), mode='predict')
    pred = result.pred_instances
    assert pred.bboxes.shape[1] == 4 and len(pred.scores) == len(pred.labels)
    assert (pred.labels < num_classes).all()
    if with_mask:
        assert pred.masks.shape[1:] == (128, 128)
