"""Checkpoints on torch >= 2.6: weights_only loading with the zoo's exact allow-list."""
import os.path as osp

import pytest
import torch
import torch.nn as nn
from mmengine.logging import HistoryBuffer
from mmengine.model import BaseModel
from mmengine.runner import Runner, load_checkpoint

from bdd100k_zoo.hub import install_safe_loading
from bdd100k_zoo.runtime.checkpoint import (CheckpointLoadError, UnreadableCheckpointError,
                                            UnsafeCheckpointError, safe_load)


class TinyRegressor(BaseModel):
    """The smallest real mmengine model: one linear layer trained with an L2 loss."""

    def __init__(self) -> None:
        super().__init__()
        self.linear = nn.Linear(2, 1)

    def forward(self, inputs, targets=None, mode='tensor'):
        out = self.linear(torch.stack(list(inputs))).squeeze(-1)
        if mode == 'loss':
            return dict(loss=((out - torch.stack(list(targets))) ** 2).mean())
        return out


class PairDataset(torch.utils.data.Dataset):
    metainfo = dict(classes=('a', 'b'), palette=[(1, 2, 3), (4, 5, 6)])

    def __len__(self) -> int:
        return 8

    def __getitem__(self, index: int):
        return dict(inputs=torch.full((2,), float(index)), targets=torch.tensor(float(index)))


def make_runner(work_dir: str, max_epochs: int, **kwargs) -> Runner:
    return Runner(
        model=TinyRegressor(), work_dir=work_dir,
        train_dataloader=dict(dataset=PairDataset(), batch_size=2,
                              sampler=dict(type='DefaultSampler', shuffle=True),
                              collate_fn=dict(type='default_collate')),
        optim_wrapper=dict(optimizer=dict(type='SGD', lr=0.001, momentum=0.9)),
        param_scheduler=dict(type='MultiStepLR', milestones=[1]),
        train_cfg=dict(by_epoch=True, max_epochs=max_epochs),
        default_hooks=dict(checkpoint=dict(type='CheckpointHook', interval=1)),
        randomness=dict(seed=0), **kwargs)


@pytest.fixture(scope='module')
def trained(tmp_path_factory) -> str:
    """A real mmengine training checkpoint (meta, message_hub, optimizer, schedulers)."""
    work_dir = str(tmp_path_factory.mktemp('train'))
    make_runner(work_dir, max_epochs=2).train()
    return work_dir


def test_mmengine_checkpoint_loads_with_weights_only(trained):
    ckpt = safe_load(osp.join(trained, 'epoch_2.pth'))
    assert set(ckpt) >= {'meta', 'state_dict', 'message_hub', 'optimizer', 'param_schedulers'}
    assert ckpt['meta']['epoch'] == 2
    history = ckpt['message_hub']['log_scalars']['train/loss']
    assert history.mean() > 0  # a HistoryBuffer, restored with its statistics methods


def test_torch_default_load_refuses_the_same_checkpoint(trained):
    """Without the allow-list, torch >= 2.6 refuses mmengine checkpoints: the reason for this module."""
    with pytest.raises(Exception, match='Weights only load failed'):
        torch.load(osp.join(trained, 'epoch_2.pth'))


def test_load_from_and_resume_go_through_the_safe_loader(trained, tmp_path):
    install_safe_loading()
    model = TinyRegressor()
    load_checkpoint(model, osp.join(trained, 'epoch_2.pth'))
    assert torch.equal(model.linear.weight, safe_load(
        osp.join(trained, 'epoch_2.pth'))['state_dict']['linear.weight'])

    runner = make_runner(str(tmp_path), max_epochs=3, resume=True,
                         load_from=osp.join(trained, 'epoch_2.pth'))
    runner.train()
    assert runner.epoch == 3 and osp.isfile(tmp_path / 'epoch_3.pth')


def test_checkpoint_that_would_run_code_is_refused(tmp_path, code_runner):
    marker = tmp_path / 'code-was-run'
    path = tmp_path / 'malicious.pth'
    torch.save({'state_dict': {'w': torch.zeros(1)}, 'meta': code_runner(str(marker))}, path)
    with pytest.raises(UnsafeCheckpointError, match=r'malicious\.pth.*system'):
        safe_load(str(path))
    install_safe_loading()
    with pytest.raises(UnsafeCheckpointError):
        load_checkpoint(TinyRegressor(), str(path))
    assert not marker.exists()


def test_other_getattr_lookups_are_refused(tmp_path):
    """The getattr stand-in only resolves HistoryBuffer statistics methods."""

    class GetattrGadget:
        def __reduce__(self):
            return (getattr, (HistoryBuffer, '__subclasses__'))

    path = tmp_path / 'gadget.pth'
    torch.save({'meta': GetattrGadget()}, path)
    with pytest.raises(UnsafeCheckpointError):
        safe_load(str(path))


def test_empty_history_buffers_and_arrays_load(tmp_path):
    """An empty numpy array (e.g. a HistoryBuffer nothing was logged to) pickles ``bytes``."""
    import numpy as np
    path = tmp_path / 'empty.pth'
    torch.save({'message_hub': {'log_scalars': {'x': HistoryBuffer()}},
                'meta': {'scores': np.array([])}}, path)
    ckpt = safe_load(str(path))
    assert ckpt['meta']['scores'].size == 0


def _written_checkpoint(path, legacy: bool) -> bytes:
    torch.save({'w': torch.zeros(100)}, path, _use_new_zipfile_serialization=not legacy)
    return path.read_bytes()


@pytest.mark.parametrize('kind', ['empty', 'text', 'random bytes', 'truncated zip checkpoint',
                                  'truncated legacy checkpoint', 'plain pickle'])
def test_a_file_that_is_no_checkpoint_is_named_unreadable_not_unsafe(tmp_path, kind):
    """Bytes that are not a PyTorch checkpoint get their own error (not a traceback from inside
    torch, nor the allow-list refusal meant for hostile pickles); callers catch both refusals as
    CheckpointLoadError."""
    import pickle
    path = tmp_path / 'weights.pth'
    content = {
        'empty': lambda: b'',
        'text': lambda: b'<html>404 Not Found</html>\n',
        'random bytes': lambda: bytes(range(256)) * 4,
        'truncated zip checkpoint': lambda: _written_checkpoint(path, legacy=False)[:300],
        'truncated legacy checkpoint': lambda: _written_checkpoint(path, legacy=True)[:200],
        'plain pickle': lambda: pickle.dumps({'w': [1.0]}, protocol=4),
    }[kind]()
    path.write_bytes(content)
    with pytest.raises(UnreadableCheckpointError, match=r'cannot read checkpoint .*weights\.pth'):
        safe_load(str(path))
    with pytest.raises(CheckpointLoadError):
        safe_load(str(path))
    assert issubclass(UnsafeCheckpointError, CheckpointLoadError)
