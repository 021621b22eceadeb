"""Mirrors of the published weights (the published host is gone): by model name, in order,
tampered or missing files, local folders, and the error that names the option."""
import hashlib

import pytest

from bdd100k_zoo.cli import main
from bdd100k_zoo.hub import ENV_MIRROR, DownloadError, UnreachableError, download_checkpoint


def flipped(data: bytes) -> bytes:
    """``data`` with one byte in the middle changed."""
    return data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 0xFF]) + data[len(data) // 2 + 1:]


MIRROR = '/copies'


def test_mirror_serves_the_model_by_name(gone_zoo, monkeypatch):
    gone_zoo.serve(MIRROR)
    monkeypatch.setenv(ENV_MIRROR, gone_zoo.server.url(MIRROR))
    assert download_checkpoint(gone_zoo.name) == str(gone_zoo.cached)
    assert gone_zoo.cached.read_bytes() == gone_zoo.checkpoint
    assert [r.status for r in gone_zoo.server.requests(MIRROR + gone_zoo.pth_path)] == [200]
    assert gone_zoo.files() == ['checkpoints/det/tiny_det_bdd100k.md5',
                                'checkpoints/det/tiny_det_bdd100k.pth']


def test_mirrors_are_tried_in_order(gone_zoo, monkeypatch, hub_messages):
    gone_zoo.serve('/second')
    monkeypatch.setenv(ENV_MIRROR, f'{gone_zoo.server.url("/first")}, '
                                   f'{gone_zoo.server.url("/second")}')
    assert download_checkpoint(gone_zoo.name) == str(gone_zoo.cached)
    assert len(gone_zoo.server.requests('/first' + gone_zoo.md5_path)) == 1  # a 404 page
    assert gone_zoo.cached.read_bytes() == gone_zoo.checkpoint
    assert any('mirror ' + gone_zoo.server.url('/first') in m and 'HTTP 404' in m
               for m in hub_messages)


def test_option_mirrors_come_before_the_environment(gone_zoo, monkeypatch, capsys):
    gone_zoo.serve('/option')
    gone_zoo.serve('/env')
    monkeypatch.setenv(ENV_MIRROR, gone_zoo.server.url('/env'))
    assert main(['download', gone_zoo.name, '--mirror', gone_zoo.server.url('/option')]) == 0
    assert capsys.readouterr().out == f'{gone_zoo.cached}\n'
    assert len(gone_zoo.server.requests('/option' + gone_zoo.pth_path)) == 1
    assert gone_zoo.server.requests('/env' + gone_zoo.pth_path) == []


def test_tampered_mirror_file_is_refused_and_nothing_stays(gone_zoo, monkeypatch):
    route = gone_zoo.serve(MIRROR)
    tampered = bytearray(gone_zoo.checkpoint)
    tampered[-10] ^= 0xFF
    route.body = bytes(tampered)
    monkeypatch.setenv(ENV_MIRROR, gone_zoo.server.url(MIRROR))
    with pytest.raises(DownloadError, match=f'MD5 mismatch .*expected {gone_zoo.md5}'):
        download_checkpoint(gone_zoo.name)
    assert gone_zoo.files() == []


def test_a_good_second_mirror_wins_over_a_tampered_first(gone_zoo, monkeypatch):
    gone_zoo.serve('/bad').body = flipped(gone_zoo.checkpoint)
    gone_zoo.serve('/good')
    monkeypatch.setenv(ENV_MIRROR, f'{gone_zoo.server.url("/bad")} {gone_zoo.server.url("/good")}')
    download_checkpoint(gone_zoo.name)
    assert hashlib.md5(gone_zoo.cached.read_bytes()).hexdigest() == gone_zoo.md5


def test_unreachable_published_host_without_mirror_names_the_option(gone_zoo, capsys):
    with pytest.raises(UnreachableError, match='cannot reach 127.0.0.1') as info:
        download_checkpoint(gone_zoo.name)
    message = str(info.value)
    assert f'{ENV_MIRROR}=<prefix>' in message and '--mirror' in message
    assert '--from-file' in message
    assert gone_zoo.files() == []
    assert main(['download', gone_zoo.name]) == 1
    assert '--mirror' in capsys.readouterr().err


def test_unreachable_host_and_mirror_name_both(gone_zoo, monkeypatch):
    monkeypatch.setenv(ENV_MIRROR, gone_zoo.server.url(MIRROR))  # serves nothing: 404 pages
    with pytest.raises(DownloadError) as info:
        download_checkpoint(gone_zoo.name)
    message = str(info.value)
    assert f'mirror {gone_zoo.server.url(MIRROR)}: ' in message and 'HTTP 404' in message
    assert 'published URL: ' in message and 'cannot reach' in message
    assert f'{ENV_MIRROR}=<prefix>' not in message  # a mirror was tried: no advice to set one
    assert gone_zoo.files() == []


@pytest.mark.parametrize('scheme', ['', 'file://'])
def test_local_folder_mirror(gone_zoo, monkeypatch, tmp_path, scheme):
    folder = tmp_path / 'nfs'
    target = folder / gone_zoo.pth_path.lstrip('/')
    target.parent.mkdir(parents=True)
    target.write_bytes(gone_zoo.checkpoint)
    target.with_suffix('.md5').write_text(f'{gone_zoo.md5}  {target.name}\n')
    monkeypatch.setenv(ENV_MIRROR, f'{scheme}{folder}')
    assert download_checkpoint(gone_zoo.name) == str(gone_zoo.cached)
    assert gone_zoo.cached.read_bytes() == gone_zoo.checkpoint
    target.write_bytes(flipped(gone_zoo.checkpoint))
    gone_zoo.cached.unlink()
    with pytest.raises(DownloadError, match=f'MD5 mismatch for {target}'):
        download_checkpoint(gone_zoo.name)
    assert not gone_zoo.cached.exists()


def test_mirrors_do_not_apply_to_urls_outside_the_zoo(zoo, monkeypatch):
    """A mirror holds the zoo's published files; another project's URL is fetched as given."""
    zoo.server.routes['/other/backbone.pth'] = zoo.serve()
    monkeypatch.setenv(ENV_MIRROR, zoo.server.url(MIRROR))
    download_checkpoint(zoo.server.url('/other/backbone.pth'), md5=zoo.md5)
    assert zoo.server.requests(MIRROR + '/other/backbone.pth') == []


def test_tools_and_infer_take_mirror_options(gone_zoo, monkeypatch, tmp_path):
    """``--mirror`` of tools/train.py, tools/test.py (and so mim) and ``infer`` reaches every
    checkpoint the process (and its workers) load."""
    from bdd100k_zoo.cli import build_parser
    from bdd100k_zoo.hub import load_checkpoint_safely
    from bdd100k_zoo.runtime.launch import add_common_arguments, prepare_config
    import argparse
    gone_zoo.serve(MIRROR)
    monkeypatch.setenv(ENV_MIRROR, '')  # restored after the test, whatever the tools set
    config = tmp_path / 'tiny.py'
    config.write_text('model = dict(type="Nothing")\n')
    parser = argparse.ArgumentParser()
    parser.add_argument('config')
    add_common_arguments(parser)
    prepare_config(parser.parse_args([str(config), '--mirror', gone_zoo.server.url(MIRROR)]))
    assert load_checkpoint_safely(gone_zoo.name)['meta']['epoch'] == 12
    infer_args = build_parser().parse_args(['infer', 'c.py', 'ck', 'img.jpg', '--out', 'o',
                                            '--mirror', 'https://a', '--mirror', '/b'])
    assert infer_args.mirror == ['https://a', '/b']
