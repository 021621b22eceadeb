"""The PCAN sample config trains from its first stage's checkpoint, tests with the official MOTS
outputs, and ``bdd100k-zoo infer`` tracks and segments real KITTI frames with it (slow: two short
trainings, one test; the first stage's own test is ``tests/track/test_sample_training.py``'s)."""
import json
import os
import os.path as osp
import subprocess
import sys
import zipfile

import pytest
import torch

from bdd100k_zoo.cli import main as cli_main

FIRST_STAGE = 'mots/configs/mots/qdtrack-mrcnn_r18_fpn_mots_bdd100k_sample.py'
PCAN = 'mots/configs/mots/pcan-mrcnn_r18_fpn_mots_bdd100k_sample.py'
ITERS = 2
QUICK = [f'train_cfg.max_iters={ITERS}', f'train_cfg.val_interval={ITERS}',
         f'default_hooks.checkpoint.interval={ITERS}', 'default_hooks.logger.interval=1',
         'train_dataloader.num_workers=0', 'train_dataloader.persistent_workers=False',
         'val_dataloader.num_workers=0', 'val_dataloader.persistent_workers=False',
         # a few iterations leave every score low: let the tracker start tracks anyway
         'model.tracker.init_score_thr=0.0', 'model.tracker.obj_score_thr=0.0']
TEST_OPTIONS = QUICK[-4:]


def run_tool(repo_root: str, tool: str, *args: str) -> None:
    env = dict(os.environ, OMP_NUM_THREADS='1')
    done = subprocess.run([sys.executable, osp.join(repo_root, 'tools', tool), *args],
                          cwd=repo_root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]


def train(repo_root: str, config: str, data_root: str, work_dir: str,
          flags: tuple[str, ...] = (), options: tuple[str, ...] = ()) -> str:
    """Train ``ITERS`` iterations (with extra ``flags`` and config ``options``); returns the
    checkpoint."""
    run_tool(repo_root, 'train.py', config, '--data-root', data_root, '--work-dir', work_dir,
             *flags, '--cfg-options', *QUICK, *options)
    return osp.join(work_dir, f'iter_{ITERS}.pth')


def train_and_test(repo_root: str, config: str, data_root: str, work_dir: str,
                   flags: tuple[str, ...] = (), options: tuple[str, ...] = ()) -> tuple[str, str]:
    """:func:`train`, then test the checkpoint; returns the checkpoint and the test folder."""
    checkpoint = train(repo_root, config, data_root, work_dir, flags, options)
    out_dir = osp.join(work_dir, 'test')
    run_tool(repo_root, 'test.py', config, checkpoint, '--data-root', data_root, '--work-dir',
             work_dir, '--out-dir', out_dir, '--cfg-options', *TEST_OPTIONS)
    return checkpoint, out_dir


def assert_official_mots_outputs(out_dir: str) -> None:
    scores = json.load(open(osp.join(out_dir, 'scores.json')))
    assert scores['task'] == 'seg_track'
    assert {'mMOTA', 'mIDF1', 'IDSw'} <= set(scores['summary'])  # mMOTA on masks: mMOTSA
    preds = json.load(open(osp.join(out_dir, 'preds.json')))
    labels = [label for frame in preds for label in frame['labels']]
    assert labels and all('rle' in label for label in labels)
    with zipfile.ZipFile(osp.join(out_dir, 'bitmasks.zip')) as zf:
        assert len(zf.namelist()) == 8  # 2 val videos x 4 frames in the tiny sample


@pytest.mark.slow
def test_pcan_trains_from_its_first_stage_tests_and_infers(repo_root, tiny_sample, data_dir,
                                                           tmp_path):
    first_checkpoint = train(repo_root, FIRST_STAGE, tiny_sample, str(tmp_path / 'first'))
    # the first stage has no refine head nor memory prototypes: they start from their init
    checkpoint, out_dir = train_and_test(repo_root, PCAN, tiny_sample, str(tmp_path / 'pcan'),
                                         flags=('--allow-missing-weights', ),
                                         options=(f'load_from={first_checkpoint}', ))
    assert_official_mots_outputs(out_dir)
    first, pcan = (torch.load(path, map_location='cpu', weights_only=False)['state_dict']
                   for path in (first_checkpoint, checkpoint))
    assert all(torch.equal(pcan[name], value) for name, value in first.items())  # frozen
    refine = [name for name in pcan if name.startswith('refine_head.')]
    assert 'refine_head.pos_mu' in refine and 'frame_memory.mu1' in pcan

    kitti = osp.join(data_dir, 'kitti', 'tracking_0001')
    out = tmp_path / 'kitti'
    assert cli_main(['infer', PCAN, checkpoint, kitti, '--out', str(out), '--render', 'mp4',
                     '--cfg-options', *QUICK[-2:]]) == 0
    frames = json.load(open(out / 'tracking_0001.json'))
    assert [frame['frameIndex'] for frame in frames] == list(range(len(os.listdir(kitti))))
    labels = [label for frame in frames for label in frame['labels']]
    assert labels and all('rle' in label for label in labels)
    assert (out / 'tracking_0001.mp4').stat().st_size > 0
