"""The BDD100K paper's drivable area model (section 5.1): DLA-34 with DLA-up, four 3x3 conv blocks
and a 1x1 conv at 1/4 scale, bilinear upsampling; ImageNet-initialised.

Not in the published model table. The paper states the network but no training recipe; the rest
follows the zoo's published CNN setting: 512x1024 crops of the 1280x720 images resized by 0.5-2.0,
8 GPUs x 2 images, SGD lr 0.01 with poly decay, 80K iterations. The paper reports 71.37 val mIoU
(direct 79.40, alternative 63.33) when trained on the 70K images (Table 5, "Drive 70K").
"""
_base_ = ['../../../configs/_base_/models/bdd100k_dla34_up_seg.py',
          '../../../configs/_base_/recipes/drivable_80k.py']
model = _base_.drivable_model_no_aux
