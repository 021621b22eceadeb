"""A checkpoint file that is not one (here: empty, as an interrupted copy leaves it) ends every
command that loads weights with one line naming the file and exit code 2, writing nothing."""
import os.path as osp

import pytest

from bdd100k_zoo.cli import main

KITTI_FRAMES = osp.join(osp.dirname(osp.dirname(__file__)), 'data', 'kitti', 'detection')


@pytest.mark.parametrize('command', [
    ['infer', 'det/configs/det/faster_rcnn_r18_fpn_det_bdd100k_sample.py', '{ckpt}', KITTI_FRAMES,
     '--out', '{out}'],
    ['anomaly', 'fit', 'anomaly/configs/anomaly/dla34_knn_anomaly_bdd100k_sample.py', '{ckpt}',
     '--out', '{out}/stats.pth'],
    ['multitask', 'extract', '{ckpt}', '--task', 'det', '--out', '{out}/det.pth'],
], ids=['infer', 'anomaly fit', 'multitask extract'])
def test_an_empty_checkpoint_is_named_in_one_line(command, repo_root, tmp_path, capsys,
                                                  monkeypatch):
    monkeypatch.chdir(repo_root)
    checkpoint = tmp_path / 'weights.pth'
    checkpoint.write_bytes(b'')
    out = tmp_path / 'out'
    args = [arg.format(ckpt=checkpoint, out=out) for arg in command]
    assert main(args) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1
    assert f'cannot read checkpoint {checkpoint}' in error
    assert not out.exists()
