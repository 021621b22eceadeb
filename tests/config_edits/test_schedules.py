"""The schedule config edits on plain values: expected settings written out by hand."""
import pytest

from bdd100k_zoo.config_edits.schedules import sample_adamw


def test_sample_adamw_warms_up_then_decays_to_the_last_iteration():
    train_cfg, optim_wrapper, param_scheduler = sample_adamw(300, warmup_iters=30)
    assert train_cfg == dict(_delete_=True, type='IterBasedTrainLoop', max_iters=300,
                             val_interval=300)
    assert optim_wrapper == dict(
        optimizer=dict(_delete_=True, type='AdamW', lr=0.001, weight_decay=0.05),
        clip_grad=dict(max_norm=10, norm_type=2))
    assert param_scheduler == [
        dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0, end=30),
        dict(type='CosineAnnealingLR', by_epoch=False, begin=30, end=300, eta_min=0.00001)]


def test_sample_adamw_warms_up_over_50_iterations_by_default():
    assert sample_adamw(1000)[2][0]['end'] == sample_adamw(1000)[2][1]['begin'] == 50


@pytest.mark.parametrize('warmup_iters', [0, 300, 400])
def test_sample_adamw_refuses_a_warmup_that_does_not_end_before_the_last_iteration(warmup_iters):
    with pytest.raises(ValueError, match=f'warmup \\({warmup_iters} iterations\\) has to end '
                                         'before the last of 300'):
        sample_adamw(300, warmup_iters=warmup_iters)
