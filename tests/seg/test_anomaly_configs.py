"""The anomaly configs: they load, wrap the intended segmentor, name layers the model has, and the
base of each model builds; the sample config keeps the sem_seg sample model's weights."""
import glob
import os.path as osp

import pytest
from mmengine.config import ConfigDict
from mmengine.registry import init_default_scope
from mmseg.registry import MODELS

from bdd100k_zoo.anomaly.features import find_module
from bdd100k_zoo.runtime.launch import configure_device, load_config
from bdd100k_zoo.zoo.building import without_init

BASES = {'pspnet_r50-d8': 'pspnet_r50-d8_512x1024_80k_bdd_anomaly.py',
         'dla34_512x1024': 'dla34_512x1024_80k_bdd_anomaly.py',
         'sample': 'dla34_anomaly_bdd100k_sample.py'}


def config_files(repo_root):
    return sorted(glob.glob(osp.join(repo_root, 'anomaly', 'configs', 'anomaly', '*.py')))


def base_of(path):
    name = osp.basename(path)
    if name.endswith('bdd100k_sample.py'):
        return 'sample'
    return 'pspnet_r50-d8' if name.startswith('pspnet') else 'dla34_512x1024'


@pytest.fixture(scope='module')
def models(repo_root):
    """The model of each base config, built without initialisation."""
    init_default_scope('mmseg')
    built = {}
    for key, name in BASES.items():
        cfg = load_config(osp.join(repo_root, 'anomaly', 'configs', 'anomaly', name))
        configure_device(cfg, 'none')
        built[key] = MODELS.build(ConfigDict(without_init(cfg.model.to_dict())))
    return built


@pytest.mark.slow
def test_every_config_wraps_its_model_and_names_existing_layers(repo_root, models):
    files = config_files(repo_root)
    assert len(files) == 24
    for path in files:
        cfg = load_config(path)
        model = cfg.model
        assert model.type == 'BDD100KAnomalySegmentor' and model.primary in model.scores, path
        known = 19 if base_of(path) == 'sample' else 17
        head = model.segmentor.decode_head
        if head.type == 'BDD100KOpenSetPrototypeHead':
            head = head.head  # built with K + 1 outputs: the prototypes and the unknown class
        assert head.num_classes == known + ('_void_' in osp.basename(path)), path
        assert cfg.test_evaluator.type == 'BDD100KAnomalyMetric', path
        for score in model.scores.values():
            specs = [score['layer']] if 'layer' in score else list(score.get('layers', ()))
            for spec in specs:
                find_module(models[base_of(path)], spec)


def test_the_sample_config_loads_sem_seg_sample_checkpoints(repo_root, models):
    cfg = load_config(osp.join(repo_root, 'sem_seg', 'configs', 'sem_seg',
                               'dla34_sem_seg_bdd100k_sample.py'))
    plain = MODELS.build(ConfigDict(without_init(cfg.model.to_dict())))
    assert {k: v.shape for k, v in plain.state_dict().items()} == {
        k: v.shape for k, v in models['sample'].state_dict().items()}
