"""The BDD100K paper's DLA segmentation network in mmseg: shapes of the neck, head, whole model."""
import pytest
import torch
from mmengine.config import Config
from mmengine.structures import PixelData
from mmseg.registry import MODELS
from mmseg.structures import SegDataSample

DLA_CONFIG = 'sem_seg/configs/sem_seg/dla34_512x1024_80k_sem_seg_bdd100k.py'


def test_neck_gives_one_stride_4_map():
    neck = MODELS.build(dict(type='BDD100KDLAUp', in_channels=[64, 128, 256, 512]))
    feats = [torch.randn(2, channels, 32 // stride, 64 // stride)
             for channels, stride in ((64, 1), (128, 2), (256, 4), (512, 8))]
    out = neck(feats)
    assert isinstance(out, tuple) and len(out) == 1
    assert out[0].shape == (2, 64, 32, 64)


def test_head_is_four_3x3_conv_blocks_then_a_1x1_conv():
    head = MODELS.build(dict(type='BDD100KDLASegHead', num_classes=19,
                             norm_cfg=dict(type='BN', requires_grad=True)))
    convs = [block.conv for block in head.convs]
    assert [(c.in_channels, c.out_channels, c.kernel_size) for c in convs] == [
        (64, 256, (3, 3))] + [(256, 256, (3, 3))] * 3
    assert all(type(block.bn).__name__ == 'BatchNorm2d' for block in head.convs)
    assert (head.conv_seg.in_channels, head.conv_seg.out_channels,
            head.conv_seg.kernel_size) == (256, 19, (1, 1))
    logits = head((torch.randn(2, 64, 16, 32),))
    assert logits.shape == (2, 19, 16, 32)  # at the input's (stride-4) scale


def test_head_settings_of_the_paper_are_fixed():
    with pytest.raises(TypeError, match='fixed kernel_size'):
        MODELS.build(dict(type='BDD100KDLASegHead', num_classes=3, kernel_size=1))


def test_dla_model_predicts_at_input_size_and_trains(repo_root):
    cfg = Config.fromfile(f'{repo_root}/{DLA_CONFIG}')
    bn = dict(type='BN', requires_grad=True)
    cfg.model.backbone.update(init_cfg=None, norm_cfg=bn)
    cfg.model.neck.norm_cfg = bn
    cfg.model.decode_head.norm_cfg = bn
    cfg.model.data_preprocessor.size = (64, 128)  # training crops (512x1024 in the config)
    model = MODELS.build(cfg.model)
    assert cfg.model.backbone.arch == 'dla34'
    # 1280x720-like input not divisible by 32: padded for DLA, logits cropped and upsampled back
    image = torch.randint(0, 255, (3, 72, 128), dtype=torch.uint8)
    sample = SegDataSample(metainfo=dict(img_shape=(72, 128), ori_shape=(72, 128)))
    model.eval()
    with torch.no_grad():
        logits = model.encode_decode(torch.randn(1, 3, 64, 128), [dict(img_shape=(64, 128))])
        assert logits.shape == (1, 19, 64, 128)
        pred = model.test_step(dict(inputs=[image], data_samples=[sample]))[0]
    assert pred.pred_sem_seg.data.shape == (1, 72, 128)
    model.train()
    train_sample = SegDataSample(metainfo=dict(img_shape=(64, 128), ori_shape=(64, 128)))
    train_sample.gt_sem_seg = PixelData(data=torch.randint(0, 19, (1, 64, 128)))
    data = model.data_preprocessor(dict(inputs=[image[:, :64]], data_samples=[train_sample]),
                                   training=True)
    losses = model.loss(data['inputs'], data['data_samples'])
    assert set(losses) == {'decode.loss_ce', 'decode.acc_seg'}
    losses['decode.loss_ce'].backward()
