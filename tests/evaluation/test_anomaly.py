"""Pixel anomaly metrics against scikit-learn and hand-computed cases: pooled and per image, ties,
ignored pixels, the FPR95 rules where they differ, and the binned mode's error bounds."""
import math

import numpy as np
import pytest
from sklearn.metrics import average_precision_score, roc_auc_score, roc_curve

from bdd100k_zoo.evaluation.anomaly import (AnomalyAccumulator, anomaly_metrics, binned_metrics,
                                            exact_metrics, f1_threshold, histogram, score_bins)
from bdd100k_zoo.labels import LabelError


def random_images(seed=0, images=5, shape=(100, 200), decimals=None):
    """Label maps with about 1 % anomalies (a band of 255 on top) and scores that rank them
    higher on average; the third image is ignored entirely."""
    rng = np.random.default_rng(seed)
    labels, scores = [], []
    for index in range(images):
        label = (rng.random(shape) < 0.01).astype(np.uint8)
        label[:5] = 255
        if index == 2:
            label[:] = 255
        score = (rng.random(shape) + 0.5 * (label == 1)).astype(np.float32)
        if decimals is not None:
            score = np.round(score, decimals).astype(np.float32)
        labels.append(label)
        scores.append(score)
    return labels, scores


def nearest_reference(y, s):
    """FPR at the recall nearest 0.95 walked as hendrycks/anomaly-seg's ``fpr_and_fdr_at_recall``
    does: distinct thresholds in descending order, the curve cut at the first full recall and
    walked back up, the first point of smallest distance."""
    order = np.argsort(s, kind='mergesort')[::-1]
    s, y = s[order], y[order]
    last_of_value = np.r_[np.flatnonzero(np.diff(s)), y.size - 1]
    tps = np.cumsum(y)[last_of_value]
    fps = 1 + last_of_value - tps
    full = tps.searchsorted(tps[-1])
    recall = np.r_[(tps / tps[-1])[full::-1], 1]
    fps = np.r_[fps[full::-1], 0]
    return fps[np.argmin(np.abs(recall - 0.95))] / np.sum(y == 0)


def pooled(labels, scores):
    """The valid pixels of all images as sklearn takes them."""
    label = np.concatenate([m.ravel() for m in labels])
    score = np.concatenate([s.ravel() for s in scores])
    return label[label != 255], score[label != 255]


@pytest.mark.parametrize('decimals', [None, 2])
def test_pooled_metrics_equal_sklearn(decimals):
    labels, scores = random_images(decimals=decimals)
    summary = anomaly_metrics(labels, scores)
    y, s = pooled(labels, scores)
    assert summary['AP'] == pytest.approx(100 * average_precision_score(y, s), rel=1e-9)
    assert summary['AUROC'] == pytest.approx(100 * roc_auc_score(y, s), rel=1e-9)
    fpr, tpr, _ = roc_curve(y, s)
    first = np.searchsorted(tpr, 0.95, 'left')
    assert summary['FPR95'] == pytest.approx(100 * fpr[first], rel=1e-12)
    interpolated = anomaly_metrics(labels, scores, fpr_rule='interpolate')['FPR95']
    assert interpolated == pytest.approx(100 * np.interp(0.95, tpr, fpr), rel=1e-9)
    nearest = anomaly_metrics(labels, scores, fpr_rule='nearest')['FPR95']
    assert nearest == pytest.approx(100 * nearest_reference(y, s), rel=1e-12)


def test_per_image_mode_is_the_mean_of_sklearn_per_image():
    labels, scores = random_images(seed=1)
    labels[0][labels[0] == 1] = 0  # no anomaly: skipped
    summary = anomaly_metrics(labels, scores, per_image=True)
    aps, aucs = [], []
    for label, score in zip(labels, scores):
        y, s = label[label != 255], score[label != 255]
        if 0 < y.sum() < y.size:
            aps.append(average_precision_score(y, s))
            aucs.append(roc_auc_score(y, s))
    assert len(aps) == 3
    assert summary['AP_img'] == pytest.approx(100 * np.mean(aps), rel=1e-9)
    assert summary['AUROC_img'] == pytest.approx(100 * np.mean(aucs), rel=1e-9)


def hand_case():
    """P = 40, N = 20: 3.0 holds 37 anomaly + 2 known pixels, 2.0 holds 3 + 6, 1.0 holds 12 known.

    Operating points (TPR, FPR): (0.925, 0.10), (1.0, 0.40), (1.0, 1.0).
    AP = 0.925 * 37/39 + 0.075 * 40/48 = 0.9400641; AUROC = (37 * (18 + 1) + 3 * (12 + 3)) / 800
    = 748 / 800 = 0.935.
    """
    pos = np.array([3.0] * 37 + [2.0] * 3, np.float32)
    neg = np.array([3.0] * 2 + [2.0] * 6 + [1.0] * 12, np.float32)
    return pos, neg


@pytest.mark.parametrize('rule,expected', [('fishyscapes', 0.40), ('interpolate', 0.20),
                                           ('nearest', 0.10)])
def test_fpr95_rules_on_the_hand_case(rule, expected):
    metrics = exact_metrics(*hand_case(), fpr_rule=rule)
    assert metrics.fpr95 == pytest.approx(expected, abs=1e-12)
    assert metrics.ap == pytest.approx(0.925 * 37 / 39 + 0.075 * 40 / 48, abs=1e-12)
    assert metrics.auroc == pytest.approx(0.935, abs=1e-12)


def test_fpr95_reached_at_exactly_095():
    # P = 20: TPR 19/20 = 0.95 exactly counts as reached, giving FPR 1/10, not the next point
    pos = np.array([5.0] * 19 + [1.0], np.float32)
    neg = np.array([5.0] + [3.0] * 4 + [0.0] * 5, np.float32)
    assert exact_metrics(pos, neg).fpr95 == pytest.approx(0.1)


def test_all_ignored_and_one_class_inputs():
    label = np.full((4, 4), 255, np.uint8)
    with pytest.warns(UserWarning, match='undefined'):
        summary = anomaly_metrics([label], [np.zeros((4, 4), np.float32)])
    assert all(math.isnan(v) for v in summary.values())


@pytest.mark.parametrize('label_value,score,message', [
    (7, np.zeros((3, 3), np.float32), '0, 1 or 255'),
    (0, np.zeros((3, 4), np.float32), 'does not match'),
    (0, np.full((3, 3), np.nan, np.float32), 'NaN'),
    (0, np.zeros((3, 3), np.int32), 'floats')])
def test_bad_input_names_the_image(label_value, score, message):
    label = np.full((3, 3), label_value, np.uint8)
    with pytest.raises(LabelError, match=f'img.png.*{message}'):
        AnomalyAccumulator().add(label, score, 'img.png')


def test_score_bins_keep_the_float_order():
    values = np.array([-np.inf, -3.5, -1e-30, 0.0, 1e-30, 0.25, 1.0, 7.0, np.inf], np.float32)
    for bits in (8, 16, 24):
        assert np.all(np.diff(score_bins(values, bits)) >= 0)
    assert np.all(np.diff(score_bins(values, 24)[1:-1]) > 0)


@pytest.mark.parametrize('bits', [6, 10, 14])
def test_binned_bounds_contain_the_exact_values(bits):
    labels, scores = random_images(seed=2, decimals=3)
    y, s = pooled(labels, scores)
    exact = exact_metrics(s[y == 1], s[y == 0])
    binned, bounds = binned_metrics(histogram(s[y == 1], bits), histogram(s[y == 0], bits))
    for value, reference, bound in zip(binned, exact, bounds):
        assert abs(value - reference) <= bound + 1e-12


def test_binned_mode_is_exact_when_bins_separate_the_values():
    labels, scores = random_images(seed=3, decimals=2)
    exact = anomaly_metrics(labels, scores)
    accumulator = AnomalyAccumulator('binned', 20)
    for label, score in zip(labels, scores):
        accumulator.add(label, score)
    summary, extra = accumulator.result()
    assert summary == pytest.approx(exact, rel=1e-12)
    assert extra['bits'] == 20 and extra['images'] == 5


@pytest.mark.parametrize('mode', ['exact', 'binned'])
def test_merged_states_equal_one_accumulator(mode):
    labels, scores = random_images(seed=4)
    whole, first, second = (AnomalyAccumulator(mode, 12, per_image=True) for _ in range(3))
    for index, (label, score) in enumerate(zip(labels, scores)):
        whole.add(label, score)
        (first if index % 2 else second).add(label, score)
    first.merge(second.state())
    assert first.result() == whole.result()


def test_f1_threshold_of_the_hand_case():
    # F1 at 3.0: 2 * 37 / (39 + 40) = 0.937; at 2.0: 2 * 40 / (48 + 40) = 0.909
    accumulator = AnomalyAccumulator()
    pos, neg = hand_case()
    label = np.r_[np.ones(40), np.zeros(20)].astype(np.uint8)[None]
    accumulator.add(label, np.r_[pos, neg][None])
    assert f1_threshold(accumulator.levels()) == 3.0


@pytest.mark.parametrize('mode', ['exact', 'binned'])
def test_image_parts_added_in_any_order_equal_add(mode):
    labels, scores = random_images(seed=5)
    direct, from_parts = AnomalyAccumulator(mode, 12, per_image=True), AnomalyAccumulator(
        mode, 12, per_image=True)
    parts = [from_parts.image_part(label, score) for label, score in zip(labels, scores)]
    for label, score in zip(labels, scores):
        direct.add(label, score)
    for part in reversed(parts):
        from_parts.add_part(part)
    assert from_parts.result()[0] == pytest.approx(direct.result()[0], rel=1e-12)
