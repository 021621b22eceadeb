"""The BDD100K paper's semantic segmentation model (section 5.1): DLA-34 with DLA-up, four 3x3 conv
blocks and a 1x1 conv at 1/4 scale, bilinear upsampling; ImageNet-initialised.

Not in the published model table. The paper states the network but no training recipe; the rest
follows the zoo's published CNN setting: 512x1024 crops of the 1280x720 images resized by 0.5-2.0,
8 GPUs x 2 images, SGD lr 0.01 with poly decay, 80K iterations. The paper reports 56.9 val mIoU
for its single-task model (Table 8, "Sem-Seg").
"""
_base_ = ['../../../configs/_base_/models/bdd100k_dla34_up_seg.py',
          '../../../configs/_base_/recipes/sem_seg_80k.py']
model = dict(data_preprocessor=dict(size=_base_.crop_size))
