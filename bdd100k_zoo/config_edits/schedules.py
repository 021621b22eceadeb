"""Config edits of schedules: the short CPU schedule of the sample configs, in place of the
schedule of whichever published config a sample config starts from.
"""
from typing import Any, Dict, List, Tuple

Settings = Dict[str, Any]


def sample_adamw(max_iters: int, warmup_iters: int = 50
                 ) -> Tuple[Settings, Settings, List[Settings]]:
    """The CPU schedule of a sample config, replacing the parents' loop and optimizer: ``max_iters``
    iterations of AdamW (lr 1e-3, weight decay 0.05, gradients clipped at norm 10), a linear
    warmup from 1/100 of the learning rate over ``warmup_iters``, then cosine down to 1e-5;
    evaluated once, at the end.

    Returns:
        ``(train_cfg, optim_wrapper, param_scheduler)``.

    Raises:
        ValueError: the warmup does not end before the last iteration.
    """
    if not 0 < warmup_iters < max_iters:
        raise ValueError(f'the warmup ({warmup_iters} iterations) has to end before the last of '
                         f'{max_iters} iterations')
    train_cfg = dict(_delete_=True, type='IterBasedTrainLoop', max_iters=max_iters,
                     val_interval=max_iters)
    optim_wrapper = dict(
        optimizer=dict(_delete_=True, type='AdamW', lr=1e-3, weight_decay=0.05),
        clip_grad=dict(max_norm=10, norm_type=2))
    param_scheduler = [
        dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0, end=warmup_iters),
        dict(type='CosineAnnealingLR', by_epoch=False, begin=warmup_iters, end=max_iters,
             eta_min=1e-5),
    ]
    return train_cfg, optim_wrapper, param_scheduler
