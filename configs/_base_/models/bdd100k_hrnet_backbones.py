"""HRNetV2p backbones (W18, W32, W40) with their HRFPN necks, ImageNet-pretrained (MSRA weights), as
patches of a detector's ``model``: ``model = _base_.hrnetv2p_w32`` in a config that inherits this
file and an mmdet ResNet-FPN detector.
"""


def hrnetv2p(width: int) -> dict:
    """The backbone and neck patch of HRNetV2p-W``width`` (branch widths w, 2w, 4w, 8w)."""
    channels = [width * 2 ** i for i in range(4)]
    stage = dict(num_modules=1, num_branches=1, block='BOTTLENECK', num_blocks=(4, ),
                 num_channels=(64, ))
    branches = [dict(num_modules=modules, num_branches=n, block='BASIC', num_blocks=(4, ) * n,
                     num_channels=tuple(channels[:n])) for modules, n in ((1, 2), (4, 3), (3, 4))]
    return dict(
        backbone=dict(
            _delete_=True,
            type='HRNet',
            extra=dict(stage1=stage, stage2=branches[0], stage3=branches[1], stage4=branches[2]),
            init_cfg=dict(type='Pretrained', checkpoint=f'open-mmlab://msra/hrnetv2_w{width}')),
        neck=dict(_delete_=True, type='HRFPN', in_channels=channels, out_channels=256))


hrnetv2p_w18 = hrnetv2p(18)
hrnetv2p_w32 = hrnetv2p(32)
hrnetv2p_w40 = hrnetv2p(40)
