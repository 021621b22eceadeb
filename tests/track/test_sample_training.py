"""The CPU-sized QDTrack configs train and test on the generated sample with the repository's tools,
and a trained checkpoint tracks real KITTI frames (slow: a few training iterations each)."""
import json
import os
import os.path as osp
import subprocess
import sys
import zipfile

import pytest

from bdd100k_zoo.cli import main as cli_main

MOT_CONFIG = 'mot/configs/mot/qdtrack-frcnn_r18_fpn_mot_bdd100k_sample.py'
MOTS_CONFIG = 'mots/configs/mots/qdtrack-mrcnn_r18_fpn_mots_bdd100k_sample.py'
ITERS = 3
QUICK = [f'train_cfg.max_iters={ITERS}', f'train_cfg.val_interval={ITERS}',
         f'default_hooks.checkpoint.interval={ITERS}', 'default_hooks.logger.interval=1',
         'train_dataloader.num_workers=0', 'train_dataloader.persistent_workers=False',
         'val_dataloader.num_workers=0', 'val_dataloader.persistent_workers=False',
         # a few iterations leave every score low: let the tracker start tracks anyway
         'model.tracker.init_score_thr=0.0', 'model.tracker.obj_score_thr=0.0']


def run_tool(repo_root: str, tool: str, *args: str) -> None:
    env = dict(os.environ, OMP_NUM_THREADS='1')
    done = subprocess.run([sys.executable, osp.join(repo_root, 'tools', tool), *args],
                          cwd=repo_root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]


def train_and_test(repo_root: str, config: str, data_root: str, work_dir: str) -> dict:
    run_tool(repo_root, 'train.py', config, '--data-root', data_root, '--work-dir', work_dir,
             '--cfg-options', *QUICK)
    checkpoint = osp.join(work_dir, f'iter_{ITERS}.pth')
    assert osp.isfile(checkpoint)
    out_dir = osp.join(work_dir, 'test')
    run_tool(repo_root, 'test.py', config, checkpoint, '--data-root', data_root, '--work-dir',
             work_dir, '--out-dir', out_dir, '--cfg-options', *QUICK[-6:])
    return json.load(open(osp.join(out_dir, 'scores.json')))


@pytest.mark.slow
def test_mot_sample_config_trains_tests_and_tracks_kitti(repo_root, tiny_sample, data_dir,
                                                         tmp_path):
    work_dir = str(tmp_path / 'mot')
    scores = train_and_test(repo_root, MOT_CONFIG, tiny_sample, work_dir)
    assert scores['task'] == 'box_track'
    assert {'mMOTA', 'mIDF1', 'mMOTP', 'IDSw', 'FP', 'FN'} <= set(scores['summary'])
    out_dir = osp.join(work_dir, 'test')
    for name in ('preds.json', 'submission.zip', 'visuals.zip'):
        assert osp.isfile(osp.join(out_dir, name))
    preds = json.load(open(osp.join(out_dir, 'preds.json')))
    assert sum(len(frame['labels']) for frame in preds) > 0

    kitti = osp.join(data_dir, 'kitti', 'tracking_0001')
    out = tmp_path / 'kitti'
    assert cli_main(['infer', MOT_CONFIG, osp.join(work_dir, f'iter_{ITERS}.pth'), kitti,
                     '--out', str(out), '--cfg-options', *QUICK[-2:]]) == 0
    frames = json.load(open(out / 'tracking_0001.json'))
    assert [frame['frameIndex'] for frame in frames] == list(range(len(os.listdir(kitti))))
    assert (out / 'tracking_0001.gif').is_file()


@pytest.mark.slow
def test_mots_sample_config_trains_and_tests(repo_root, tiny_sample, tmp_path):
    scores = train_and_test(repo_root, MOTS_CONFIG, tiny_sample, str(tmp_path / 'mots'))
    assert scores['task'] == 'seg_track'
    with zipfile.ZipFile(tmp_path / 'mots' / 'test' / 'bitmasks.zip') as zf:
        assert all(name.startswith('bitmasks/') and name.endswith('.png')
                   for name in zf.namelist())
        assert len(zf.namelist()) == 8  # 2 val videos x 4 frames in the tiny sample
