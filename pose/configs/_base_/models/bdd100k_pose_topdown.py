"""The zoo's top-down heatmap pose estimators for the 18 BDD100K joints, as ``model`` patches.

A config inherits this file and a BDD100K pose dataset base (which sets the codec and the flip
test) and picks one: ``model = _base_.res50``. Backbones start from ImageNet weights as the
published models did (torchvision ResNets, the mmcls MobileNetV2, the mmpose HRNets). Heads: three
4x4 deconvolutions of 256 channels then a 1x1 convolution (ResNet, MobileNetV2); a 1x1 convolution
on the highest resolution branch (HRNet). MSE loss on the heatmaps, weighted by joint visibility.

The published models saw BGR images normalised with the ImageNet RGB statistics (the earlier
pipeline loaded images as BGR): ``bgr_to_rgb=False`` keeps that, so the published weights run on
the inputs they were trained on.
"""


def topdown(backbone: dict, in_channels: int, **head) -> dict:
    """A top-down heatmap estimator: ``backbone``, then a heatmap head on its last output."""
    return dict(
        type='TopdownPoseEstimator',
        data_preprocessor=dict(
            type='PoseDataPreprocessor',
            mean=[123.675, 116.28, 103.53],
            std=[58.395, 57.12, 57.375],
            bgr_to_rgb=False),
        backbone=backbone,
        head=dict(
            type='HeatmapHead',
            in_channels=in_channels,
            out_channels=18,
            loss=dict(type='KeypointMSELoss', use_target_weight=True),
            **head))


def resnet(depth: int) -> dict:
    """ResNet-``depth`` with the deconvolution head."""
    return topdown(
        dict(type='ResNet', depth=depth,
             init_cfg=dict(type='Pretrained', checkpoint=f'torchvision://resnet{depth}')),
        2048)


def hrnet(width: int, checkpoint: str) -> dict:
    """HRNet-W``width`` (branches w, 2w, 4w, 8w) with a 1x1 head on the first branch."""
    channels = [width * 2 ** i for i in range(4)]
    stage1 = dict(num_modules=1, num_branches=1, block='BOTTLENECK', num_blocks=(4, ),
                  num_channels=(64, ))
    stage2, stage3, stage4 = (
        dict(num_modules=modules, num_branches=branches, block='BASIC',
             num_blocks=(4, ) * branches, num_channels=tuple(channels[:branches]))
        for modules, branches in ((1, 2), (4, 3), (3, 4)))
    return topdown(
        dict(type='HRNet', in_channels=3,
             extra=dict(stage1=stage1, stage2=stage2, stage3=stage3, stage4=stage4),
             init_cfg=dict(type='Pretrained', checkpoint=checkpoint)),
        width, deconv_out_channels=None)


res50 = resnet(50)
res101 = resnet(101)
mobilenetv2 = topdown(
    dict(type='MobileNetV2', widen_factor=1.0, out_indices=(7, ),
         init_cfg=dict(type='Pretrained', checkpoint='mmcls://mobilenet_v2')),
    1280)
hrnet_w32 = hrnet(
    32, 'https://download.openmmlab.com/mmpose/pretrain_models/hrnet_w32-36af842e.pth')
hrnet_w48 = hrnet(
    48, 'https://download.openmmlab.com/mmpose/pretrain_models/hrnet_w48-8ef0771d.pth')
