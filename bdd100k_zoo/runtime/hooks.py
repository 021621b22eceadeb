"""mmengine hooks shared by every task."""
from typing import Any, Optional

from mmengine.dist import is_main_process
from mmengine.hooks import Hook
from mmengine.model import BaseTTAModel, is_model_wrapper
from mmengine.registry import HOOKS
from mmengine.runner import find_latest_checkpoint
from tqdm import tqdm

from .weights import compare_weights

#: How a failing check tells to allow partial loading.
PARTIAL_LOADING_HINT = (
    'To load the other weights anyway (fine-tuning: the missing ones keep their initial values), '
    'pass --allow-missing-weights to tools/train.py or tools/test.py, or set '
    'custom_hooks = [dict(type=\'BDD100KCheckWeightsHook\', allow_missing=True)] in the config.')


@HOOKS.register_module()
class BDD100KCheckWeightsHook(Hook):
    """Checks every checkpoint the runner loads (``load_from``, ``resume``) against its model,
    before the weights go into it.

    mmengine loads checkpoints with ``strict=False`` and only logs what does not match; this hook
    compares the checkpoint with the model (:func:`~bdd100k_zoo.runtime.weights.compare_weights`)
    in ``after_load_checkpoint``, which mmengine calls between reading the checkpoint and loading it
    into the model, and fails the run when weights of the model are missing from the checkpoint or
    have other shapes there: the model (and an EMA copy, whose hook runs later) stays untouched.
    Weights of the checkpoint the model does not use are logged by name.
    :func:`bdd100k_zoo.runtime.launch.build_runner` adds it to every config.

    Args:
        allow_missing: partial loading (fine-tuning): missing and reshaped weights are logged as a
            warning and keep their initial values instead of failing the run.
    """

    priority = 'VERY_HIGH'  # before hooks that load the checkpoint elsewhere (EMAHook)

    def __init__(self, allow_missing: bool = False) -> None:
        self.allow_missing = allow_missing

    def after_load_checkpoint(self, runner: Any, checkpoint: dict) -> None:
        """Raises :class:`~bdd100k_zoo.runtime.weights.WeightsMismatchError` (naming the
        checkpoint, the config and the weights) unless the checkpoint fits the model."""
        model = runner.model
        while is_model_wrapper(model) or isinstance(model, BaseTTAModel):  # as mmengine unwraps
            model = model.module
        report = compare_weights(model, checkpoint, loaded_checkpoint(runner),
                                 getattr(runner.cfg, 'filename', None) or type(model).__name__)
        report.check(self.allow_missing, hint=PARTIAL_LOADING_HINT)


def loaded_checkpoint(runner: Any) -> str:
    """The name of the checkpoint the runner is loading: ``load_from``, or when resuming without it
    the latest checkpoint of the work dir (as mmengine's ``load_or_resume`` picks them; mmengine
    0.10 passes no file name to ``after_load_checkpoint`` and keeps these in private attributes)."""
    if not runner._has_loaded:
        if runner._load_from:
            return str(runner._load_from)
        if runner._resume:
            return find_latest_checkpoint(runner.work_dir) or 'the checkpoint'
    return 'the checkpoint'


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
