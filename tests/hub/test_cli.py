"""``bdd100k-zoo download`` end to end, in process."""
import hashlib

from bdd100k_zoo.cli import main


def test_downloads_by_name_and_prints_the_path(zoo, capsys):
    zoo.serve()
    assert main(['download', zoo.name]) == 0
    out, err = capsys.readouterr()
    assert out == f'{zoo.cached}\n'
    assert f'downloading {zoo.url}' in err
    assert zoo.cached.read_bytes() == zoo.checkpoint


def test_url_md5_and_dest(zoo, tmp_path, capsys):
    zoo.serve()
    dest = tmp_path / 'weights'
    assert main(['download', zoo.url, '--md5', zoo.md5, '--dest', str(dest)]) == 0
    assert capsys.readouterr().out == f'{dest / "tiny_det_bdd100k.pth"}\n'
    assert hashlib.md5((dest / 'tiny_det_bdd100k.pth').read_bytes()).hexdigest() == zoo.md5
    assert zoo.server.requests(zoo.md5_path) == []


def test_errors_exit_1_with_the_message(zoo, capsys):
    zoo.serve()
    wrong = '0' * 32
    assert main(['download', zoo.name, '--md5', wrong]) == 1
    out, err = capsys.readouterr()
    assert out == ''
    assert f'error: MD5 mismatch for {zoo.url}: expected {wrong}, got {zoo.md5}' in err
    assert zoo.files() == []
    assert main(['download', 'no_such_model']) == 1
    assert "no model named 'no_such_model'" in capsys.readouterr().err
