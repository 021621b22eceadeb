"""BDD100K video datasets: videos, frame order, track ids, categories, bad input, mmdet's pipeline."""
import gc
import json
import os
import os.path as osp
import pickle

import numpy as np
import pytest
from mmdet.registry import DATA_SAMPLERS, DATASETS
from mmdet.utils import register_all_modules
from mmengine.dataset import ConcatDataset
from PIL import Image

import bdd100k_zoo.track  # noqa: F401  (registers the datasets)
from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.categories import TRACK_CLASSES
from bdd100k_zoo.labels.masks import encode_bitmask, rle_encode
from bdd100k_zoo.track.datasets import (BDD100KBoxTrackDataset, BDD100KConcatVideoDataset,
                                        BDD100KDetVideoDataset, BDD100KSegTrackDataset)

register_all_modules(init_default_scope=True)

TRAIN_PIPELINE = [
    dict(type='UniformRefFrameSample', num_ref_imgs=1, frame_range=3, filter_key_img=True),
    dict(type='TransformBroadcaster', share_random_params=True, transforms=[
        dict(type='LoadImageFromFile'),
        dict(type='BDD100KLoadTrackAnnotations'),
        dict(type='Resize', scale=(640, 360), keep_ratio=True),
        dict(type='RandomFlip', prob=0.5)]),
    dict(type='PackTrackInputs'),
]


TEST_MASK_PIPELINE = [
    dict(type='TransformBroadcaster', transforms=[
        dict(type='LoadImageFromFile'),
        dict(type='BDD100KLoadTrackAnnotations', with_mask=True)]),
    dict(type='PackTrackInputs', meta_keys=('name', 'video_name', 'frame_index')),
]


def box_track(root: str, split: str = 'train', **kwargs) -> BDD100KBoxTrackDataset:
    return BDD100KBoxTrackDataset(data_root=root, ann_file=f'labels/box_track_20/{split}/',
                                  data_prefix=dict(img=f'images/track/{split}/'), **kwargs)


def seg_track(root: str, split: str = 'val', bitmasks: bool = False, **kwargs):
    prefix = dict(img=f'images/seg_track_20/{split}/')
    if bitmasks:
        return BDD100KSegTrackDataset(data_root=root, ann_file='', data_prefix=dict(
            prefix, seg=f'labels/seg_track_20/bitmasks/{split}/'), **kwargs)
    return BDD100KSegTrackDataset(data_root=root, ann_file=f'labels/seg_track_20/rles/{split}/',
                                  data_prefix=prefix, **kwargs)


def label_frames(root: str, split: str = 'train') -> dict:
    folder = osp.join(root, 'labels', 'box_track_20', split)
    return {name[:-5]: json.load(open(osp.join(folder, name))) for name in os.listdir(folder)}


def test_box_track_videos_frames_and_track_ids(tiny_sample):
    dataset = box_track(tiny_sample, test_mode=True)
    files = label_frames(tiny_sample)
    assert [dataset.get_data_info(i)['video_name'] for i in range(len(dataset))] == sorted(files)
    assert dataset.metainfo['classes'] == TRACK_CLASSES
    assert dataset.metainfo['ann_file'] == osp.join(tiny_sample, 'labels/box_track_20/train/')
    for index in range(len(dataset)):
        video = dataset.get_data_info(index)
        frames = sorted(files[video['video_name']], key=lambda frame: frame['frameIndex'])
        assert video['video_length'] == len(video['images']) == len(frames)
        ids = {}
        for position, (info, frame) in enumerate(zip(video['images'], frames)):
            assert info['frame_id'] == position and info['frame_index'] == frame['frameIndex']
            assert info['name'] == frame['name'] and osp.isfile(info['img_path'])
            assert info['img_path'].endswith(f'{video["video_name"]}/{frame["name"]}')
            assert len(info['instances']) == len(frame['labels'])
            for instance, label in zip(info['instances'], frame['labels']):
                assert instance['label_id'] == label['id']
                # one integer per track along the video, numbered from 1 by first appearance
                assert ids.setdefault(label['id'], len(ids) + 1) == instance['instance_id']
                assert TRACK_CLASSES[instance['bbox_label']] in (label['category'], 'pedestrian',
                                                                 'car', 'truck')
                box = label['box2d']
                assert instance['bbox'] == [box['x1'], box['y1'], box['x2'] + 1, box['y2'] + 1]


def test_categories_are_mapped_and_ignored_as_the_official_evaluation(tmp_path):
    labels = [
        {'id': '1', 'category': 'person', 'box2d': {'x1': 0, 'y1': 0, 'x2': 9, 'y2': 9}},
        {'id': '2', 'category': 'other vehicle', 'box2d': {'x1': 0, 'y1': 0, 'x2': 9, 'y2': 9}},
        {'id': '3', 'category': 'car', 'attributes': {'crowd': True},
         'box2d': {'x1': 0, 'y1': 0, 'x2': 9, 'y2': 9}},
        {'id': '4', 'category': 'bike', 'box2d': {'x1': 0, 'y1': 0, 'x2': 9, 'y2': 9}},
        {'id': '5', 'category': 'car', 'poly2d': []},  # no box: not a box_track instance
    ]
    write_video(tmp_path / 'labels', 'v', [0], labels)
    info = load(tmp_path).get_data_info(0)['images'][0]
    assert [(TRACK_CLASSES[i['bbox_label']], i['ignore_flag']) for i in info['instances']] == [
        ('pedestrian', 0), ('car', 1), ('car', 1), ('bicycle', 0)]


def write_video(folder, video: str, indices, labels=(), name: str = None) -> str:
    """A per-video label file of frames with the given indices (labels on every frame)."""
    os.makedirs(folder, exist_ok=True)
    frames = [{'name': f'{video}-{i + 1:07d}.jpg', 'videoName': video, 'frameIndex': i,
               'labels': list(labels)} for i in indices]
    path = osp.join(folder, f'{name or video}.json')
    with open(path, 'w') as f:
        json.dump(frames, f)
    return path


def load(root, **kwargs) -> BDD100KBoxTrackDataset:
    return BDD100KBoxTrackDataset(ann_file=osp.join(str(root), 'labels'), check_images=False,
                                  test_mode=True, **kwargs)


CAR = {'id': '7', 'category': 'car', 'box2d': {'x1': 1, 'y1': 2, 'x2': 30, 'y2': 40}}


def test_frames_are_ordered_by_frame_index_across_files(tmp_path):
    write_video(tmp_path / 'labels', 'v', [2, 0], [CAR], name='a')
    write_video(tmp_path / 'labels', 'v', [1], [CAR], name='b')
    video = load(tmp_path).get_data_info(0)
    assert [info['frame_index'] for info in video['images']] == [0, 1, 2]
    assert [info['frame_id'] for info in video['images']] == [0, 1, 2]
    assert {i['instance_id'] for info in video['images'] for i in info['instances']} == {1}


@pytest.mark.parametrize('indices, labels, message', [
    ([0, 1, 1], [CAR], 'duplicated frame index 1 in video'),
    ([0, 1, 3], [CAR], "video 'v' misses frame indices 2$"),
    ([0, 1, 4], [CAR], "video 'v' misses frame indices 2, 3$"),
    ([0], [dict(CAR, category='tram')], "unknown category 'tram'"),
    ([0], [CAR, CAR], 'track id appears twice in the frame'),
    ([0], [dict(CAR, id=None)], 'a video label needs an "id"'),
    ([0], [dict(CAR, box2d={'x1': 5, 'y1': 0, 'x2': 1, 'y2': 3})], 'x2 < x1'),
])
def test_bad_videos_raise_label_errors_naming_file_video_and_frame(tmp_path, indices, labels,
                                                                   message):
    path = write_video(tmp_path / 'labels', 'v', indices, labels)
    with pytest.raises(LabelError, match=message) as err:
        load(tmp_path)
    assert path in str(err.value) and "video 'v'" in str(err.value)
    if 'misses' not in message:  # a gap names the missing frames, other errors the frame itself
        assert "frame 'v-000000" in str(err.value)


def test_malformed_json_and_frames_without_video_are_refused(tmp_path):
    folder = tmp_path / 'labels'
    folder.mkdir()
    (folder / 'broken.json').write_text('[{"name": "a.jpg", ')
    with pytest.raises(LabelError, match=r'broken\.json: malformed JSON'):
        load(tmp_path)
    (folder / 'broken.json').write_text(json.dumps([{'name': 'a.jpg', 'frameIndex': 0}]))
    with pytest.raises(LabelError, match=r"broken\.json: frame 'a.jpg': a video frame needs a "
                       r'"videoName"'):
        load(tmp_path)
    (folder / 'broken.json').write_text(json.dumps([{'name': 'a.jpg', 'videoName': 'v',
                                                     'frameIndex': '3'}]))
    with pytest.raises(LabelError, match='integer "frameIndex"'):
        load(tmp_path)


def test_missing_images_are_reported_at_init(tmp_path):
    write_video(tmp_path / 'labels', 'v', [0], [CAR])
    with pytest.raises(LabelError, match='image file not found'):
        BDD100KBoxTrackDataset(ann_file=str(tmp_path / 'labels'), test_mode=True)


def test_training_filter_drops_frames_without_instances(tmp_path):
    write_video(tmp_path / 'labels', 'v', [0, 1], [CAR], name='a')
    write_video(tmp_path / 'labels', 'v', [2], [], name='b')
    write_video(tmp_path / 'labels', 'w', [0], [dict(CAR, attributes={'crowd': True})])
    train = BDD100KBoxTrackDataset(ann_file=str(tmp_path / 'labels'), check_images=False,
                                   filter_cfg=dict(filter_empty_gt=True))
    assert len(train) == 1
    assert [info['frame_index'] for info in train.get_data_info(0)['images']] == [0, 1]
    assert train.get_data_info(0)['video_length'] == 2
    assert len(load(tmp_path)) == 2  # test mode keeps everything


def test_seg_track_bitmasks_and_rles_give_the_same_instances(tiny_sample):
    rle = seg_track(tiny_sample, test_mode=True, pipeline=TEST_MASK_PIPELINE)
    bitmask = seg_track(tiny_sample, bitmasks=True, test_mode=True, pipeline=TEST_MASK_PIPELINE)
    assert rle.metainfo['ann_file'].endswith('rles/val/')
    assert bitmask.metainfo['ann_file'].endswith('bitmasks/val/')
    assert len(rle) == len(bitmask) == 2
    for video in range(len(rle)):
        for frame in range(rle.get_len_per_video(video)):
            a, b = rle[(video, frame)], bitmask[(video, frame)]
            sa, sb = a['data_samples'][0], b['data_samples'][0]
            assert (sa.name, sa.video_name, sa.frame_index) == (sb.name, sb.video_name,
                                                                sb.frame_index)
            assert instance_set(sa.gt_instances) == instance_set(sb.gt_instances)
            assert instance_set(sa.ignored_instances) == instance_set(sb.ignored_instances)
            assert len(sa.gt_instances) > 0


def instance_set(instances) -> set:
    """Class, box and mask of each instance (ids differ: RLE ids are renumbered per video)."""
    masks = instances.masks.masks if len(instances) else []
    return {(int(label), tuple(box.tolist()), mask.tobytes()) for label, box, mask in
            zip(instances.labels, instances.bboxes, masks)}


def test_seg_track_masks_of_the_wrong_size_are_refused(tiny_sample, tmp_path):
    folder = tmp_path / 'rles'
    rle = rle_encode(np.ones((10, 20), dtype=np.uint8))
    write_video(folder, 'v', [0], [{'id': '1', 'category': 'car', 'rle': rle}])
    with pytest.raises(LabelError, match=r"frame 'v-0000001.jpg' \(video 'v', frameIndex 0\), "
                       r"label id '1': mask size \[10, 20\] differs from the image size"):
        BDD100KSegTrackDataset(ann_file=str(folder), check_images=False, test_mode=True)
    # a bitmask of another size than its image is refused when the frame is loaded
    video = sorted(os.listdir(osp.join(tiny_sample, 'images/seg_track_20/val')))[0]
    bitmasks = tmp_path / 'bitmasks' / video
    bitmasks.mkdir(parents=True)
    small = encode_bitmask(np.full((8, 8), 3), np.full((8, 8), 1), np.zeros((8, 8), int))
    Image.fromarray(small).save(bitmasks / f'{video}-0000001.png')
    dataset = BDD100KSegTrackDataset(
        ann_file='', test_mode=True, pipeline=TEST_MASK_PIPELINE, data_prefix=dict(
            img=osp.join(tiny_sample, 'images/seg_track_20/val'), seg=str(tmp_path / 'bitmasks')))
    with pytest.raises(LabelError, match=rf"{video}-0000001.png: frame '{video}-0000001.jpg' "
                       rf"\(video '{video}', frameIndex 0\), label id '1': mask size \[8, 8\]"):
        dataset[(0, 0)]


def test_det_images_are_one_frame_videos_of_the_tracking_classes(tiny_sample):
    dataset = BDD100KDetVideoDataset(data_root=tiny_sample, ann_file='labels/det_20/det_train.json',
                                     data_prefix=dict(img='images/100k/train/'), test_mode=True)
    frames = json.load(open(osp.join(tiny_sample, 'labels/det_20/det_train.json')))
    assert len(dataset) == len(frames)
    for index, frame in enumerate(frames):
        video = dataset.get_data_info(index)
        assert video['video_length'] == 1
        (info, ) = video['images']
        assert info['frame_id'] == 0 and info['name'] == frame['name']
        kept = [label for label in frame['labels']
                if label['category'] not in ('traffic light', 'traffic sign')]
        assert len(kept) < len(frame['labels'])  # the sample has traffic lights and signs
        assert [inst['instance_id'] for inst in info['instances']] == list(range(1, len(kept) + 1))


def joint_training_set(root: str) -> BDD100KConcatVideoDataset:
    return BDD100KConcatVideoDataset(datasets=[
        dict(type='BDD100KBoxTrackDataset', data_root=root, ann_file='labels/box_track_20/train/',
             data_prefix=dict(img='images/track/train/'), filter_cfg=dict(filter_empty_gt=True)),
        dict(type='BDD100KDetVideoDataset', data_root=root, ann_file='labels/det_20/det_train.json',
             data_prefix=dict(img='images/100k/train/'), filter_cfg=dict(filter_empty_gt=True)),
    ], pipeline=TRAIN_PIPELINE)


def test_joint_training_through_mmdets_sampler_and_pipeline(tiny_sample):
    dataset = joint_training_set(tiny_sample)
    videos, images = dataset.datasets[0], dataset.datasets[1]
    assert len(dataset) == len(videos) + len(images)
    assert [dataset.get_data_info(i)['video_id'] for i in range(len(dataset))] == list(
        range(len(dataset)))
    sampler = DATA_SAMPLERS.build(dict(type='TrackImgSampler', dataset=dataset, seed=0))
    assert len(sampler) == dataset.num_all_imgs == videos.num_all_imgs + len(images)
    for video_index, frame_index in list(sampler):
        sample = dataset[(video_index, frame_index)]
        inputs, track = sample['inputs'], sample['data_samples']
        assert inputs.shape[:2] == (2, 3)
        key, ref = track.get_key_frames()[0], track.get_ref_frames()[0]
        assert key.frame_id == dataset.get_data_info(video_index)['images'][frame_index]['frame_id']
        assert 0 < abs(key.frame_id - ref.frame_id) <= 3 or len(
            dataset.get_data_info(video_index)['images']) == 1
        assert key.flip == ref.flip
        # the instance ids pair key and reference boxes of the same track
        key_ids, ref_ids = key.gt_instances.instances_ids, ref.gt_instances.instances_ids
        assert (key_ids > 0).all() and len(set(key_ids.tolist()) & set(ref_ids.tolist())) > 0


def test_mmengine_concat_dataset_cannot_serve_mmdets_track_sampler(tiny_sample):
    """Why :class:`BDD100KConcatVideoDataset` exists: the sampler's indices are local per dataset."""
    concat = ConcatDataset([box_track(tiny_sample), box_track(tiny_sample)])
    sampler = DATA_SAMPLERS.build(dict(type='TrackImgSampler', dataset=concat, seed=0))
    with pytest.raises(TypeError):
        concat[next(iter(sampler))]


def test_concatenation_refuses_other_classes_and_test_mode(tiny_sample):
    with pytest.raises(ValueError, match='share their classes'):
        BDD100KConcatVideoDataset(datasets=[
            box_track(tiny_sample),
            box_track(tiny_sample, metainfo=dict(classes=TRACK_CLASSES[::-1]))])
    with pytest.raises(ValueError, match='for training'):
        BDD100KConcatVideoDataset(datasets=[box_track(tiny_sample)], test_mode=True)


def test_test_mode_frames_carry_what_the_metric_needs(tiny_sample):
    dataset = DATASETS.build(dict(
        type='BDD100KBoxTrackDataset', data_root=tiny_sample, ann_file='labels/box_track_20/val/',
        data_prefix=dict(img='images/track/val/'), test_mode=True, pipeline=[
            dict(type='TransformBroadcaster', transforms=[
                dict(type='LoadImageFromFile'), dict(type='BDD100KLoadTrackAnnotations')]),
            dict(type='PackTrackInputs', meta_keys=('name', 'video_name', 'frame_index'))]))
    sampler = DATA_SAMPLERS.build(dict(type='TrackImgSampler', dataset=dataset))
    indices = list(sampler)
    assert len(indices) == dataset.num_all_imgs
    first = dataset[indices[0]]['data_samples'][0]
    assert first.frame_id == 0 and first.frame_index == 0
    assert first.ori_video_length == dataset.get_len_per_video(0)
    assert first.video_name == dataset.get_data_info(0)['video_name']


def test_videos_are_rows_of_arrays_built_when_asked_for(tmp_path):
    write_video(tmp_path / 'labels', 'v', range(300), [CAR, dict(CAR, id='8')])
    write_video(tmp_path / 'labels', 'w', [1, 0], [dict(CAR, id='x')])
    write_video(tmp_path / 'labels', 'u', [0], [])
    gc.collect()
    before = len(gc.get_objects())
    dataset = load(tmp_path)
    gc.collect()
    # no dict per frame or instance is kept (900 of them): the videos are arrays until asked for
    assert len(gc.get_objects()) - before < 300
    assert [dataset.get_len_per_video(i) for i in range(3)] == [1, 300, 2]
    expected = [dataset.get_data_info(i) for i in range(3)]
    assert [video['video_name'] for video in expected] == ['u', 'v', 'w']
    assert [info['img_id'] for video in expected for info in video['images']] == list(range(303))
    assert [i['instance_id'] for i in expected[1]['images'][2]['instances']] == [1, 2]
    copied = pickle.loads(pickle.dumps(dataset.data_list))  # as spawned dataloader workers get it
    assert copied[1] == dataset.data_list[1]
    # subsets keep each video's ids; training filters frames, then empty videos
    subset = load(tmp_path, indices=[2, 1])
    assert [subset.data_list[i] for i in range(2)] == [dataset.data_list[i] for i in (2, 1)]
    assert load(tmp_path).get_subset(-1).data_list[0] == dataset.data_list[2]
    train = BDD100KBoxTrackDataset(ann_file=str(tmp_path / 'labels'), check_images=False,
                                   filter_cfg=dict(filter_empty_gt=True))
    assert list(train.data_list) == list(dataset.data_list)[1:]
