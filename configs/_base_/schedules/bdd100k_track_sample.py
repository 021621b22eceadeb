"""The CPU schedule of the sample's tracking configs: 1000 iterations of AdamW (lr 1e-3, weight decay
0.05, gradients clipped at norm 10), 50 warmup iterations, then cosine down to 1e-5; evaluated at
the end."""
_base_ = './bdd100k_track_12e.py'
from bdd100k_zoo.config_edits.schedules import sample_adamw  # noqa: E402

max_iters = 1000
train_cfg, optim_wrapper, param_scheduler = sample_adamw(max_iters)
