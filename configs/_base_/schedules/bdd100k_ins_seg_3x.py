"""The zoo's 3x schedule of ins_seg: :file:`bdd100k_det_3x.py` with SGD lr 0.02 for 8 GPUs x 2
images (see :file:`bdd100k_ins_seg_1x.py`).
"""
_base_ = './bdd100k_det_3x.py'

optim_wrapper = dict(optimizer=dict(lr=0.02))
auto_scale_lr = dict(base_batch_size=16)
