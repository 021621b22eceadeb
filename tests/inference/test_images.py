"""Input images: files and folders collected in order, named by file name, clear read errors."""
import os.path as osp
import shutil

import pytest

from bdd100k_zoo.inference import ImageReadError, InferenceError, collect_images
from bdd100k_zoo.inference.images import load_image

KITTI_NAMES = ['000000.png', '000001.png']


def test_folder_gives_its_images_sorted_and_files_keep_their_order(kitti_dir, tmp_path):
    (tmp_path / 'notes.txt').write_text('not an image')
    shutil.copy(osp.join(kitti_dir, '000000.png'), tmp_path / 'b.PNG')
    images = collect_images([str(tmp_path), kitti_dir])
    assert [image.name for image in images] == ['b.PNG'] + KITTI_NAMES
    assert images[0].path == str(tmp_path / 'b.PNG') and images[0].stem == 'b'


def test_a_file_given_twice_is_used_once(kitti_dir):
    first = osp.join(kitti_dir, '000001.png')
    images = collect_images([first, kitti_dir])
    assert [image.name for image in images] == ['000001.png', '000000.png']


@pytest.mark.parametrize('make, message', [
    (lambda root: str(root / 'missing.png'), 'input not found'),
    (lambda root: str(root), 'holds no .jpg/.jpeg/.png image'),
    (lambda root: str(root / 'notes.txt'), 'is not a .jpg/.jpeg/.png image'),
])
def test_bad_inputs_are_named(tmp_path, make, message):
    (tmp_path / 'notes.txt').write_text('text')
    target = make(tmp_path)
    with pytest.raises((FileNotFoundError, InferenceError), match=message) as info:
        collect_images([target])
    assert target in str(info.value)


def test_no_input_is_refused():
    with pytest.raises(InferenceError, match='no input'):
        collect_images([])


def test_two_images_of_the_same_stem_are_refused(kitti_dir, tmp_path):
    shutil.copy(osp.join(kitti_dir, '000000.png'), tmp_path / '000000.jpg')
    with pytest.raises(InferenceError, match="stem '000000'"):
        collect_images([kitti_dir, str(tmp_path / '000000.jpg')])


def test_real_frames_load_as_rgb(kitti_dir):
    image = load_image(osp.join(kitti_dir, '000001.png'))
    assert image.mode == 'RGB' and image.size == (1242, 375)


@pytest.mark.parametrize('content', [b'', b'\x89PNG\r\n\x1a\n not really', b'garbage'])
def test_unreadable_image_is_named(tmp_path, content):
    path = tmp_path / 'broken.png'
    path.write_bytes(content)
    with pytest.raises(ImageReadError, match='cannot read image .*broken.png'):
        load_image(str(path))


def test_truncated_image_is_named(kitti_dir, tmp_path):
    data = open(osp.join(kitti_dir, '000000.png'), 'rb').read()
    path = tmp_path / 'cut.png'
    path.write_bytes(data[:len(data) // 2])
    with pytest.raises(ImageReadError, match='cut.png'):
        load_image(str(path))
