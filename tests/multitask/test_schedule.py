"""Batch-level round robin: the task of each iteration follows the configured ratio, whatever the
number of batches each task's loader holds, and bad ratios are refused."""
import pytest
import torch
from torch.utils.data import DataLoader

from bdd100k_zoo.multitask import round_robin_schedule
from bdd100k_zoo.multitask.loaders import RoundRobinLoaders


def test_one_cycle_holds_ratio_consecutive_batches_of_each_task_in_loader_order():
    assert round_robin_schedule(['det', 'sem_seg'], dict(det=2, sem_seg=1)) == [
        'det', 'det', 'sem_seg']
    assert round_robin_schedule(['a', 'b', 'c'], dict(c=3)) == ['a', 'b', 'c', 'c', 'c']
    assert round_robin_schedule(['a', 'b']) == ['a', 'b']


def loader(values):
    """A real torch DataLoader over ``values``, one per batch, in order."""
    return DataLoader(values, batch_size=1, shuffle=False)


def test_round_robin_visits_each_task_in_ratio_and_cycles_each_loader_through_its_data():
    det, seg = list(range(4)), list(range(100, 103))  # 4 and 3 batches: passes end out of step
    loaders = RoundRobinLoaders(None, dict(det=loader(det), sem_seg=loader(seg)),
                                round_robin_schedule(['det', 'sem_seg'], dict(det=2, sem_seg=1)))
    cycles = 12
    batches = [next(it) for it in [iter(loaders)] for _ in range(3 * cycles)]
    tasks = [batch['task'] for batch in batches]
    assert tasks.count('det') == 2 * cycles and tasks.count('sem_seg') == cycles
    assert tasks[:6] == ['det', 'det', 'sem_seg'] * 2
    assert [loaders.task_of(i) for i in range(len(tasks))] == tasks
    det_seen = [int(b['data']) for b in batches if b['task'] == 'det']
    seg_seen = [int(b['data']) for b in batches if b['task'] == 'sem_seg']
    assert det_seen == det * 6 and seg_seen == seg * 4  # every batch, in order, pass after pass
    assert len(loaders) == 7 and len(loaders.dataset) == 7


def test_a_task_batch_keeps_the_task_loaders_batch_unchanged():
    values = torch.arange(3)
    first = next(iter(RoundRobinLoaders(None, dict(det=loader(values)), ['det'])))
    assert first['task'] == 'det' and torch.equal(first['data'], values[:1])


@pytest.mark.parametrize('ratio, message', [
    (dict(det=1, lane=2), r"ratio names \['lane'\], which have no dataloader"),
    (dict(det=0), 'ratio.det must be a positive int, got 0'),
    (dict(det=1.5), 'ratio.det must be a positive int, got 1.5'),
])
def test_a_bad_ratio_is_refused_naming_the_task(ratio, message):
    with pytest.raises(ValueError, match=message):
        round_robin_schedule(['det', 'sem_seg'], ratio)
