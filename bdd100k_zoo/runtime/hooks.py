"""mmengine hooks shared by every task."""
from typing import Any, Optional

from mmengine.dist import is_main_process
from mmengine.hooks import Hook
from mmengine.registry import HOOKS
from tqdm import tqdm


@HOOKS.register_module()
class BDD100KProgressBarHook(Hook):
    """A progress bar over training iterations (and test/val batches) with the latest loss.

    Meant for short interactive runs such as the demo; the regular logger keeps logging. Only the
    main process draws.
    """

    priority = 'LOW'

    def __init__(self) -> None:
        self._bar: Optional[tqdm] = None

    def _open(self, total: int, desc: str, initial: int = 0) -> None:
        if is_main_process():
            self._bar = tqdm(total=total, initial=initial, desc=desc, unit='it', dynamic_ncols=True)

    def _close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def before_train(self, runner: Any) -> None:
        self._open(runner.max_iters, 'train', runner.iter)

    def after_train_iter(self, runner: Any, batch_idx: int, data_batch: Any = None,
                         outputs: Optional[dict] = None) -> None:
        if self._bar is not None:
            if outputs and 'loss' in outputs:
                self._bar.set_postfix(loss=f'{outputs["loss"].item():.3f}')
            self._bar.update(1)

    def after_train(self, runner: Any) -> None:
        self._close()

    def before_test_epoch(self, runner: Any) -> None:
        self._open(len(runner.test_dataloader), 'test')

    def after_test_iter(self, runner: Any, batch_idx: int, data_batch: Any = None,
                        outputs: Any = None) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def after_test_epoch(self, runner: Any, metrics: Optional[dict] = None) -> None:
        self._close()
