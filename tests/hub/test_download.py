"""download_checkpoint against a real HTTP server: verification, errors, resuming, the cache."""
import hashlib
import socket
from pathlib import Path

import pytest

from bdd100k_zoo.hub import (ChecksumMismatchError, DownloadError, HTTPStatusError,
                             IncompleteDownloadError, InvalidMD5Error, ModelNotFoundError,
                             NotACheckpointError, SizeMismatchError, download_checkpoint)
from bdd100k_zoo.hub.fetch import MAX_STALLED_ATTEMPTS


def md5_of(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def test_downloads_verifies_and_records(zoo):
    zoo.serve()
    path = download_checkpoint(zoo.name)
    assert path == str(zoo.cached)
    assert zoo.cached.read_bytes() == zoo.checkpoint
    assert (zoo.cached.parent / 'tiny_det_bdd100k.md5').read_text() == \
        f'{zoo.md5}  tiny_det_bdd100k.pth\n'
    assert zoo.files() == ['checkpoints/det/tiny_det_bdd100k.md5',
                           'checkpoints/det/tiny_det_bdd100k.pth']
    assert len(zoo.server.full_downloads(zoo.pth_path)) == 1


def test_cached_file_is_reverified_without_downloading(zoo):
    zoo.serve()
    download_checkpoint(zoo.name)
    assert download_checkpoint(zoo.name) == str(zoo.cached)
    assert len(zoo.server.requests(zoo.pth_path)) == 1
    assert len(zoo.server.requests(zoo.md5_path)) == 1


def test_corrupt_cache_file_is_downloaded_again(zoo, hub_messages):
    zoo.serve()
    download_checkpoint(zoo.name)
    corrupt = bytearray(zoo.checkpoint)
    corrupt[len(corrupt) // 2] ^= 0xFF
    zoo.cached.write_bytes(bytes(corrupt))
    assert download_checkpoint(zoo.name) == str(zoo.cached)
    assert md5_of(zoo.cached) == zoo.md5
    assert len(zoo.server.full_downloads(zoo.pth_path)) == 2
    assert any('corrupt' in message and zoo.md5 in message for message in hub_messages)


def test_cached_file_without_record_is_checked_against_published_md5(zoo):
    zoo.serve()
    zoo.cached.parent.mkdir(parents=True)
    zoo.cached.write_bytes(zoo.checkpoint)
    assert download_checkpoint(zoo.name) == str(zoo.cached)
    assert zoo.server.requests(zoo.pth_path) == []
    assert (zoo.cached.parent / 'tiny_det_bdd100k.md5').is_file()


def test_leftovers_of_an_interrupted_download_are_removed(zoo):
    zoo.serve()
    zoo.cached.parent.mkdir(parents=True)
    stale = zoo.cached.parent / '.tiny_det_bdd100k.pth.k3j_2x9a.tmp'
    stale.write_bytes(zoo.checkpoint[:100])
    download_checkpoint(zoo.name)
    assert not stale.exists()
    assert md5_of(zoo.cached) == zoo.md5


@pytest.mark.parametrize('target', [
    'tiny_det_bdd100k', 'det/configs/det/tiny_det_bdd100k.py', 'tiny_det_bdd100k.py',
    'bdd100k://det/tiny_det_bdd100k'])
def test_names_configs_and_uris_resolve_to_the_same_file(zoo, target):
    zoo.serve()
    assert download_checkpoint(target) == str(zoo.cached)
    assert md5_of(zoo.cached) == zoo.md5


def test_url_with_published_md5(zoo):
    zoo.serve()
    assert download_checkpoint(zoo.url) == str(zoo.cached)
    assert len(zoo.server.requests(zoo.md5_path)) == 1


def test_url_with_explicit_md5_needs_no_md5_file(zoo, tmp_path):
    zoo.server.routes['/elsewhere/weights.pth'] = zoo.serve()
    del zoo.server.routes[zoo.md5_path]
    path = download_checkpoint(zoo.server.url('/elsewhere/weights.pth'), md5=zoo.md5.upper(),
                               dest=str(tmp_path / 'out'))
    assert path == str(tmp_path / 'out' / 'weights.pth')
    assert md5_of(Path(path)) == zoo.md5
    assert zoo.server.requests(zoo.md5_path) == []


def test_url_without_md5_is_refused(zoo):
    zoo.server.routes['/elsewhere/weights.pth'] = zoo.serve()
    with pytest.raises(DownloadError, match=r'no MD5 is published .*elsewhere/weights\.md5.*--md5'):
        download_checkpoint(zoo.server.url('/elsewhere/weights.pth'))
    assert zoo.files() == []


def test_dest_folder(zoo, tmp_path):
    zoo.serve()
    dest = tmp_path / 'weights'
    assert download_checkpoint(zoo.name, dest=str(dest)) == str(dest / 'tiny_det_bdd100k.pth')
    assert zoo.files(dest) == ['tiny_det_bdd100k.md5', 'tiny_det_bdd100k.pth']
    assert zoo.files() == []


def test_wrong_published_md5(zoo):
    zoo.serve()
    wrong = '0' * 32
    zoo.serve_md5(f'{wrong}\n'.encode())
    with pytest.raises(ChecksumMismatchError) as info:
        download_checkpoint(zoo.name)
    assert zoo.url in str(info.value) and wrong in str(info.value) and zoo.md5 in str(info.value)
    assert zoo.files() == []


def test_wrong_explicit_md5_leaves_nothing_in_dest(zoo, tmp_path):
    zoo.serve()
    wrong = 'f' * 32
    with pytest.raises(ChecksumMismatchError, match=f'expected {wrong}, got {zoo.md5}'):
        download_checkpoint(zoo.name, md5=wrong, dest=str(tmp_path / 'out'))
    assert zoo.files(tmp_path / 'out') == []


def test_invalid_explicit_md5(zoo):
    with pytest.raises(InvalidMD5Error, match='not an MD5'):
        download_checkpoint(zoo.name, md5='d41d8cd98f00b204')


@pytest.mark.parametrize('md5_text', [b'<html><body>Not here</body></html>', b'', b'12345',
                                      b'd41d8cd98f00b204e9800998ecf8427e\nsecond line'])
def test_invalid_md5_file(zoo, md5_text):
    zoo.serve()
    zoo.serve_md5(md5_text)
    with pytest.raises(InvalidMD5Error, match='tiny_det_bdd100k.md5 is not an MD5 file'):
        download_checkpoint(zoo.name)
    assert zoo.files() == []


def test_truncated_body(zoo):
    """The connection keeps dropping: the bytes received stay in a partial file for next time."""
    zoo.serve(truncate_at=len(zoo.checkpoint) // 2, ranges=False)
    with pytest.raises(IncompleteDownloadError) as info:
        download_checkpoint(zoo.name)
    message = str(info.value)
    assert zoo.url in message
    assert f'expected {len(zoo.checkpoint)} bytes, received {info.value.received}' in message
    assert 0 < info.value.received <= len(zoo.checkpoint) // 2
    assert isinstance(info.value, SizeMismatchError)
    assert len(zoo.server.requests(zoo.pth_path)) == MAX_STALLED_ATTEMPTS + 1
    assert zoo.files() == [f'checkpoints/det/.tiny_det_bdd100k.pth.{zoo.md5}.part']
    assert (zoo.cache / zoo.files()[0]).stat().st_size == info.value.received
    assert info.value.partial == str(zoo.cache / zoo.files()[0])


@pytest.mark.parametrize('status', [404, 500])
def test_http_errors(zoo, status):
    zoo.serve(status=status)
    with pytest.raises(HTTPStatusError, match=f'{zoo.url} failed: the server answered HTTP '
                                              f'{status}') as info:
        download_checkpoint(zoo.name)
    assert info.value.status == status
    assert zoo.files() == []


def test_html_page_served_with_200(zoo):
    zoo.serve()
    zoo.server.routes[zoo.pth_path].body = b'<!DOCTYPE html><html><body>Login</body></html>'
    zoo.server.routes[zoo.pth_path].content_type = 'text/html; charset=utf-8'
    with pytest.raises(NotACheckpointError, match=f'{zoo.url} served a text/html'):
        download_checkpoint(zoo.name)
    assert zoo.files() == []


def test_page_served_as_binary_is_recognised_by_its_first_bytes(zoo):
    zoo.serve()
    zoo.server.routes[zoo.pth_path].body = b'\n<html><body>Error</body></html>'
    with pytest.raises(NotACheckpointError, match=r"did not serve a PyTorch checkpoint: it starts "
                                                  r"with b'\\n<html>"):
        download_checkpoint(zoo.name)
    assert zoo.files() == []


def test_resumes_with_range_after_a_dropped_connection(zoo, hub_messages):
    half = len(zoo.checkpoint) // 2
    zoo.serve(drop_first_at=half)
    download_checkpoint(zoo.name)
    assert md5_of(zoo.cached) == zoo.md5
    first, resumed = zoo.server.requests(zoo.pth_path)
    assert (first.status, first.sent, first.complete) == (200, half, False)
    # the client keeps the chunks it received whole and asks for the rest
    start = int(resumed.range[len('bytes='):-1])
    assert 0 < start <= half
    assert (resumed.range, resumed.status, resumed.complete) == (f'bytes={start}-', 206, True)
    assert any(f'lost after {start} bytes, resuming' in message for message in hub_messages)


def test_restarts_from_zero_when_range_is_ignored(zoo, hub_messages):
    half = len(zoo.checkpoint) // 2
    zoo.serve(drop_first_at=half, ranges=False)
    download_checkpoint(zoo.name)
    assert md5_of(zoo.cached) == zoo.md5
    first, again = zoo.server.requests(zoo.pth_path)
    assert (first.status, first.complete) == (200, False)
    assert again.range.startswith('bytes=') and again.range != 'bytes=0-'
    assert (again.status, again.sent, again.complete) == (200, len(zoo.checkpoint), True)
    assert any('does not support resuming' in message for message in hub_messages)


def test_unknown_model_suggests_close_names(zoo):
    with pytest.raises(ModelNotFoundError, match='did you mean tiny_det_bdd100k'):
        download_checkpoint('tiny_det_bdd10k')


def test_progress_bar_on_stderr(zoo, capsys):
    zoo.serve()
    download_checkpoint(zoo.name, progress=True)
    err = capsys.readouterr().err
    assert 'tiny_det_bdd100k.pth' in err and '100%' in err and 'B/s' in err  # size and speed


def test_unreachable_server(zoo, tmp_path):
    closed = socket.socket()
    closed.bind(('127.0.0.1', 0))
    port = closed.getsockname()[1]
    closed.close()
    url = f'http://127.0.0.1:{port}/bdd100k/det/models/x.pth'
    with pytest.raises(DownloadError, match=f'downloading {url} failed'):
        download_checkpoint(url, md5=zoo.md5, dest=str(tmp_path / 'out'))
    assert zoo.files(tmp_path / 'out') == []


@pytest.mark.parametrize('failure', ['404', 'md5 mismatch', 'unreachable'])
def test_a_failed_download_leaves_no_folder_and_no_lock(zoo, failure, tmp_path):
    zoo.serve(status=404 if failure == '404' else 200)
    target, md5 = zoo.name, None
    if failure == 'md5 mismatch':
        md5 = '0' * 32
    if failure == 'unreachable':
        with socket.socket() as probe:
            probe.bind(('127.0.0.1', 0))
            target = f'http://127.0.0.1:{probe.getsockname()[1]}/bdd100k/det/models/x.pth'
        md5 = zoo.md5
    with pytest.raises(DownloadError):
        download_checkpoint(target, md5=md5)
    assert list(zoo.cache.rglob('*')) == []
    with pytest.raises(DownloadError):
        download_checkpoint(target, md5=md5, dest=str(tmp_path / 'new' / 'weights'))
    assert not (tmp_path / 'new' / 'weights').exists()


def test_lock_files_do_not_pile_up(zoo):
    zoo.serve()
    download_checkpoint(zoo.name)
    download_checkpoint(zoo.name, dest=str(zoo.cache / 'elsewhere'))
    assert not (zoo.cache / 'locks').exists()
