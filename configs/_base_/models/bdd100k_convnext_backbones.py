"""ConvNeXt backbones (T, S, B; mmpretrain's implementation) with their FPN input widths, pretrained
on ImageNet (the checkpoints the zoo's models started from), as patches of a ResNet-FPN detector's
``model``: ``model = _base_.convnext_t`` in a config that inherits this file and the detector.
The configs must import mmpretrain's models (``custom_imports``, as ``runtimes/det_mmpretrain.py``
does).
"""
convnext_weights = 'https://download.openmmlab.com/mmclassification/v0/convnext/'


def convnext(arch: str, widths: list, drop_path_rate: float, weights: str) -> dict:
    """The backbone and neck patch of a ConvNeXt (all 4 stages out, layer scale 1.0)."""
    return dict(
        backbone=dict(
            _delete_=True,
            type='mmpretrain.ConvNeXt',
            arch=arch,
            out_indices=[0, 1, 2, 3],
            drop_path_rate=drop_path_rate,
            layer_scale_init_value=1.0,
            gap_before_final_norm=False,
            init_cfg=dict(type='Pretrained', checkpoint=convnext_weights + weights,
                          prefix='backbone.')),
        neck=dict(in_channels=widths))


convnext_t = convnext('tiny', [96, 192, 384, 768], 0.4,
                      'downstream/convnext-tiny_3rdparty_32xb128-noema_in1k_20220301-795e9634.pth')
convnext_s = convnext('small', [96, 192, 384, 768], 0.6,
                      'downstream/convnext-small_3rdparty_32xb128-noema_in1k_20220301-303e75e3.pth')
convnext_b = convnext('base', [128, 256, 512, 1024], 0.4,
                      'convnext-base_in21k-pre-3rdparty_32xb128_in1k_20220124-eb2d6ada.pth')
#: ConvNeXt-B trained on ImageNet-1K only (no EMA), with a stronger drop path (the published Faster
#: R-CNN ConvNeXt-B).
convnext_b_in1k = convnext(
    'base', [128, 256, 512, 1024], 0.7,
    'downstream/convnext-base_3rdparty_32xb128-noema_in1k_20220301-2a0ee547.pth')
