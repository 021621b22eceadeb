"""The CPU sample configs through tools/train.py and tools/test.py, scored officially."""
import json
import os.path as osp
import subprocess
import sys
import zipfile

import pytest

from bdd100k_zoo.evaluation import evaluate_files
from bdd100k_zoo.labels.categories import TAGGING_ATTRIBUTES
from bdd100k_zoo.labels.frames import read_frames

CPU_LOADERS = [f'{loader}.{key}' for loader in ('train_dataloader', 'val_dataloader',
                                                 'test_dataloader')
               for key in ('num_workers=0', 'persistent_workers=False')]


def run_tool(args, cwd):
    result = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    return result


@pytest.mark.slow
@pytest.mark.parametrize('attribute', sorted(TAGGING_ATTRIBUTES))
def test_sample_config_trains_and_tests_with_the_official_metric(tmp_path, repo_root, tiny_sample,
                                                                 attribute):
    config = f'tagging/configs/{attribute}/resnet18_{attribute}_tag_bdd100k_sample.py'
    work_dir, out_dir = tmp_path / 'work', tmp_path / 'out'
    common = ['--data-root', tiny_sample, '--work-dir', str(work_dir), '--cfg-options',
              *CPU_LOADERS]
    run_tool(['tools/train.py', config, *common, 'train_cfg.max_iters=2',
              'train_cfg.val_interval=2', 'default_hooks.checkpoint.interval=2'], cwd=repo_root)
    assert osp.isfile(work_dir / 'iter_2.pth')
    run_tool(['tools/test.py', config, str(work_dir / 'iter_2.pth'), *common[:2],
              '--work-dir', str(tmp_path / 'test'), '--out-dir', str(out_dir), '--cfg-options',
              *CPU_LOADERS], cwd=repo_root)

    gt_file = osp.join(tiny_sample, 'labels', 'det_20', 'det_val.json')
    names = [frame['name'] for frame in read_frames(gt_file)]
    preds = json.loads((out_dir / 'preds.json').read_text())
    assert [frame['name'] for frame in preds] == names
    assert all(list(frame) == ['name', 'attributes'] and list(frame['attributes']) == [attribute]
               and frame['attributes'][attribute] in TAGGING_ATTRIBUTES[attribute]
               for frame in preds)
    scores = json.loads((out_dir / 'scores.json').read_text())
    official = evaluate_files('tagging', gt_file, str(out_dir / 'preds.json'))
    assert scores['summary'] == official.to_dict()['summary']
    assert set(scores['summary']) >= {'accuracy', 'precision', 'recall', 'f1_score'}
    with zipfile.ZipFile(out_dir / 'visuals.zip') as visuals:
        assert sorted(visuals.namelist()) == sorted(osp.splitext(n)[0] + '.jpg' for n in names)
