"""Checkpoints that survive a killed process and resume training exactly.

mmengine's ``CheckpointHook`` has three gaps this hook closes:

* it writes the checkpoint and the ``last_checkpoint`` pointer straight to their final paths, so a
  process killed while saving leaves a truncated file (or an empty pointer, which ``--resume``
  follows); here both are written atomically (:mod:`~bdd100k_zoo.runtime.atomic_backend`);
* with ``max_keep_ckpts`` it deletes the oldest checkpoint *before* saving the new one, so a kill
  during the save can leave no checkpoint at all; here old checkpoints go only once the new one and
  the pointer are on disk;
* a resumed run re-seeds the random generators instead of continuing their sequence, so it trains
  differently from the run it continues; here every checkpoint carries each rank's generator state
  (:mod:`~bdd100k_zoo.runtime.random_state`) and a resumed run restores it exactly where the
  interrupted run would have drawn next.
"""
import glob
import logging
import os
import os.path as osp
from typing import Any, Dict, Iterator, List, Optional

from mmengine.config import Config
from mmengine.dist import all_gather_object, get_rank, get_world_size, is_main_process
from mmengine.hooks import CheckpointHook
from mmengine.logging import print_log
from mmengine.registry import HOOKS
from mmengine.runner import IterBasedTrainLoop, find_latest_checkpoint

from ..export.atomic import atomic_open, leftover_temp_files, temp_prefix
from .atomic_backend import ATOMIC_LOCAL_BACKEND
from .random_state import capture_random_state, check_random_state, restore_random_state

#: The key of ``checkpoint['meta']`` holding the random state of every rank (a list, by rank).
RANDOM_STATES_KEY = 'random_states'
#: The file in the work dir naming the latest checkpoint (read by mmengine's ``--resume``).
POINTER_FILE = 'last_checkpoint'


@HOOKS.register_module()
class BDD100KCheckpointHook(CheckpointHook):
    """mmengine's ``CheckpointHook`` (same arguments) with atomic saving and exact resuming.

    * Checkpoints and the ``last_checkpoint`` pointer are written to a temporary file in the same
      folder, fsynced and renamed: a killed process leaves the previous checkpoint and pointer
      intact (and a hidden ``.<name>.*.tmp`` file, which the next run in the work dir removes).
    * Checkpoints beyond ``max_keep_ckpts`` are deleted after the new one is saved.
    * Each checkpoint stores the random state of every rank in ``meta['random_states']``. On
      resume, the state is restored right before the first batch the interrupted run had not
      trained on (an ``IterBasedTrainLoop`` first skips the trained batches, replaying their data
      pipeline) or, in an epoch-based loop, before the next epoch starts. Validation runs leave
      the random state as they found it, so they do not change what training draws next.

    Resuming with another number of processes restores nothing (a warning says so). Remote
    ``out_dir``/``backend_args`` keep their own backend (object stores replace whole objects).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        local = self.out_dir is None or '://' not in str(self.out_dir)
        if local and self.file_client_args is None and self.backend_args is None:
            self.backend_args = dict(backend=ATOMIC_LOCAL_BACKEND)
        self._resumed: Optional[Dict[str, Any]] = None
        self._before_val: Optional[Dict[str, Any]] = None

    def before_train(self, runner: Any) -> None:
        """Sets up the output folder (as mmengine does) and removes the temporary files of saves
        an earlier, killed run in the same work dir left behind."""
        super().before_train(runner)
        if is_main_process() and self.backend_args == dict(backend=ATOMIC_LOCAL_BACKEND):
            pattern = temp_prefix(self.filename_tmpl.format('*')) + '*.tmp'
            leftovers = glob.glob(osp.join(glob.escape(str(self.out_dir)), pattern))
            leftovers += leftover_temp_files(osp.join(runner.work_dir, POINTER_FILE))
            for path in leftovers:
                os.remove(path)
                print_log(f'removed {path}, left by a save that was interrupted', logger='current')

    def after_load_checkpoint(self, runner: Any, checkpoint: dict) -> None:
        """Keeps this rank's random state of a checkpoint being loaded, for
        :meth:`before_train_epoch` to restore if the run resumes from it."""
        meta = checkpoint.get('meta') or {}
        states = meta.get(RANDOM_STATES_KEY)
        self._resumed = None
        if states is None:
            return
        where = f'{loaded_checkpoint(runner)}: meta[{RANDOM_STATES_KEY!r}]'
        if not isinstance(states, (list, tuple)):
            raise ValueError(f'{where}: expected a list of random states, one per process, '
                             f'got {type(states).__name__}')
        for rank, state in enumerate(states):
            check_random_state(state, f'{where}[{rank}]')
        if len(states) != get_world_size():
            print_log(f'the checkpoint was saved by {len(states)} process(es), this run has '
                      f'{get_world_size()}: the random state is not restored, so the resumed run '
                      'trains correctly but not identically to an uninterrupted one',
                      logger='current', level=logging.WARNING)
            return
        self._resumed = dict(iter=meta.get('iter'), state=states[get_rank()])

    def before_train_epoch(self, runner: Any) -> None:
        """Restores the random state of the checkpoint the run resumed from (once)."""
        resumed, self._resumed = self._resumed, None
        if resumed is None or runner.iter != resumed['iter']:
            return  # nothing loaded, or weights loaded with load_from (training starts afresh)
        loop = runner.train_loop
        if isinstance(loop, IterBasedTrainLoop) and loop.iter > 0:
            loop.dataloader_iterator = _RestoreAfterSkip(loop, resumed['state'])
        else:
            restore_random_state(resumed['state'])

    def before_val_epoch(self, runner: Any) -> None:
        """Remembers the random state training will continue from."""
        self._before_val = capture_random_state()

    def after_val_epoch(self, runner: Any, metrics: Optional[Dict[str, float]] = None) -> None:
        """Gives training back the random state it had before validation, then saves the best
        checkpoint (as mmengine does) with that state."""
        if self._before_val is not None:
            restore_random_state(self._before_val)
            self._before_val = None
        super().after_val_epoch(runner, metrics)

    def _save_checkpoint_with_step(self, runner: Any, step: int, meta: Optional[dict]) -> None:
        """Saves checkpoint ``step`` with every rank's random state, points ``last_checkpoint`` at
        it, then deletes the checkpoints beyond ``max_keep_ckpts``; all writes atomic.

        Runs on every rank (gathering the random states is collective); only the main process
        writes.
        """
        meta = dict(meta or {})
        meta[RANDOM_STATES_KEY] = all_gather_object(capture_random_state())
        outdated = self._keep(runner, step)
        filename = self.filename_tmpl.format(step)
        self.last_ckpt = self.file_backend.join_path(self.out_dir, filename)
        runner.message_hub.update_info('last_ckpt', self.last_ckpt)
        runner.save_checkpoint(
            self.out_dir, filename, self.file_client_args, save_optimizer=self.save_optimizer,
            save_param_scheduler=self.save_param_scheduler, meta=meta, by_epoch=self.by_epoch,
            backend_args=self.backend_args, **self.args)
        if not is_main_process():
            return
        with atomic_open(osp.join(runner.work_dir, POINTER_FILE)) as f:
            f.write(self.last_ckpt)
        for old_step in outdated:
            path = self.file_backend.join_path(self.out_dir, self.filename_tmpl.format(old_step))
            if self.file_backend.isfile(path):
                self.file_backend.remove(path)
            elif self.file_backend.isdir(path):  # checkpoints saved by deepspeed are folders
                self.file_backend.rmtree(path)

    def _keep(self, runner: Any, step: int) -> List[int]:
        """Adds ``step`` to the kept checkpoints (also in the message hub, which the checkpoint
        stores); returns the steps that drop out, whose files the caller deletes after saving."""
        if self.max_keep_ckpts <= 0 or (self.keep_ckpt_ids and self.keep_ckpt_ids[-1] == step):
            return []
        outdated = []
        while len(self.keep_ckpt_ids) >= self.max_keep_ckpts:
            outdated.append(self.keep_ckpt_ids.popleft())
        self.keep_ckpt_ids.append(step)
        runner.message_hub.update_info('keep_ckpt_ids', list(self.keep_ckpt_ids))
        return outdated


def loaded_checkpoint(runner: Any) -> str:
    """The checkpoint file the runner loads or resumes from (as mmengine's ``load_or_resume``
    picks it), for error messages."""
    return runner._load_from or find_latest_checkpoint(runner.work_dir) or 'the loaded checkpoint'


class _RestoreAfterSkip:
    """Stands in for an ``IterBasedTrainLoop``'s data iterator on resume: passes through the
    batches the loop skips (those trained before the interruption), then restores the random state
    and hands the loop its own iterator back before the first new batch is drawn."""

    def __init__(self, loop: IterBasedTrainLoop, state: Dict[str, Any]) -> None:
        self._loop = loop
        self._iterator = loop.dataloader_iterator
        self._to_skip = loop.iter
        self._state = state

    def __iter__(self) -> Iterator:
        return self

    def __next__(self) -> Any:
        if self._to_skip > 0:
            self._to_skip -= 1
            return next(self._iterator)
        self._loop.dataloader_iterator = self._iterator
        restore_random_state(self._state)
        return next(self._iterator)


def use_bdd100k_checkpoint_hook(cfg: Config) -> None:
    """Makes the config save checkpoints with :class:`BDD100KCheckpointHook`, keeping its arguments.

    mmengine's ``CheckpointHook`` (named in the config or mmengine's default) is replaced; a
    config without checkpoint hook (``default_hooks.checkpoint=None``) is left alone, and another
    hook type is kept with a warning.
    """
    hooks = cfg.get('default_hooks')
    if hooks is None:
        cfg.default_hooks = dict(checkpoint=dict(type=BDD100KCheckpointHook.__name__, interval=1))
        return
    hook = hooks.get('checkpoint', dict(type='CheckpointHook', interval=1))
    if hook is None:
        return
    if hook.get('type') in ('CheckpointHook', CheckpointHook):
        hooks['checkpoint'] = dict(hook, type=BDD100KCheckpointHook.__name__)
    elif hook.get('type') not in (BDD100KCheckpointHook.__name__, BDD100KCheckpointHook):
        print_log(f'checkpoint hook {hook.get("type")!r} kept: checkpoints may not be written '
                  'atomically nor resume exactly', logger='current', level=logging.WARNING)
