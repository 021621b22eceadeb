"""BDD100KAugSwitchHook: strong augmentation off for the last epochs, data workers restarted."""
import logging
from types import SimpleNamespace

from mmdet.registry import HOOKS


class MixDataset:
    """Records what a MultiImageMixDataset is told to skip."""

    def __init__(self):
        self.skipped = None

    def update_skip_type_keys(self, keys):
        self.skipped = tuple(keys)


def make_runner(persistent_workers):
    loader = SimpleNamespace(dataset=MixDataset(), persistent_workers=persistent_workers,
                             _iterator=object(), _DataLoader__initialized=True)
    return SimpleNamespace(train_dataloader=loader, max_epochs=36, epoch=0,
                           logger=logging.getLogger(__name__))


def test_switches_off_the_strong_transforms_for_the_last_epochs():
    hook = HOOKS.build(dict(type='BDD100KAugSwitchHook', num_last_epochs=9))
    runner = make_runner(persistent_workers=True)
    loader = runner.train_dataloader
    for epoch in range(27):
        runner.epoch = epoch
        hook.before_train_epoch(runner)
    assert loader.dataset.skipped is None
    runner.epoch = 27
    hook.before_train_epoch(runner)
    assert loader.dataset.skipped == ('Mosaic', 'MixUp', 'RandomResize', 'RandomCrop')
    assert loader._iterator is None and not loader._DataLoader__initialized
    runner.epoch = 28
    hook.before_train_epoch(runner)
    assert loader._DataLoader__initialized


def test_without_persistent_workers_the_loader_is_left_alone():
    hook = HOOKS.build(dict(type='BDD100KAugSwitchHook', num_last_epochs=2,
                            skip_type_keys=('Mosaic', )))
    runner = make_runner(persistent_workers=False)
    iterator = runner.train_dataloader._iterator
    runner.epoch = 34
    hook.before_train_epoch(runner)
    assert runner.train_dataloader.dataset.skipped == ('Mosaic', )
    assert runner.train_dataloader._iterator is iterator
