"""Segment-Me-If-You-Can component metrics, CA-IoU and the known classes' mIoU on hand-drawn
maps."""
import math

import numpy as np
import pytest

from bdd100k_zoo.evaluation.anomaly_components import (ComponentStats, image_components,
                                                       known_class_hist, known_miou)


@pytest.fixture
def tiny_track(monkeypatch):
    """A track keeping every component (sizes >= 1) so hand maps stay small."""
    from bdd100k_zoo.evaluation import anomaly_components
    monkeypatch.setitem(anomaly_components.TRACKS, 'tiny', (1, 1))
    return 'tiny'


def test_siou_ppv_and_f1_by_hand(tiny_track):
    """GT A: rows 0-1, columns 0-4 (10 px); GT B: rows 5-6, columns 0-1 (4 px).

    Predictions (8-connected components): P1 = row 0, columns 0-1 (2 px on A); P2 = row 1,
    columns 3-5 (2 px on A, 1 outside; it does not touch P1); P3 = rows 6-7, columns 1-3 (6 px,
    1 on B); P4 = the single pixel (9, 9).

    sIoU(A) = 4 / (10 + 1) = 4/11; sIoU(B) = 1 / (4 + 5) = 1/9.
    PPV: P1 1, P2 2/3, P3 1/6, P4 0.
    sIoU of the predictions (A's pixels on the other prediction leave the union):
    P1 2 / (10 - 2 (on P2)) = 1/4; P2 2 / (11 - 2 (on P1)) = 2/9; P3 1 / (6 + 4 - 1) = 1/9;
    P4 0 (it touches no ground truth).
    tau 0.25, 0.30, 0.35: TP 1 (A), FN 1, FP 2 (P3, P4) -> F1 = 2 / 5; tau >= 0.40: TP 0 -> 0.
    mean_F1 = 3 * (2/5) / 11.
    CA-IoU: predicted anomaly pixels 2 + 2 + 1 = 5; union 14 + 12 - 5 = 21.
    """
    label = np.zeros((10, 10), np.uint8)
    label[0:2, 0:5] = 1
    label[5:7, 0:2] = 1
    pred = np.zeros((10, 10), bool)
    pred[0, 0:2] = True
    pred[1, 3:6] = True
    pred[6:8, 1:4] = True
    pred[9, 9] = True
    stats = image_components(label, pred, tiny_track)
    assert stats.siou == pytest.approx([4 / 11, 1 / 9])
    assert stats.ppv == pytest.approx([1, 2 / 3, 1 / 6, 0])
    assert stats.siou_pred == pytest.approx([1 / 4, 2 / 9, 1 / 9, 0])
    summary = stats.summary()
    assert summary['sIoU_pred'] == pytest.approx(100 * (1 / 4 + 2 / 9 + 1 / 9) / 4)
    assert summary['mean_F1'] == pytest.approx(100 * 3 * (2 / 5) / 11)
    assert summary['sIoU'] == pytest.approx(100 * (4 / 11 + 1 / 9) / 2)
    assert summary['PPV'] == pytest.approx(100 * (1 + 2 / 3 + 1 / 6) / 4)
    assert summary['CA_IoU'] == pytest.approx(100 * 5 / 21)


def test_prediction_touching_two_gt_components_leaves_the_other_out_of_the_union(tiny_track):
    """GT A = row 0, columns 0-2; GT B = row 0, columns 6-8 (3 px each). One prediction covers
    row 0, columns 0-9 (10 px). sIoU(A) = 3 / (10 + 3 - 3 - 3 (B's pixels)) = 3/7, same for B;
    the prediction's sIoU: 6 / 10 (both touch it, no other prediction)."""
    label = np.zeros((3, 10), np.uint8)
    label[0, 0:3] = 1
    label[0, 6:9] = 1
    pred = np.zeros((3, 10), bool)
    pred[0] = True
    stats = image_components(label, pred, tiny_track)
    assert stats.siou == pytest.approx([3 / 7, 3 / 7])
    assert stats.ppv == pytest.approx([6 / 10])
    assert stats.siou_pred == pytest.approx([6 / 10])


def test_two_predictions_on_one_gt_component_leave_each_other_out(tiny_track):
    """GT A = row 0, columns 0-5 (6 px). P1 = columns 0-1, P2 = columns 4-7 (two apart, not
    8-connected). sIoU(P1) = 2 / (6 - 2 (A under P2)) = 1/2; sIoU(P2) = 2 / (4 + 6 - 2 - 2 (A
    under P1)) = 1/3; sIoU(A) = 4 / (6 + 2) = 1/2."""
    label = np.zeros((3, 10), np.uint8)
    label[0, 0:6] = 1
    pred = np.zeros((3, 10), bool)
    pred[0, 0:2] = True
    pred[0, 4:8] = True
    stats = image_components(label, pred, tiny_track)
    assert stats.siou_pred == pytest.approx([1 / 2, 1 / 3])
    assert stats.siou == pytest.approx([1 / 2])


def test_small_components_and_ignored_pixels():
    """Anomaly track: a 99-px GT blob is voided (and predictions on it dropped), a 499-px
    predicted blob is dropped, a 500-px one kept, predictions on 255 do not count."""
    label = np.zeros((60, 60), np.uint8)
    label[0:9, 0:11] = 1  # 99 px: voided
    label[45:60, 30:60] = 255
    pred = np.zeros((60, 60), bool)
    pred[0:9, 0:11] = True  # on the voided blob: removed
    pred[12:22, 0:50] = True  # 500 px: kept
    pred[24:34, 0:50] = True
    pred[24, 0] = False  # 499 px: dropped
    pred[45:60, 30:60] = True  # on ignored pixels: removed
    stats = image_components(label, pred)
    assert stats.siou == [] and stats.ppv == [0.0] and stats.siou_pred == [0.0]
    summary = stats.summary()
    assert summary['mean_F1'] == 0 and math.isnan(summary['sIoU'])


def test_known_miou_by_hand():
    """Two classes: GT 0 0 1 1 255, pred 0 1 1 1 0 -> IoU(0) = 1/2, IoU(1) = 2/3."""
    gt = np.array([0, 0, 1, 1, 255], np.uint8)
    pred = np.array([0, 1, 1, 1, 0], np.uint8)
    assert known_miou(known_class_hist(gt, pred, 2)) == pytest.approx(100 * (1 / 2 + 2 / 3) / 2)
    assert math.isnan(known_miou(np.zeros((3, 3), np.int64)))


def test_stats_add_up():
    first = ComponentStats([0.5], [1.0], 2, 4, [0.25])
    first.update(ComponentStats([0.1], [], 1, 2, []))
    assert first == ComponentStats([0.5, 0.1], [1.0], 3, 6, [0.25])
