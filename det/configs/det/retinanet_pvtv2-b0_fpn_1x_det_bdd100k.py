"""RetinaNet with a PVTv2-B0 backbone, 1x schedule (AdamW lr 1e-4, weight decay 1e-4), 8 GPUs x 2
images.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_retinanet_pvtv2-b0_fpn_det.py',
          '../../../configs/_base_/recipes/det_8xb2_1x.py']

optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=0.0001, weight_decay=0.0001))
