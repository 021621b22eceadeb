"""The CPU-sized sample configs train and test on the generated sample, as tools/train.py and
tools/test.py run them (bdd100k_zoo.runtime.launch), with the official metrics."""
import argparse
import json
import os.path as osp
import zipfile

import pytest
from mmdet.registry import DATASETS, HOOKS
from mmengine.config import Config

from bdd100k_zoo.labels.frames import read_frames
from bdd100k_zoo.runtime.launch import build_runner, prepare_config, set_data_root, set_output_dir

CONFIGS = {
    'det': 'det/configs/det/faster_rcnn_r18_fpn_det_bdd100k_sample.py',
    'ins_seg': 'ins_seg/configs/ins_seg/mask_rcnn_r18_fpn_ins_seg_bdd100k_sample.py',
}
STRONG_CONFIG = 'det/configs/det/faster_rcnn_swin-t_fpn_3x_strong_det_bdd100k.py'
#: The label file each config is scored against (the val split of the sample).
VAL_LABELS = {'det': 'labels/det_20/det_val.json',
              'ins_seg': 'labels/ins_seg/rles/ins_seg_val.json'}
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
@pytest.mark.parametrize('task', sorted(CONFIGS))
def test_sample_config_trains_and_tests(repo_root, tiny_sample, tmp_path, task):
    config = osp.join(repo_root, CONFIGS[task])
    work_dir = tmp_path / 'work'
    build_runner(prepare_config(command_line(config, work_dir, tiny_sample))).train()
    checkpoint = work_dir / f'iter_{ITERS}.pth'
    assert checkpoint.is_file()

    cfg = prepare_config(command_line(config, tmp_path / 'test', tiny_sample))
    out_dir = tmp_path / 'out'
    set_output_dir(cfg, str(out_dir))
    cfg.load_from = str(checkpoint)
    metrics = build_runner(cfg).test()
    assert 'bdd100k/AP' in metrics
    with open(out_dir / 'scores.json') as f:
        assert json.load(f)['task'] == task
    with open(out_dir / 'preds.json') as f:
        preds = json.load(f)
    gt = read_frames(osp.join(tiny_sample, VAL_LABELS[task]))
    assert sorted(frame['name'] for frame in preds) == sorted(frame['name'] for frame in gt)
    assert zipfile.ZipFile(out_dir / 'visuals.zip').namelist()
    if task == 'ins_seg':
        assert 'bdd100k/bbox/AP' in metrics
        with zipfile.ZipFile(out_dir / 'bitmasks.zip') as zf:
            pngs = [name for name in zf.namelist() if name.endswith('.png')]
            assert len(pngs) == len(gt) and 'score.json' in zf.namelist()


@pytest.mark.slow
def test_strong_augmentation_runs_on_the_sample(repo_root, tiny_sample):
    cfg = Config.fromfile(osp.join(repo_root, STRONG_CONFIG))
    set_data_root(cfg, tiny_sample)
    dataset = DATASETS.build(cfg.train_dataloader.dataset)
    mixed = dataset[0]  # a mosaic of 4 images, mixed up, resized by 0.5-1.5, cropped to 1280x720
    assert mixed['inputs'].shape[1] <= 720 and mixed['inputs'].shape[2] <= 1280
    assert len(mixed['data_samples'].gt_instances) > 0
    dataset.update_skip_type_keys(HOOKS.build(cfg.custom_hooks[0]).skip_type_keys)
    plain = dataset[0]
    assert tuple(plain['inputs'].shape) == (3, 720, 1280)
    assert len(plain['data_samples'].gt_instances) > 0
