"""``bdd100k-zoo publish``: a real mmengine checkpoint becomes <name>.pth + <name>.md5 and a row."""
import hashlib
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.logging import HistoryBuffer
from torch import nn

from bdd100k_zoo.cli import main
from bdd100k_zoo.hub.md5 import parse_md5_file
from bdd100k_zoo.runtime.checkpoint import UnsafeCheckpointError
from bdd100k_zoo.zoo.publish import PublishError, publish
from bdd100k_zoo.zoo.readme import parse_readme_text
from bdd100k_zoo.zoo.rules import row_problems
from bdd100k_zoo.zoo.tasks import TASKS

NAME = 'faster_rcnn_r18_fpn_1x_det_bdd100k'


@pytest.fixture
def trained_checkpoint(tmp_path) -> str:
    """What mmengine's Runner saves after a training step of a small real model."""
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Flatten(),
                          nn.Linear(64, 2))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    model(torch.rand(2, 3, 6, 6)).sum().backward()
    optimizer.step()
    loss = HistoryBuffer()
    loss.update(0.5)
    checkpoint = {
        'meta': {'epoch': 12, 'iter': 3000, 'seed': np.int64(42), 'experiment_name': 'x',
                 'cfg': "model = dict(type='FasterRCNN')", 'mmengine_version': '0.10.7',
                 'dataset_meta': {'classes': ('pedestrian', 'rider'),
                                  'palette': [(np.uint8(220), 20, 60), (255, 0, 0)],
                                  'version': 'det_20'}},
        'state_dict': model.state_dict(),
        'message_hub': {'log_scalars': {'train/loss': loss}, 'runtime_info': {'epoch': 12}},
        'optimizer': optimizer.state_dict(),
        'param_schedulers': [{'milestones': {8: 1, 11: 1}}]}
    path = tmp_path / 'epoch_12.pth'
    torch.save(checkpoint, path)
    return str(path)


@pytest.fixture
def repo(make_repo, kit) -> str:
    return make_repo(kit.det_readme(kit.det_method('Faster R-CNN', [])), {NAME: kit.good_config})


def test_publish_writes_a_stripped_checkpoint_and_its_md5(trained_checkpoint, repo, tmp_path):
    out = tmp_path / 'out'
    result = publish(trained_checkpoint, NAME, str(out), repo)
    assert result.checkpoint == str(out / f'{NAME}.pth')
    content = torch.load(result.checkpoint, weights_only=True)  # no allow-list needed
    original = torch.load(trained_checkpoint, weights_only=False)
    assert set(content) == {'state_dict', 'meta'}
    assert list(content['state_dict']) == list(original['state_dict'])
    for key, value in original['state_dict'].items():
        assert torch.equal(content['state_dict'][key], value)
    assert content['meta'] == {
        'config_name': NAME, 'task': 'det', 'mmengine_version': '0.10.7',
        'torch_version': str(torch.__version__),
        'dataset_meta': {'classes': ['pedestrian', 'rider'],
                         'palette': [[220, 20, 60], [255, 0, 0]]}}
    with open(result.checkpoint, 'rb') as f:
        md5 = hashlib.md5(f.read()).hexdigest()
    text = (out / f'{NAME}.md5').read_text(encoding='utf-8')
    assert text == f'{md5}  {NAME}.pth\n'  # md5sum's format: `md5sum -c` checks it
    assert result.md5 == md5 == parse_md5_file(text, 'md5 file')  # the hub reads it


def test_the_drafted_row_fits_the_template_once_filled_in(trained_checkpoint, repo, tmp_path):
    result = publish(trained_checkpoint, NAME, str(tmp_path), repo)
    spec = TASKS['det']
    assert result.readme == 'det/README.md'
    filled = result.row.replace('| ? | ? | ? |', '| R-18-FPN | 1x |  |', 1).replace('?', '30.1')
    table = '\n'.join(['| ' + ' | '.join(spec.columns) + ' |',
                       '| ' + ' | '.join([':-:'] * len(spec.columns)) + ' |', filled])
    [row] = _table_rows(table)
    assert row_problems(row, spec) == []
    assert row.get('Config').links[0].url == f'./configs/det/{NAME}.py'
    assert row.get('Weights').links[0].url == \
        f'https://dl.cv.ethz.ch/bdd100k/det/models/{NAME}.pth'
    assert f'Config: det/configs/det/{NAME}.py' in result.entry


def _table_rows(table: str):
    text = '\n'.join(['# T', '', '## Models', '', '### M', '', table, ''])
    return parse_readme_text(text).methods[0].tables[0].rows


def test_the_cli_prints_the_row_and_the_entry(trained_checkpoint, repo, tmp_path, capsys):
    out = tmp_path / 'out'
    assert main(['publish', trained_checkpoint, '--name', NAME, '--out', str(out),
                 '--root', repo, '--url-base', 'https://example.org/zoo']) == 0
    printed = capsys.readouterr().out
    assert f'wrote {out / NAME}.pth (MD5 ' in printed
    assert f'[model](https://example.org/zoo/models/{NAME}.pth)' in printed
    assert f'- Name: {NAME}' in printed
    assert osp.isfile(out / f'{NAME}.md5')


def test_a_name_without_config_is_refused(trained_checkpoint, repo, tmp_path, capsys):
    with pytest.raises(PublishError, match='no config <task>/configs/\\*/unknown_det_bdd100k.py'):
        publish(trained_checkpoint, 'unknown_det_bdd100k', str(tmp_path), repo)
    assert main(['publish', trained_checkpoint, '--name', NAME, '--task', 'pose',
                 '--root', repo, '--out', str(tmp_path)]) == 1
    assert f'no config pose/configs/*/{NAME}.py' in capsys.readouterr().err
    assert not osp.exists(tmp_path / f'{NAME}.pth')


class _RunsCode:
    def __reduce__(self):
        return (print, ('this must not run',))


def test_an_unsafe_checkpoint_is_refused_without_running_it(repo, tmp_path, capsys):
    path = tmp_path / 'evil.pth'
    torch.save({'state_dict': {'w': torch.ones(1)}, 'meta': {'x': _RunsCode()}}, path)
    with pytest.raises(UnsafeCheckpointError):
        publish(str(path), NAME, str(tmp_path / 'out'), repo)
    assert 'this must not run' not in capsys.readouterr().out
    assert not osp.exists(tmp_path / 'out')
