"""Mask PNG readers (labels/masks.py, labels/lanes.py): any file gives an array or a LabelError
naming it.

Inputs: PNGs of every mode, size and value range; the official masks with flipped, cut or
inserted bytes; other image formats; a PNG header claiming a huge image; raw bytes.
"""
import io
import struct
import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.categories import SEM_SEG_CLASSES
from bdd100k_zoo.labels.lanes import read_lane_mask
from bdd100k_zoo.labels.masks import read_bitmask, read_class_mask, read_png

READERS = {
    'png': read_png,
    'bitmask': read_bitmask,
    'class mask': lambda source, name: read_class_mask(source, len(SEM_SEG_CLASSES), name),
    'lane mask': read_lane_mask,
}
#: Image modes and the array type that makes each.
MODES = {'1': bool, 'L': np.uint8, 'P': np.uint8, 'LA': np.uint8, 'RGB': np.uint8,
         'RGBA': np.uint8, 'I;16': np.uint16}
CHANNELS = {'LA': 2, 'RGB': 3, 'RGBA': 4}


def chunk(kind: bytes, data: bytes) -> bytes:
    """A PNG chunk with its length and CRC."""
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))


def huge_png(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` grey pixels (with almost no data)."""
    header = struct.pack('>IIBBBBB', width, height, 8, 0, 0, 0, 0)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(b'\0'))
            + chunk(b'IEND', b''))


@st.composite
def images(draw: st.DrawFn) -> bytes:
    """An image of any mode, a small size and any values, as PNG or another format."""
    mode = draw(st.sampled_from(sorted(MODES)))
    shape = (draw(st.integers(1, 9)), draw(st.integers(1, 9))) + (
        (CHANNELS[mode],) if mode in CHANNELS else ())
    high = draw(st.sampled_from([1, 2, 18, 19, 63, 64, 255, 65535]))
    array = np.random.default_rng(draw(st.integers(0, 99))).integers(0, high + 1, shape)
    image = Image.fromarray(array.astype(MODES[mode])).convert(mode)
    kind = draw(st.sampled_from(['PNG', 'PNG', 'PNG', 'BMP', 'GIF', 'TIFF']))
    if kind in ('BMP', 'GIF') and mode in ('I;16', 'LA'):
        kind = 'PNG'
    buffer = io.BytesIO()
    image.save(buffer, format=kind)
    return buffer.getvalue()


@st.composite
def damaged_pngs(draw: st.DrawFn, originals) -> bytes:
    """An official mask with bytes flipped, cut or inserted."""
    data = bytearray(draw(st.sampled_from(originals)))
    kind = draw(st.sampled_from(['flip', 'cut', 'insert']))
    at = draw(st.integers(0, len(data) - 1))
    if kind == 'flip':
        data[at] ^= draw(st.integers(1, 255))
    elif kind == 'cut':
        del data[at:]
    else:
        data[at:at] = draw(st.binary(min_size=1, max_size=8))
    return bytes(data)


@pytest.fixture(scope='module')
def official_masks(data_dir: str) -> list:
    """The bytes of one official mask of each kind: class mask, bitmask, lane mask."""
    files = ('seg/gt/a.png', 'ins_seg/gt/a.png', 'mots/gt/vid/a.png')
    masks = []
    for name in files:
        with open(f'{data_dir}/bdd100k-eval/{name}', 'rb') as f:
            masks.append(f.read())
    return masks


@pytest.mark.parametrize('reader', sorted(READERS))
@settings(max_examples=60)
@given(data=st.data())
def test_any_file_gives_an_array_or_names_the_file(reader, official_masks, data, tmp_path_factory):
    content = data.draw(st.one_of(images(), damaged_pngs(official_masks), st.binary(max_size=80),
                                  st.sampled_from([huge_png(100_000, 100_000),
                                                   huge_png(0, 5)])))
    path = tmp_path_factory.getbasetemp() / 'mask.png'
    path.write_bytes(content)
    for source, name in ((content, 'mask.png'), (str(path), str(path))):
        try:
            array = READERS[reader](source, name)
        except LabelError as err:
            assert str(err).startswith(f'{name}: ')
        else:
            assert array is not None


@pytest.mark.parametrize('reader', sorted(READERS))
def test_files_pillow_fails_on_in_other_ways_are_named(reader, official_masks):
    flipped = bytearray(official_masks[1])
    flipped[100] ^= 0xff  # a damaged chunk: Pillow raises SyntaxError
    for content in (bytes(flipped), huge_png(100_000, 100_000)):  # DecompressionBombError
        with pytest.raises(LabelError, match='^mask.png: cannot read PNG'):
            READERS[reader](content, 'mask.png')
