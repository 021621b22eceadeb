"""BDD100KInsSegDataset: official RLE labels and bitmask PNGs, crowd/ignored regions, bad input."""
import json
import os.path as osp

import numpy as np
import pytest
from mmdet.registry import DATASETS
from PIL import Image

from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.categories import INS_SEG_CLASSES
from bdd100k_zoo.labels.masks import encode_attributes, encode_bitmask, rle_decode, rle_encode

#: One real BDD100K frame with 8 instance masks (scalabel's test suite, see PROVENANCE.md).
RLE_SAMPLE = 'scalabel-eval/ins_seg/ins_seg_rle_sample.json'
PIPELINE = [dict(type='LoadImageFromFile'), dict(type='BDD100KLoadInsSegAnnotations')]


def build(**kwargs):
    kwargs.setdefault('pipeline', [])
    return DATASETS.build(dict(type='BDD100KInsSegDataset', **kwargs))


def sample_datasets(root, split):
    """The RLE and the bitmask dataset of a split of the generated sample."""
    rles = build(data_root=root, ann_file=f'labels/ins_seg/rles/ins_seg_{split}.json',
                 data_prefix=dict(img=f'images/10k/{split}'), pipeline=PIPELINE, test_mode=True)
    bitmasks = build(data_root=root, ann_file='', pipeline=PIPELINE, test_mode=True,
                     data_prefix=dict(img=f'images/10k/{split}',
                                      seg=f'labels/ins_seg/bitmasks/{split}'))
    return rles, bitmasks


def instance_set(results):
    """A sample's instances as comparable tuples (box, class, ignore flag, mask pixels)."""
    return sorted((tuple(box), label, flag, mask.tobytes()) for box, label, flag, mask in zip(
        results['gt_bboxes'].tensor.tolist(), results['gt_bboxes_labels'].tolist(),
        results['gt_ignore_flags'].tolist(), results['gt_masks'].masks))


def bitmask_folder(tmp_path, rgba, name='a'):
    """A dataset root with one bitmask PNG and its (black) image of the same size."""
    (tmp_path / 'bitmasks').mkdir(exist_ok=True)
    (tmp_path / 'images').mkdir(exist_ok=True)
    Image.fromarray(rgba).save(tmp_path / 'bitmasks' / f'{name}.png')
    Image.fromarray(np.zeros(rgba.shape[:2] + (3, ), np.uint8)).save(tmp_path / 'images' /
                                                                     f'{name}.jpg')
    return build(data_root=str(tmp_path), ann_file='', pipeline=PIPELINE,
                 data_prefix=dict(img='images', seg='bitmasks'))


def test_parses_real_rle_labels_with_boxes_of_their_masks(data_dir):
    path = osp.join(data_dir, RLE_SAMPLE)
    dataset = build(ann_file=path, check_images=False)
    with open(path) as f:
        (frame, ) = json.load(f)['frames']
    (info, ) = [dataset[0]]
    assert info['name'] == frame['name'] and len(info['instances']) == len(frame['labels']) == 8
    for inst, label in zip(info['instances'], frame['labels']):
        box = label['box2d']  # the official box of the mask (bdd100k.label.to_rle)
        assert inst['bbox'] == [box['x1'], box['y1'], box['x2'] + 1, box['y2'] + 1]
        assert INS_SEG_CLASSES[inst['bbox_label']] == label['category']
        assert inst['mask'] == label['rle'] and inst['ignore_flag'] == 0
    assert dataset.metainfo['classes'] == INS_SEG_CLASSES
    assert dataset.metainfo['ann_file'] == path


@pytest.mark.slow
def test_rle_and_bitmask_sources_give_the_same_samples(tiny_sample):
    for split in ('train', 'val'):
        rles, bitmasks = sample_datasets(tiny_sample, split)
        by_name = {bitmasks[i]['name']: bitmasks[i] for i in range(len(bitmasks))}
        assert len(rles) == len(by_name) == 3
        for index in range(len(rles)):
            results = rles[index]
            other = by_name[results['name']]
            assert results['gt_masks'].masks.shape[1:] == (720, 1280)
            assert len(results['gt_bboxes']) > 0
            assert instance_set(results) == instance_set(other)
    assert bitmasks.metainfo['ann_file'] == osp.join(tiny_sample, 'labels/ins_seg/bitmasks/val')


def test_bitmasks_are_read_by_the_pipeline_not_at_init(tmp_path):
    bitmask_folder(tmp_path, np.zeros((20, 30, 4), np.uint8))
    (tmp_path / 'bitmasks' / 'a.png').write_bytes(b'not a png')
    dataset = build(data_root=str(tmp_path), ann_file='', pipeline=PIPELINE,
                    data_prefix=dict(img='images', seg='bitmasks'))
    assert len(dataset) == 1 and dataset.get_data_info(0)['instances'] == []
    with pytest.raises(LabelError, match=r'bitmasks/a\.png: cannot read PNG'):
        dataset[0]


def test_crowd_and_ignored_bitmask_instances_are_ignored_regions(tmp_path):
    categories = np.zeros((40, 60), np.int32)
    instances = np.zeros((40, 60), np.int32)
    attributes = np.zeros((40, 60), np.int32)
    for number, (cat, bits) in enumerate([(3, encode_attributes()),
                                          (1, encode_attributes(crowd=True)),
                                          (8, encode_attributes(ignore=True, occluded=True))], 1):
        rows = slice(5 + 10 * (number - 1), 12 + 10 * (number - 1))
        categories[rows, 10:30], instances[rows, 10:30], attributes[rows, 10:30] = cat, number, bits
    results = bitmask_folder(tmp_path, encode_bitmask(categories, instances, attributes))[0]
    assert results['gt_bboxes_labels'].tolist() == [2, 0, 7]
    assert results['gt_ignore_flags'].tolist() == [False, True, True]
    assert results['gt_bboxes'].tensor.tolist() == [[10, 5, 30, 12], [10, 15, 30, 22],
                                                    [10, 25, 30, 32]]


def test_bitmask_with_illegal_category_ids_names_file_and_frame(tmp_path):
    rgba = np.zeros((20, 30, 4), np.uint8)
    rgba[2:5, 2:5] = (9, 0, 0, 1)
    with pytest.raises(LabelError, match=r"bitmasks/a\.png: frame 'a\.jpg': illegal category "
                                         r"ids \[9\]"):
        bitmask_folder(tmp_path, rgba)[0]


def test_bitmask_instance_of_several_categories_is_refused(tmp_path):
    rgba = np.zeros((20, 30, 4), np.uint8)
    rgba[2:5, 2:5] = (1, 0, 0, 1)
    rgba[6:9, 2:5] = (3, 0, 0, 1)
    with pytest.raises(LabelError, match=r"bitmasks/a\.png: frame 'a\.jpg': instance 1"):
        bitmask_folder(tmp_path, rgba)[0]


def test_bitmask_of_the_wrong_size_names_file_and_frame(tmp_path):
    dataset = bitmask_folder(tmp_path, np.zeros((20, 30, 4), np.uint8))
    Image.fromarray(np.zeros((10, 30, 3), np.uint8)).save(tmp_path / 'images' / 'a.jpg')
    with pytest.raises(LabelError, match=r"bitmasks/a\.png: frame 'a\.jpg': bitmask size "
                                         r"\[20, 30\] differs from the image size \[10, 30\]"):
        dataset[0]


def test_rgb_bitmask_is_refused(tmp_path):
    with pytest.raises(LabelError, match=r'bitmasks/a\.png: a bitmask must be an RGBA image'):
        bitmask_folder(tmp_path, np.zeros((20, 30, 3), np.uint8))[0]


def rle_frame(category='car', size=(720, 1280), **attributes):
    mask = np.zeros(size, np.uint8)
    mask[100:150, 200:260] = 1
    return [{'name': 'a.jpg', 'labels': [{'id': '4', 'category': category,
                                          'attributes': attributes, 'rle': rle_encode(mask)}]}]


@pytest.mark.parametrize('category, attributes, expected, ignored', [
    ('car', {}, 'car', 0),
    ('car', {'crowd': True}, 'car', 1),
    ('pedestrian', {'ignored': True}, 'pedestrian', 1),
    ('other person', {}, 'pedestrian', 1),
    ('bike', {}, 'bicycle', 0),
])
def test_rle_categories_and_ignored_regions(tmp_path, category, attributes, expected, ignored):
    path = tmp_path / 'rles.json'
    path.write_text(json.dumps(rle_frame(category, **attributes)))
    (inst, ) = build(ann_file=str(path), check_images=False)[0]['instances']
    assert (INS_SEG_CLASSES[inst['bbox_label']], inst['ignore_flag']) == (expected, ignored)
    assert inst['bbox'] == [200, 100, 260, 150]
    assert rle_decode(inst['mask']).sum() == 50 * 60


def test_rle_unknown_category_names_file_frame_and_label(tmp_path):
    path = tmp_path / 'rles.json'
    path.write_text(json.dumps(rle_frame('traffic light')))
    with pytest.raises(LabelError, match=r"rles\.json: frame 'a\.jpg', label id '4': unknown "
                                         r"category 'traffic light'"):
        build(ann_file=str(path), check_images=False)


def test_rle_of_another_size_than_the_frame_is_refused(tmp_path):
    path = tmp_path / 'rles.json'
    path.write_text(json.dumps(rle_frame(size=(360, 640))))
    with pytest.raises(LabelError, match=r"rles\.json: frame 'a\.jpg', label id '4': mask size "
                                         r"\[360, 640\] differs from the image size \[720, 1280\]"):
        build(ann_file=str(path), check_images=False)


def test_image_of_another_size_than_its_labels_is_refused(tmp_path):
    path = tmp_path / 'rles.json'
    path.write_text(json.dumps(rle_frame()))
    Image.fromarray(np.zeros((360, 640, 3), np.uint8)).save(tmp_path / 'a.jpg')
    dataset = build(ann_file=str(path), data_prefix=dict(img=str(tmp_path)), pipeline=PIPELINE)
    with pytest.raises(LabelError, match=r"frame 'a\.jpg', label id '4': mask size \[720, 1280\] "
                                         r"differs from the image size \[360, 640\]"):
        dataset[0]
