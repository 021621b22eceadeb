"""Every CPU sample config of the repository (``<task>/configs/**/*_sample.py``, found by glob)
trains on the freshly generated sample, the way tools/train.py runs it: a few iterations, one
image per batch, inputs shrunk (slow). The task tests score each sample config's outputs."""
import argparse
import glob
import os.path as osp
from typing import Any

import pytest

from bdd100k_zoo.runtime.checkpoint_hook import use_bdd100k_checkpoint_hook
from bdd100k_zoo.runtime.launch import build_runner, prepare_config

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
#: The task configs (configs/_base_ holds parts, not configs to train).
SAMPLE_CONFIGS = sorted(osp.relpath(path, REPO_ROOT) for path in glob.glob(
    osp.join(REPO_ROOT, '*', 'configs', '**', '*_sample.py'), recursive=True)
    if not osp.relpath(path, REPO_ROOT).startswith('configs'))
#: Every task with a sample config (the README promises one per task).
TASKS = {'det', 'ins_seg', 'pan_seg', 'sem_seg', 'drivable', 'lane', 'tagging', 'pose', 'mot', 'mots',
         'anomaly', 'multitask'}
ITERS = 2
#: Train-only, in this process: no validation, no worker processes, one image (or clip) per batch.
OPTIONS = {'train_cfg.max_iters': ITERS, 'default_hooks.checkpoint.interval': ITERS,
           'default_hooks.logger.interval': 1, 'randomness.seed': 0}
LOADER_OPTIONS = dict(batch_size=1, num_workers=0, persistent_workers=False)
#: Resize scales (width, height) and crop sizes (height, width) of the training inputs, for speed.
SMALL_SCALE = (320, 180)
SMALL_CROP = (128, 256)


def shrink(node: Any) -> None:
    """Shrinks every resize ``scale`` and ``crop_size`` of a (nested) pipeline config in place."""
    if isinstance(node, dict):
        if isinstance(node.get('scale'), (tuple, list)) and len(node['scale']) == 2:
            node['scale'] = SMALL_SCALE
        if 'crop_size' in node:
            node['crop_size'] = SMALL_CROP
        for value in node.values():
            shrink(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            shrink(value)


def test_every_task_has_a_sample_config():
    assert {path.split(osp.sep)[0] for path in SAMPLE_CONFIGS} == TASKS


@pytest.mark.slow
@pytest.mark.parametrize('config', SAMPLE_CONFIGS)
def test_sample_config_trains_on_the_generated_sample(tiny_sample, tmp_path, config):
    work_dir = tmp_path / 'work'
    cfg = prepare_config(argparse.Namespace(
        config=osp.join(REPO_ROOT, config), cfg_options=dict(OPTIONS), work_dir=str(work_dir),
        data_root=tiny_sample.root, launcher='none'))
    cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    cfg.visualizer.name = f'sample_config_{osp.basename(config)}'  # one per config and process
    loaders = cfg.train_dataloader.get('tasks', {'': cfg.train_dataloader})  # multitask: per task
    for loader in loaders.values():
        loader.update(LOADER_OPTIONS)
    shrink(cfg.train_dataloader)
    use_bdd100k_checkpoint_hook(cfg)
    runner = build_runner(cfg)
    runner.train()
    assert runner.iter == ITERS
    assert osp.isfile(work_dir / f'iter_{ITERS}.pth')
