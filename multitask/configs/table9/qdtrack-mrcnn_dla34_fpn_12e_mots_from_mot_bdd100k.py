"""BDD100K paper, Table 9, row "MOT (T) + MOTS": the MOTS model fine-tuned from a pre-trained
tracking model (the paper: AP 19.7, MOTSA 40.3, MOTSP 79.8, FN 5698, FP 5967, IDSW 390).

``qdtrack-mrcnn_dla34_fpn_12e_mots_alone_bdd100k.py`` starting from the final checkpoint of Table
7's ``qdtrack-frcnn_dla34_fpn_12e_mot_alone_bdd100k.py`` (its ``tasks.mot.`` weights: backbone,
FPN, RPN, box head and track head); the mask head starts from scratch. The same schedule as the
alone row (the paper does not state the fine-tuning schedule).
"""
_base_ = './qdtrack-mrcnn_dla34_fpn_12e_mots_alone_bdd100k.py'
model = dict(tasks=dict(mots=dict(init_cfg=dict(
    type='Pretrained', prefix='tasks.mot.',
    checkpoint='work_dirs/qdtrack-frcnn_dla34_fpn_12e_mot_alone_bdd100k/iter_208500.pth'))))
