"""``download MODEL --from-file PATH``: a copy the user already has, verified and put into the
cache, after which every command taking the model name finds it offline."""
from pathlib import Path

import pytest
import torch

from bdd100k_zoo.cli import main
from bdd100k_zoo.hub import (ENV_MIRROR, ChecksumMismatchError, DownloadError,
                             NotACheckpointError, download_checkpoint, install_checkpoint,
                             load_checkpoint_safely)


def flipped(data: bytes) -> bytes:
    """``data`` with one byte in the middle changed."""
    return data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 0xFF]) + data[len(data) // 2 + 1:]


@pytest.fixture
def copy(gone_zoo, tmp_path) -> Path:
    """The user's copy of the checkpoint, with no .md5 beside it."""
    path = tmp_path / 'mine' / 'tiny_det_bdd100k.pth'
    path.parent.mkdir()
    path.write_bytes(gone_zoo.checkpoint)
    return path


def test_copy_with_its_md5_beside_is_cached_and_found_offline(gone_zoo, copy, capsys,
                                                              checkpoint_file):
    copy.with_suffix('.md5').write_text(f'{gone_zoo.md5}  tiny_det_bdd100k.pth\n')
    assert main(['download', gone_zoo.name, '--from-file', str(copy)]) == 0
    assert capsys.readouterr().out == f'{gone_zoo.cached}\n'
    assert gone_zoo.cached.read_bytes() == gone_zoo.checkpoint
    # the published host is gone and no mirror is set: the name still works
    assert download_checkpoint(gone_zoo.name) == str(gone_zoo.cached)
    loaded = load_checkpoint_safely(gone_zoo.name, map_location='cpu')
    expected = torch.load(checkpoint_file, weights_only=False)['state_dict']
    assert all(torch.equal(loaded['state_dict'][k], v) for k, v in expected.items())
    assert gone_zoo.server.log == []


def test_explicit_md5(gone_zoo, copy):
    assert install_checkpoint(gone_zoo.name, str(copy), md5=gone_zoo.md5.upper()) == \
        str(gone_zoo.cached)


def test_md5_from_a_mirror(gone_zoo, copy, monkeypatch):
    gone_zoo.serve_md5(f'{gone_zoo.md5}\n'.encode(), '/m')
    monkeypatch.setenv(ENV_MIRROR, gone_zoo.server.url('/m'))
    install_checkpoint(gone_zoo.name, str(copy))
    assert gone_zoo.cached.read_bytes() == gone_zoo.checkpoint
    assert gone_zoo.server.requests('/m' + gone_zoo.pth_path) == []  # only the MD5 was read


def test_wrong_copy_is_refused_and_nothing_is_cached(gone_zoo, copy, capsys):
    copy.write_bytes(flipped(gone_zoo.checkpoint))
    with pytest.raises(ChecksumMismatchError, match=f'{copy}: expected {gone_zoo.md5}'):
        install_checkpoint(gone_zoo.name, str(copy), md5=gone_zoo.md5)
    assert main(['download', gone_zoo.name, '--from-file', str(copy), '--md5', gone_zoo.md5]) == 1
    assert 'MD5 mismatch' in capsys.readouterr().err
    assert gone_zoo.files() == []


def test_no_md5_anywhere_says_what_to_give(gone_zoo, copy):
    with pytest.raises(DownloadError, match='--md5') as info:
        install_checkpoint(gone_zoo.name, str(copy))
    assert '--mirror' in str(info.value)
    assert gone_zoo.files() == []


def test_a_page_is_not_a_checkpoint(gone_zoo, copy):
    copy.write_bytes(b'<html><body>Download</body></html>')
    with pytest.raises(NotACheckpointError, match=str(copy)):
        install_checkpoint(gone_zoo.name, str(copy), md5=gone_zoo.md5)
    assert gone_zoo.files() == []


def test_missing_copy(gone_zoo, tmp_path, capsys):
    assert main(['download', gone_zoo.name, '--from-file', str(tmp_path / 'nope.pth'),
                 '--md5', gone_zoo.md5]) == 1
    assert 'nope.pth does not exist' in capsys.readouterr().err


def test_a_wrong_copy_leaves_the_cached_checkpoint_alone(gone_zoo, copy):
    copy.with_suffix('.md5').write_text(f'{gone_zoo.md5}\n')
    install_checkpoint(gone_zoo.name, str(copy))
    copy.write_bytes(flipped(gone_zoo.checkpoint))
    with pytest.raises(ChecksumMismatchError):
        install_checkpoint(gone_zoo.name, str(copy))
    assert gone_zoo.cached.read_bytes() == gone_zoo.checkpoint
    assert download_checkpoint(gone_zoo.name) == str(gone_zoo.cached)
