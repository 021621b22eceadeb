"""BDD100KAnomalySegmentor on real mmseg models (DLA-34 of the sample config, PSPNet R-18)."""
import copy

import pytest
import torch
from mmengine.config import Config, ConfigDict
from mmengine.structures import PixelData
from mmseg.registry import MODELS
from mmseg.structures import SegDataSample

from bdd100k_zoo.runtime.weights import compare_weights

DLA_SAMPLE = 'sem_seg/configs/sem_seg/dla34_sem_seg_bdd100k_sample.py'
LOGIT_SCORES = dict(max_logit=dict(type='BDD100KMaxLogitScore'),
                    msp=dict(type='BDD100KMaxSoftmaxScore'),
                    entropy=dict(type='BDD100KEntropyScore'),
                    energy=dict(type='BDD100KEnergyScore', temperature=2.0))


@pytest.fixture(scope='module')
def dla_cfg(repo_root):
    cfg = Config.fromfile(f'{repo_root}/{DLA_SAMPLE}')
    return cfg.model.to_dict()


@pytest.fixture(scope='module')
def psp_cfg():
    bn = dict(type='BN', requires_grad=True)
    return dict(
        type='EncoderDecoder',
        data_preprocessor=dict(type='SegDataPreProcessor', mean=[0.0] * 3, std=[1.0] * 3,
                               pad_val=0, seg_pad_val=255, size=(64, 64)),
        backbone=dict(type='ResNetV1c', depth=18, num_stages=4, out_indices=(0, 1, 2, 3),
                      dilations=(1, 1, 2, 4), strides=(1, 2, 1, 1), norm_cfg=bn),
        decode_head=dict(type='PSPHead', in_channels=512, in_index=3, channels=32,
                         pool_scales=(1, 2, 3, 6), dropout_ratio=0.1, num_classes=2,
                         norm_cfg=bn, align_corners=False,
                         loss_decode=dict(type='CrossEntropyLoss', loss_weight=1.0)),
        train_cfg=dict(), test_cfg=dict(mode='whole'))


def wrap(segmentor, scores=None, primary='max_logit'):
    torch.manual_seed(0)
    return MODELS.build(dict(type='BDD100KAnomalySegmentor', segmentor=copy.deepcopy(segmentor),
                             scores=scores or LOGIT_SCORES, primary=primary)).eval()


def batch(height=50, width=90, flip=False):
    torch.manual_seed(1)
    image = torch.randint(0, 255, (3, height, width), dtype=torch.uint8)
    meta = dict(img_shape=(height, width), ori_shape=(height, width), flip=flip,
                flip_direction='horizontal' if flip else None)
    return dict(inputs=[image], data_samples=[SegDataSample(metainfo=meta)])


@pytest.mark.parametrize('name', ['dla', 'psp'])
def test_keys_weights_and_maps_equal_the_plain_segmentor(name, dla_cfg, psp_cfg):
    cfg = dla_cfg if name == 'dla' else psp_cfg
    torch.manual_seed(0)
    plain = MODELS.build(ConfigDict(copy.deepcopy(cfg))).eval()
    model = wrap(cfg)
    assert list(model.state_dict()) == list(plain.state_dict())
    report = compare_weights(model, {'state_dict': plain.state_dict()}, 'plain.pth', 'cfg.py')
    report.check()  # nothing missing, nothing of another shape
    model.load_state_dict(plain.state_dict())
    with torch.no_grad():
        expected = plain.test_step(batch())[0]
        got = model.test_step(batch())[0]
    assert torch.equal(got.pred_sem_seg.data, expected.pred_sem_seg.data)
    logits = expected.seg_logits.data
    assert got.pred_anomaly_map.data.dtype == torch.float32
    assert got.pred_anomaly_map.shape == (50, 90)
    assert torch.equal(got.pred_anomaly_map.data[0], -logits.max(0).values)
    assert torch.equal(got.pred_anomaly_maps.max_logit, got.pred_anomaly_map.data)
    assert set(got.pred_anomaly_maps.keys()) == set(LOGIT_SCORES)
    probs = logits.softmax(0)
    torch.testing.assert_close(got.pred_anomaly_maps.msp[0], 1 - probs.max(0).values)
    torch.testing.assert_close(got.pred_anomaly_maps.energy[0],
                               -2.0 * torch.logsumexp(logits / 2.0, 0))


def test_to_original_repeats_postprocess_result(psp_cfg):
    model = wrap(psp_cfg)
    logits = torch.randn(1, 3, 64, 96)
    meta = dict(ori_shape=(45, 70), img_shape=(64, 96), padding_size=[0, 10, 0, 7], flip=True,
                flip_direction='horizontal')
    expected = model.segmentor.postprocess_result(logits.clone(), [SegDataSample(metainfo=meta)])
    got = model.to_original(logits, meta)
    assert torch.equal(got[0], expected[0].seg_logits.data)


def test_features_of_named_layers(dla_cfg, psp_cfg):
    for cfg, channels in ((dla_cfg, 128), (psp_cfg, 32)):
        model = wrap(cfg)
        data = model.data_preprocessor(batch(), False)
        with torch.no_grad():
            _, _, features = model.infer(data['inputs'], data['data_samples'],
                                         ['decode_head.conv_seg:in'])
        assert features['decode_head.conv_seg:in'].shape[1] == channels
    with pytest.raises(ValueError, match='no module'):
        model.infer(data['inputs'], data['data_samples'], ['decode_head.nothing:in'])


def test_mc_dropout_without_dropout_is_certain_and_shortcut_equals_full_passes(psp_cfg):
    scores = dict(mi=dict(type='BDD100KMCDropoutScore', passes=3),
                  mi_full=dict(type='BDD100KMCDropoutScore', passes=3, head_only=False))
    model = wrap(psp_cfg, scores, primary='mi')
    data = model.data_preprocessor(batch(), False)
    metas = [sample.metainfo for sample in data['data_samples']]
    with torch.no_grad():
        torch.manual_seed(5)
        short = list(model.dropout_passes(data['inputs'], metas, 3, head_only=True))
        torch.manual_seed(5)
        full = list(model.dropout_passes(data['inputs'], metas, 3, head_only=False))
        for a, b in zip(short, full):
            torch.testing.assert_close(a, b)
        assert not torch.equal(short[0], short[1])  # dropout is on
        assert not model.decode_head.dropout.training  # and off again
        model.decode_head.dropout.p = 0.0
        out = model.test_step(batch())[0]
    assert out.pred_anomaly_map.data.abs().max() < 1e-6


def test_void_output_is_scored_and_left_out_of_the_class_map(psp_cfg):
    cfg = copy.deepcopy(psp_cfg)
    cfg['decode_head']['num_classes'] = 3  # 2 known classes + void
    torch.manual_seed(0)
    model = MODELS.build(dict(type='BDD100KAnomalySegmentor', segmentor=cfg, known_classes=2,
                              scores=dict(void=dict(type='BDD100KVoidScore')),
                              primary='void')).eval()
    with torch.no_grad():
        out = model.test_step(batch())[0]
    logits = out.seg_logits.data
    assert torch.equal(out.pred_sem_seg.data[0], logits[:2].argmax(0))
    torch.testing.assert_close(out.pred_anomaly_map.data[0], logits.softmax(0)[2])


def test_training_loss_is_the_segmentors(psp_cfg):
    torch.manual_seed(0)
    plain = MODELS.build(ConfigDict(copy.deepcopy(psp_cfg))).train()
    model = wrap(psp_cfg).train()
    model.load_state_dict(plain.state_dict())
    data = batch(64, 64)
    data['inputs'] = data['inputs'] * 2
    data['data_samples'] = [copy.deepcopy(data['data_samples'][0]) for _ in range(2)]
    for sample in data['data_samples']:  # two images: PSP's 1x1 pooled BatchNorm needs them
        sample.gt_sem_seg = PixelData(data=torch.randint(0, 2, (1, 64, 64)))
    losses = []
    for net in (plain, model):
        torch.manual_seed(3)
        prepared = net.data_preprocessor(copy.deepcopy(data), True)
        losses.append(net(**prepared, mode='loss'))
    assert losses[0].keys() == losses[1].keys()
    for key in losses[0]:
        torch.testing.assert_close(losses[1][key], losses[0][key])
