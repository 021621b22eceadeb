"""The VCA open-set prototype head: its distance logits and unknown logit against hand values,
real mmseg heads made open-set, its cross entropy against an independent formula, training with
the contrastive loss, its unknown score; and
CA-IoU of the unknown mask (``argmax == K``) through the anomaly metric; the sample VCA config
trains and tests on a fresh generated sample."""
import math
import os
import os.path as osp

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from mmengine.evaluator import Evaluator
from mmengine.structures import PixelData
from mmseg.registry import MODELS
from mmseg.structures import SegDataSample

from bdd100k_zoo.runtime.launch import (build_runner, configure_device, load_config,
                                        set_data_root, set_output_dir, set_work_dir)
from bdd100k_zoo.seg.anomaly.heads import PrototypeClassifier, prototype_distances


def hand_classifier():
    """Prototypes (0, 0) and (3, 0); sigma^2 = 1 and 1/2 (2 sigma^2 = 2 and 1); gamma = 0.7."""
    classifier = PrototypeClassifier(2, 2)
    with torch.no_grad():
        classifier.prototypes.copy_(torch.tensor([[0.0, 0.0], [3.0, 0.0]]))
        classifier.log_sigma.copy_(torch.tensor([0.0, 0.5 * math.log(0.5)]))
        classifier.unknown.fill_(0.7)
    return classifier


def test_distance_logits_and_unknown_logit_by_hand():
    """Embedding (3, 4): distances 5 and 4 -> logits -5/2, -4/1; embedding (3, 0) lies on the
    second prototype: distance sqrt(eps) = 1e-3 -> -1e-3, and 3 to the first -> -3/2."""
    embeddings = torch.tensor([[3.0, 3.0], [4.0, 0.0]]).reshape(1, 2, 1, 2)
    distances = prototype_distances(embeddings, torch.tensor([[0.0, 0.0], [3.0, 0.0]]))
    assert distances[0, :, 0, 0].tolist() == pytest.approx([5, 4])
    logits = hand_classifier()(embeddings)
    assert logits.shape == (1, 3, 1, 2)
    assert logits[0, :, 0, 0].tolist() == pytest.approx([-2.5, -4.0, 0.7])
    assert logits[0, :, 0, 1].tolist() == pytest.approx([-1.5, -1e-3, 0.7], abs=1e-6)


def test_the_gradient_is_finite_on_a_prototype():
    classifier = hand_classifier()
    embeddings = torch.tensor([3.0, 0.0]).reshape(1, 2, 1, 1).requires_grad_()
    classifier(embeddings).sum().backward()
    assert torch.isfinite(embeddings.grad).all()
    assert torch.isfinite(classifier.prototypes.grad).all()


def test_the_unknown_score_is_the_unknown_probability():
    logits = hand_classifier()(torch.tensor([3.0, 4.0]).reshape(1, 2, 1, 1))
    score = MODELS.build(dict(type='BDD100KUnknownScore'))(logits)
    expected = math.exp(0.7) / (math.exp(-2.5) + math.exp(-4.0) + math.exp(0.7))
    assert float(score[0, 0, 0].detach()) == pytest.approx(expected)


def fcn_head(contrastive=None):
    torch.manual_seed(0)
    return MODELS.build(dict(
        type='BDD100KOpenSetPrototypeHead',
        head=dict(type='FCNHead', in_channels=8, channels=6, num_convs=1, num_classes=3,
                  dropout_ratio=0, concat_input=False),
        contrastive_loss=contrastive, projection_channels=4))


def samples(labels):
    return [SegDataSample(gt_sem_seg=PixelData(data=labels[i:i + 1]),
                          metainfo=dict(img_shape=tuple(labels.shape[1:])))
            for i in range(len(labels))]


def test_a_real_head_becomes_open_set():
    head = fcn_head()
    features = [torch.randn(2, 8, 4, 4)]
    logits = head(features)
    assert head.num_classes == head.out_channels == 4 and logits.shape == (2, 4, 4, 4)
    assert torch.all(logits[:, 3] == head.head.conv_seg.unknown)
    embeddings = head.head.convs(features[0])
    assert torch.allclose(logits, head.head.conv_seg(embeddings))
    # cross entropy over K + 1 classes, the unknown class K = 3 trained as any class
    labels = torch.randint(0, 4, (2, 8, 8))
    labels[0, 0] = 255
    losses = head.loss(features, samples(labels), {})
    # mmseg's CrossEntropyLoss (avg_non_ignore=False) divides by every pixel, ignored ones too
    expected = F.cross_entropy(F.interpolate(logits, (8, 8), mode='bilinear'), labels,
                               ignore_index=255, reduction='sum') / labels.numel()
    assert float(losses['loss_ce'].detach()) == pytest.approx(float(expected), rel=1e-5)
    assert set(losses) == {'loss_ce', 'acc_seg'}


def test_the_head_trains_with_both_losses():
    head = fcn_head(dict(type='BDD100KPixelContrastiveLoss', temperature=0.1, loss_weight=0.1))
    features = [torch.randn(2, 8, 4, 4)]
    labels = torch.randint(0, 4, (2, 4, 4))
    optimizer = torch.optim.SGD(head.parameters(), lr=0.05)
    totals = []
    for _ in range(4):
        losses = head.loss(features, samples(labels), {})
        assert {'loss_ce', 'loss_contrastive', 'acc_seg'} == set(losses)
        total = losses['loss_ce'] + losses['loss_contrastive']
        totals.append(float(total))
        optimizer.zero_grad()
        total.backward()
        optimizer.step()
    assert head.projection[0].weight.grad is not None
    assert totals[-1] < totals[0]


def anomaly_sample(gt_anomaly, logits, name):
    height, width = gt_anomaly.shape
    sample = SegDataSample(metainfo=dict(img_path=f'/nonexistent/{name}.jpg', name=f'{name}.jpg',
                                         ori_shape=(height, width)))
    sample.gt_anomaly_map = PixelData(data=torch.from_numpy(gt_anomaly)[None])
    sample.gt_sem_seg = PixelData(data=torch.zeros(1, height, width, dtype=torch.uint8))
    sample.seg_logits = PixelData(data=logits)
    sample.pred_sem_seg = PixelData(data=logits[:2].argmax(0, keepdim=True))
    unknown = logits.softmax(0)[2:3]
    sample.pred_anomaly_map = PixelData(data=unknown)
    sample.pred_anomaly_maps = PixelData(unknown=unknown)
    return sample


@pytest.mark.parametrize('unknown_index, expected', [(2, 100 / 3), (None, 200 / 3)])
def test_ca_iou_of_the_argmax_unknown_mask(unknown_index, expected):
    """One 1 x 4 image, anomaly GT 1 0 1 0; softmax over (known 0, known 1, unknown) per pixel:
    (.3, .1, .6), (.4, .1, .5), (.5, .05, .45), (.9, 0, .1).

    ``unknown_index=2``: argmax == 2 at pixels 0, 1; with the anomaly pixels 0, 2: IoU 1/3.
    Threshold (default): the unknown probability .6, .5, .45, .1 is the score; F1 at >= .6: 2/3,
    >= .5: 1/2, >= .45: 4/5 (best), >= .1: 2/3 -> mask {0, 1, 2}: IoU 2/3.
    """
    gt = np.array([[1, 0, 1, 0]], np.uint8)
    probabilities = torch.tensor([[0.3, 0.4, 0.5, 0.9],
                                  [0.1, 0.1, 0.05, 0.0],
                                  [0.6, 0.5, 0.45, 0.1]]).clamp_min(1e-9)
    evaluator = Evaluator(dict(type='BDD100KAnomalyMetric', unknown_index=unknown_index,
                               max_visuals=0))
    evaluator.dataset_meta = dict(classes=('a', 'b'))
    evaluator.process([anomaly_sample(gt, probabilities.log()[:, None], 'x')])
    assert evaluator.evaluate(1)['bdd100k/CA_IoU'] == pytest.approx(expected)


def test_unknown_index_needs_an_unknown_output():
    evaluator = Evaluator(dict(type='BDD100KAnomalyMetric', unknown_index=5, max_visuals=0))
    evaluator.dataset_meta = dict(classes=('a', 'b'))
    with pytest.raises(ValueError, match='x.jpg: unknown_index=5 .* 3 channels'):
        evaluator.process([anomaly_sample(np.zeros((1, 4), np.uint8),
                                          torch.zeros(3, 1, 4), 'x')])


@pytest.mark.slow
@pytest.mark.parametrize('config, score, classes', [
    ('dla34_vca_anomaly_bdd100k_sample.py', 'unknown', 19),
])
def test_the_open_set_sample_config_trains_and_tests(repo_root, tiny_sample, tmp_path, config,
                                                     score, classes):
    """Two iterations of one image on a fresh tiny sample (cross entropy over 19 + 1 classes and
    the contrastive loss), then the test loop on its anomaly split: the unknown output is scored,
    CA-IoU is that of the argmax == 19 mask."""
    path = osp.join(repo_root, 'anomaly', 'configs', 'anomaly', config)
    options = {'train_cfg.max_iters': 2, 'train_cfg.val_interval': 10,  # no validation
               'default_hooks.checkpoint.interval': 2, 'default_hooks.logger.interval': 1,
               'train_dataloader.batch_size': 1}
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        options.update({f'{loader}.num_workers': 0, f'{loader}.persistent_workers': False})
    cfg = load_config(path, options)
    cfg.visualizer.name = f'visualizer_anomaly_{config}'
    set_work_dir(cfg, str(tmp_path / 'work'), path)
    set_data_root(cfg, tiny_sample)
    configure_device(cfg, 'none')
    set_output_dir(cfg, str(tmp_path / 'out'))
    runner = build_runner(cfg)
    runner.train()
    head = runner.model.decode_head
    assert head.num_classes == classes + 1
    assert float(head.head.conv_seg.unknown.detach()) != 0   # the unknown logit was trained
    metrics = runner.test()
    assert {f'bdd100k/{key}' for key in ('AP', 'AUROC', 'CA_IoU', 'mIoU')} <= set(metrics)
    maps = sorted(os.listdir(tmp_path / 'out' / 'anomaly_maps' / score))
    assert maps and all(name.endswith('.npy') for name in maps)
    anomaly_map = np.load(tmp_path / 'out' / 'anomaly_maps' / score / maps[0])
    assert anomaly_map.shape == (720, 1280) and 0 <= anomaly_map.min() <= anomaly_map.max() <= 1
