"""``bdd100k-zoo check-weights``: a real zoo model against checkpoints the tests edit themselves, so
every expected name and count is known by construction."""
import os.path as osp
import subprocess
import sys

import pytest
import torch

from bdd100k_zoo.cli import main

DET_SAMPLE_CONFIG = 'det/configs/det/faster_rcnn_r18_fpn_det_bdd100k_sample.py'
DROPPED = 'roi_head.bbox_head.fc_cls.bias'


@pytest.fixture(scope='module')
def det_state(repo_root):
    """The state dict of the det sample config's model (R-18 Faster R-CNN, random weights)."""
    from mmengine.config import ConfigDict
    from mmengine.registry import MODELS, DefaultScope

    from bdd100k_zoo.runtime.launch import load_config
    from bdd100k_zoo.zoo.building import without_init
    cfg = load_config(osp.join(repo_root, DET_SAMPLE_CONFIG))
    with DefaultScope.overwrite_default_scope(cfg.default_scope):
        return MODELS.build(ConfigDict(without_init(cfg.model.to_dict()))).state_dict()


def save(state, path) -> str:
    torch.save({'state_dict': state, 'meta': {'epoch': 1}}, path)
    return str(path)


def check(capsys, *args):
    """Runs the subcommand in this process: exit code, stdout, stderr."""
    code = main(['check-weights', *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_fitting_checkpoint_exits_0_with_the_counts(repo_root, det_state, tmp_path, capsys):
    path = save(det_state, tmp_path / 'det.pth')
    code, out, _ = check(capsys, osp.join(repo_root, DET_SAMPLE_CONFIG), path)
    assert code == 0
    assert f'checkpoint {path} fits the model of' in out
    assert f'{len(det_state)} weights match, 0 of the model\'s weights are missing' in out


def test_a_missing_weight_exits_1_naming_it(repo_root, det_state, tmp_path, capsys):
    state = {key: value for key, value in det_state.items() if key != DROPPED}
    state['extra.weight'] = torch.zeros(2)
    path = save(state, tmp_path / 'missing.pth')
    config = osp.join(repo_root, DET_SAMPLE_CONFIG)
    code, out, _ = check(capsys, config, path)
    assert code == 1
    assert f'checkpoint {path} does not fit the model of {config}' in out
    assert (f'{len(det_state) - 1} weights match, 1 of the model\'s weights is missing from it, '
            f'0 have another shape there, 1 of its weights is not used by the model') in out
    lines = out.splitlines()
    assert lines[lines.index('  missing from the checkpoint (1):') + 1] == f'    {DROPPED}'
    assert lines[lines.index('  in the checkpoint, not used by the model (1):') + 1] == \
        '    extra.weight'

    code, out, _ = check(capsys, config, path, '--allow-missing-weights')
    assert code == 0 and DROPPED in out and 'partial loading is allowed' in out


def test_a_model_name_of_the_index_against_another_model(repo_root, det_state, tmp_path, capsys):
    """The R-50 model of the index against R-18 weights: R-50's bottleneck convs are missing."""
    path = save(det_state, tmp_path / 'r18.pth')
    code, out, _ = check(capsys, 'faster_rcnn_r50_fpn_1x_det_bdd100k', path, '--all')
    assert code == 1
    assert 'the model of det/configs/det/faster_rcnn_r50_fpn_1x_det_bdd100k.py' in out
    assert '\n    backbone.layer1.0.conv3.weight\n' in out
    assert 'size mismatch for backbone.layer1.0.conv1.weight: checkpoint [64, 64, 3, 3], ' \
        'model [64, 64, 1, 1]' in out


def test_what_cannot_be_compared_exits_2(repo_root, det_state, tmp_path, capsys):
    config = osp.join(repo_root, DET_SAMPLE_CONFIG)
    code, _, err = check(capsys, config, str(tmp_path / 'nothing.pth'))
    assert code == 2 and 'nothing.pth' in err
    code, _, err = check(capsys, 'no_such_model_bdd100k', save(det_state, tmp_path / 'det.pth'))
    assert code == 2 and 'no_such_model_bdd100k' in err


def test_console_script_and_help():
    script = osp.join(osp.dirname(sys.executable), 'bdd100k-zoo')
    result = subprocess.run([script, 'check-weights', '--help'], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert 'MODEL|CONFIG' in result.stdout and '--allow-missing-weights' in result.stdout
    assert 'examples:' in result.stdout
