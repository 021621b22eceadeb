"""BDD100KInsSegMetric: official mask AP, box AP, non-overlapping predictions, bitmask
submission."""
import json
import os.path as osp
import zipfile

import numpy as np
import pytest
import torch
from mmdet.registry import DATASETS, METRICS
from PIL import Image

from bdd100k_zoo.det.submission import mask_labels, paint_instances
from bdd100k_zoo.evaluation import evaluate, evaluate_files
from bdd100k_zoo.labels.categories import INS_SEG_CLASSES
from bdd100k_zoo.labels.masks import read_bitmask, rle_decode

#: scalabel's ins_seg test case (one real frame) and the numbers its tests assert (EXPECTED.md).
RLE_GT = 'scalabel-eval/ins_seg/ins_seg_rle_sample.json'
RLE_PREDS = 'scalabel-eval/ins_seg/ins_seg_preds.json'
RLE_OFFICIAL = {'AP': 48.77227722772277, 'AP50': 86.73267326732673, 'AP75': 36.83168316831682,
                'APm': 53.399339933993396, 'APl': 50.247524752475236}
#: The bdd100k toolkit's bitmask test case (100x100) and what its official bitmask evaluator gives.
BITMASK_CASE = 'bdd100k-eval/ins_seg'
BITMASK_OFFICIAL = {'AP': 68.60561056105611, 'AP50': 89.68646864686468, 'AP75': 66.66666666666666}


def sample(name, shape, masks, scores, labels, boxes=None, img_path=None):
    """A model output as the evaluator hands it to the metric."""
    masks = np.asarray(masks, dtype=bool).reshape((-1, ) + tuple(shape))
    if boxes is None:
        boxes = [mask_box(mask) for mask in masks]
    return dict(name=name, img_path=img_path or f'/nonexistent/{name}', ori_shape=tuple(shape),
                pred_instances=dict(bboxes=torch.tensor(boxes, dtype=torch.float32).reshape(-1, 4),
                                    scores=torch.tensor(scores, dtype=torch.float32),
                                    labels=torch.tensor(labels, dtype=torch.int64),
                                    masks=torch.from_numpy(masks)))


def mask_box(mask):
    ys, xs = np.nonzero(mask)
    return [xs.min(), ys.min(), xs.max() + 1, ys.max() + 1]


def run_metric(metric, dataset_meta, samples):
    metric.dataset_meta = dataset_meta
    metric.process({}, samples)
    return metric.evaluate(len(samples))


def test_reproduces_the_official_mask_ap(data_dir, tmp_path):
    with open(osp.join(data_dir, RLE_PREDS)) as f:
        (frame, ) = json.load(f)['frames']
    labels = [label for label in frame['labels'] if label.get('rle')]
    boxes = [[b['x1'], b['y1'], b['x2'] + 1, b['y2'] + 1] for b in (l['box2d'] for l in labels)]
    prediction = sample(frame['name'], (720, 1280), [rle_decode(l['rle']) for l in labels],
                        [l['score'] for l in labels],
                        [INS_SEG_CLASSES.index(l['category']) for l in labels], boxes)
    metric = METRICS.build(dict(type='BDD100KInsSegMetric', ann_file=osp.join(data_dir, RLE_GT),
                                output_dir=str(tmp_path), max_visuals=0))
    results = run_metric(metric, {'classes': INS_SEG_CLASSES}, [prediction])
    for name, value in RLE_OFFICIAL.items():
        assert results[f'bdd100k/{name}'] == pytest.approx(value, abs=1e-9)
    # box AP: the detector's boxes against the boxes of the ground-truth masks, as scalabel scores
    # the official box2d of the same files
    with open(osp.join(data_dir, RLE_GT)) as f:
        gt_frames = json.load(f)['frames']
    official_box = evaluate('det', gt_frames, [dict(frame, labels=labels)])
    assert results['bdd100k/bbox/AP'] == pytest.approx(official_box.summary['AP'], abs=1e-9)
    assert 0 < results['bdd100k/bbox/AP'] < 100
    with open(tmp_path / 'scores.json') as f:
        scores = json.load(f)
    assert scores['summary']['AP'] == pytest.approx(RLE_OFFICIAL['AP'])
    assert scores['bbox']['summary']['AP'] == pytest.approx(results['bdd100k/bbox/AP'])
    assert set(scores['bbox']['per_class']) <= set(INS_SEG_CLASSES)
    with open(tmp_path / 'preds.json') as f:
        (written, ) = json.load(f)
    assert [l['rle'] for l in written['labels']] == [l['rle'] for l in labels]


def test_overlapping_masks_are_painted_by_score():
    masks = np.zeros((3, 10, 10), bool)
    masks[0, 0:6, 0:6] = True   # low score, partly covered by instance 1
    masks[1, 3:9, 3:9] = True   # high score
    masks[2, 4:7, 4:7] = True   # inside instance 1, lower score: left without pixels
    scores = np.array([0.3, 0.9, 0.5])
    canvas = paint_instances(masks, scores)
    assert (canvas[3:9, 3:9] == 2).all() and (canvas[0:3, 0:6] == 1).all()
    labels = mask_labels(np.array([mask_box(m) for m in masks], float), scores,
                         np.array([2, 0, 7]), masks, INS_SEG_CLASSES)
    assert [(l['category'], l['score']) for l in labels] == [('car', 0.3), ('pedestrian', 0.9)]
    decoded = [rle_decode(l['rle']).astype(bool) for l in labels]
    assert not (decoded[0] & decoded[1]).any()
    assert (decoded[0] == (masks[0] & ~masks[1])).all() and (decoded[1] == masks[1]).all()
    assert labels[0]['box2d'] == {'x1': 0.0, 'y1': 0.0, 'x2': 5.0, 'y2': 5.0}


def bitmask_case_outputs(data_dir):
    """The toolkit's predicted bitmask and scores as a model output (masks, classes, scores)."""
    bitmask = read_bitmask(osp.join(data_dir, BITMASK_CASE, 'pred', 'a.png'))
    with open(osp.join(data_dir, BITMASK_CASE, 'pred.json')) as f:
        (frame, ) = json.load(f)
    scores = {label['index']: label['score'] for label in frame['labels']}
    ids = [i for i in bitmask.instance_ids().tolist() if i in scores]
    masks = [bitmask.instances == i for i in ids]
    labels = [int(bitmask.categories[mask][0]) - 1 for mask in masks]
    return masks, [scores[i] for i in ids], labels


def test_bitmask_ground_truth_and_submission_match_the_official_bitmask_evaluation(data_dir,
                                                                                   tmp_path):
    gt_folder = osp.join(data_dir, BITMASK_CASE, 'gt')
    dataset = DATASETS.build(dict(type='BDD100KInsSegDataset', ann_file='', check_images=False,
                                  data_prefix=dict(img='images', seg=gt_folder), pipeline=[]))
    masks, scores, labels = bitmask_case_outputs(data_dir)
    metric = METRICS.build(dict(type='BDD100KInsSegMetric', output_dir=str(tmp_path / 'out')))
    results = run_metric(metric, dataset.metainfo,
                         [sample('a.jpg', (100, 100), masks, scores, labels)])
    for name, value in BITMASK_OFFICIAL.items():
        assert results[f'bdd100k/{name}'] == pytest.approx(value, abs=1e-9)

    with zipfile.ZipFile(tmp_path / 'out' / 'bitmasks.zip') as zf:
        assert sorted(zf.namelist()) == ['bitmasks/a.png', 'score.json']
        zf.extractall(tmp_path / 'submission')
    rgba = np.asarray(Image.open(tmp_path / 'submission' / 'bitmasks' / 'a.png'))
    assert rgba.shape == (100, 100, 4) and rgba.dtype == np.uint8
    with open(tmp_path / 'submission' / 'score.json') as f:
        (entry, ) = json.load(f)
    assert entry['name'] == 'a.jpg'
    index = (rgba[..., 2].astype(int) << 8) + rgba[..., 3]
    for mask, score, label in zip(masks, scores, labels):
        (number, ) = np.unique(index[mask])
        assert (index == number).sum() == mask.sum()
        assert (rgba[mask, 0] == label + 1).all() and (rgba[mask, 1] == 0).all()
        (written, ) = [e for e in entry['labels'] if e['index'] == number]
        assert written['score'] == pytest.approx(score)
    submitted = evaluate_files('ins_seg', gt_folder, str(tmp_path / 'submission' / 'bitmasks'),
                               score_file=str(tmp_path / 'submission' / 'score.json'))
    assert submitted.summary['AP'] == pytest.approx(BITMASK_OFFICIAL['AP'], abs=1e-9)


def test_empty_predictions_still_give_one_bitmask_per_image(data_dir, tmp_path):
    metric = METRICS.build(dict(type='BDD100KInsSegMetric', ann_file=osp.join(data_dir, RLE_GT),
                                output_dir=str(tmp_path), max_visuals=0))
    results = run_metric(metric, {'classes': INS_SEG_CLASSES},
                         [sample('80985724-bc3fece0.jpg', (720, 1280), [], [], [])])
    assert results['bdd100k/AP'] == 0 or np.isnan(results['bdd100k/AP'])
    with zipfile.ZipFile(tmp_path / 'bitmasks.zip') as zf:
        rgba = np.asarray(Image.open(zf.open('bitmasks/80985724-bc3fece0.png')))
        assert rgba.shape == (720, 1280, 4) and not rgba.any()
        assert json.loads(zf.read('score.json')) == [{'name': '80985724-bc3fece0.jpg',
                                                      'labels': []}]


@pytest.mark.slow
@pytest.mark.parametrize('source', ['rles', 'bitmasks'])
def test_ground_truth_as_predictions_scores_100(tiny_sample, tmp_path, source):
    prefix = dict(img='images/10k/val')
    if source == 'rles':
        ann_file = 'labels/ins_seg/rles/ins_seg_val.json'
    else:
        ann_file, prefix['seg'] = '', 'labels/ins_seg/bitmasks/val'
    dataset = DATASETS.build(dict(
        type='BDD100KInsSegDataset', data_root=tiny_sample, ann_file=ann_file, data_prefix=prefix,
        test_mode=True, pipeline=[dict(type='LoadImageFromFile'),
                                  dict(type='BDD100KLoadInsSegAnnotations')]))
    samples = []
    for index in range(len(dataset)):
        results = dataset[index]
        keep = ~results['gt_ignore_flags']
        masks = results['gt_masks'].masks[keep]
        samples.append(sample(results['name'], masks.shape[1:], masks, [1.0] * len(masks),
                              results['gt_bboxes_labels'][keep].tolist(),
                              results['gt_bboxes'].tensor[keep].tolist(), results['img_path']))
    metric = METRICS.build(dict(type='BDD100KInsSegMetric', output_dir=str(tmp_path)))
    results = run_metric(metric, dataset.metainfo, samples)
    assert results['bdd100k/AP'] == pytest.approx(100)
    assert results['bdd100k/bbox/AP'] == pytest.approx(100)
    with zipfile.ZipFile(tmp_path / 'visuals.zip') as zf:
        assert len(zf.namelist()) == len(dataset)
