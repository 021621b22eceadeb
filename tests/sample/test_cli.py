"""``bdd100k-zoo sample``: writes the sample, refuses to touch a non-empty folder unless asked to
replace it, and leaves nothing behind (nor damages an existing folder) when generation fails."""
import os

import pytest

from bdd100k_zoo.cli import main
from bdd100k_zoo.sample import generate, generate_sample


def existing_folder(tmp_path):
    out = tmp_path / 'out'
    out.mkdir()
    (out / 'keep.txt').write_text('precious')
    return out


def test_the_command_writes_the_sample(tmp_path, one_each, capsys):
    out = tmp_path / 'out'
    assert main(['sample', '--out', str(out), '--scale', 'tiny', '--seed', '3']) == 0
    report = capsys.readouterr().out
    assert 'seed 3' in report and 'det_20' in report and 'seg_track_20' in report
    assert sorted(os.listdir(out)) == ['images', 'labels', 'sample_info.json']
    assert os.listdir(tmp_path) == ['out']


def test_a_non_empty_folder_is_refused(tmp_path, capsys):
    out = existing_folder(tmp_path)
    assert main(['sample', '--out', str(out), '--scale', 'tiny']) == 2
    assert '--overwrite' in capsys.readouterr().err
    assert os.listdir(out) == ['keep.txt'] and (out / 'keep.txt').read_text() == 'precious'
    assert os.listdir(tmp_path) == ['out']


def test_overwrite_replaces_the_folder_as_a_whole(tmp_path, one_each):
    out = existing_folder(tmp_path)
    assert main(['sample', '--out', str(out), '--scale', 'tiny', '--overwrite']) == 0
    assert sorted(os.listdir(out)) == ['images', 'labels', 'sample_info.json']
    assert os.listdir(tmp_path) == ['out']


def test_a_failure_leaves_nothing_behind(tmp_path, one_each, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError('disk full')
    monkeypatch.setattr(generate, 'write_seg_track_split', fail)
    with pytest.raises(RuntimeError, match='disk full'):
        generate_sample(str(tmp_path / 'new'), scale='tiny')
    assert os.listdir(tmp_path) == []
    out = existing_folder(tmp_path)
    with pytest.raises(RuntimeError, match='disk full'):
        generate_sample(str(out), scale='tiny', overwrite=True)
    assert os.listdir(tmp_path) == ['out']
    assert os.listdir(out) == ['keep.txt'] and (out / 'keep.txt').read_text() == 'precious'


def test_bad_arguments_are_reported(tmp_path, capsys):
    assert main(['sample', '--out', str(tmp_path / 'out'), '--seed', '-2']) == 2
    assert 'non-negative' in capsys.readouterr().err
    (tmp_path / 'file').write_text('x')
    assert main(['sample', '--out', str(tmp_path / 'file')]) == 2
    assert 'not a folder' in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(['sample', '--out', str(tmp_path / 'out'), '--scale', 'huge'])
