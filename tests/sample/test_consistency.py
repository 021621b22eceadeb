"""Cross-task consistency of the tiny sample: shared images, masks that agree with each other and
with their RLEs, panoptic segments joining the semantic and instance labels, pose labels on drawn
pedestrians, stable tracks."""
import glob
import os.path as osp
from collections import defaultdict

import numpy as np
from PIL import Image

from bdd100k_zoo.labels.categories import (DET_CLASSES, DRIVABLE_PALETTE, IGNORE_MAPPING,
                                           INS_SEG_CLASSES, PAN_SEG_CLASSES, POSE_JOINTS,
                                           POSE_SKELETON, SEM_SEG_CLASSES, SEM_SEG_PALETTE,
                                           SEM_TO_INS_CLASS, TAGGING_ATTRIBUTES, TRACK_CLASSES)
from bdd100k_zoo.labels.masks import read_bitmask, read_class_mask, rle_decode

SPLITS = ('train', 'val')
WIDTH, HEIGHT = 1280, 720
INS_TO_SEM = {ins: SEM_SEG_CLASSES.index(sem) for sem, ins in SEM_TO_INS_CLASS.items()}
#: The official pan_seg bitmask numbering (see the real bitmask of the official fixture in
#: test_panoptic_segments_join_stuff_and_instances): stuff segments are numbered by their category
#: id (1..30), thing instances from 31 on.
FIRST_THING_ID = 31


def names(frames):
    return [frame['name'] for frame in frames]


def categories(frames):
    return {label['category'] for frame in frames for label in frame['labels']}


def stem(name):
    return osp.splitext(name)[0]


def mask_box(mask):
    cols, rows = np.flatnonzero(mask.any(axis=0)), np.flatnonzero(mask.any(axis=1))
    return {'x1': float(cols[0]), 'y1': float(rows[0]), 'x2': float(cols[-1]),
            'y2': float(rows[-1])}


def assert_jpeg(path):
    with Image.open(path) as image:
        assert (image.format, image.size) == ('JPEG', (WIDTH, HEIGHT)), path


def assert_colormap(path, mask, palette):
    with Image.open(path) as image:
        assert image.mode == 'P'
        np.testing.assert_array_equal(np.asarray(image), mask)
        colors = np.array(image.getpalette()[:3 * len(palette)]).reshape(-1, 3)
    np.testing.assert_array_equal(colors, np.array(palette))


def assert_rles_match_mask(labels, mask, classes):
    present = [class_id for class_id in np.unique(mask) if class_id < len(classes)]
    assert sorted(classes.index(label['category']) for label in labels) == present
    for label in labels:
        region = mask == classes.index(label['category'])
        np.testing.assert_array_equal(rle_decode(label['rle']).astype(bool), region)
        assert label['box2d'] == mask_box(region)


def assert_instances_match(labels, bitmask_path, classes):
    """RLE labels and the bitmask of one frame describe the same instances."""
    bitmask = read_bitmask(bitmask_path)
    assert sorted(int(label['id']) for label in labels) == sorted(bitmask.instance_ids().tolist())
    for label in labels:
        mask = bitmask.instances == int(label['id'])
        np.testing.assert_array_equal(rle_decode(label['rle']).astype(bool), mask)
        assert label['box2d'] == mask_box(mask)
        assert (bitmask.categories[mask] == classes.index(label['category']) + 1).all()
        for flag in ('occluded', 'truncated', 'crowd'):
            assert (bitmask.attribute(flag)[mask] == label['attributes'][flag]).all()
    return bitmask


def test_100k_tasks_share_their_images(tiny_sample, read_labels):
    for split in SPLITS:
        det = read_labels(f'labels/det_20/det_{split}.json')
        assert len(det) == tiny_sample.counts['det_20'][split]['images']
        assert names(det) == names(read_labels(f'labels/drivable/rles/drivable_{split}.json'))
        assert names(det) == names(read_labels(f'labels/pose_21/pose_{split}.json'))
        for name in names(det):
            assert_jpeg(osp.join(tiny_sample.root, 'images', '100k', split, name))
        images = glob.glob(osp.join(tiny_sample.root, 'images', '100k', split, '*'))
        assert sorted(osp.basename(path) for path in images) == sorted(names(det))


def test_10k_tasks_share_their_images(tiny_sample, read_labels):
    for split in SPLITS:
        ins_seg = read_labels(f'labels/ins_seg/rles/ins_seg_{split}.json')
        assert names(ins_seg) == names(read_labels(f'labels/sem_seg/rles/sem_seg_{split}.json'))
        for name in names(ins_seg):
            assert_jpeg(osp.join(tiny_sample.root, 'images', '10k', split, name))


def test_detection_labels_are_well_formed(read_labels):
    known = DET_CLASSES + tuple(IGNORE_MAPPING)
    flags = defaultdict(int)
    for split in SPLITS:
        for frame in read_labels(f'labels/det_20/det_{split}.json'):
            assert set(frame['attributes']) == set(TAGGING_ATTRIBUTES)
            for key, value in frame['attributes'].items():
                assert value in TAGGING_ATTRIBUTES[key]
            assert len({label['id'] for label in frame['labels']}) == len(frame['labels'])
            for label in frame['labels']:
                assert label['category'] in known
                attributes = label['attributes']
                assert set(attributes) == {'occluded', 'truncated', 'crowd', 'trafficLightColor'}
                if label['category'] == 'traffic light':
                    assert attributes['trafficLightColor'] in ('G', 'Y', 'R', 'NA')
                    flags['colored light'] += attributes['trafficLightColor'] != 'NA'
                else:
                    assert attributes['trafficLightColor'] == 'NA'
                box = label['box2d']
                assert 0 <= box['x1'] <= box['x2'] <= WIDTH - 1
                assert 0 <= box['y1'] <= box['y2'] <= HEIGHT - 1
                flags['occluded'] += attributes['occluded']
                flags['truncated'] += attributes['truncated']
    assert flags['colored light'] and flags['occluded'] and flags['truncated']


def test_every_split_shows_several_classes(read_labels, tiny_sample):
    for split in SPLITS:
        det = read_labels(f'labels/det_20/det_{split}.json')
        assert set(DET_CLASSES) <= categories(det)
        ins_seg = read_labels(f'labels/ins_seg/rles/ins_seg_{split}.json')
        assert set(INS_SEG_CLASSES) <= categories(ins_seg)
        for frames in (det, ins_seg, read_labels(f'labels/sem_seg/rles/sem_seg_{split}.json')):
            assert sum(len(categories([frame])) >= 3 for frame in frames) >= 2
        for pattern in ('box_track_20/{split}/*.json', 'seg_track_20/rles/{split}/*.json'):
            videos = glob.glob(osp.join(tiny_sample.root, 'labels', pattern.format(split=split)))
            assert len(videos) >= 2
            for video in videos:
                assert len(categories(read_labels(osp.relpath(video, tiny_sample.root)))) >= 4


def test_instances_agree_with_semantic_classes(tiny_sample, read_labels):
    for split in SPLITS:
        sem_seg = {frame['name']: frame
                   for frame in read_labels(f'labels/sem_seg/rles/sem_seg_{split}.json')}
        for frame in read_labels(f'labels/ins_seg/rles/ins_seg_{split}.json'):
            png = stem(frame['name']) + '.png'
            bitmask = assert_instances_match(frame['labels'], osp.join(
                tiny_sample.root, 'labels', 'ins_seg', 'bitmasks', split, png), INS_SEG_CLASSES)
            sem = read_class_mask(osp.join(tiny_sample.root, 'labels', 'sem_seg', 'masks', split,
                                           png), len(SEM_SEG_CLASSES))
            for label in frame['labels']:
                pixels = sem[bitmask.instances == int(label['id'])]
                assert (pixels == INS_TO_SEM[label['category']]).all()
            things = np.isin(sem, list(INS_TO_SEM.values()))
            assert (bitmask.instances[things] > 0).mean() > 0.95
            assert_rles_match_mask(sem_seg[frame['name']]['labels'], sem, SEM_SEG_CLASSES)
            assert_colormap(osp.join(tiny_sample.root, 'labels', 'sem_seg', 'colormaps', split,
                                     png), sem, SEM_SEG_PALETTE)


def assert_official_numbering(bitmask):
    labelled = bitmask.categories > 0
    stuff = labelled & (bitmask.categories < FIRST_THING_ID)
    assert (bitmask.instances[stuff] == bitmask.categories[stuff]).all()
    assert (bitmask.instances[labelled & ~stuff] >= FIRST_THING_ID).all()
    assert (bitmask.instances[~labelled] == 0).all()


def test_panoptic_segments_join_stuff_and_instances(tiny_sample, read_labels, data_dir):
    assert_official_numbering(read_bitmask(osp.join(data_dir, 'bdd100k-eval', 'pan_seg', 'gt',
                                                    'a.png')))
    # the sem_seg class names are pan_seg class names: stuff keeps its sem_seg class
    stuff_ids = np.zeros(256, dtype=np.int64)
    stuff_ids[:len(SEM_SEG_CLASSES)] = [PAN_SEG_CLASSES.index(name) + 1 for name in SEM_SEG_CLASSES]
    for split in SPLITS:
        for frame in read_labels(f'labels/ins_seg/rles/ins_seg_{split}.json'):
            png = stem(frame['name']) + '.png'
            panoptic = read_bitmask(osp.join(tiny_sample.root, 'labels', 'pan_seg', 'bitmasks',
                                             split, png))
            assert_official_numbering(panoptic)
            sem = read_class_mask(osp.join(tiny_sample.root, 'labels', 'sem_seg', 'masks', split,
                                           png), len(SEM_SEG_CLASSES))
            things = np.zeros(sem.shape, dtype=bool)
            for label in frame['labels']:  # each instance is one thing segment, its id + 30
                region = rle_decode(label['rle']).astype(bool)
                segment = panoptic.instances == int(label['id']) + FIRST_THING_ID - 1
                np.testing.assert_array_equal(segment, region)
                name = SEM_SEG_CLASSES[INS_TO_SEM[label['category']]]
                assert (panoptic.categories[region] == PAN_SEG_CLASSES.index(name) + 1).all()
                for flag in ('occluded', 'truncated', 'crowd'):
                    assert (panoptic.attribute(flag)[region] == label['attributes'][flag]).all()
                things |= region
            stuff = ~things & (panoptic.categories > 0)
            assert (panoptic.categories[stuff] < FIRST_THING_ID).all()
            np.testing.assert_array_equal(panoptic.categories[stuff], stuff_ids[sem[stuff]])
            unlabeled = panoptic.categories == 0  # ignored pixels, or too small to be instances
            assert np.isin(sem[unlabeled], [255] + list(INS_TO_SEM.values())).all()
            assert (panoptic.attributes[~things] == 0).all()


def test_drivable_maps_match_their_rles_and_colormaps(tiny_sample, read_labels):
    for split in SPLITS:
        direct = 0
        for frame in read_labels(f'labels/drivable/rles/drivable_{split}.json'):
            path = osp.join(tiny_sample.root, 'labels', 'drivable', 'masks', split,
                            stem(frame['name']) + '.png')
            mask = read_class_mask(path, 3)
            assert set(np.unique(mask)) <= {0, 1, 2}
            direct += int((mask == 0).any())
            assert_rles_match_mask(frame['labels'], mask, ('direct', 'alternative'))
            assert_colormap(path.replace('/masks/', '/colormaps/'), mask, DRIVABLE_PALETTE)
        assert direct >= 2


def test_pose_labels_are_drawn_pedestrians(read_labels):
    poses = 0
    for split in SPLITS:
        det = {frame['name']: {label['id']: label for label in frame['labels']}
               for frame in read_labels(f'labels/det_20/det_{split}.json')}
        for frame in read_labels(f'labels/pose_21/pose_{split}.json'):
            for label in frame['labels']:
                poses += 1
                assert det[frame['name']][label['id']]['category'] == 'pedestrian'
                assert det[frame['name']][label['id']]['box2d'] == label['box2d']
                graph = label['graph']
                assert graph['type'] == 'Pose2D-18Joints'
                assert [node['category'] for node in graph['nodes']] == list(POSE_JOINTS)
                ids = {node['category']: node['id'] for node in graph['nodes']}
                edges = [(edge['source'], edge['target']) for edge in graph['edges']]
                assert edges == [(ids[a], ids[b]) for a, b in POSE_SKELETON]
                box = label['box2d']
                for node in graph['nodes']:
                    assert node['visibility'] in ('V', 'N')
                    x, y = node['location']
                    assert box['x1'] - 2 <= x <= box['x2'] + 2
                    assert box['y1'] - 2 <= y <= box['y2'] + 2
                height = {node['category']: node['location'][1] for node in graph['nodes']}
                assert height['head'] < height['neck'] < height['left_hip'] < height['left_knee']
    assert poses >= 4


def test_box_tracks_are_stable_and_contiguous(tiny_sample, read_labels):
    moving = 0
    for split in SPLITS:
        for path in glob.glob(osp.join(tiny_sample.root, 'labels', 'box_track_20', split, '*')):
            video = stem(osp.basename(path))
            frames = read_labels(osp.relpath(path, tiny_sample.root))
            assert [frame['frameIndex'] for frame in frames] == list(range(len(frames)))
            expected = [f'{video}-{index + 1:07d}.jpg' for index in range(len(frames))]
            assert [frame['name'] for frame in frames] == expected
            seen, boxes = {}, defaultdict(list)
            for frame in frames:
                assert frame['videoName'] == video
                assert_jpeg(osp.join(tiny_sample.root, 'images', 'track', split, video,
                                     frame['name']))
                assert len({label['id'] for label in frame['labels']}) == len(frame['labels'])
                for label in frame['labels']:
                    assert label['category'] in TRACK_CLASSES + tuple(IGNORE_MAPPING)
                    assert seen.setdefault(label['id'], label['category']) == label['category']
                    boxes[label['id']].append((frame['frameIndex'], label['box2d']))
            assert any(len(track) == len(frames) for track in boxes.values())
            for track in boxes.values():
                for (index, box), (next_index, next_box) in zip(track[:-1], track[1:]):
                    if next_index == index + 1:  # no jumps: a step is at most ~twice the box
                        for low, high in (('x1', 'x2'), ('y1', 'y2')):
                            step = abs(box[low] + box[high] - next_box[low] - next_box[high]) / 2
                            size = max(box[high] - box[low], next_box[high] - next_box[low])
                            assert step <= 2 * size + 20
                        moving += box != next_box
    assert moving > 0


def test_seg_tracks_match_their_bitmasks(tiny_sample, read_labels):
    for split in SPLITS:
        pattern = osp.join(tiny_sample.root, 'labels', 'seg_track_20', 'rles', split, '*.json')
        for path in glob.glob(pattern):
            video = stem(osp.basename(path))
            frames = read_labels(osp.relpath(path, tiny_sample.root))
            assert [frame['frameIndex'] for frame in frames] == list(range(len(frames)))
            seen = {}
            for frame in frames:
                assert_jpeg(osp.join(tiny_sample.root, 'images', 'seg_track_20', split, video,
                                     frame['name']))
                bitmask = osp.join(tiny_sample.root, 'labels', 'seg_track_20', 'bitmasks', split,
                                   video, stem(frame['name']) + '.png')
                assert_instances_match(frame['labels'], bitmask, TRACK_CLASSES)
                for label in frame['labels']:
                    assert seen.setdefault(label['id'], label['category']) == label['category']
            ids = [{label['id'] for label in frame['labels']} for frame in frames]
            assert set.intersection(*ids)
