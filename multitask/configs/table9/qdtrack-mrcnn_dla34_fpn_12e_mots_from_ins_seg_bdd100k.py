"""BDD100K paper, Table 9, row "InstSeg (I) + MOTS": the MOTS model fine-tuned from a pre-trained
instance segmentation model (the paper: AP 18.7, MOTSA 33.7, MOTSP 81.9, FN 6810, FP 5611, IDSW
965).

``qdtrack-mrcnn_dla34_fpn_12e_mots_alone_bdd100k.py`` whose detector (backbone, FPN, RPN, box and
mask heads) starts from the final checkpoint of ``mask_rcnn_dla34_fpn_1x_ins_seg_alone_bdd100k.py``
(its ``tasks.ins_seg.`` weights); the track head starts from scratch. The same schedule as the
alone row (the paper does not state the fine-tuning schedule).
"""
_base_ = './qdtrack-mrcnn_dla34_fpn_12e_mots_alone_bdd100k.py'
model = dict(tasks=dict(mots=dict(detector=dict(init_cfg=dict(
    type='Pretrained', prefix='tasks.ins_seg.',
    checkpoint='work_dirs/mask_rcnn_dla34_fpn_1x_ins_seg_alone_bdd100k/iter_5250.pth')))))
