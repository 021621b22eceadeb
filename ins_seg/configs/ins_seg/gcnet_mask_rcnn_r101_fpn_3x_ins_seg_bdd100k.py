"""GCNet: Mask R-CNN R-101-FPN with global context blocks (ratio 1/4) in stages 2-4, 3x
schedule, multi-scale training, 8 GPUs x 2 images.
"""
_base_ = './mask_rcnn_r101_fpn_3x_ins_seg_bdd100k.py'

model = dict(backbone=dict(plugins=[
    dict(cfg=dict(type='ContextBlock', ratio=1. / 4), stages=(False, True, True, True),
         position='after_conv3')
]))
