"""What the zoo's own R-50-FPN detector models (ATSS, FCOS, Sparse R-CNN: mmdet ships them only
inside COCO configs) share: the ImageNet-normalised input padded to a multiple of 32, a torchvision
ResNet-50 (BN in eval mode, stage 1 frozen) and an FPN on its last three stages with two more levels
from its top output (P3-P7). Not a model of its own: ``bdd100k_atss_r50_fpn_det.py``,
``bdd100k_fcos_r50_caffe_fpn_det.py`` and ``bdd100k_sparse_rcnn_r50_fpn_det.py`` add the type, the
heads and their settings.
"""
model = dict(
    data_preprocessor=dict(
        type='DetDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        bgr_to_rgb=True,
        pad_size_divisor=32),
    backbone=dict(
        type='ResNet',
        depth=50,
        num_stages=4,
        out_indices=(0, 1, 2, 3),
        frozen_stages=1,
        norm_cfg=dict(type='BN', requires_grad=True),
        norm_eval=True,
        style='pytorch',
        init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet50')),
    neck=dict(
        type='FPN',
        in_channels=[256, 512, 1024, 2048],
        out_channels=256,
        start_level=1,
        add_extra_convs='on_output',
        num_outs=5))
