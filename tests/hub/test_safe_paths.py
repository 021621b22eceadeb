"""A malicious checkpoint on every path that loads one: refused with a clear message, nothing run,
nothing left in any cache (the zoo's, torch's hub folder, mmengine's home).

The pickle's ``__reduce__`` calls ``os.system`` to create a marker file, as a real attack would run
a shell command. It is served with a matching ``.md5``: an attacker controls both.
"""
import os
import subprocess
import sys
from typing import Callable, Dict

import pytest
import torch
from mmengine.model import BaseModel, BaseModule
from mmengine.runner import Runner, load_checkpoint
from torch import nn

from bdd100k_zoo.hub import install_safe_loading, loaders
from bdd100k_zoo.inference.model import read_checkpoint
from bdd100k_zoo.runtime.checkpoint import UnsafeCheckpointError

DET_SAMPLE_CONFIG = 'det/configs/det/faster_rcnn_r18_fpn_det_bdd100k_sample.py'
URI = 'bdd100k://det/tiny_det_bdd100k'


class Regressor(BaseModel):
    def __init__(self) -> None:
        super().__init__()
        self.linear = nn.Linear(2, 1)

    def forward(self, inputs, data_samples=None, mode='tensor'):
        return self.linear(inputs)


@pytest.fixture
def attack(zoo, tmp_path, monkeypatch, code_runner):
    """The zoo serves a malicious checkpoint (and its MD5); torch's and mmengine's homes are
    isolated. Yields a check that nothing ran and nothing stayed."""
    marker = tmp_path / 'code-was-run'
    path = tmp_path / 'evil.pth'
    torch.save({'state_dict': {'linear.weight': torch.zeros(1, 2)},
                'meta': code_runner(str(marker))}, path)
    zoo.checkpoint = path.read_bytes()
    zoo.serve()
    homes = {'TORCH_HOME': tmp_path / 'torch_home', 'MMENGINE_HOME': tmp_path / 'mmengine_home'}
    for name, folder in homes.items():
        monkeypatch.setenv(name, str(folder))
    install_safe_loading()

    def nothing_ran_nothing_stayed() -> None:
        assert not marker.exists(), 'the pickle ran its command'
        assert zoo.files() == [], 'the refused checkpoint stayed in the zoo cache'
        for folder in homes.values():
            assert not folder.exists() or not any(p.is_file() for p in folder.rglob('*')), folder
    return nothing_ran_nothing_stayed


def _fake_table(url: str) -> Callable[[], Dict[str, str]]:
    return lambda: {'resnet18': url, 'mobilenet_v2': url, 'detectron2/resnet50_caffe': url}


@pytest.mark.parametrize('how', ['url', 'bdd100k uri', 'model name', 'torchvision://',
                                 'open-mmlab://', 'mmcls://'])
def test_checkpoint_loader_paths(zoo, attack, monkeypatch, how):
    """mmengine's load_checkpoint (what load_from, init_cfg and the tools end in)."""
    for table in ('get_torchvision_models', 'get_external_models', 'get_mmcls_models'):
        monkeypatch.setattr(loaders, table, _fake_table(zoo.url))  # the names stand for our URL
    target = {'url': zoo.url, 'bdd100k uri': URI, 'model name': zoo.name,
              'torchvision://': 'torchvision://resnet18',
              'open-mmlab://': 'open-mmlab://detectron2/resnet50_caffe',
              'mmcls://': 'mmcls://mobilenet_v2'}[how]
    with pytest.raises(UnsafeCheckpointError, match=r'refused to load checkpoint .*system'):
        load_checkpoint(Regressor(), target, map_location='cpu')
    attack()


@pytest.mark.parametrize('resume', [False, True])
def test_runner_load_from_and_resume(zoo, attack, tmp_path, resume):
    runner = Runner(model=Regressor(), work_dir=str(tmp_path / 'work'), load_from=zoo.url,
                    resume=resume)
    with pytest.raises(UnsafeCheckpointError, match=zoo.url):
        runner.load_or_resume()
    attack()


def test_init_cfg_pretrained(zoo, attack):
    module = BaseModule(init_cfg=dict(type='Pretrained', checkpoint=zoo.url))
    module.linear = nn.Linear(2, 1)
    with pytest.raises(UnsafeCheckpointError):
        module.init_weights()
    attack()


@pytest.mark.parametrize('how', ['url', 'model name'])
def test_infer(zoo, attack, how):
    with pytest.raises(UnsafeCheckpointError):
        read_checkpoint(zoo.url if how == 'url' else zoo.name)
    attack()


def test_local_file(attack, tmp_path):
    with pytest.raises(UnsafeCheckpointError, match='evil.pth'):
        load_checkpoint(Regressor(), str(tmp_path / 'evil.pth'))
    attack()


@pytest.mark.slow  # three tool runs importing mmdet and building the sample detector: about 90 s
def test_tools_and_mim_refuse_a_malicious_url(zoo, attack, repo_root, tiny_sample, tmp_path):
    mim = os.path.join(os.path.dirname(sys.executable), 'mim')
    common = ['--data-root', tiny_sample, '--work-dir', str(tmp_path / 'work'), '--cfg-options',
              'test_dataloader.num_workers=0', 'test_dataloader.persistent_workers=False',
              'train_dataloader.num_workers=0', 'train_dataloader.persistent_workers=False']
    commands = {
        'tools/test.py': [sys.executable, 'tools/test.py', DET_SAMPLE_CONFIG, zoo.url, *common],
        'tools/train.py load_from': [sys.executable, 'tools/train.py', DET_SAMPLE_CONFIG, *common,
                                     f'load_from={zoo.url}', 'val_cfg=None',
                                     'val_dataloader=None', 'val_evaluator=None'],
        'mim test': [mim, 'test', 'bdd100k_zoo', os.path.basename(DET_SAMPLE_CONFIG),
                     '--checkpoint', zoo.url, *common],
    }
    for name, command in commands.items():
        result = subprocess.run(command, cwd=repo_root, capture_output=True, text=True,
                                timeout=900, env=dict(os.environ))
        assert result.returncode != 0, name
        tool = 'tools/train.py' if 'train' in name else 'tools/test.py'
        assert f'{tool}: error: refused to load checkpoint {zoo.url}' in result.stderr, \
            (name, result.stderr[-3000:])
        if name != 'mim test':  # mim reports its tool's failure with a traceback of its own
            assert 'Traceback' not in result.stderr, (name, result.stderr[-3000:])
        attack()


def test_pavi_is_refused():
    install_safe_loading()
    with pytest.raises(UnsafeCheckpointError, match='pavi://'):
        load_checkpoint(Regressor(), 'pavi://some/model.pth')
