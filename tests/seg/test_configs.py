"""Every published sem_seg (53) and drivable (56) config, the DLA configs and the sample configs:
named after the model index (``<task>/metafile.yml``, generated from the task READMEs), loading,
holding the published setting, building; one model per method family runs a forward pass on CPU."""
import glob
import os.path as osp
import re
import time

import pytest
import torch
import yaml
from mmengine.config import Config
from mmseg.registry import MODELS
from mmseg.structures import SegDataSample

from bdd100k_zoo.runtime.launch import configure_device

TASKS = {'sem_seg': ('BDD100KSemSegDataset', 'BDD100KSemSegMetric', 19),
         'drivable': ('BDD100KDrivableDataset', 'BDD100KDrivableMetric', 3)}
#: Configs beyond the published table: the paper's DLA model and the CPU sample configs.
EXTRA = {'sem_seg': {'dla34_512x1024_80k_sem_seg_bdd100k.py', 'dla34_sem_seg_bdd100k_sample.py'},
         'drivable': {'dla34_512x1024_80k_drivable_bdd100k.py',
                      'dla34_drivable_bdd100k_sample.py'}}
NAME = re.compile(r'(?P<model>.+?)_(?P<crop>\d+x\d+)_(?P<iters>\d+)k_(?P<task>sem_seg|drivable)'
                  r'_bdd100k\.py$')


def published(repo_root):
    """``{(task, config basename): model metadata}`` of the published models."""
    models = {}
    for task in TASKS:
        with open(osp.join(repo_root, task, 'metafile.yml'), encoding='utf-8') as f:
            for model in yaml.safe_load(f)['Models']:
                if 'Weights' not in model:  # a config built here, without published weights
                    continue
                assert model['Config'] == f'{task}/configs/{task}/{model["Name"]}.py'
                models[(task, osp.basename(model['Config']))] = model['Metadata']
    return models


def config_paths(repo_root):
    return sorted(glob.glob(f'{repo_root}/sem_seg/configs/sem_seg/*.py')
                  + glob.glob(f'{repo_root}/drivable/configs/drivable/*.py'))


def without_downloads(node):
    """Turns off pretrained weights in a config tree (tests build models without downloads)."""
    if isinstance(node, dict):
        if isinstance(node.get('init_cfg'), dict) and node['init_cfg'].get('type') == 'Pretrained':
            node['init_cfg'] = None
        if 'pretrained' in node:
            node['pretrained'] = None
        for value in node.values():
            without_downloads(value)
    elif isinstance(node, list):
        for value in node:
            without_downloads(value)


def load(path):
    """The config, ready to build on this machine without downloads."""
    cfg = Config.fromfile(path)
    configure_device(cfg, 'none')
    without_downloads(cfg.model)
    return cfg


def heads(model_cfg):
    decode = model_cfg.decode_head
    return (list(decode) if isinstance(decode, list) else [decode]) + (
        [model_cfg.auxiliary_head] if model_cfg.get('auxiliary_head') else [])


def test_every_published_model_has_its_config_and_nothing_else(repo_root):
    rows = published(repo_root)
    assert sum(task == 'sem_seg' for task, _ in rows) == 53
    assert sum(task == 'drivable' for task, _ in rows) == 56
    for task in TASKS:
        present = {osp.basename(p) for p in glob.glob(f'{repo_root}/{task}/configs/{task}/*.py')}
        assert present == {name for t, name in rows if t == task} | EXTRA[task]


def check_published_setting(cfg, task, name, row):
    """The settings the model table (``row``: metadata) and the config name state."""
    dataset_type, metric_type, num_classes = TASKS[task]
    match = NAME.match(name)
    crop = tuple(int(v) for v in match['crop'].split('x'))
    assert cfg.train_cfg.max_iters == int(match['iters']) * 1000 == int(row['Iters'][:-1]) * 1000
    assert row['Input'].replace(' ', '') == '{}*{}'.format(*crop)
    assert cfg.model.data_preprocessor.size == crop
    assert [t for t in cfg.train_pipeline if t['type'] == 'RandomCrop'][0]['crop_size'] == crop
    assert cfg.train_dataloader.dataset.pipeline == cfg.train_pipeline
    assert cfg.train_dataloader.batch_size == 2 and cfg.auto_scale_lr.base_batch_size == 16
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        assert cfg[loader].dataset.type == dataset_type
    assert cfg.val_evaluator.type == cfg.test_evaluator.type == metric_type
    assert all(head.num_classes == num_classes for head in heads(cfg.model))
    fp16 = bool(row.get('FP16')) or '_fp16_' in name
    assert (cfg.optim_wrapper.type == 'AmpOptimWrapper') == fp16
    decode = heads(cfg.model)[0]
    assert (decode.get('norm_cfg', {}).get('type') == 'GN') == bool(row.get('GN'))
    assert (decode.get('conv_cfg') or {}).get('type', '') == (
        'DCNv2' if row.get('Deform. Conv.') else '')
    if crop == (769, 769):
        assert cfg.model.test_cfg == dict(mode='slide', crop_size=crop, stride=(513, 513))
        assert all(head.align_corners for head in heads(cfg.model))
    else:
        assert cfg.model.test_cfg.mode == 'whole'
    assert cfg.load_from is None


@pytest.fixture
def memoised_package_paths(monkeypatch):
    """mmengine reads mmseg's ~160 metafiles for every ``mmseg::`` base (about 1 s each, three per
    config): remember each lookup's outcome for the test's many configs."""
    from mmengine.config import config as config_module
    lookup = config_module._get_external_cfg_path
    outcomes = {}

    def memoised(package_path, cfg_path):
        key = (package_path, cfg_path)
        if key not in outcomes:
            try:
                outcomes[key] = lookup(package_path, cfg_path)
            except ValueError as err:  # not a model config: mmengine then takes the base path
                outcomes[key] = err
        if isinstance(outcomes[key], ValueError):
            raise outcomes[key]
        return outcomes[key]

    monkeypatch.setattr(config_module, '_get_external_cfg_path', memoised)


@pytest.mark.slow
@pytest.mark.usefixtures('memoised_package_paths')
def test_every_config_loads_holds_its_setting_and_builds(repo_root):
    rows = published(repo_root)
    paths = config_paths(repo_root)
    assert len(paths) == 109 + 4
    start = time.perf_counter()
    for path in paths:
        task = osp.basename(osp.dirname(path))
        name = osp.basename(path)
        cfg = load(path)
        if (task, name) in rows:
            check_published_setting(cfg, task, name, rows[(task, name)])
        model = MODELS.build(cfg.model)
        assert model.num_classes == TASKS[task][2], name
        del model
    print(f'\nloaded and built {len(paths)} sem_seg/drivable models in '
          f'{time.perf_counter() - start:.0f} s')


#: One config per method family (both tasks: the published families plus DANet, drivable only).
FAMILIES = [
    'sem_seg/fcn_r50-d8_769x769_40k', 'sem_seg/pspnet_r50-d8_512x1024_40k',
    'sem_seg/deeplabv3_r50-d8_512x1024_40k', 'sem_seg/deeplabv3+_r50-d8_512x1024_40k',
    'sem_seg/upernet_r50-d8_512x1024_40k', 'sem_seg/psanet_r50-d8_512x1024_40k',
    'sem_seg/nonlocal_r50-d8_512x1024_40k', 'sem_seg/fpn_r50_gn_dconv_512x1024_40k',
    'sem_seg/emanet_r50-d8_769x769_40k', 'sem_seg/dmnet_r50-d8_769x769_40k',
    'sem_seg/apcnet_r50-d8_512x1024_40k', 'sem_seg/fcn_hr48_512x1024_40k',
    'sem_seg/ccnet_r50-d8_512x1024_40k', 'sem_seg/gcnet_r50-d8_769x769_40k',
    'sem_seg/dnl_r50-d8_512x1024_40k', 'sem_seg/pointrend_r50_512x1024_40k',
    'sem_seg/upernet_vit-b_512x1024_80k', 'sem_seg/upernet_deit-s_512x1024_80k',
    'sem_seg/dpt_vit_512x1024_80k', 'sem_seg/upernet_swin-t_512x1024_40k',
    'sem_seg/upernet_convnext-t_fp16_512x1024_40k', 'sem_seg/dla34_512x1024_80k',
    'drivable/danet_r50-d8_512x1024_40k', 'drivable/pointrend_r50_512x1024_40k',
]


@pytest.mark.slow
@pytest.mark.parametrize('family', FAMILIES)
def test_one_model_per_family_runs_forward_on_cpu(repo_root, family):
    task, name = family.split('/')
    cfg = load(f'{repo_root}/{task}/configs/{task}/{name}_{task}_bdd100k.py')
    model = MODELS.build(cfg.model).eval()
    image = torch.randint(0, 255, (3, 64, 128), dtype=torch.uint8)
    sample = SegDataSample(metainfo=dict(img_shape=(64, 128), ori_shape=(64, 128)))
    with torch.no_grad():
        pred = model.test_step(dict(inputs=[image], data_samples=[sample]))[0]
    assert pred.pred_sem_seg.data.shape == (1, 64, 128)
    assert pred.seg_logits.data.shape == (TASKS[task][2], 64, 128)
