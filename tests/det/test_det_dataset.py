"""BDD100KDetDataset on real det labels, the official category handling and bad input."""
import json
import os.path as osp

import numpy as np
import pytest
import torch
from mmdet.registry import DATASETS, METRICS

from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.categories import DET_CLASSES

#: Real BDD100K boxes (a val video of 202 frames) from scalabel's test suite, see PROVENANCE.md.
TRACK_LABELS = 'scalabel-eval/box_track/track_sample_anns.json'
#: Detections of the same frames, and the official box AP (EXPECTED.md of the shared fixtures).
DET_PREDS = 'scalabel-eval/det/bbox_predictions.json'
OFFICIAL_AP = 34.029392668401016


def build(ann_file, **kwargs):
    kwargs.setdefault('check_images', False)
    return DATASETS.build(dict(type='BDD100KDetDataset', ann_file=ann_file, pipeline=[],
                               **kwargs))


def write_frames(path, frames):
    path.write_text(json.dumps(frames))
    return str(path)


def one_frame(*labels, name='a.jpg'):
    return [{'name': name, 'attributes': {'weather': 'clear'}, 'labels': list(labels)}]


def box_label(category, label_id='1', **attributes):
    return {'id': label_id, 'category': category, 'attributes': attributes,
            'box2d': {'x1': 10, 'y1': 20, 'x2': 30.5, 'y2': 40}}


def test_parses_real_labels(data_dir):
    dataset = build(osp.join(data_dir, TRACK_LABELS), data_prefix=dict(img='images'))
    with open(osp.join(data_dir, TRACK_LABELS)) as f:
        frames = json.load(f)
    assert len(dataset) == len(frames) == 202
    instances = [inst for i in range(len(dataset)) for inst in dataset[i]['instances']]
    labels = [label for frame in frames for label in frame['labels']]
    assert len(instances) == len(labels) == 3241
    for inst, label in zip(instances, labels):
        box = label['box2d']
        assert inst['bbox'] == [box['x1'], box['y1'], box['x2'] + 1, box['y2'] + 1]
        assert DET_CLASSES[inst['bbox_label']] == label['category']
        assert inst['ignore_flag'] == int(label['attributes']['crowd'])
        assert inst['attributes'] == label['attributes']
        assert inst['label_id'] == label['id']
    info = dataset[0]
    assert info['name'] == frames[0]['name']
    assert info['img_path'] == osp.join('images', frames[0]['name'])
    assert (info['height'], info['width']) == (720, 1280)
    assert sum(inst['ignore_flag'] for inst in instances) == 132
    assert dataset.metainfo['ann_file'] == osp.join(data_dir, TRACK_LABELS)


def test_checks_images_exist(tmp_path):
    (tmp_path / 'images').mkdir()
    (tmp_path / 'images' / 'a.jpg').write_bytes(b'')
    ann = write_frames(tmp_path / 'labels.json', one_frame(box_label('car')))
    dataset = build(ann, data_root=str(tmp_path), data_prefix=dict(img='images'),
                    check_images=True)
    assert dataset[0]['img_path'] == str(tmp_path / 'images' / 'a.jpg')
    missing = write_frames(tmp_path / 'missing.json', one_frame(box_label('car'), name='b.jpg'))
    with pytest.raises(LabelError, match=r"missing\.json: frame 'b\.jpg': image file not found"):
        build(missing, data_root=str(tmp_path), data_prefix=dict(img='images'), check_images=True)


@pytest.mark.parametrize('category, attributes, expected, ignored', [
    ('car', {}, 'car', 0),
    ('car', {'crowd': True}, 'car', 1),
    ('pedestrian', {'ignored': True}, 'pedestrian', 1),
    ('bike', {}, 'bicycle', 0),
    ('motor', {}, 'motorcycle', 0),
    ('person', {}, 'pedestrian', 0),
    ('van', {}, 'car', 0),
    ('caravan', {}, 'car', 0),
    ('other person', {}, 'pedestrian', 1),
    ('other vehicle', {}, 'car', 1),
    ('trailer', {}, 'truck', 1),
])
def test_maps_categories_as_the_official_evaluation(tmp_path, category, attributes, expected,
                                                    ignored):
    ann = write_frames(tmp_path / 'labels.json', one_frame(box_label(category, **attributes)))
    (inst, ) = build(ann)[0]['instances']
    assert DET_CLASSES[inst['bbox_label']] == expected
    assert inst['ignore_flag'] == ignored


def test_filters_frames_without_training_targets(tmp_path):
    frames = (one_frame(box_label('car'), name='a.jpg')
              + one_frame(box_label('car', crowd=True), name='b.jpg')
              + one_frame(name='c.jpg'))
    ann = write_frames(tmp_path / 'labels.json', frames)
    kept = build(ann, filter_cfg=dict(filter_empty_gt=True))
    assert [kept[i]['name'] for i in range(len(kept))] == ['a.jpg']
    assert len(build(ann, filter_cfg=dict(filter_empty_gt=True), test_mode=True)) == 3
    assert kept.get_cat_ids(0) == [DET_CLASSES.index('car')]


@pytest.mark.parametrize('content, message', [
    ('[{"name": "a.jpg", "labels": [', r'labels\.json: malformed JSON at line 1'),
    ('{"name": "a.jpg"', r'labels\.json: malformed JSON'),
    ('{"frames": 3}', r'labels\.json: expected a list of frames'),
    ('[{"labels": []}]', r'labels\.json: frame #0 is not an object with a "name"'),
])
def test_malformed_label_files_name_the_file(tmp_path, content, message):
    path = tmp_path / 'labels.json'
    path.write_text(content)
    with pytest.raises(LabelError, match=message):
        build(str(path))


def test_unknown_category_names_file_frame_and_label(tmp_path):
    ann = write_frames(tmp_path / 'labels.json',
                       one_frame(box_label('car', '1'), box_label('unicorn', '7')))
    with pytest.raises(LabelError, match=r"labels\.json: frame 'a\.jpg', label id '7': unknown "
                                         r"category 'unicorn'"):
        build(ann)


def test_inverted_box_names_file_frame_and_label(tmp_path):
    label = box_label('car', '3')
    label['box2d'].update(x1=50, x2=10)
    ann = write_frames(tmp_path / 'labels.json', one_frame(label))
    with pytest.raises(LabelError, match=r"frame 'a\.jpg', label id '3': box2d has x2 < x1"):
        build(ann)


def test_duplicated_frames_are_refused(tmp_path):
    ann = write_frames(tmp_path / 'labels.json', one_frame(name='a.jpg') * 2)
    with pytest.raises(LabelError, match=r"frame 'a\.jpg': duplicated frame"):
        build(ann)


def test_det_metric_reproduces_the_official_box_ap(data_dir, tmp_path):
    dataset = build(osp.join(data_dir, TRACK_LABELS))
    metric = METRICS.build(dict(type='BDD100KDetMetric', output_dir=str(tmp_path)))
    metric.dataset_meta = dataset.metainfo
    with open(osp.join(data_dir, DET_PREDS)) as f:
        preds = {frame['name']: frame['labels'] for frame in json.load(f)}
    samples = []
    for index in range(len(dataset)):
        info = dataset[index]
        labels = preds[info['name']]
        boxes = [[b['x1'], b['y1'], b['x2'] + 1, b['y2'] + 1] for b in (l['box2d'] for l in labels)]
        samples.append(dict(name=info['name'], img_path=info['img_path'], pred_instances=dict(
            bboxes=torch.tensor(boxes, dtype=torch.float64).reshape(-1, 4),
            scores=torch.tensor([l['score'] for l in labels], dtype=torch.float64),
            labels=torch.tensor([DET_CLASSES.index(l['category']) for l in labels]))))
    metric.process({}, samples)
    results = metric.evaluate(len(samples))
    assert results['bdd100k/AP'] == pytest.approx(OFFICIAL_AP, abs=1e-9)
    with open(tmp_path / 'scores.json') as f:
        assert json.load(f)['summary']['AP'] == pytest.approx(OFFICIAL_AP, abs=1e-9)
    with open(tmp_path / 'preds.json') as f:
        written = {frame['name']: frame['labels'] for frame in json.load(f)}
    first = preds[dataset[0]['name']][0]
    assert written[dataset[0]['name']][0]['box2d'] == pytest.approx(first['box2d'])
    assert np.isclose(written[dataset[0]['name']][0]['score'], first['score'])
