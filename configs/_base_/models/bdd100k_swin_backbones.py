"""Swin Transformer backbones (T, S, B; window 7, patch 4) with their FPN input widths,
pretrained on ImageNet by the Swin authors, as patches of a ResNet-FPN detector's ``model``:
``model = _base_.swin_t`` in a config that inherits this file and the detector.
"""
swin_weights = 'https://github.com/SwinTransformer/storage/releases/download/v1.0.0/'


def swin(embed_dims: int, depths: list, num_heads: list, weights: str) -> dict:
    """The backbone and neck patch of a Swin Transformer (drop path 0.2, all 4 stages out)."""
    return dict(
        backbone=dict(
            _delete_=True,
            type='SwinTransformer',
            embed_dims=embed_dims,
            depths=depths,
            num_heads=num_heads,
            window_size=7,
            mlp_ratio=4,
            qkv_bias=True,
            qk_scale=None,
            drop_rate=0.,
            attn_drop_rate=0.,
            drop_path_rate=0.2,
            patch_norm=True,
            out_indices=(0, 1, 2, 3),
            with_cp=False,
            convert_weights=True,
            init_cfg=dict(type='Pretrained', checkpoint=swin_weights + weights)),
        neck=dict(in_channels=[embed_dims * 2 ** i for i in range(4)]))


swin_t = swin(96, [2, 2, 6, 2], [3, 6, 12, 24], 'swin_tiny_patch4_window7_224.pth')
swin_s = swin(96, [2, 2, 18, 2], [3, 6, 12, 24], 'swin_small_patch4_window7_224.pth')
swin_b = swin(128, [2, 2, 18, 2], [4, 8, 16, 32], 'swin_base_patch4_window7_224.pth')
#: Swin-B pretrained on ImageNet-22K (the published Faster R-CNN Swin-B models).
swin_b_22k = swin(128, [2, 2, 18, 2], [4, 8, 16, 32], 'swin_base_patch4_window7_224_22k.pth')
