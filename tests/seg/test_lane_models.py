"""The lane and lane + drivable models of the sample configs: built for real, one loss and one
prediction on a small batch."""
import os.path as osp

import pytest
import torch
from mmengine.structures import PixelData
from mmseg.registry import MODELS
from mmseg.structures import SegDataSample

from bdd100k_zoo.labels.lanes import check_lane_mask
from bdd100k_zoo.runtime.launch import configure_device, load_config
from bdd100k_zoo.seg.lane_targets import IGNORE_INDEX

LANE_KEYS = ('direction', 'style', 'category')


def build(repo_root, name):
    cfg = load_config(osp.join(repo_root, 'lane', 'configs', 'lane', name))
    configure_device(cfg, 'none')
    return MODELS.build(cfg.model).eval()


def batch(height=64, width=96):
    """Two samples: lane masks with a vertical dashed single white line and a parallel solid
    single other one (ignored by the category head), drivable masks."""
    samples = []
    for index in range(2):
        lanes = torch.full((1, height, width), 255, dtype=torch.int64)
        lanes[0, :, 40 + index] = 32 | 16 | 6
        lanes[0, :, 60] = 5
        sample = SegDataSample(metainfo=dict(
            ori_shape=(height, width), img_shape=(height, width), pad_shape=(height, width),
            padding_size=[0, 0, 0, 0]))
        sample.gt_lane_map = PixelData(data=lanes)
        sample.gt_sem_seg = PixelData(data=torch.randint(0, 3, (1, height, width)))
        samples.append(sample)
    return torch.rand(2, 3, height, width), samples


@pytest.mark.parametrize('name, heads', [
    ('dla34_lane_bdd100k_sample.py', LANE_KEYS),
    ('dla34_lane_drivable_bdd100k_sample.py', LANE_KEYS + ('drivable',)),
])
def test_sample_models_train_and_predict(repo_root, name, heads):
    model = build(repo_root, name)
    assert tuple(model.decode_heads) == heads
    assert [model.decode_heads[key].num_classes for key in heads] == [3, 3, 9, 3][:len(heads)]
    inputs, samples = batch()
    model.train()
    losses = model.loss(inputs, samples)
    assert sorted(losses) == sorted(f'{head}.{key}' for head in heads
                                    for key in ('loss_ce', 'acc_seg'))
    assert all(torch.isfinite(value) for value in losses.values())
    model.eval()
    with torch.no_grad():
        predicted = model.predict(inputs, samples)
    for sample in predicted:
        mask = sample.pred_lane_map.data[0].numpy()
        assert mask.shape == (64, 96)
        check_lane_mask(mask, 'prediction')
        assert ('pred_sem_seg' in sample) == ('drivable' in heads)


def test_lane_heads_weigh_the_foreground_ten_times(repo_root):
    model = build(repo_root, 'dla34_512x1024_80k_lane_bdd100k.py')
    assert [model.decode_heads[key].foreground_weight for key in LANE_KEYS] == [10.0] * 3
    head = model.decode_heads['direction']
    logits = torch.tensor([[2.0, 0.0, -1.0], [0.0, 1.0, 0.0], [0.0, 0.0, 3.0]])
    target = torch.tensor([0, 1, IGNORE_INDEX])
    # by hand: -log softmax at the target, weighted 1 (background) and 10, over weights 1 + 10
    nll = -torch.log_softmax(logits, 1)[[0, 1], [0, 1]]
    sample = SegDataSample(metainfo=dict(padding_size=[0, 0, 0, 0]))
    sample.gt_lane_map = PixelData(data=torch.tensor([[[255, 0, -1]]]))
    loss = head.loss_by_feat(logits.T[None, :, None, :], [sample])['loss_ce']
    assert loss.item() == pytest.approx(((nll[0] + 10 * nll[1]) / 11).item())
    assert model.decode_heads['category'].ignored == ('double other', 'single other')


def test_targets_are_padded_like_the_inputs(repo_root):
    head = build(repo_root, 'dla34_lane_bdd100k_sample.py').decode_heads['style']
    small = torch.full((1, 4, 6), 255, dtype=torch.int64)
    small[0, :, 1] = 16                                     # parallel dashed crosswalk
    samples = [SegDataSample(metainfo=dict(padding_size=[0, 2, 0, 1])),
               SegDataSample(metainfo=dict(padding_size=[0, 0, 0, 0]))]
    samples[0].gt_lane_map = PixelData(data=small)
    samples[1].gt_lane_map = PixelData(data=torch.full((1, 5, 8), 255, dtype=torch.int64))
    targets = head._stack_batch_gt(samples)
    expected = torch.full((5, 8), IGNORE_INDEX)
    expected[:4, :6] = 0
    expected[:4, 1] = 2                                     # dashed: 1 + index 1
    assert targets.shape == (2, 1, 5, 8)
    assert torch.equal(targets[0, 0], expected) and (targets[1] == 0).all()
