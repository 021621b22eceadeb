"""SegEvaluator (in memory) against the path-based evaluation, scalabel and hand-made scores."""
import os.path as osp

import numpy as np
import pytest
from PIL import Image
from scalabel.eval.sem_seg import evaluate_sem_seg
from scalabel.label.typing import Frame

from bdd100k_zoo.evaluation import SegEvaluator, evaluate, evaluate_files
from bdd100k_zoo.evaluation.configs import scalabel_config
from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.categories import SEM_SEG_CLASSES
from bdd100k_zoo.labels.masks import encode_bitmask, rle_encode

# Hand-computed example (values: 0 road, 11 person, 13 car, 255 ignore). Instances: person 1
# (4 px), person 2 (2 px), car 3 (3 px).
GT = np.array([[0, 0, 11, 11, 255],
               [0, 0, 11, 11, 13],
               [0, 11, 11, 13, 13]], dtype=np.uint8)
PRED = np.array([[0, 0, 11, 0, 0],
                 [0, 11, 11, 11, 13],
                 [0, 0, 11, 13, 11]], dtype=np.uint8)
INSTANCES = np.array([[0, 0, 1, 1, 0],
                      [0, 0, 1, 1, 3],
                      [0, 2, 2, 3, 3]])
BITMASK_CATEGORIES = np.where(INSTANCES == 3, 3, np.where(INSTANCES > 0, 1, 0))  # car, pedestrian


def bitmask(instances: np.ndarray, categories: np.ndarray) -> np.ndarray:
    return encode_bitmask(categories, instances, np.zeros_like(instances))


def test_bdd100k_masks_in_memory_equal_the_files(bdd_dir):
    evaluator = SegEvaluator('sem_seg')
    for name in ('a.png', 'b.png'):
        gt = np.asarray(Image.open(osp.join(bdd_dir, 'seg/gt+', name)))
        pred_path = osp.join(bdd_dir, 'seg/pred', name)
        evaluator.add(gt, np.asarray(Image.open(pred_path)) if osp.exists(pred_path) else None,
                      name)
    files = evaluate_files('sem_seg', osp.join(bdd_dir, 'seg/gt+'), osp.join(bdd_dir, 'seg/pred'))
    assert evaluator.result().to_dict() == files.to_dict()
    assert files.summary['mIoU'] == pytest.approx(31.911057692307693)


def test_nproc_does_not_change_the_scores(bdd_dir):
    args = ('sem_seg', osp.join(bdd_dir, 'seg/gt+'), osp.join(bdd_dir, 'seg/pred'))
    assert evaluate_files(*args, nproc=2).to_dict() == evaluate_files(*args).to_dict()


def rle_frame(name: str, mask: np.ndarray, classes) -> dict:
    return {'name': name, 'labels': [
        {'id': str(i), 'category': cls, 'rle': rle_encode(mask == i)}
        for i, cls in enumerate(classes) if (mask == i).any()]}


def test_drivable_scores_background_as_ignored():
    """As officially: mIoU over direct/alternative; background ground truth is not scored."""
    rng = np.random.default_rng(0)
    gt, pred = rng.integers(0, 3, (2, 20, 30), dtype=np.uint8)
    classes = ('direct', 'alternative', 'background')
    ours = evaluate('drivable', [rle_frame('a.jpg', gt, classes)],
                    [rle_frame('a.jpg', pred, classes)])
    config = scalabel_config('drivable').copy(update={'imageSize': None})  # small masks
    official = evaluate_sem_seg([Frame(**rle_frame('a.jpg', gt, classes[:2]))],
                                [Frame(**rle_frame('a.jpg', pred, classes[:2]))], config, nproc=1)
    assert ours.summary == official.summary()
    assert set(ours.per_class) == {'direct', 'alternative'}
    evaluator = SegEvaluator('drivable')
    evaluator.add(gt, pred, 'a')
    assert evaluator.result().to_dict() == ours.to_dict()


def test_missing_prediction_counts_every_pixel_as_missed():
    evaluator = SegEvaluator('sem_seg')
    evaluator.add(GT, None, 'a')
    scores = evaluator.result()
    assert scores.summary['pAcc'] == 0
    assert scores.per_class['road'] == {'IoU': 0.0, 'Acc': 0.0}


@pytest.mark.parametrize('gt, pred, message', [
    (GT, np.zeros((3, 4), np.uint8), 'prediction mask has size'),
    (GT, np.full(GT.shape, 19, np.uint8), 'illegal class ids [19]'),
    (np.where(GT == 13, 40, GT), PRED, 'illegal class ids [40]'),
    (GT, np.full(GT.shape, -1), 'outside 0..255'),
    (GT, np.stack([PRED] * 3, -1), '2-D array'),
])
def test_bad_masks_name_the_frame(gt, pred, message):
    with pytest.raises(LabelError, match='frame-7') as err:
        SegEvaluator('sem_seg').add(gt, pred, 'frame-7')
    assert message in str(err.value)


def test_drivable_accepts_background_but_no_other_id():
    evaluator = SegEvaluator('drivable')
    evaluator.add(np.array([[0, 1, 2, 255]]), np.array([[0, 2, 2, 1]]), 'ok')
    with pytest.raises(LabelError, match='illegal class ids \\[3\\]'):
        evaluator.add(np.array([[0, 1, 2, 3]]), np.array([[0, 1, 2, 1]]), 'bad')


def test_cityscapes_category_iou_by_hand():
    evaluator = SegEvaluator('sem_seg')
    evaluator.add(GT, PRED, 'a')
    cityscapes = evaluator.result().extra['cityscapes']
    categories = cityscapes['categories']
    assert categories['flat']['IoU'] == pytest.approx(400 / 7)
    assert categories['human']['IoU'] == pytest.approx(50)
    assert categories['vehicle']['IoU'] == pytest.approx(200 / 3)
    assert np.isnan(categories['sky']['IoU'])
    assert cityscapes['summary'] == pytest.approx(
        {'IoU_category': (400 / 7 + 50 + 200 / 3) / 3})
    assert 'classes' not in cityscapes  # no iIoU without instances


def test_cityscapes_iiou_by_hand():
    """person: mean size 3, iTP = 3*3/4 + 1*3/2, iFN = 1*3/4 + 1*3/2, FP = 2 -> 3.75 / 8."""
    evaluator = SegEvaluator('sem_seg')
    evaluator.add(GT, PRED, 'a', instances=bitmask(INSTANCES, BITMASK_CATEGORIES))
    cityscapes = evaluator.result().extra['cityscapes']
    assert cityscapes['classes']['person']['iIoU'] == pytest.approx(100 * 3.75 / 8)
    assert cityscapes['classes']['car']['iIoU'] == pytest.approx(200 / 3)
    assert np.isnan(cityscapes['classes']['rider']['iIoU'])
    assert cityscapes['categories']['human']['iIoU'] == pytest.approx(100 * 3.75 / 8)
    assert cityscapes['categories']['vehicle']['iIoU'] == pytest.approx(200 / 3)
    assert cityscapes['summary']['iIoU_class'] == pytest.approx((100 * 3.75 / 8 + 200 / 3) / 2)
    assert cityscapes['mean_instance_size'] == {'person': 3.0, 'car': 3.0, 'human': 3.0,
                                                'vehicle': 3.0}


def test_iiou_weights_use_the_mean_size_over_the_whole_set():
    """A second image adds a 6-pixel person, all found: mean size 4, iTP = 3 + 2 + 4, iFN = 3."""
    evaluator = SegEvaluator('sem_seg')
    evaluator.add(GT, PRED, 'a', instances=bitmask(INSTANCES, BITMASK_CATEGORIES))
    person = np.full((2, 3), 11, np.uint8)
    one_person = np.ones((2, 3), int)
    evaluator.add(person, person, 'b', instances=bitmask(one_person, one_person))
    classes = evaluator.result().extra['cityscapes']['classes']
    assert classes['person']['iIoU'] == pytest.approx(100 * 9 / 14)


def test_crowd_instances_are_left_out_of_iiou():
    attributes = np.where(INSTANCES == 2, 2, 0)  # person 2 is a crowd
    evaluator = SegEvaluator('sem_seg')
    evaluator.add(GT, PRED, 'a', instances=encode_bitmask(BITMASK_CATEGORIES, INSTANCES,
                                                          attributes))
    cityscapes = evaluator.result().extra['cityscapes']
    assert cityscapes['mean_instance_size']['person'] == 4
    assert cityscapes['classes']['person']['iIoU'] == pytest.approx(100 * 3 / 6)


def test_instances_from_frames_equal_instances_in_memory():
    def ins_frame(name):
        return {'name': name, 'labels': [
            {'id': str(i), 'category': 'car' if i == 3 else 'pedestrian',
             'rle': rle_encode(INSTANCES == i)} for i in (1, 2, 3)]}
    gt_frame = {'name': 'a.jpg', 'labels': [
        {'id': str(v), 'category': SEM_SEG_CLASSES[v], 'rle': rle_encode(GT == v)}
        for v in (0, 11, 13)]}
    pred_frame = {'name': 'a.jpg', 'labels': [
        {'id': str(v), 'category': SEM_SEG_CLASSES[v], 'rle': rle_encode(PRED == v)}
        for v in (0, 11, 13)]}
    from_frames = evaluate('sem_seg', [gt_frame], [pred_frame], instances=[ins_frame('a.png')])
    evaluator = SegEvaluator('sem_seg')
    evaluator.add(GT, PRED, 'a', instances=bitmask(INSTANCES, BITMASK_CATEGORIES))
    assert from_frames.extra['cityscapes']['classes'] == evaluator.result().extra[
        'cityscapes']['classes']
    with pytest.raises(LabelError, match="no instances for frame 'a.jpg'"):
        evaluate('sem_seg', [gt_frame], [pred_frame], instances=[ins_frame('other.png')])


def test_instances_must_be_given_for_every_image_or_none():
    evaluator = SegEvaluator('sem_seg')
    evaluator.add(GT, PRED, 'a', instances=bitmask(INSTANCES, BITMASK_CATEGORIES))
    with pytest.raises(ValueError, match='every image or for none'):
        evaluator.add(GT, PRED, 'b')
