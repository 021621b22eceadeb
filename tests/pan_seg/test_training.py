"""The CPU-sized pan_seg sample config trains and tests on the sample, as tools/train.py and
tools/test.py run it (bdd100k_zoo.runtime.launch), with the official metric."""
import argparse
import json
import os
import os.path as osp
import zipfile

import pytest

from bdd100k_zoo.runtime.launch import build_runner, prepare_config, set_output_dir

CONFIG = 'pan_seg/configs/pan_seg/panoptic_fpn_r18_fpn_pan_seg_bdd100k_sample.py'
ITERS = 4
#: A few iterations, small batches, no worker processes (the test's own process does the loading).
OPTIONS = {
    'train_cfg.max_iters': ITERS, 'train_cfg.val_interval': ITERS,
    'default_hooks.checkpoint.interval': ITERS, 'default_hooks.logger.interval': 1,
    'train_dataloader.batch_size': 2, 'train_dataloader.num_workers': 0,
    'train_dataloader.persistent_workers': False,
    **{f'{loader}.{key}': value for loader in ('val_dataloader', 'test_dataloader')
       for key, value in (('batch_size', 1), ('num_workers', 0), ('persistent_workers', False))},
}


def command_line(config, work_dir, data_root):
    """The arguments tools/train.py and tools/test.py hand to ``prepare_config``."""
    return argparse.Namespace(config=config, cfg_options=dict(OPTIONS), work_dir=str(work_dir),
                              data_root=data_root, launcher='none')


@pytest.mark.slow
def test_sample_config_trains_and_tests(repo_root, tiny_sample, tmp_path):
    config = osp.join(repo_root, CONFIG)
    work_dir = tmp_path / 'work'
    build_runner(prepare_config(command_line(config, work_dir, tiny_sample))).train()
    checkpoint = work_dir / f'iter_{ITERS}.pth'
    assert checkpoint.is_file()

    cfg = prepare_config(command_line(config, tmp_path / 'test', tiny_sample))
    out_dir = tmp_path / 'out'
    set_output_dir(cfg, str(out_dir))
    cfg.load_from = str(checkpoint)
    metrics = build_runner(cfg).test()
    assert {'bdd100k/PQ', 'bdd100k/PQ/STUFF', 'bdd100k/PQ/THING'} <= set(metrics)
    with open(out_dir / 'scores.json') as f:
        assert json.load(f)['task'] == 'pan_seg'
    stems = sorted(osp.splitext(name)[0] for name in os.listdir(
        osp.join(tiny_sample, 'labels', 'pan_seg', 'bitmasks', 'val')))
    with open(out_dir / 'preds.json') as f:
        assert sorted(osp.splitext(frame['name'])[0] for frame in json.load(f)) == stems
    with zipfile.ZipFile(out_dir / 'bitmasks.zip') as zf:
        assert sorted(zf.namelist()) == [f'bitmasks/{stem}.png' for stem in stems]
    with zipfile.ZipFile(out_dir / 'visuals.zip') as zf:
        assert len(zf.namelist()) == len(stems)
