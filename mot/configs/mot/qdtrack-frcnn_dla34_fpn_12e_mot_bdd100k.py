"""QDTrack, Faster R-CNN DLA-34-FPN, 12 epochs on BDD100K MOT: the backbone of the BDD100K paper's
tracker (the paper reports MOTA 55.0/56.7 with its own schedule; no published checkpoint here).

The published R-50 setting (``qdtrack-frcnn_r50_fpn_12e_mot_bdd100k.py``) with the detector's
backbone replaced by DLA-34 (levels 2-5, strides 4-32, 64/128/256/512 channels) from the original
ImageNet checkpoint; SyncBN as for 8 GPUs (the tools switch it to BN without CUDA).
"""
_base_ = './qdtrack-frcnn_r50_fpn_12e_mot_bdd100k.py'

model = dict(
    detector=dict(
        backbone=dict(
            _delete_=True,
            type='BDD100KDLA',
            arch='dla34',
            out_indices=(2, 3, 4, 5),
            norm_cfg=dict(type='SyncBN', requires_grad=True),
            init_cfg=dict(type='Pretrained',
                          checkpoint='http://dl.yf.io/dla/models/imagenet/dla34-ba72cf86.pth')),
        neck=dict(in_channels=[64, 128, 256, 512])))
