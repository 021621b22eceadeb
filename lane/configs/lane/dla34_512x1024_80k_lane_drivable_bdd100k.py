"""The BDD100K paper's lane + drivable multitask model (section 5.1, Table 5): the lane marking
model of ``dla34_512x1024_80k_lane_bdd100k.py`` and a drivable area head on one shared DLA-34,
every batch training all heads on images labelled for both tasks; ImageNet-initialised.

The recipe is the lane model's (80K iterations, 8 GPUs x 2 images). The paper reports a mean
ODS-F (tau = 10 px) of 54.24 and a drivable mIoU of 72.21 when trained on the 70K images (Table 5,
"Lane+Drive 70K").
"""
_base_ = ['../../../configs/_base_/models/bdd100k_dla34_lane_drivable.py',
          '../../../configs/_base_/recipes/lane_drivable_80k.py']
model = dict(data_preprocessor=dict(size=_base_.crop_size))
