"""MD5 parsing and checking."""
import hashlib

import pytest

from bdd100k_zoo.hub.errors import InvalidMD5Error
from bdd100k_zoo.hub.md5 import file_md5, md5_file_text, normalise_md5, parse_md5_file

HEX = '9e107d9d372bb6826bd81d3542a419d6'


@pytest.mark.parametrize('text', [
    HEX, f'{HEX}\n', f'  {HEX.upper()}  \n', f'{HEX}  faster_rcnn_r50_fpn_1x_det_bdd100k.pth\n',
    f'{HEX} *epoch_12.pth', f'{HEX}\tmodel with spaces.pth\r\n'])
def test_accepts_bare_hash_and_md5sum_lines(text):
    assert parse_md5_file(text, 'x.md5') == HEX


@pytest.mark.parametrize('text', [
    '', '\n', '<!DOCTYPE html><html><body>Not Found</body></html>', HEX[:-1], HEX + '0',
    f'{HEX}\n{HEX}  other.pth\n', f'MD5 (model.pth) = {HEX}', f'{HEX}:model.pth',
    'g' * 32])
def test_rejects_anything_else_naming_the_source(text):
    with pytest.raises(InvalidMD5Error, match=r'https://host/m\.md5 is not an MD5 file'):
        parse_md5_file(text, 'https://host/m.md5')


def test_written_md5_files_read_back():
    assert parse_md5_file(md5_file_text(HEX, 'm.pth'), 'm.md5') == HEX


def test_normalise_md5():
    assert normalise_md5(f' {HEX.upper()} ') == HEX
    with pytest.raises(InvalidMD5Error, match="--md5 is not an MD5 .*'abc'"):
        normalise_md5('abc', source='--md5')


def test_file_md5(tmp_path):
    data = bytes(range(256)) * 5000
    (tmp_path / 'f').write_bytes(data)
    assert file_md5(str(tmp_path / 'f')) == hashlib.md5(data).hexdigest()
