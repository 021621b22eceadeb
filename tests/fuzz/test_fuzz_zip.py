"""Zip inputs (export/atomic.py ``extract_zip``, evaluation/files.py ``Input``): any archive is
extracted whole inside the target, or refused with nothing left behind.

Archives hold members with traversal, absolute, duplicate or clashing names, directory entries,
stored or deflated data, and are then damaged: bytes flipped or cut, members marked encrypted or
compressed with an unknown method.
"""
import contextlib
import io
import os
import os.path as osp
import tempfile
import warnings
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bdd100k_zoo.evaluation.files import Input
from bdd100k_zoo.export.atomic import extract_zip
from bdd100k_zoo.labels import LabelError

NAMES = ('a.png', 'a.png', 'sub/b.json', 'sub/', 'sub', 'sub/b.json/c.png', '../up.png',
         'sub/../../up.png', '/abs.png', 'C:\\win.png', 'back\\slash.png', './dot.json',
         'sub//double.png', 'x' * 300 + '.png', '\u00e9.json', '.')


@st.composite
def archives(draw: st.DrawFn) -> bytes:
    """The bytes of a zip of a few members, possibly damaged."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, 'w') as zf, warnings.catch_warnings():
        warnings.simplefilter('ignore')  # duplicate names
        for _ in range(draw(st.integers(0, 4))):
            info = zipfile.ZipInfo(draw(st.sampled_from(NAMES)))
            info.compress_type = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
            lzma_header = draw(st.sampled_from([b'', b'\0\0\5\0']))  # read if marked LZMA
            zf.writestr(info, lzma_header + draw(st.binary(max_size=40)) * draw(st.integers(1, 3)))
    data = bytearray(buffer.getvalue())
    kind = draw(st.sampled_from(['same', 'flip', 'cut', 'encrypted', 'method']))
    if kind in ('flip', 'cut') and data:
        at = draw(st.integers(0, len(data) - 1))
        if kind == 'flip':
            data[at] ^= draw(st.integers(1, 255))
        else:
            del data[at:]
    headers = [i for i in range(len(data) - 10) if data[i:i + 4] in (b'PK\x03\x04', b'PK\x01\x02')]
    if kind in ('encrypted', 'method') and headers:
        at = draw(st.sampled_from(headers))
        offset = 6 if data[at + 2] == 3 else 8  # flags of a local header / central directory
        if kind == 'encrypted':
            data[at + offset] |= 1
        else:
            data[at + offset + 2] = draw(st.sampled_from([1, 6, 12, 14, 99]))
    return bytes(data)


@settings(max_examples=200)
@given(archive=archives())
def test_a_zip_is_extracted_inside_the_target_or_refused_leaving_nothing(archive):
    with tempfile.TemporaryDirectory() as folder:
        path, dest = osp.join(folder, 'in.zip'), osp.join(folder, 'out', 'data')
        with open(path, 'wb') as f:
            f.write(archive)
        try:
            extract_zip(path, dest)
        except (ValueError, zipfile.BadZipFile):
            assert not osp.exists(dest)
            assert not osp.exists(osp.dirname(dest)) or os.listdir(osp.dirname(dest)) == []
        else:
            for parent, _, names in os.walk(dest):
                for name in names:
                    real = osp.realpath(osp.join(parent, name))
                    assert osp.commonpath([osp.realpath(dest), real]) == osp.realpath(dest)
            assert os.listdir(osp.dirname(dest)) == ['data']


@settings(max_examples=60)
@given(archive=archives())
def test_an_evaluation_input_zip_opens_or_names_the_zip(archive):
    with tempfile.TemporaryDirectory() as folder:
        path, temp = osp.join(folder, 'in.zip'), osp.join(folder, 'temp')
        os.mkdir(temp)
        with open(path, 'wb') as f:
            f.write(archive)
        saved, tempfile.tempdir = tempfile.tempdir, temp  # where Input extracts the zip
        try:
            with contextlib.ExitStack() as stack:
                Input(stack, path)
        except LabelError as err:
            assert str(err).startswith(f'{path}: ')
        finally:
            tempfile.tempdir = saved
        assert os.listdir(temp) == []


def test_a_member_with_bad_lzma_options_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, 'w') as zf:
        zf.writestr('a.png', b'\0\0\5\0' + b'\xff' * 10)
    data = bytearray(buffer.getvalue())
    for header, offset in ((b'PK\x03\x04', 8), (b'PK\x01\x02', 10)):  # method: LZMA (14)
        data[data.index(header) + offset] = zipfile.ZIP_LZMA
    (tmp_path / 'in.zip').write_bytes(bytes(data))
    with pytest.raises(zipfile.BadZipFile, match='Invalid or unsupported options'):
        extract_zip(str(tmp_path / 'in.zip'), str(tmp_path / 'out'))
    assert os.listdir(tmp_path) == ['in.zip']
