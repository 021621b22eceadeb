"""BDD100KPanSegDataset and BDD100KLoadPanSegAnnotations on hand-made bitmasks and on the sample."""
import os
import os.path as osp

import numpy as np
import pytest
from mmdet.registry import DATASETS

from bdd100k_zoo.det.panoptic.conversion import PAN_SEG_MODEL_CLASSES
from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.masks import read_bitmask

TRAIN_PIPELINE = [
    dict(type='LoadImageFromFile'),
    dict(type='BDD100KLoadPanSegAnnotations'),
    dict(type='PackDetInputs', meta_keys=('img_path', 'name', 'ori_shape', 'img_shape')),
]


def build(root: str, split: str = 'val', pipeline=(), **kwargs):
    return DATASETS.build(dict(
        type='BDD100KPanSegDataset', data_root=root, pipeline=list(pipeline),
        data_prefix=dict(img=f'images/10k/{split}/', seg=f'labels/pan_seg/bitmasks/{split}/'),
        **kwargs))


def test_lists_the_bitmasks_and_decodes_them_in_the_pipeline(make_split, hand_bitmask):
    root = make_split({'b': hand_bitmask, 'a': hand_bitmask})
    dataset = build(root, pipeline=TRAIN_PIPELINE)
    assert len(dataset) == 2
    assert dataset.metainfo['classes'] == PAN_SEG_MODEL_CLASSES
    assert len(dataset.metainfo['thing_classes']) == 10
    assert len(dataset.metainfo['stuff_classes']) == 30
    assert dataset.metainfo['ann_file'] == osp.join(root, 'labels/pan_seg/bitmasks/val/')
    info = dataset.get_data_info(0)
    assert info['name'] == 'a.jpg' and info['img_path'] == osp.join(root, 'images/10k/val/a.jpg')
    assert info['seg_map_path'] == osp.join(root, 'labels/pan_seg/bitmasks/val/a.png')

    sample = dataset[0]['data_samples']
    car = PAN_SEG_MODEL_CLASSES.index('car')
    assert sample.gt_instances.labels.tolist() == [car]
    assert sample.gt_instances.bboxes.tensor.tolist() == [[5, 20, 20, 30]]
    assert sample.gt_instances.masks.masks.shape == (1, 40, 64)
    assert sample.ignored_instances.labels.tolist() == [PAN_SEG_MODEL_CLASSES.index('person')]
    seg = sample.gt_sem_seg.sem_seg
    assert seg.shape == (1, 40, 64) and seg[0, 25, 10] == car and seg[0, 37, 5] == 255


def test_a_bitmask_of_another_size_than_its_image_names_the_file(make_split, hand_bitmask):
    root = make_split({'a': hand_bitmask}, image_sizes={'a': (40, 63)})
    dataset = build(root, pipeline=TRAIN_PIPELINE)
    with pytest.raises(LabelError, match=r'bitmasks/val/a\.png: bitmask size \[40, 64\] differs'):
        dataset[0]


def test_illegal_ids_name_the_file(make_split, hand_bitmask):
    hand_bitmask[5, 5, 0] = 200
    dataset = build(make_split({'a': hand_bitmask}), pipeline=TRAIN_PIPELINE)
    with pytest.raises(LabelError, match=r'bitmasks/val/a\.png: illegal category ids \[200\]'):
        dataset[0]


def test_a_bitmask_that_is_not_rgba_names_the_file(make_split, hand_bitmask):
    dataset = build(make_split({'a': np.ascontiguousarray(hand_bitmask[..., :3])}),
                    pipeline=TRAIN_PIPELINE)
    with pytest.raises(LabelError, match=r'a\.png: a bitmask must be an RGBA image'):
        dataset[0]


def test_bad_folders_are_refused(make_split, hand_bitmask, tmp_path):
    root = make_split({'a': hand_bitmask})
    os.remove(osp.join(root, 'images/10k/val/a.jpg'))
    with pytest.raises(LabelError, match=r'a\.png: image file not found: .*a\.jpg'):
        build(root)
    assert len(build(root, check_images=False)) == 1
    os.remove(osp.join(root, 'labels/pan_seg/bitmasks/val/a.png'))
    with pytest.raises(LabelError, match='holds no bitmask'):
        build(root)
    with pytest.raises(FileNotFoundError):
        build(root, split='train')
    with pytest.raises(ValueError, match='data_prefix'):
        DATASETS.build(dict(type='BDD100KPanSegDataset', data_root=root, data_prefix=dict(
            img='images/10k/val/')))


@pytest.mark.slow
def test_sample_split_decodes_every_bitmask(tiny_sample):
    dataset = build(tiny_sample, pipeline=TRAIN_PIPELINE)
    assert len(dataset) == len(os.listdir(osp.join(tiny_sample, 'images/10k/val')))
    for index in range(len(dataset)):
        sample = dataset[index]['data_samples']
        bitmask = read_bitmask(dataset.get_data_info(index)['seg_map_path'])
        things = np.unique(bitmask.instances[bitmask.instances > 30])
        assert len(sample.gt_instances) + len(sample.ignored_instances) == len(things)
        assert sample.gt_sem_seg.sem_seg.shape == (1, 720, 1280)
        labels = set(np.unique(sample.gt_sem_seg.sem_seg.numpy()).tolist()) - {255}
        assert labels and max(labels) < 40
        assert set(sample.gt_instances.labels.tolist()) <= labels
