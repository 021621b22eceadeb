"""RetinaNet R-50-FPN with "ResNet strikes back" (A1) ImageNet weights, 1x schedule (AdamW lr 1e-4,
weight decay 0.05, none on norms), 8 GPUs x 4 images.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_retinanet_r50_fpn_rsb_det.py',
          '../../../configs/_base_/recipes/det_rsb_1x.py']

optim_wrapper = dict(optimizer=dict(lr=0.0001))
