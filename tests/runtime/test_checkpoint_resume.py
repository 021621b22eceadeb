"""BDD100KCheckpointHook on a real mmengine Runner: atomic saves, safe rotation, exact resume.

The model draws random numbers while training (dropout) and so does its data pipeline (noise from
NumPy), and the run validates between checkpoints: the three places where a resumed run can
drift from an uninterrupted one.
"""
import glob
import random
import os
import os.path as osp
import uuid

import numpy as np
import pytest
import torch
import torch.nn as nn
from mmengine.config import Config
from mmengine.evaluator import BaseMetric
from mmengine.hooks import Hook
from mmengine.model import BaseModel
from mmengine.runner import Runner

from bdd100k_zoo.hub import install_safe_loading
from bdd100k_zoo.runtime.atomic_backend import AtomicLocalBackend
from bdd100k_zoo.runtime.checkpoint import safe_load
from bdd100k_zoo.runtime.checkpoint_hook import (RANDOM_STATES_KEY, BDD100KCheckpointHook,
                                                 use_bdd100k_checkpoint_hook)
from bdd100k_zoo.runtime.random_state import capture_random_state, check_random_state


class DropoutRegressor(BaseModel):
    """A linear layer behind dropout: training draws from torch's generator."""

    def __init__(self) -> None:
        super().__init__()
        self.dropout = nn.Dropout(0.5)
        self.linear = nn.Linear(4, 1)

    def forward(self, inputs, targets=None, mode='tensor'):
        out = self.linear(self.dropout(torch.stack(list(inputs)))).squeeze(-1)
        if mode == 'loss':
            return dict(loss=((out - torch.stack(list(targets))) ** 2).mean())
        return list(out)


class NoisyDataset(torch.utils.data.Dataset):
    """12 samples with NumPy noise added when loaded (an augmentation's randomness)."""

    def __len__(self) -> int:
        return 12

    def __getitem__(self, index: int):
        noise = torch.from_numpy(np.random.rand(4)).float()
        return dict(inputs=torch.full((4,), index / 12) + noise,
                    targets=torch.tensor(float(index % 3)))


class MeanOutput(BaseMetric):
    def process(self, data_batch, data_samples) -> None:
        self.results.extend(float(x) for x in data_samples)

    def compute_metrics(self, results) -> dict:
        return dict(mean=float(np.mean(results)))


class Interrupt(Exception):
    """Stands for the process being killed."""


class InterruptAt(Hook):
    """Stops the run after training iteration ``iteration`` (before it is checkpointed)."""

    priority = 'LOWEST'

    def __init__(self, iteration: int) -> None:
        self.iteration = iteration

    def after_train_iter(self, runner, batch_idx, data_batch=None, outputs=None) -> None:
        if runner.iter + 1 == self.iteration:
            raise Interrupt


def make_runner(work_dir, hook_type=BDD100KCheckpointHook.__name__, max_keep_ckpts=-1,
                custom_hooks=(), resume=False, by_epoch=False) -> Runner:
    """4 iterations per epoch; 6 iterations with a checkpoint and a validation every 2, or
    (``by_epoch``) 3 epochs with a checkpoint and a validation after each."""
    loader = dict(dataset=NoisyDataset(), batch_size=3, num_workers=0,
                  sampler=dict(type='DefaultSampler', shuffle=True))
    torch.manual_seed(0)  # the same initial weights in every run (mmengine seeds after building)
    return Runner(
        model=DropoutRegressor(), work_dir=str(work_dir),
        train_dataloader=loader,
        val_dataloader=dict(loader, sampler=dict(type='DefaultSampler', shuffle=False)),
        val_evaluator=[MeanOutput()], val_cfg=dict(),
        optim_wrapper=dict(optimizer=dict(type='SGD', lr=0.01, momentum=0.9)),
        train_cfg=dict(by_epoch=True, max_epochs=3, val_interval=1) if by_epoch else dict(
            by_epoch=False, max_iters=6, val_interval=2),
        default_hooks=dict(checkpoint=dict(type=hook_type, by_epoch=by_epoch,
                                           interval=1 if by_epoch else 2,
                                           max_keep_ckpts=max_keep_ckpts)),
        custom_hooks=list(custom_hooks), randomness=dict(seed=7), resume=resume,
        experiment_name=f'resume_{uuid.uuid4().hex}')


def weights(runner: Runner) -> dict:
    return {k: v.clone() for k, v in runner.model.state_dict().items()}


def interrupted_then_resumed(work_dir, hook_type=BDD100KCheckpointHook.__name__,
                             by_epoch=False) -> dict:
    """Interrupted in the iteration after a checkpoint (iteration 5, or the first of epoch 3)."""
    with pytest.raises(Interrupt):
        make_runner(work_dir, hook_type, custom_hooks=[InterruptAt(9 if by_epoch else 5)],
                    by_epoch=by_epoch).train()
    resumed = make_runner(work_dir, hook_type, resume=True, by_epoch=by_epoch)
    resumed.train()
    assert resumed.iter == (12 if by_epoch else 6)
    return weights(resumed)


@pytest.fixture(autouse=True)
def safe_loading():
    install_safe_loading()


@pytest.mark.parametrize('by_epoch', [False, True], ids=['iter_loop', 'epoch_loop'])
def test_resumed_run_ends_with_the_weights_of_an_uninterrupted_one(tmp_path, by_epoch):
    uninterrupted = make_runner(tmp_path / 'whole', by_epoch=by_epoch)
    uninterrupted.train()
    expected = weights(uninterrupted)

    resumed = interrupted_then_resumed(tmp_path / 'killed', by_epoch=by_epoch)
    for name, value in expected.items():
        assert torch.equal(resumed[name], value), name


def test_mmengine_checkpoint_hook_resumes_differently(tmp_path):
    """Why the hook stores the random state: mmengine re-seeds on resume, so the dropout masks
    after the resume differ from the uninterrupted run's."""
    uninterrupted = make_runner(tmp_path / 'whole', 'CheckpointHook')
    uninterrupted.train()
    resumed = interrupted_then_resumed(tmp_path / 'killed', 'CheckpointHook')
    assert not torch.equal(resumed['linear.weight'], weights(uninterrupted)['linear.weight'])


def test_checkpoint_stores_the_random_state_and_loads_safely(tmp_path):
    make_runner(tmp_path).train()
    checkpoint = safe_load(str(tmp_path / 'iter_6.pth'))
    (state,) = checkpoint['meta'][RANDOM_STATES_KEY]  # one process
    assert set(state) >= {'python', 'numpy', 'torch'}
    with open(tmp_path / 'last_checkpoint') as f:
        assert f.read() == str(tmp_path / 'iter_6.pth')


def fail_fsync(fd):
    raise OSError(28, 'No space left on device')


def test_interrupted_save_keeps_the_previous_checkpoint_and_pointer(tmp_path, monkeypatch):
    """max_keep_ckpts=1: mmengine deletes the old checkpoint before writing the new one; the hook
    deletes it only after, so a save that fails half-way loses nothing."""

    class FailSecondSave(Hook):
        def before_save_checkpoint(self, runner, checkpoint) -> None:
            if checkpoint['meta']['iter'] == 4:
                monkeypatch.setattr(os, 'fsync', fail_fsync)  # the bytes are written, not synced

    runner = make_runner(tmp_path, max_keep_ckpts=1, custom_hooks=[FailSecondSave()])
    with pytest.raises(OSError, match='No space left'):
        runner.train()
    monkeypatch.undo()
    assert glob.glob(str(tmp_path / 'iter_*.pth')) == [str(tmp_path / 'iter_2.pth')]
    assert not glob.glob(str(tmp_path / '.*.tmp'))
    assert safe_load(str(tmp_path / 'iter_2.pth'))['meta']['iter'] == 2
    with open(tmp_path / 'last_checkpoint') as f:
        assert f.read() == str(tmp_path / 'iter_2.pth')


def test_rotation_deletes_old_checkpoints_after_saving(tmp_path):
    make_runner(tmp_path, max_keep_ckpts=2).train()
    assert sorted(glob.glob(str(tmp_path / 'iter_*.pth'))) == [
        str(tmp_path / 'iter_4.pth'), str(tmp_path / 'iter_6.pth')]
    keep = safe_load(str(tmp_path / 'iter_6.pth'))['message_hub']['runtime_info']['keep_ckpt_ids']
    assert keep == [4, 6]


def test_resume_removes_what_a_killed_save_left(tmp_path):
    with pytest.raises(Interrupt):
        make_runner(tmp_path, custom_hooks=[InterruptAt(5)]).train()
    leftovers = [tmp_path / '.iter_6.pth.k1ll3d.tmp', tmp_path / '.last_checkpoint.k1ll3d.tmp']
    for path in leftovers:
        path.write_bytes(b'half a checkpoint')
    make_runner(tmp_path, resume=True).train()
    assert not any(osp.exists(path) for path in leftovers)
    assert safe_load(str(tmp_path / 'iter_6.pth'))['meta']['iter'] == 6


def test_backend_write_failing_half_way_leaves_the_old_file(tmp_path):
    """A write that stops after half the bytes (disk full) leaves the previous file whole."""
    path = tmp_path / 'iter_2.pth'
    backend = AtomicLocalBackend()
    backend.put(b'old checkpoint', path)

    class HalfWriter:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.f.__exit__(*exc)

        def write(self, data):
            self.f.write(data[:len(data) // 2])
            raise OSError(28, 'No space left on device')

    real_fdopen = os.fdopen
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, 'fdopen', lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
        with pytest.raises(OSError, match='No space left'):
            backend.put(b'new checkpoint' * 1000, path)
    assert path.read_bytes() == b'old checkpoint'
    assert os.listdir(tmp_path) == ['iter_2.pth']
    backend.put_text('iter_4.pth', tmp_path / 'last_checkpoint')
    assert (tmp_path / 'last_checkpoint').read_text() == 'iter_4.pth'


@pytest.mark.parametrize('hooks, expected', [
    (None, dict(checkpoint=dict(type='BDD100KCheckpointHook', interval=1))),
    (dict(logger=dict(type='LoggerHook')),
     dict(logger=dict(type='LoggerHook'),
          checkpoint=dict(type='BDD100KCheckpointHook', interval=1))),
    (dict(checkpoint=dict(type='CheckpointHook', by_epoch=False, interval=50, max_keep_ckpts=3)),
     dict(checkpoint=dict(type='BDD100KCheckpointHook', by_epoch=False, interval=50,
                          max_keep_ckpts=3))),
    (dict(checkpoint=None), dict(checkpoint=None)),
    (dict(checkpoint=dict(type='MyCheckpointHook')),
     dict(checkpoint=dict(type='MyCheckpointHook'))),
])
def test_configs_get_the_hook_with_their_arguments(hooks, expected):
    cfg = Config(dict(default_hooks=hooks) if hooks is not None else {})
    use_bdd100k_checkpoint_hook(cfg)
    assert cfg.default_hooks.to_dict() == expected


@pytest.mark.parametrize('states', [{'python': 1}, ['not a state'], [{'python': (3, (1, 2), None)}]],
                         ids=['not_a_list', 'not_a_dict', 'bad_python_state'])
def test_malformed_random_state_names_the_checkpoint(tmp_path, states):
    """A resume checkpoint whose meta['random_states'] was damaged or written by other code fails
    with an error naming the file and the field, and leaves the generators untouched."""
    make_runner(tmp_path).train()
    path = str(tmp_path / 'iter_6.pth')
    checkpoint = safe_load(path)
    checkpoint['meta'][RANDOM_STATES_KEY] = states
    torch.save(checkpoint, path)
    with pytest.raises(ValueError, match=rf"{path}: meta\['random_states'\]"):
        make_runner(tmp_path, resume=True).train()


def test_checking_a_random_state_leaves_the_generators_as_they_were():
    before = capture_random_state()
    with pytest.raises(ValueError, match='here: not a random state'):
        check_random_state(dict(before, torch=torch.zeros(3, dtype=torch.uint8)), 'here')
    check_random_state(dict(before, python=random.Random(1).getstate()), 'here')
    after = capture_random_state()
    assert after['python'] == before['python'] and torch.equal(after['torch'], before['torch'])
    assert all(np.array_equal(a, b) for a, b in zip(after['numpy'], before['numpy']))
