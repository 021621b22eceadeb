"""The zoo's 1x schedule of ins_seg: :file:`bdd100k_det_1x.py` (SGD lr 0.04) with 8 GPUs x 2 images,
the batch the published ins_seg models used with that learning rate (``auto_scale_lr``).
"""
_base_ = './bdd100k_det_1x.py'

auto_scale_lr = dict(base_batch_size=16)
