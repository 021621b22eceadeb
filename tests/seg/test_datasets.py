"""sem_seg / drivable datasets: the generated sample in the official layout, and bad input."""
import os
import os.path as osp

import numpy as np
import pytest
from mmseg.registry import DATASETS
from PIL import Image

from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.categories import DRIVABLE_CLASSES, SEM_SEG_CLASSES
from bdd100k_zoo.labels.frames import read_frames

PIPELINE = [dict(type='LoadImageFromFile'), dict(type='BDD100KLoadAnnotations'),
            dict(type='PackSegInputs', meta_keys=('img_path', 'seg_map_path', 'name',
                                                  'attributes', 'ori_shape'))]


def build(task, root, **kwargs):
    dataset_type = {'sem_seg': 'BDD100KSemSegDataset', 'drivable': 'BDD100KDrivableDataset'}[task]
    return DATASETS.build(dict(type=dataset_type, data_root=root, pipeline=PIPELINE, **kwargs))


@pytest.mark.parametrize('task, image_set, classes', [
    ('sem_seg', '10k', SEM_SEG_CLASSES), ('drivable', '100k', DRIVABLE_CLASSES)])
def test_sample_split_pairs_images_with_official_masks(tiny_sample, task, image_set, classes):
    dataset = build(task, tiny_sample, split='val')
    stems = sorted(name[:-4] for name in os.listdir(osp.join(tiny_sample, 'images', image_set,
                                                              'val')))
    infos = [dataset.get_data_info(i) for i in range(len(dataset))]
    assert [osp.basename(info['img_path'])[:-4] for info in infos] == stems
    assert dataset.metainfo['classes'] == classes
    assert len(dataset.metainfo['palette']) == len(classes)
    assert dataset.metainfo['split'] == 'val'
    sample = dataset[0]['data_samples']
    mask_path = osp.join(tiny_sample, 'labels', task, 'masks', 'val', f'{stems[0]}.png')
    assert sample.seg_map_path == mask_path
    official = np.asarray(Image.open(mask_path))
    assert np.array_equal(sample.gt_sem_seg.data[0].numpy(), official)  # values as they are
    assert sample.name == f'{stems[0]}.jpg'
    assert len(build(task, tiny_sample, split='train')) == len(os.listdir(
        osp.join(tiny_sample, 'images', image_set, 'train')))


def test_frame_attributes_come_from_a_det_20_file(tiny_sample):
    dataset = build('drivable', tiny_sample, split='val',
                    attributes_file='labels/det_20/det_val.json')
    frames = {f['name']: f['attributes']
              for f in read_frames(osp.join(tiny_sample, 'labels/det_20/det_val.json'))}
    for index in range(len(dataset)):
        info = dataset.get_data_info(index)
        assert info['attributes'] == frames[info['name']]
        assert set(info['attributes']) == {'weather', 'scene', 'timeofday'}
        assert dataset[index]['data_samples'].attributes == frames[info['name']]
    assert build('drivable', tiny_sample, split='val').get_data_info(0)['attributes'] == {}


def test_test_split_has_no_masks(tiny_sample, tmp_path):
    os.makedirs(tmp_path / 'images' / '10k')
    os.symlink(osp.join(tiny_sample, 'images', '10k', 'val'), tmp_path / 'images' / '10k' / 'test')
    dataset = DATASETS.build(dict(
        type='BDD100KSemSegDataset', data_root=str(tmp_path), split='test', with_masks=False,
        test_mode=True,
        pipeline=[dict(type='LoadImageFromFile'), dict(type='PackSegInputs')]))
    assert len(dataset) == 3
    assert 'seg_map_path' not in dataset.get_data_info(0)
    assert 'gt_sem_seg' not in dataset[0]['data_samples']


@pytest.mark.parametrize('task, illegal', [('sem_seg', 19), ('drivable', 3)])
def test_illegal_ids_raise_naming_the_mask(make_split, task, illegal):
    mask = np.zeros((8, 16), dtype=np.uint8)
    mask[2, 3] = illegal
    root = make_split(task, {'good': np.zeros((8, 16), np.uint8), 'bad': mask})
    dataset = build(task, root)
    dataset[1]  # 'good' loads
    with pytest.raises(LabelError, match=rf'bad\.png: illegal class ids \[{illegal}\]'):
        dataset[0]


def test_ignore_id_is_legal(make_split):
    mask = np.full((8, 16), 255, dtype=np.uint8)
    mask[0, :4] = 18
    dataset = build('sem_seg', make_split('sem_seg', {'a': mask}))
    assert np.array_equal(dataset[0]['data_samples'].gt_sem_seg.data[0].numpy(), mask)


def test_mask_of_another_size_than_its_image_raises(make_split):
    root = make_split('drivable', {'a': np.zeros((8, 16), np.uint8)}, image_sizes={'a': (8, 18)})
    with pytest.raises(LabelError,
                       match=r'a\.png: mask is 8x16 \(HxW\), its image .*a\.jpg is 8x18'):
        build('drivable', root)[0]


def test_colour_mask_is_not_a_class_mask(make_split):
    root = make_split('sem_seg', {'a': np.zeros((8, 16, 3), np.uint8)})
    with pytest.raises(LabelError, match=r'a\.png: a class mask must be single-channel'):
        build('sem_seg', root)[0]


def test_missing_mask_fails_at_load_time_naming_it(make_split):
    root = make_split('sem_seg', {f'img{i}': np.zeros((4, 4), np.uint8) for i in range(8)})
    for i in range(7):
        os.remove(osp.join(root, 'labels', 'sem_seg', 'masks', 'val', f'img{i}.png'))
    with pytest.raises(FileNotFoundError, match=r'7 of 8 images have no mask in .*labels/sem_seg/'
                                                 r'masks/val: img0\.png, img1\.png, .*, \.\.\.'):
        build('sem_seg', root)


@pytest.mark.parametrize('missing, message', [
    ('images/100k/val', r'image folder not found: .*images/100k/val'),
    ('labels/drivable/masks/val', r'mask folder not found: .*labels/drivable/masks/val')])
def test_missing_folders_fail_at_load_time(make_split, missing, message):
    root = make_split('drivable', {'a': np.zeros((4, 4), np.uint8)})
    folder = osp.join(root, missing)
    for name in os.listdir(folder):
        os.remove(osp.join(folder, name))
    os.rmdir(folder)
    with pytest.raises(FileNotFoundError, match=message):
        build('drivable', root)


def test_classes_are_the_official_ones(make_split):
    root = make_split('sem_seg', {'a': np.zeros((4, 4), np.uint8)})
    with pytest.raises(ValueError, match='has the official classes'):
        build('sem_seg', root, metainfo=dict(classes=('road', 'car')))


def test_empty_image_folder_fails(make_split):
    root = make_split('sem_seg', {})
    with pytest.raises(FileNotFoundError, match=r'no \.jpg images in .*images/10k/val'):
        build('sem_seg', root)
