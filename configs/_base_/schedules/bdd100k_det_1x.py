"""The zoo's 1x schedule of det and ins_seg: SGD lr 0.04, 12 epochs, steps at 8 and 11, linear
warmup over 500 iterations. The learning rate is the one of 8 GPUs x 4 images (``auto_scale_lr``).
"""
_base_ = 'mmdet::_base_/schedules/schedule_1x.py'

optim_wrapper = dict(optimizer=dict(lr=0.04))
auto_scale_lr = dict(base_batch_size=32)
