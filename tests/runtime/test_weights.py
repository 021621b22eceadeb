"""Strict about keys: a checkpoint's weights compared with the model's, by name, on every path a
checkpoint takes into a model through mmengine's Runner (load_from, resume) and the zoo's tools."""
import argparse
import glob
import os.path as osp
import re
import subprocess
import sys
import uuid

import pytest
import torch
import torch.nn as nn
from mmengine.config import Config
from mmengine.model import BaseModel
from mmengine.runner import Runner

from bdd100k_zoo.hub import install_safe_loading
from bdd100k_zoo.runtime.hooks import BDD100KCheckWeightsHook
from bdd100k_zoo.runtime.launch import (add_common_arguments, build_runner, check_weights_on_load,
                                        prepare_config)
from bdd100k_zoo.runtime.weights import WeightsMismatchError, compare_weights, shortened

DET_SAMPLE_CONFIG = 'det/configs/det/faster_rcnn_r18_fpn_det_bdd100k_sample.py'
POSE_SAMPLE_CONFIG = 'pose/configs/pose/res18_128x96_pose_bdd100k_sample.py'


class TinyNet(BaseModel):
    """A real mmengine model with a parameter, a BatchNorm (buffers) and a second layer."""

    def __init__(self) -> None:
        super().__init__()
        self.linear = nn.Linear(2, 3)
        self.norm = nn.BatchNorm1d(3)
        self.head = nn.Linear(3, 1)

    def forward(self, inputs, targets=None, mode='tensor'):
        out = self.head(self.norm(self.linear(torch.stack(list(inputs))))).squeeze(-1)
        if mode == 'loss':
            return dict(loss=((out - torch.stack(list(targets))) ** 2).mean())
        return out


class PairDataset(torch.utils.data.Dataset):
    def __len__(self) -> int:
        return 4

    def __getitem__(self, index: int):
        return dict(inputs=torch.full((2,), float(index)), targets=torch.tensor(float(index)))


def make_runner(work_dir, max_epochs=1, **kwargs) -> Runner:
    """A Runner as the tools build it: safe loading, the weights check among its custom hooks."""
    install_safe_loading()
    kwargs.setdefault('custom_hooks', [dict(type='BDD100KCheckWeightsHook')])
    return Runner(
        model=TinyNet(), work_dir=str(work_dir),
        train_dataloader=dict(dataset=PairDataset(), batch_size=2,
                              sampler=dict(type='DefaultSampler', shuffle=False),
                              collate_fn=dict(type='default_collate')),
        optim_wrapper=dict(optimizer=dict(type='SGD', lr=0.01)),
        train_cfg=dict(by_epoch=True, max_epochs=max_epochs),
        default_hooks=dict(checkpoint=dict(type='CheckpointHook', interval=1)),
        randomness=dict(seed=0), experiment_name=f'weights_{uuid.uuid4().hex}', **kwargs)


@pytest.fixture(scope='module')
def trained(tmp_path_factory) -> str:
    """A real mmengine training checkpoint of TinyNet (weights, meta, optimizer, message hub)."""
    work_dir = tmp_path_factory.mktemp('trained')
    make_runner(work_dir, custom_hooks=[]).train()
    return str(work_dir / 'epoch_1.pth')


def edited(source: str, path, drop=(), add=None) -> str:
    """A copy of the checkpoint ``source`` at ``path`` with weights dropped and added."""
    checkpoint = torch.load(source, weights_only=False)
    for key in drop:
        del checkpoint['state_dict'][key]
    checkpoint['state_dict'].update(add or {})
    torch.save(checkpoint, path)
    return str(path)


def weights(model: nn.Module):
    return {key: value.clone() for key, value in model.state_dict().items()}


def log_text(runner: Runner) -> str:
    """Everything the runner logged to its log file."""
    (path,) = glob.glob(osp.join(runner.log_dir, '*.log'))
    with open(path) as f:
        return f.read()


# --- the comparison ---------------------------------------------------------------------------

def test_identical_weights_fit_exactly():
    model = TinyNet()
    report = compare_weights(model, {'state_dict': model.state_dict()}, 'ck.pth', 'cfg.py')
    assert report.exact and report.matched == tuple(model.state_dict())
    assert 'checkpoint ck.pth fits the model of cfg.py' in report.describe()


def test_each_kind_by_name_in_a_plain_state_dict_with_module_prefixes():
    model = TinyNet()
    state = {f'module.{key}': value for key, value in model.state_dict().items()}
    del state['module.head.bias']
    state['module.linear.weight'] = torch.zeros(4, 2)
    state['module.extra.weight'] = torch.zeros(1)
    report = compare_weights(model, state, 'ck.pth', 'cfg.py')
    assert report.missing == ('head.bias',)
    assert report.unexpected == ('extra.weight',)
    assert [(m.key, m.model, m.checkpoint) for m in report.mismatched] == [
        ('linear.weight', (3, 2), (4, 2))]
    assert len(report.matched) == len(model.state_dict()) - 2 and not report.fits
    text = report.describe()
    assert "1 of the model's weights is missing from it" in text
    assert 'size mismatch for linear.weight: checkpoint [4, 2], model [3, 2]' in text
    for name in ('head.bias', 'extra.weight', 'ck.pth', 'cfg.py'):
        assert name in text


def test_batchnorm_counter_may_be_missing():
    """mmengine ignores a missing num_batches_tracked; so does the comparison."""
    model = TinyNet()
    state = model.state_dict()
    del state['norm.num_batches_tracked']
    report = compare_weights(model, state)
    assert report.fits and not report.missing


def test_load_state_dict_pre_hooks_are_applied():
    """A module that renames an old key on load (its pre-hook) fits an old checkpoint."""

    class Renamed(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.scale = nn.Parameter(torch.ones(2))
            self._register_load_state_dict_pre_hook(self._rename)

        @staticmethod
        def _rename(state, prefix, *args):
            if prefix + 'old_scale' in state:
                state[prefix + 'scale'] = state.pop(prefix + 'old_scale')

    model = nn.Sequential(Renamed())
    old = {'0.old_scale': torch.zeros(2)}
    assert compare_weights(model, old).exact
    assert '0.old_scale' in old  # the checkpoint is not changed


def test_long_lists_are_grouped_with_exact_counts():
    names = [f'backbone.layer{i}.{j}.weight' for i in range(1, 4) for j in range(20)]
    assert shortened(names, limit=None) == names
    assert shortened(names, limit=5) == [f'backbone.layer{i}.* (20 weights)' for i in (1, 2, 3)]
    many = [f'm{i}.a.w' for i in range(12)] + ['m0.a.v']
    lines = shortened(many, limit=10)
    assert lines[0] == 'm0.a.* (2 weights)' and lines[1] == 'm1.a.w'
    assert lines[-1] == '... and 2 more weights under 2 other modules'


# --- the Runner: load_from and resume ---------------------------------------------------------

def test_load_from_missing_a_weight_fails_naming_it_and_leaves_the_model(trained, tmp_path):
    path = edited(trained, tmp_path / 'no_head_bias.pth', drop=['head.bias'])
    runner = make_runner(tmp_path / 'work', load_from=path)
    before = weights(runner.model)
    with pytest.raises(WeightsMismatchError) as info:
        runner.load_or_resume()
    message = str(info.value)
    assert f'checkpoint {path} does not fit the model of TinyNet' in message
    assert re.search(r'missing from the checkpoint \(1\):\n\s+head\.bias$', message, re.M)
    assert '--allow-missing-weights' in message
    after = weights(runner.model)
    assert all(torch.equal(before[key], after[key]) for key in before)


def test_partial_loading_loads_the_rest_and_warns(trained, tmp_path):
    path = edited(trained, tmp_path / 'no_head_bias.pth', drop=['head.bias'])
    runner = make_runner(tmp_path / 'work', load_from=path, custom_hooks=[
        dict(type='BDD100KCheckWeightsHook', allow_missing=True)])
    initial_bias = runner.model.head.bias.clone()
    runner.load_or_resume()
    saved = torch.load(path, weights_only=False)['state_dict']
    assert torch.equal(runner.model.head.weight, saved['head.weight'])
    assert torch.equal(runner.model.head.bias, initial_bias)
    log = log_text(runner)
    assert 'WARNING' in log and 'partial loading is allowed' in log
    assert re.search(r'missing from the checkpoint \(1\):\n\s+head\.bias$', log, re.M)


def test_unexpected_weights_load_and_are_named(trained, tmp_path):
    path = edited(trained, tmp_path / 'extra.pth', add={'aux_head.weight': torch.ones(5)})
    runner = make_runner(tmp_path / 'work', load_from=path)
    runner.load_or_resume()
    saved = torch.load(path, weights_only=False)['state_dict']
    assert torch.equal(runner.model.linear.weight, saved['linear.weight'])
    log = log_text(runner)
    assert f'checkpoint {path} fits the model of TinyNet' in log
    assert re.search(r'not used by the model \(1\):\n\s+aux_head\.weight$', log, re.M)


def test_resume_is_checked(trained, tmp_path):
    path = edited(trained, tmp_path / 'no_linear.pth', drop=['linear.weight', 'linear.bias'])
    runner = make_runner(tmp_path / 'work', load_from=path, resume=True, max_epochs=2)
    with pytest.raises(WeightsMismatchError, match=r'(?s)no_linear\.pth.*linear\.weight'):
        runner.train()
    assert runner.epoch == 0  # nothing of the checkpoint was resumed


def test_auto_resume_names_the_latest_checkpoint(trained, tmp_path):
    work_dir = tmp_path / 'work'
    work_dir.mkdir()
    path = edited(trained, work_dir / 'epoch_1.pth', drop=['norm.weight'])
    (work_dir / 'last_checkpoint').write_text(path)
    runner = make_runner(work_dir, resume=True, max_epochs=2)
    with pytest.raises(WeightsMismatchError, match=rf'(?s)checkpoint {re.escape(path)} .*'
                                                   r'norm\.weight'):
        runner.train()


def test_a_fitting_checkpoint_resumes(trained, tmp_path):
    runner = make_runner(tmp_path / 'work', load_from=trained, resume=True, max_epochs=2)
    runner.train()
    assert runner.epoch == 2


# --- the tools' runner setup ------------------------------------------------------------------

def test_every_parent_library_finds_the_hook():
    """The hook is in mmengine's root registry: the child registries of every scope find it."""
    import mmdet.registry
    import mmpose.registry
    import mmpretrain.registry
    import mmseg.registry
    for registry in (mmdet.registry.HOOKS, mmseg.registry.HOOKS, mmpretrain.registry.HOOKS,
                     mmpose.registry.HOOKS):
        assert registry.get('BDD100KCheckWeightsHook') is BDD100KCheckWeightsHook


def test_the_hook_is_added_once_and_the_option_sets_it():
    cfg = Config(dict(custom_hooks=[dict(type='SyncBuffersHook')]))
    check_weights_on_load(cfg)
    check_weights_on_load(cfg)
    assert [hook['type'] for hook in cfg.custom_hooks] == ['SyncBuffersHook',
                                                           'BDD100KCheckWeightsHook']
    check_weights_on_load(cfg, allow_missing=True)
    assert cfg.custom_hooks[1]['allow_missing'] is True

    own = Config(dict(custom_hooks=[dict(type='BDD100KCheckWeightsHook', allow_missing=True)]))
    check_weights_on_load(own)
    assert own.custom_hooks == [dict(type='BDD100KCheckWeightsHook', allow_missing=True)]


def test_the_tools_take_the_option():
    parser = argparse.ArgumentParser()
    add_common_arguments(parser)
    assert parser.parse_args(['--allow-missing-weights']).allow_missing_weights is True
    assert parser.parse_args([]).allow_missing_weights is False


def tool_args(repo_root, work_dir, **options) -> argparse.Namespace:
    """The arguments tools/test.py hands to ``prepare_config``."""
    return argparse.Namespace(config=osp.join(repo_root, DET_SAMPLE_CONFIG), cfg_options=None,
                              work_dir=str(work_dir), data_root=None, launcher='none',
                              mirror=None, **options)


def build_model(repo_root, config):
    """The model of a zoo config, built as the tools build it but without init weights."""
    from mmengine.config import ConfigDict
    from mmengine.registry import MODELS, DefaultScope

    from bdd100k_zoo.runtime.launch import load_config
    from bdd100k_zoo.zoo.building import without_init
    cfg = load_config(osp.join(repo_root, config))
    with DefaultScope.overwrite_default_scope(cfg.default_scope):
        return MODELS.build(ConfigDict(without_init(cfg.model.to_dict())))


@pytest.fixture(scope='module')
def det_model(repo_root):
    """The det sample config's model (R-18 Faster R-CNN, random weights)."""
    return build_model(repo_root, DET_SAMPLE_CONFIG)


@pytest.fixture(scope='module')
def det_weights(tmp_path_factory, det_model):
    """The det sample model's weights, saved as a checkpoint."""
    path = str(tmp_path_factory.mktemp('det') / 'det.pth')
    torch.save({'state_dict': det_model.state_dict()}, path)
    return path


def test_the_comparison_sees_keys_as_the_model_loads_them(repo_root, det_model):
    """Older checkpoints name weights differently and the parent libraries rename them on load:
    mmpose 0.x called the head ``keypoint_head`` (a load pre-hook of mmpose's estimators renames
    it), and mmdet's two-stage detectors take a single-stage model's ``bbox_head`` as their
    ``rpn_head`` (their ``_load_from_state_dict``)."""
    pose = build_model(repo_root, POSE_SAMPLE_CONFIG)
    old_pose = {re.sub(r'^head\.', 'keypoint_head.', key): value
                for key, value in pose.state_dict().items()}
    assert any(key.startswith('keypoint_head.') for key in old_pose)
    assert compare_weights(pose, old_pose).exact

    single_stage = {re.sub(r'^rpn_head\.', 'bbox_head.', key): value
                    for key, value in det_model.state_dict().items()}
    report = compare_weights(det_model, single_stage)
    assert report.exact and 'rpn_head.rpn_cls.weight' in report.matched


def test_zoo_config_refuses_a_checkpoint_missing_a_weight(repo_root, det_weights, tmp_path):
    """tools/test.py's setup (prepare_config, build_runner, load_from) with a real zoo config."""
    path = edited(det_weights, tmp_path / 'no_fc_cls.pth', drop=['roi_head.bbox_head.fc_cls.bias'])
    cfg = prepare_config(tool_args(repo_root, tmp_path / 'work'))
    cfg.load_from = path
    cfg.experiment_name = f'weights_{uuid.uuid4().hex}'
    runner = build_runner(cfg)
    with pytest.raises(WeightsMismatchError) as info:
        runner.load_or_resume()
    message = str(info.value)
    assert path in message and DET_SAMPLE_CONFIG in message
    assert 'roi_head.bbox_head.fc_cls.bias' in message

    cfg = prepare_config(tool_args(repo_root, tmp_path / 'partial', allow_missing_weights=True))
    cfg.load_from = path
    cfg.experiment_name = f'weights_{uuid.uuid4().hex}'
    runner = build_runner(cfg)
    runner.load_or_resume()
    saved = torch.load(path, weights_only=False)['state_dict']
    assert torch.equal(runner.model.roi_head.bbox_head.fc_cls.weight,
                       saved['roi_head.bbox_head.fc_cls.weight'])


@pytest.mark.slow
def test_tools_test_refuses_it_and_takes_the_option(repo_root, det_weights, tiny_sample, tmp_path):
    """``tools/test.py CONFIG CHECKPOINT`` as users run it, on the generated sample."""
    path = edited(det_weights, tmp_path / 'no_fc_cls.pth', drop=['roi_head.bbox_head.fc_cls.bias'])
    command = [sys.executable, 'tools/test.py', DET_SAMPLE_CONFIG, path, '--data-root', tiny_sample,
               '--work-dir', str(tmp_path / 'work'), '--cfg-options',
               'test_dataloader.num_workers=0', 'test_dataloader.persistent_workers=False']
    refused = subprocess.run(command, cwd=repo_root, capture_output=True, text=True)
    assert refused.returncode == 1 and 'Traceback' not in refused.stderr
    assert re.search(rf'tools/test.py: error: checkpoint {re.escape(path)} does not fit the model '
                     rf'of {re.escape(DET_SAMPLE_CONFIG)}', refused.stderr)
    assert re.search(r'missing from the checkpoint \(1\):\n\s+roi_head\.bbox_head\.fc_cls\.bias$',
                     refused.stderr, re.M)

    partial = subprocess.run(command + ['--allow-missing-weights'], cwd=repo_root,
                             capture_output=True, text=True)
    assert partial.returncode == 0, partial.stderr[-3000:]
    assert 'partial loading is allowed' in partial.stdout
    assert 'bdd100k/AP' in partial.stdout
