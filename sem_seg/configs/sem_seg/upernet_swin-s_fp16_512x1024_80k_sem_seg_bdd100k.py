"""UPerNet, Swin-S, fp16: BDD100K semantic segmentation, 512x1024 crops, 80K iterations, 8 GPUs x
2 images.

Published: mIoU 65.51 (val), 57.67 (test).
"""
_base_ = './upernet_swin-s_512x1024_80k_sem_seg_bdd100k.py'
optim_wrapper = dict(type='AmpOptimWrapper', loss_scale='dynamic')
