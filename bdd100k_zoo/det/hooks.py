"""Training hooks of the mmdet side."""
from typing import Any, Sequence

from mmdet.registry import HOOKS
from mmengine.hooks import Hook


@HOOKS.register_module()
class BDD100KAugSwitchHook(Hook):
    """Turns strong augmentation off for the last epochs of training (the zoo's "strong" configs).

    The training set must be an :class:`mmdet.datasets.MultiImageMixDataset`; from epoch
    ``max_epochs - num_last_epochs`` on, its transforms named in ``skip_type_keys`` are skipped
    (mosaic, mixup, random resize and crop: the remaining pipeline trains single-scale).
    mmdet's ``YOLOXModeSwitchHook`` does the same but also switches a YOLOX head to L1 loss, which
    other detectors do not have.

    Args:
        num_last_epochs: epochs at the end trained without the skipped transforms.
        skip_type_keys: transform types to skip.
    """

    def __init__(self, num_last_epochs: int,
                 skip_type_keys: Sequence[str] = ('Mosaic', 'MixUp', 'RandomResize',
                                                  'RandomCrop')) -> None:
        self.num_last_epochs = num_last_epochs
        self.skip_type_keys = tuple(skip_type_keys)
        self._switched = False
        self._restarted = False

    def before_train_epoch(self, runner: Any) -> None:
        """Switches once the last ``num_last_epochs`` epochs begin."""
        loader = runner.train_dataloader
        if self._restarted:
            loader._DataLoader__initialized = True  # the workers have restarted
            self._restarted = False
        if self._switched or runner.epoch < runner.max_epochs - self.num_last_epochs:
            return
        runner.logger.info(f'skipping {", ".join(self.skip_type_keys)} from now on')
        loader.dataset.update_skip_type_keys(self.skip_type_keys)
        if getattr(loader, 'persistent_workers', False):
            # persistent workers hold a copy of the dataset: make the loader start new ones
            loader._DataLoader__initialized = False
            loader._iterator = None
            self._restarted = True
        self._switched = True
