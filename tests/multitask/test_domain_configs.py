"""multitask/configs/domain: the BDD100K paper's Table 4 rows, the zoo's det Faster R-CNN R-50-FPN
1x config plus a training domain and the domain scores; each builds, and selects its domain's
frames of a real label file."""
import copy
import functools
import glob
import json
import os.path as osp
import re
from typing import Any, Dict

import pytest
from mmdet.registry import DATASETS, MODELS
from mmengine.config import Config
from mmengine.registry import init_default_scope

import bdd100k_zoo.det  # noqa: F401  (registers the det side into mmdet)

FOLDER = 'multitask/configs/domain'
RECIPE = 'det/configs/det/faster_rcnn_r50_fpn_1x_det_bdd100k.py'
TAGS = 'scalabel-eval/tagging/tag_gts.json'
#: Table 4's training sets: which frames of a label file each may draw from.
DOMAINS = {
    'city-30k': lambda a: a['scene'] == 'city street',
    'non-city-30k': lambda a: a['scene'] != 'city street',
    'daytime-30k': lambda a: a['timeofday'] == 'daytime',
    'non-daytime-30k': lambda a: a['timeofday'] != 'daytime',
    'random-30k': lambda a: True,
}
#: The only settings in which a domain config differs from the det recipe.
DOMAIN_KEYS = re.compile(r'train_dataloader\.dataset\.frame_filter\..*|'
                         r'(val|test)_evaluator\.slice_by')


def config(repo_root: str, domain: str) -> Config:
    """A copy of the resolved config of a training set (each file is parsed once)."""
    return copy.deepcopy(parsed(osp.join(repo_root, FOLDER,
                                         f'faster_rcnn_r50_fpn_1x_{domain}_det_bdd100k.py')))


@functools.lru_cache(maxsize=None)
def parsed(path: str) -> Config:
    return Config.fromfile(path)


def flat(node: Any, prefix: str = '') -> Dict[str, Any]:
    """``{dotted key: leaf}`` of a config tree (lists kept as leaves)."""
    if not isinstance(node, dict):
        return {prefix: node}
    out = {}
    for key, value in node.items():
        out.update(flat(value, f'{prefix}.{key}' if prefix else key))
    return out


def test_one_config_per_training_set(repo_root):
    names = sorted(osp.basename(p) for p in glob.glob(osp.join(repo_root, FOLDER, '*.py')))
    assert names == sorted(f'faster_rcnn_r50_fpn_1x_{d}_det_bdd100k.py' for d in DOMAINS)


@pytest.mark.parametrize('domain', sorted(DOMAINS))
def test_the_det_recipe_with_a_domain_and_the_domain_scores(repo_root, domain):
    cfg = flat(config(repo_root, domain).to_dict())
    recipe = flat(parsed(osp.join(repo_root, RECIPE)).to_dict())
    changed = {key for key in set(cfg) | set(recipe) if cfg.get(key) != recipe.get(key)}
    assert changed and all(DOMAIN_KEYS.fullmatch(key) for key in changed), changed
    assert cfg['train_dataloader.dataset.frame_filter.num_frames'] == 30000
    # the recipe the README names: 1x, 8 GPUs x 4 images, 1280x720
    assert cfg['train_cfg.max_epochs'] == 12 and cfg['train_dataloader.batch_size'] == 4
    assert cfg['auto_scale_lr.base_batch_size'] == 32
    assert cfg['train_dataloader.dataset.pipeline'][2]['scale'] == (1280, 720)
    for split in ('val', 'test'):
        assert cfg[f'{split}_evaluator.slice_by'] == ('scene=city street', 'timeofday=daytime')


@pytest.mark.parametrize('domain', sorted(DOMAINS))
def test_the_training_set_holds_its_domain_of_a_real_label_file(repo_root, data_dir, domain):
    init_default_scope('mmdet')
    path = osp.join(data_dir, TAGS)
    with open(path) as f:
        frames = json.load(f)
    inside = [frame['name'] for frame in frames if DOMAINS[domain](frame['attributes'])]
    dataset_cfg = config(repo_root, domain).train_dataloader.dataset
    # the tagging fixture has no boxes: without the recipe's filter of frames without one
    dataset_cfg.update(data_root='', ann_file=path, check_images=False, pipeline=[],
                       filter_cfg=None)
    dataset_cfg.frame_filter.num_frames = 2
    dataset = DATASETS.build(dataset_cfg)
    names = [dataset.get_data_info(i)['name'] for i in range(len(dataset))]
    assert len(names) == 2 and set(names) <= set(inside)
    dataset_cfg.frame_filter.pop('num_frames')
    everything = DATASETS.build(dataset_cfg)
    assert [everything.get_data_info(i)['name'] for i in range(len(everything))] == inside


@pytest.mark.slow
def test_the_model_builds(repo_root):
    init_default_scope('mmdet')
    cfg = config(repo_root, 'random-30k')
    cfg.model.backbone.init_cfg = None
    model = MODELS.build(cfg.model)
    assert type(model).__name__ == 'FasterRCNN' and model.roi_head.bbox_head.num_classes == 10


def test_readme_gives_each_config_its_published_row(repo_root):
    with open(osp.join(repo_root, 'multitask', 'README.md'), encoding='utf-8') as f:
        readme = f.read()
    linked = re.findall(r'\(\./configs/domain/(faster_rcnn_[^)]+\.py)\)', readme)
    assert sorted(set(linked)) == sorted(f'faster_rcnn_r50_fpn_1x_{d}_det_bdd100k.py'
                                         for d in DOMAINS)
    assert all(osp.isfile(osp.join(repo_root, FOLDER, name)) for name in linked)
