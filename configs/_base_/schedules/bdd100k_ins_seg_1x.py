"""The zoo's 1x schedule of ins_seg: :file:`bdd100k_det_1x.py` with SGD lr 0.02 for 8 GPUs x 2
images, the published ins_seg setting (the earlier zoo's schedule since f6ef24d; its first release
said 0.04, the rate of 32 images, which its ``*_32bs`` configs use).
"""
_base_ = './bdd100k_det_1x.py'

optim_wrapper = dict(optimizer=dict(lr=0.02))
auto_scale_lr = dict(base_batch_size=16)
