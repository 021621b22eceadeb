"""The shared tools: tools/train.py and tools/test.py as users (and mim) run them."""
import os
import os.path as osp
import subprocess
import sys
import textwrap

import pytest
import torch

from bdd100k_zoo.runtime.checkpoint import safe_load

DET_SAMPLE_CONFIG = 'det/configs/det/faster_rcnn_r18_fpn_det_bdd100k_sample.py'
CPU_LOADERS = ['train_dataloader.num_workers=0', 'train_dataloader.persistent_workers=False',
               'val_dataloader.num_workers=0', 'val_dataloader.persistent_workers=False',
               'test_dataloader.num_workers=0', 'test_dataloader.persistent_workers=False']

RANK_DUMP_HOOK = textwrap.dedent('''
    """Test-only hook: every rank saves its final model weights."""
    import os
    import torch
    from mmengine.hooks import Hook
    from mmengine.registry import HOOKS


    @HOOKS.register_module()
    class RankDumpHook(Hook):
        def after_train(self, runner):
            model = getattr(runner.model, 'module', runner.model)
            state = {k: v.detach().cpu() for k, v in model.state_dict().items()}
            torch.save(state, os.path.join(runner.work_dir, f'rank{os.environ.get("RANK", 0)}.pth'))
''')


def run_tool(args, cwd, env=None, timeout=1200):
    result = subprocess.run([sys.executable] + args, cwd=cwd, capture_output=True, text=True,
                            env=env, timeout=timeout)
    assert result.returncode == 0, result.stderr[-4000:]
    return result


@pytest.mark.slow
def test_two_cpu_processes_train_to_identical_weights(tmp_path, repo_root, tiny_sample):
    """DDP on CPU through the launcher users take: gloo, 2 ranks, same final weights."""
    (tmp_path / 'rank_dump.py').write_text(RANK_DUMP_HOOK)
    config = tmp_path / 'ddp_config.py'
    config.write_text(textwrap.dedent(f'''
        _base_ = {osp.join(repo_root, DET_SAMPLE_CONFIG)!r}
        custom_imports = dict(imports=['bdd100k_zoo.det', 'rank_dump'], allow_failed_imports=False)
        custom_hooks = [dict(type='RankDumpHook')]
        val_cfg = None
        val_dataloader = None
        val_evaluator = None
    '''))
    work_dir = tmp_path / 'work'
    env = dict(os.environ, PYTHONPATH=str(tmp_path), OMP_NUM_THREADS='1')
    run_tool(['-m', 'torch.distributed.launch', '--nproc_per_node', '2', '--master_port', '29561',
              'tools/train.py', str(config), '--launcher', 'pytorch', '--data-root', tiny_sample,
              '--work-dir', str(work_dir), '--cfg-options', 'train_cfg.max_iters=3',
              *CPU_LOADERS[:2]], cwd=repo_root, env=env)
    rank0 = torch.load(work_dir / 'rank0.pth')
    rank1 = torch.load(work_dir / 'rank1.pth')
    assert rank0.keys() == rank1.keys()
    different = [k for k in rank0 if not torch.equal(rank0[k], rank1[k])]
    assert not different, f'ranks differ in {different[:5]}'
    saved = safe_load(str(work_dir / 'iter_3.pth'))['meta']
    assert saved['iter'] == 3


@pytest.mark.slow
def test_train_resume_and_test_write_official_outputs(tmp_path, repo_root, tiny_sample):
    """One process: train 2 iterations, resume to 3, test with the official metric and --out-dir."""
    work_dir = tmp_path / 'work'
    common = ['--data-root', tiny_sample, '--work-dir', str(work_dir), '--cfg-options',
              *CPU_LOADERS]
    run_tool(['tools/train.py', DET_SAMPLE_CONFIG, *common, 'train_cfg.max_iters=2',
              'default_hooks.checkpoint.interval=1', 'val_cfg=None', 'val_dataloader=None',
              'val_evaluator=None'], cwd=repo_root)
    assert osp.isfile(work_dir / 'iter_2.pth')
    resumed = run_tool(['tools/train.py', DET_SAMPLE_CONFIG, '--resume', *common,
                        'train_cfg.max_iters=3', 'default_hooks.checkpoint.interval=1',
                        'val_cfg=None', 'val_dataloader=None', 'val_evaluator=None'],
                       cwd=repo_root)
    assert 'resumed epoch: 0, iter: 2' in resumed.stdout + resumed.stderr
    assert osp.isfile(work_dir / 'iter_3.pth')

    out_dir = tmp_path / 'results'
    tested = run_tool(['tools/test.py', DET_SAMPLE_CONFIG, str(work_dir / 'iter_3.pth'),
                       '--out-dir', str(out_dir), *common], cwd=repo_root)
    assert 'bdd100k/AP' in tested.stdout + tested.stderr
    for name in ('scores.json', 'preds.json', 'visuals.zip'):
        assert osp.isfile(out_dir / name), name


def test_amp_on_cpu_is_refused_with_a_clear_error(repo_root, tmp_path):
    result = subprocess.run([sys.executable, 'tools/train.py', DET_SAMPLE_CONFIG, '--amp',
                             '--work-dir', str(tmp_path)], cwd=repo_root, capture_output=True,
                            text=True)
    assert result.returncode != 0
    assert '--amp needs a CUDA device' in result.stderr


@pytest.mark.slow
def test_mim_train_and_test_find_the_config_by_name(tmp_path, tiny_sample):
    """``mim train/test bdd100k_zoo NAME.py`` resolve the config in the installed package."""
    mim = osp.join(osp.dirname(sys.executable), 'mim')
    name = osp.basename(DET_SAMPLE_CONFIG)
    work_dir = tmp_path / 'work'
    common = ['--data-root', tiny_sample, '--work-dir', str(work_dir), '--cfg-options',
              *CPU_LOADERS]
    trained = subprocess.run([mim, 'train', 'bdd100k_zoo', name, *common, 'train_cfg.max_iters=2',
                              'val_cfg=None', 'val_dataloader=None', 'val_evaluator=None'],
                             cwd=tmp_path, capture_output=True, text=True, timeout=1200)
    assert trained.returncode == 0, trained.stderr[-3000:]
    assert 'Training finished successfully' in trained.stdout
    checkpoint = work_dir / 'iter_2.pth'
    assert checkpoint.is_file()
    tested = subprocess.run([mim, 'test', 'bdd100k_zoo', name, '--checkpoint', str(checkpoint),
                             '--out-dir', str(tmp_path / 'out'), *common], cwd=tmp_path,
                            capture_output=True, text=True, timeout=1200)
    assert tested.returncode == 0, tested.stderr[-3000:]
    assert (tmp_path / 'out' / 'scores.json').is_file()
