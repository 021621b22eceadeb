"""The Dirichlet prior-network loss: zero at its target, finite at extreme logits, trainable
through a real mmseg decode head; the pixel contrastive loss of the open-set head against a hand
computation, its label resizing, ignoring and per-label sampling."""
import math

import pytest
import torch
from mmengine.structures import PixelData
from mmseg.registry import MODELS
from mmseg.structures import SegDataSample

from bdd100k_zoo.seg.anomaly.losses import sample_per_label, supervised_contrastive


def test_zero_at_the_target_and_flat_for_void_pixels():
    loss = MODELS.build(dict(type='BDD100KDirichletPriorLoss', concentration=10.0,
                             smoothing=0.3))
    # class 0 of 3: target 10 * (0.7 * (1, 0, 0) + 0.1) = (8, 1, 1); void (254): (1, 1, 1)
    logits = torch.log(torch.tensor([[8.0, 1.0], [1.0, 1.0], [1.0, 1.0]]))[None, :, None, :]
    labels = torch.tensor([[[0, 254]]])
    assert float(loss(logits, labels)) == pytest.approx(0.0, abs=1e-6)
    # only the void pixel off target: KL(Dir(1,1,1) || Dir(2,1,1)) = lnG(3) - lnG(4) + lnG(2)
    # + (1 - 2)(psi(1) - psi(3)) = -ln 3 + 1.5, averaged over 2 pixels, divided by 10
    logits[0, 0, 0, 1] = math.log(2.0)
    assert float(loss(logits, labels)) == pytest.approx((1.5 - math.log(3)) / 2 / 10)
    ignored = torch.tensor([[[255, 254]]])
    assert float(loss(logits, ignored)) == pytest.approx((1.5 - math.log(3)) / 10)


def test_finite_at_extreme_logits_and_trains_a_real_head():
    loss = MODELS.build(dict(type='BDD100KDirichletPriorLoss'))
    logits = torch.tensor([40.0, -40.0, 1e4, -1e4]).reshape(1, 2, 1, 2).requires_grad_()
    value = loss(logits, torch.tensor([[[0, 254]]]))
    value.backward()
    assert torch.isfinite(value) and torch.isfinite(logits.grad).all()
    torch.manual_seed(0)
    head = MODELS.build(dict(type='FCNHead', in_channels=8, channels=8, num_convs=1,
                             num_classes=3, dropout_ratio=0, concat_input=False,
                             loss_decode=dict(type='BDD100KDirichletPriorLoss')))
    features = [torch.randn(2, 8, 8, 8)]
    labels = torch.randint(0, 3, (2, 8, 8))
    labels[:, :2] = 254
    samples = [SegDataSample(gt_sem_seg=PixelData(data=labels[i:i + 1]),
                             metainfo=dict(img_shape=(8, 8))) for i in range(2)]
    optimizer = torch.optim.SGD(head.parameters(), lr=0.1)
    values = []
    for _ in range(3):
        losses = head.loss(features, samples, train_cfg={})
        values.append(float(losses['loss_dirichlet']))
        optimizer.zero_grad()
        losses['loss_dirichlet'].backward()
        optimizer.step()
    assert values[2] < values[0]


def test_contrastive_loss_by_hand():
    """z = (1, 0), (0, 1), (1, 0) (the first given as (2, 0): normalised), labels 0, 0, 1, tau 1.
    Anchor 1: positive 2, log(e^0 / (e^0 + e^1)); anchor 2: positive 1, log(e^0 / (e^0 + e^0));
    anchor 3 has no positive. L = (log(1 + e) + log 2) / 2."""
    vectors = torch.tensor([[2.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    expected = (math.log(1 + math.e) + math.log(2)) / 2
    value = supervised_contrastive(vectors, torch.tensor([0, 0, 1]), 1.0)
    assert float(value) == pytest.approx(expected)
    assert float(supervised_contrastive(vectors, torch.tensor([0, 1, 2]), 1.0)) == 0
    # as the module: labels 2 x 8 resized by nearest to 1 x 4 (columns 0, 2, 4, 6), the fourth
    # pixel ignored, weight 0.5
    loss = MODELS.build(dict(type='BDD100KPixelContrastiveLoss', temperature=1.0, loss_weight=0.5))
    projections = torch.cat([vectors, torch.tensor([[5.0, 5.0]])]).T.reshape(1, 2, 1, 4)
    labels = torch.full((1, 2, 8), 7)
    labels[0, 0, [0, 2, 4, 6]] = torch.tensor([0, 0, 1, 255])
    assert float(loss(projections, labels)) == pytest.approx(0.5 * expected)


def test_contrastive_pixels_are_sampled_per_label():
    labels = torch.tensor([3, 3, 3, 3, 3, 1, 255, 255, 255])
    picked = sample_per_label(labels, 2, 255)
    assert sorted(labels[picked].tolist()) == [1, 3, 3] and len(set(picked.tolist())) == 3
    with pytest.raises(ValueError, match='temperature'):
        MODELS.build(dict(type='BDD100KPixelContrastiveLoss', temperature=0))
