"""The lane and lane + drivable sample configs train a few iterations on a fresh generated sample,
test on it (the metric's numbers equal the official evaluation of the written masks) and run
``bdd100k-zoo infer`` from the checkpoint, on CPU."""
import os
import os.path as osp

import numpy as np
import pytest
from PIL import Image

from bdd100k_zoo.evaluation import evaluate_files
from bdd100k_zoo.inference.api import infer
from bdd100k_zoo.labels.lanes import read_lane_mask
from bdd100k_zoo.runtime.launch import (build_runner, configure_device, load_config,
                                        set_data_root, set_output_dir, set_work_dir)

LOADERS = ('train_dataloader', 'val_dataloader', 'test_dataloader')
F1_KEYS = [f'bdd100k/F1_pix{tolerance}' for tolerance in (1, 2, 5)]


def quick():
    """Overrides for a short in-process run: 2 iterations of 1 image, no worker processes."""
    options = {'train_cfg.max_iters': 2, 'train_cfg.val_interval': 2,
               'default_hooks.checkpoint.interval': 2, 'default_hooks.logger.interval': 1,
               'train_dataloader.batch_size': 1}
    for loader in LOADERS:
        options.update({f'{loader}.num_workers': 0, f'{loader}.persistent_workers': False})
    return options


@pytest.mark.slow
@pytest.mark.parametrize('config, with_drivable', [
    ('dla34_lane_bdd100k_sample.py', False),
    ('dla34_lane_drivable_bdd100k_sample.py', True),
])
def test_lane_models_train_test_and_infer_on_the_sample(repo_root, tiny_sample, tmp_path, config,
                                                        with_drivable):
    path = osp.join(repo_root, 'lane', 'configs', 'lane', config)
    cfg = load_config(path, quick())
    cfg.visualizer.name = f'visualizer_lane_{config}'
    set_work_dir(cfg, str(tmp_path / 'work'), path)
    set_data_root(cfg, tiny_sample)
    configure_device(cfg, 'none')
    out_dir = tmp_path / 'out'
    set_output_dir(cfg, str(out_dir))
    runner = build_runner(cfg)
    runner.train()
    checkpoint = tmp_path / 'work' / 'iter_2.pth'
    assert osp.isfile(checkpoint)
    metrics = runner.test()

    lane_dir = out_dir / 'lane' if with_drivable else out_dir
    assert {'masks.zip', 'preds.json', 'scores.json', 'visuals.zip'} <= set(os.listdir(lane_dir))
    gt_dir = osp.join(tiny_sample, 'labels', 'lane', 'masks', 'val')
    official = evaluate_files('lane_mark', gt_dir, str(lane_dir / 'masks.zip'))
    for key in F1_KEYS:
        assert metrics[key] == pytest.approx(official.summary[key.split('/')[1]])
    assert ('bdd100k/mIoU' in metrics) == with_drivable
    if with_drivable:
        drivable = evaluate_files('drivable', osp.join(tiny_sample, 'labels', 'drivable', 'masks',
                                                       'val'), str(out_dir / 'masks.zip'))
        assert metrics['bdd100k/mIoU'] == pytest.approx(drivable.summary['mIoU'])

    image_dir = osp.join(tiny_sample, 'images', '100k', 'val')
    image = sorted(os.listdir(image_dir))[0]
    infer(path, str(checkpoint), [osp.join(image_dir, image)], str(tmp_path / 'infer'))
    stem = osp.splitext(image)[0]
    mask = read_lane_mask(str(tmp_path / 'infer' / 'masks' / f'{stem}.png'))
    assert mask.shape == (720, 1280)
    with Image.open(tmp_path / 'infer' / 'visuals' / f'{stem}.jpg') as visual:
        assert visual.size == (1280, 720)
    assert np.isin(mask, [255]).mean() > 0.5   # thinned lines, not whole regions
