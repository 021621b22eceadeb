"""Category mapping, checks and frame pairing: as the official evaluation, with clear errors."""
import copy
import logging

import numpy as np
import pytest

from bdd100k_zoo.evaluation import evaluate
from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.boxes import xyxy_to_box2d
from bdd100k_zoo.labels.masks import rle_encode

BOX = {'x1': 10.0, 'y1': 10.0, 'x2': 49.0, 'y2': 59.0}


def det_frame(name: str, *labels: dict) -> dict:
    return {'name': name, 'labels': list(labels)}


def box(category: str, score=None, **extra) -> dict:
    label = {'id': '1', 'category': category, 'box2d': dict(BOX), **extra}
    if score is not None:
        label['score'] = score
    return label


def test_synonyms_are_renamed_and_other_person_is_an_ignored_pedestrian(frames_of):
    gt = frames_of('box_track/track_sample_anns.json')[:60]
    preds = frames_of('det/bbox_predictions.json')[:60]
    renamed, ignored = copy.deepcopy(gt), copy.deepcopy(gt)
    for frame in renamed:
        for label in frame.get('labels') or ():
            label['category'] = {'pedestrian': 'person', 'bicycle': 'bike',
                                 'motorcycle': 'motor'}.get(label['category'],
                                                            label['category'])
    assert evaluate('det', renamed, preds).to_dict() == evaluate('det', gt, preds).to_dict()
    pedestrians = [label for frame in ignored for label in frame['labels']
                   if label['category'] == 'pedestrian']
    for label in pedestrians[::2]:
        label['category'] = 'other person'  # official: an ignored pedestrian
    as_crowd = copy.deepcopy(ignored)
    for frame in as_crowd:
        for label in frame['labels']:
            if label['category'] == 'other person':
                label.update(category='pedestrian', attributes={'crowd': True})
    scores = evaluate('det', ignored, preds)
    assert scores.to_dict() == evaluate('det', as_crowd, preds).to_dict()
    assert scores.per_class['pedestrian'] != evaluate('det', gt, preds).per_class['pedestrian']


def test_the_callers_frames_are_not_modified(frames_of):
    gt = frames_of('box_track/track_sample_anns.json')[:20]
    gt[0]['labels'][0]['category'] = 'other vehicle'
    preds = frames_of('det/bbox_predictions.json')[:20]
    before = copy.deepcopy((gt, preds))
    evaluate('det', gt, preds)
    assert (gt, preds) == before


@pytest.mark.parametrize('task, label, message', [
    ('det', box('cat'), "unknown category 'cat' for det"),
    ('det', box(None), 'unknown category None'),
    ('pose', {'id': '1', 'category': 'person', 'box2d': BOX,
              'graph': {'nodes': [{'location': [0, 0]}] * 18}}, "unknown category 'person'"),
    ('det', {'id': '1', 'category': 'car', 'box2d': {'x1': 1, 'y1': 1, 'x2': -0.5, 'y2': 5}},
     'x2 < x1 - 1'),
    ('det', {'id': '1', 'category': 'car', 'box2d': {'x1': 'a'}}, 'numeric x1, y1, x2, y2'),
    ('ins_seg', {'id': '1', 'category': 'car', 'rle': {'counts': 3}}, 'string "counts"'),
    ('pose', {'id': '1', 'category': 'pedestrian', 'box2d': BOX,
              'graph': {'nodes': [{'location': [0, 0]}] * 17}}, 'graph must have 18 nodes'),
    ('pose', {'id': '1', 'category': 'pedestrian',
              'graph': {'nodes': [{'location': [0, 0]}] * 18}}, 'box2d must have numeric'),
])
def test_bad_ground_truth_labels_name_file_frame_and_label(task, label, message):
    with pytest.raises(LabelError) as err:
        evaluate(task, [det_frame('a.jpg', label)], [], gt_file='gt.json')
    assert str(err.value).startswith("gt.json: frame 'a.jpg', label id '1': ")
    assert message in str(err.value)


def test_a_prediction_under_one_pixel_tall_is_scored():
    """CI once failed here: a detection clipped at the image's bottom edge, 0.005 px tall, has an
    inclusive ``y2`` below its ``y1`` and is still a valid prediction."""
    thin = xyxy_to_box2d([791.42, 719.995, 855.74, 720.0])
    assert thin['y2'] < thin['y1']
    preds = [det_frame('a.jpg', {'id': '1', 'category': 'car', 'score': 0.5, 'box2d': thin})]
    assert evaluate('det', [det_frame('a.jpg', box('car'))], preds).summary['AP'] == 0


@pytest.mark.parametrize('score', [None, 'high', float('nan'), True])
def test_predictions_need_a_score(score):
    with pytest.raises(LabelError, match="preds.json: frame 'a.jpg', label id '1': .*score"):
        evaluate('det', [det_frame('a.jpg', box('car'))],
                 [det_frame('a.jpg', box('car', score))], pred_file='preds.json')


def test_labels_without_geometry_are_left_out_as_officially():
    """The official empty-prediction fixtures hold labels with a category and no box."""
    gt = [det_frame('a.jpg', box('car'))]
    without_box = [det_frame('a.jpg', {'id': '1', 'category': 'car', 'score': 0.9})]
    assert evaluate('det', gt, without_box).summary['AP'] == 0
    assert evaluate('det', gt, [det_frame('a.jpg', box('car', 0.9))]).summary['AP'] == \
        pytest.approx(100)


def test_predictions_for_frames_not_in_the_ground_truth_are_refused():
    gt = [det_frame('a.jpg', box('car'))]
    preds = [det_frame('a.jpg'), det_frame('b.jpg'), det_frame('c.jpg')]
    with pytest.raises(LabelError, match="^preds.json: frame 'b.jpg': prediction for a frame "
                                         "that is not in the ground truth \\(and 1 more\\)"):
        evaluate('det', gt, preds, pred_file='preds.json')


def test_duplicated_prediction_frames_are_refused():
    with pytest.raises(LabelError, match="frame 'a.jpg': duplicated frame"):
        evaluate('det', [det_frame('a.jpg')], [det_frame('a.jpg'), det_frame('a.jpg')])


def test_missing_predictions_score_empty_with_a_warning(caplog):
    gt = [det_frame('a.jpg', box('car')), det_frame('b.jpg', box('car'))]
    with caplog.at_level(logging.WARNING):
        scores = evaluate('det', gt, [det_frame('a.jpg', box('car', 0.9))])
    assert "1 of 2 ground-truth frames have no prediction" in caplog.text
    assert scores.summary['AR100'] == 50


def test_frames_pair_by_stem():
    """A mask file a.png, a label frame a.jpg: the same image."""
    scores = evaluate('det', [det_frame('a.jpg', box('car'))],
                      [det_frame('a.png', box('car', 0.9))])
    assert scores.summary['AP'] == pytest.approx(100)


def test_repeated_ground_truth_frames_are_each_scored(caplog):
    """As officially (the pose_sample_2 fixture holds a repeated frame)."""
    gt = [det_frame('a.jpg', box('car')), det_frame('a.jpg', box('car'))]
    with caplog.at_level(logging.WARNING):
        scores = evaluate('det', gt, [det_frame('a.jpg', box('car', 0.9))])
    assert 'repeat an earlier frame' in caplog.text
    assert scores.summary['AP'] == pytest.approx(100)


def seg_frame(name: str, *categories: str) -> dict:
    masks = [[[1, 0], [0, 0]], [[0, 1], [0, 0]], [[0, 0], [1, 1]]]
    return {'name': name, 'labels': [
        {'id': str(i), 'category': category, 'rle': rle_encode(np.array(masks[i]))}
        for i, category in enumerate(categories)]}


def test_sem_seg_leaves_out_other_bdd100k_names_and_reads_the_official_alias():
    gt = [seg_frame('a.jpg', 'road', 'person', 'polegroup')]
    same = evaluate('sem_seg', gt, [seg_frame('a.jpg', 'road', 'pedestrian', 'unlabeled')])
    assert same.summary['mIoU'] == 100
    assert same.per_class['person']['IoU'] == 100


def test_sem_seg_refuses_names_outside_the_bdd100k_list():
    with pytest.raises(LabelError, match="label id '1': unknown category 'persn' for sem_seg"):
        evaluate('sem_seg', [seg_frame('a.jpg', 'road')], [seg_frame('a.jpg', 'road', 'persn')])


def test_mask_sizes_must_agree():
    gt = [seg_frame('a.jpg', 'road')]
    pred = [{'name': 'a.jpg', 'labels': [
        {'id': '0', 'category': 'road', 'rle': rle_encode(np.ones((3, 3)))}]}]
    with pytest.raises(LabelError, match="frame 'a.jpg': prediction masks have size"):
        evaluate('sem_seg', gt, pred)


def test_unknown_task_and_option():
    with pytest.raises(ValueError, match='unknown task'):
        evaluate('lane', [det_frame('a.jpg')], [])
    with pytest.raises(TypeError):
        evaluate('det', [det_frame('a.jpg')], [], iou_thr=0.7)


def test_tagging_scores_the_attributes_the_predictions_carry(frames_of):
    gt = frames_of('tagging/tag_gts.json')
    weather_only = [{'name': f['name'], 'attributes': {'weather': f['attributes']['weather']}}
                    for f in frames_of('tagging/tag_preds.json')]
    scores = evaluate('tagging', gt, weather_only)
    assert scores.summary['accuracy'] == scores.summary['accuracy/WEATHER'] == 80
    assert 'accuracy/SCENE' not in scores.summary
    weather_only[3]['attributes']['weather'] = 'sunny'
    with pytest.raises(LabelError, match="attribute 'weather' must be one of .* got 'sunny'"):
        evaluate('tagging', gt, weather_only)
