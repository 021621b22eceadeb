"""The tagging configs: one per published row (exact names), the time-of-day set, and all build.

Models are built with ``init_cfg=None`` (no downloads here).
"""
import glob
import json
import os.path as osp
import re

import pytest
import torch
from mmengine.config import Config
from mmengine.registry import init_default_scope
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import nn

import bdd100k_zoo.tagging  # noqa: F401  (registers BDD100KDLA, the dataset and the metric)
from bdd100k_zoo.labels.categories import TAGGING_ATTRIBUTES

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
CONFIGS = osp.join(REPO, 'tagging', 'configs')
#: The earlier zoo's tables (../shared beside the repository, as in CI).
REFERENCE = osp.join(REPO, 'tests', 'data', 'zoo', 'bdd100k_models_zoo_tables.json')
ALL = sorted(osp.relpath(path, CONFIGS) for path in glob.glob(osp.join(CONFIGS, '*', '*.py')))
ZOO = [path for path in ALL if not path.endswith('_sample.py')]
#: The models of the DLA issue: DLA-34, DLA-60 and DLA-X-60 at 224x224 for every attribute.
DLA = [f'{attr}/{arch}_5x_224x224_{attr}_tag_bdd100k.py'
       for attr in TAGGING_ATTRIBUTES for arch in ('dla34', 'dla60', 'dla60x')]
NAME = re.compile(r'(?P<arch>vgg\d+|resnet\d+|dla\d+x?)_(?P<schedule>[45])x(?P<crop>_224x224)?_'
                  r'(?P<attr>weather|scene|timeofday)_tag_bdd100k\.py$')


def load(path):
    cfg = Config.fromfile(osp.join(CONFIGS, path))
    init_default_scope(cfg.default_scope)
    return cfg


def build(cfg):
    model_cfg = cfg.model.copy()
    model_cfg.backbone = dict(model_cfg.backbone, init_cfg=None)
    return MODELS.build(model_cfg)


def outputs_of(model):
    """The number of classes the model predicts (its last linear layer or 1x1 conv)."""
    last = [m for m in model.modules() if isinstance(m, (nn.Linear, nn.Conv2d))][-1]
    return getattr(last, 'out_features', None) or last.out_channels


def published_configs():
    with open(REFERENCE) as f:
        rows = [row for row in json.load(f) if row['task'] == 'tagging']
    return [row['row']['Config']['links'][0] for row in rows]


def test_every_published_row_has_its_config():
    links = published_configs()
    assert len(links) == 28
    assert sorted(link[len('./configs/'):] for link in links) == sorted(
        path for path in ZOO if not path.startswith('timeofday/'))


def test_time_of_day_mirrors_the_weather_set_and_the_dla_issue_is_covered():
    weather = {path.split('/')[1].replace('weather', '{}') for path in ZOO
               if path.startswith('weather/')}
    timeofday = {path.split('/')[1].replace('timeofday', '{}') for path in ZOO
                 if path.startswith('timeofday/')}
    assert weather == timeofday and len(weather) == 14
    assert set(DLA) <= set(ZOO)
    assert {path.split('/')[1] for path in ALL if path.endswith('_sample.py')} == {
        f'resnet18_{attr}_tag_bdd100k_sample.py' for attr in TAGGING_ATTRIBUTES}


def test_basenames_are_unique_in_the_repository():
    """mim finds configs by basename."""
    paths = [path for pattern in ('*/configs/**/*.py', 'configs/**/*.py')
             for path in glob.glob(osp.join(REPO, pattern), recursive=True)]
    names = [osp.basename(path) for path in paths]
    assert all(names.count(osp.basename(path)) == 1 for path in ALL)


@pytest.mark.slow
def test_every_config_loads_and_builds_with_its_setting():
    """Name -> setting: crop size, batch, schedule, attribute, classes, initialisation."""
    for path in ZOO:
        cfg = load(path)
        setting = NAME.search(path).groupdict()
        attribute = setting['attr']
        assert path.startswith(attribute + '/')
        for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
            assert cfg[loader].dataset.type == 'BDD100KTaggingDataset'
            assert cfg[loader].dataset.attribute == attribute
        assert cfg.test_evaluator.type == 'BDD100KTaggingMetric'
        train, test = cfg.train_dataloader.dataset.pipeline, cfg.test_dataloader.dataset.pipeline
        if setting['crop']:
            assert (train[1].type, train[1].scale, cfg.train_dataloader.batch_size) == (
                'RandomResizedCrop', 224, 32)
            assert [(t.type, t.get('scale', t.get('crop_size'))) for t in test[1:3]] == [
                ('ResizeEdge', 256), ('CenterCrop', 224)]
        else:  # the earlier zoo: 12 images per GPU, but 8 for the ResNet-101 weather model
            batch = 8 if setting['arch'] == 'resnet101' and attribute != 'scene' else 12
            assert (train[1].type, train[1].crop_size, cfg.train_dataloader.batch_size) == (
                'RandomCrop', 640, batch)
            assert (test[1].type, test[1].crop_size) == ('CenterCrop', 640)
        epochs, milestones = {'4': (48, [24, 36]), '5': (60, [30, 45])}[setting['schedule']]
        assert cfg.train_cfg.max_epochs == epochs and cfg.param_scheduler.milestones == milestones
        # the earlier zoo: SGD lr 0.1, 0.01 for VGG
        assert cfg.optim_wrapper.optimizer.lr == (
            0.01 if setting['arch'].startswith('vgg') else 0.1)
        assert cfg.auto_scale_lr.base_batch_size == 4 * cfg.train_dataloader.batch_size

        backbone = cfg.model.backbone
        if setting['arch'].startswith('dla'):
            assert (backbone.type, backbone.arch) == ('BDD100KDLA', setting['arch'])
        init = backbone.get('init_cfg')
        if attribute == 'timeofday':  # new: from ImageNet weights
            assert init.type == 'Pretrained'
            assert re.match(setting['arch'] + '[-_]', osp.basename(init.checkpoint))
        else:  # published: from scratch, as the earlier zoo trained them
            assert init is None

        model = build(cfg)
        assert outputs_of(model) == len(TAGGING_ATTRIBUTES[attribute])
        del model


def test_dla_configs_use_bdd100k_dla_with_the_original_imagenet_weights():
    for path in DLA:
        backbone = load(path).model.backbone
        assert backbone.type == 'BDD100KDLA'
        if path.startswith('timeofday/'):
            assert re.fullmatch(r'http://dl\.yf\.io/dla/models/imagenet/'
                                r'(dla34-ba72cf86|dla60-24839fc4|dla60x-d15cacda)\.pth',
                                backbone.init_cfg.checkpoint)
            assert osp.basename(backbone.init_cfg.checkpoint).split('-')[0] == backbone.arch


def test_published_dla_checkpoints_load_with_their_own_keys():
    """The earlier zoo's DLA classifiers: the original DLA (timm's layout) under ``backbone.``.

    ClsHead has no weights, so a checkpoint holding exactly the backbone's ``base_layer`` ...
    ``level5`` and its 1x1-conv ``fc`` loads strictly, no key map.
    """
    timm = pytest.importorskip('timm')
    for path in ('weather/dla34_5x_224x224_weather_tag_bdd100k.py',
                 'scene/dla60x_5x_224x224_scene_tag_bdd100k.py'):
        model = build(load(path))
        arch = model.backbone.arch
        state = timm.create_model(arch, pretrained=False, num_classes=7).state_dict()
        model.load_state_dict({f'backbone.{key}': value for key, value in state.items()},
                              strict=True)


@pytest.mark.parametrize('path, size', [
    ('weather/resnet18_4x_weather_tag_bdd100k.py', 64),
    ('scene/vgg11_5x_224x224_scene_tag_bdd100k.py', 224),  # VGG's classifier needs 7x7 features
    ('timeofday/dla34_5x_224x224_timeofday_tag_bdd100k.py', 64),
    ('weather/dla60x_5x_224x224_weather_tag_bdd100k.py', 64),
])
def test_one_model_per_family_trains_and_predicts(path, size):
    cfg = load(path)
    model = build(cfg)
    classes = TAGGING_ATTRIBUTES[cfg.train_dataloader.dataset.attribute]
    inputs = torch.randn(2, 3, size, size)
    samples = [DataSample().set_gt_label(1), DataSample().set_gt_label(0)]
    features = model.extract_feat(inputs)
    assert isinstance(features, tuple), (
        f'{cfg.model.backbone.type} must return a tuple of features: mmpretrain heads take the '
        f'last one (feats[-1]), which of a tensor is the last image')
    losses = model(inputs, samples, mode='loss')
    losses['loss'].backward()
    assert torch.isfinite(losses['loss'])
    model.eval()
    with torch.no_grad():
        assert model(inputs, mode='tensor').shape == (2, len(classes))
        predictions = model(inputs, [DataSample(), DataSample()], mode='predict')
    assert [tuple(p.pred_score.shape) for p in predictions] == [(len(classes),)] * 2
    assert all(0 <= int(p.pred_label) < len(classes) for p in predictions)
