"""UPerNet, Swin-S, fp16: BDD100K drivable area, 512x1024 crops, 80K iterations, 8 GPUs x 2
images.

Published: mIoU 83.76 (val), 83.42 (test).
"""
_base_ = './upernet_swin-s_512x1024_80k_drivable_bdd100k.py'
optim_wrapper = dict(type='AmpOptimWrapper', loss_scale='dynamic')
