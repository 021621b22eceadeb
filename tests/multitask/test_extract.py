"""``bdd100k-zoo multitask extract``: the weights of one task, renamed as in its single-task model,
written atomically; bad files are refused with one line naming them (real model state dicts
saved by the tests, so every expected name is known by construction)."""
import os

import pytest
import torch
from torch import nn

from bdd100k_zoo.cli import main
from bdd100k_zoo.multitask import BDD100KMultiTaskModel, NotMultiTaskCheckpointError
from bdd100k_zoo.multitask import extract_task_checkpoint
from bdd100k_zoo.runtime.checkpoint import UnsafeCheckpointError, safe_load


class Tiny(nn.Module):
    """A task model as the multitask model sees one: a backbone and a head."""

    def __init__(self, out: int) -> None:
        super().__init__()
        self.data_preprocessor = nn.Identity()
        self.backbone = nn.Conv2d(3, 4, 3)
        self.head = nn.Linear(4, out)


@pytest.fixture
def multitask_checkpoint(tmp_path):
    """A checkpoint of a two-task model sharing its backbone, as the Runner saves one."""
    model = BDD100KMultiTaskModel(tasks=dict(det=Tiny(10), sem_seg=Tiny(19)), shared=['backbone'])
    meta = dict(iter=4, cfg='the multitask config', dataset_meta=dict(
        det=dict(classes=('car',)), sem_seg=dict(classes=('road',))))
    path = str(tmp_path / 'iter_4.pth')
    torch.save(dict(meta=meta, state_dict=model.state_dict(), optimizer={}), path)
    return path, model


def extract(capsys, *args):
    code = main(['multitask', 'extract', *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_writes_the_task_models_weights_under_its_own_names(
        multitask_checkpoint, tmp_path, capsys):
    path, model = multitask_checkpoint
    out = str(tmp_path / 'out' / 'sem_seg.pth')
    code, printed, _ = extract(capsys, path, '--task', 'sem_seg', '--out', out)
    assert code == 0 and printed == f'4 weights of task sem_seg written to {out}\n'
    written = safe_load(out)
    assert sorted(written) == ['meta', 'state_dict']
    single = Tiny(19)
    single.load_state_dict(written['state_dict'], strict=True)
    assert torch.equal(single.backbone.weight, model.tasks['det'].backbone.weight)  # shared
    assert torch.equal(single.head.weight, model.tasks['sem_seg'].head.weight)
    assert written['meta']['dataset_meta'] == dict(classes=('road',))
    assert 'cfg' not in written['meta'] and written['meta']['iter'] == 4
    assert os.listdir(tmp_path / 'out') == ['sem_seg.pth']  # no temporary file left


def test_an_unknown_task_is_refused_naming_the_file_and_its_tasks(
        multitask_checkpoint, tmp_path, capsys):
    path, _ = multitask_checkpoint
    out = tmp_path / 'lane.pth'
    code, _, err = extract(capsys, path, '--task', 'lane', '--out', str(out))
    assert code == 2 and not out.exists()
    assert err == (f"bdd100k-zoo multitask extract: error: {path}: no task 'lane'; its tasks "
                   "are ['det', 'sem_seg']\n")


def test_a_single_task_checkpoint_is_not_a_multitask_one(tmp_path, capsys):
    path = str(tmp_path / 'det.pth')
    torch.save(dict(meta={}, state_dict=Tiny(10).state_dict()), path)
    with pytest.raises(NotMultiTaskCheckpointError, match='not a checkpoint of a multitask model'):
        extract_task_checkpoint(path, 'det', str(tmp_path / 'x.pth'))
    code, _, err = extract(capsys, path, '--task', 'det', '--out', str(tmp_path / 'x.pth'))
    assert code == 2 and path in err and not (tmp_path / 'x.pth').exists()


def test_a_hostile_pickle_is_refused_without_running_it(tmp_path, capsys, code_runner):
    marker = tmp_path / 'pwned'
    path = str(tmp_path / 'hostile.pth')
    torch.save(dict(state_dict={'tasks.det.w': torch.zeros(1)}, meta=code_runner(str(marker))),
               path)
    with pytest.raises(UnsafeCheckpointError):
        extract_task_checkpoint(path, 'det', str(tmp_path / 'x.pth'))
    code, _, err = extract(capsys, path, '--task', 'det', '--out', str(tmp_path / 'x.pth'))
    assert code == 2 and path in err
    assert not marker.exists() and not (tmp_path / 'x.pth').exists()
