"""The pose sample config through the shared tools: train on the sample, test officially."""
import json
import os.path as osp
import subprocess
import sys
import zipfile

import pytest

from bdd100k_zoo.labels.categories import POSE_JOINTS
from bdd100k_zoo.labels.frames import read_frames

SAMPLE_CONFIG = 'pose/configs/pose/res18_128x96_pose_bdd100k_sample.py'
CPU_LOADERS = [f'{loader}.{key}' for loader in ('train_dataloader', 'val_dataloader',
                                                'test_dataloader')
               for key in ('num_workers=0', 'persistent_workers=False')]


def run_tool(args, cwd):
    result = subprocess.run([sys.executable] + args, cwd=cwd, capture_output=True, text=True,
                            timeout=1200)
    assert result.returncode == 0, result.stderr[-4000:]
    return result


def test_importing_the_pose_side_imports_no_other_side():
    code = ('import sys, bdd100k_zoo.pose; '
            'print(sorted(m for m in ("mmdet", "mmseg", "mmpretrain") if m in sys.modules))')
    result = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == '[]'


@pytest.mark.slow
def test_sample_config_trains_and_tests_with_the_official_metric(tmp_path, repo_root,
                                                                 tiny_sample):
    work_dir = tmp_path / 'work'
    common = ['--data-root', tiny_sample, '--work-dir', str(work_dir)]
    run_tool(['tools/train.py', SAMPLE_CONFIG, *common, '--cfg-options', *CPU_LOADERS,
              'train_cfg.max_iters=3', 'default_hooks.checkpoint.interval=3', 'val_cfg=None',
              'val_dataloader=None', 'val_evaluator=None'], cwd=repo_root)
    checkpoint = work_dir / 'iter_3.pth'
    assert checkpoint.is_file()
    out_dir = tmp_path / 'out'
    run_tool(['tools/test.py', SAMPLE_CONFIG, str(checkpoint), *common, '--out-dir',
              str(out_dir), '--cfg-options', *CPU_LOADERS], cwd=repo_root)
    scores = json.loads((out_dir / 'scores.json').read_text())
    assert scores['task'] == 'pose' and set(scores['summary']) >= {'AP', 'AP50', 'AP75', 'AR'}
    labels = read_frames(osp.join(tiny_sample, 'labels', 'pose_21', 'pose_val.json'))
    submission = json.loads((out_dir / 'preds.json').read_text())
    assert [frame['name'] for frame in submission] == [frame['name'] for frame in labels]
    people = [label for frame in submission for label in frame['labels']]
    assert 0 < len(people) <= sum(len(frame['labels']) for frame in labels)
    assert all([node['category'] for node in label['graph']['nodes']] == list(POSE_JOINTS)
               for label in people)
    with zipfile.ZipFile(out_dir / 'visuals.zip') as zf:
        assert len(zf.namelist()) == len({frame['name'] for frame in submission
                                          if frame['labels']})
