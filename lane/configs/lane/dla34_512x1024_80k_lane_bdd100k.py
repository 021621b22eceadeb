"""The BDD100K paper's lane marking model (section 5.1): DLA-34 with DLA-up and three segmentation
heads (direction, style, category), weighted cross entropy with foreground weight 10, gradient
non-maximum suppression at test; ImageNet-initialised.

The paper states the network but no training recipe; the rest follows the zoo's DLA-34 drivable
area config (512x1024 crops of the 1280x720 images resized by 0.5-2.0, 8 GPUs x 2 images, SGD lr
0.01 with poly decay, 80K iterations). The paper reports a mean ODS-F (tau = 10 px) of 54.48
when trained on the 70K images (Table 5, "Lane 70K"); our metric is the official boundary F-score
at 1, 2 and 5 px.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_dla34_lane.py',
          '../../../configs/_base_/recipes/lane_80k.py']
model = dict(data_preprocessor=dict(size=_base_.crop_size))
