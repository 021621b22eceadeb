"""Kill and resume through tools/train.py: a run killed with SIGKILL while saving a checkpoint, then
resumed with ``--resume``, ends with the weights of an uninterrupted run, bit for bit.

The sample Faster R-CNN config on the generated tiny sample (4 training images, 2 per batch, so
the resumed run crosses an epoch boundary), on CPU with one thread, a fixed seed and
``deterministic=True``; images at 320x180 to keep the three runs short.
"""
import glob
import os
import signal
import subprocess
import sys
import textwrap

import pytest
import torch

from bdd100k_zoo.runtime.checkpoint import safe_load

DET_SAMPLE_CONFIG = 'det/configs/det/faster_rcnn_r18_fpn_det_bdd100k_sample.py'

#: Test-only: SIGKILLs the training process while it writes the checkpoint of iteration
#: KILL_AT, after its bytes went to the temporary file and before that file is renamed.
KILL_DURING_SAVE = textwrap.dedent('''
    import os
    import signal

    from mmengine.hooks import Hook
    from mmengine.registry import HOOKS

    KILL_AT = 2


    @HOOKS.register_module()
    class KillDuringSaveHook(Hook):
        def before_save_checkpoint(self, runner, checkpoint):
            if checkpoint['meta']['iter'] == KILL_AT:
                os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)
''')


def write_configs(tmp_path, repo_root):
    """The sample det config at 320x180 without validation, and the same with the killing hook."""
    config = tmp_path / 'det_sample_small.py'
    config.write_text(textwrap.dedent(f'''
        _base_ = {os.path.join(repo_root, DET_SAMPLE_CONFIG)!r}
        train_pipeline = [dict(step, scale=(320, 180)) if step['type'] == 'Resize' else step
                          for step in _base_.train_pipeline]
        train_dataloader = dict(batch_size=2, num_workers=0, persistent_workers=False,
                                dataset=dict(pipeline=train_pipeline))
        val_cfg = None
        val_dataloader = None
        val_evaluator = None
        randomness = dict(seed=0, deterministic=True)
        train_cfg = dict(max_iters=3)
        default_hooks = dict(checkpoint=dict(interval=1), logger=dict(interval=1))
    '''))
    (tmp_path / 'kill_during_save.py').write_text(KILL_DURING_SAVE)
    killing = tmp_path / 'det_sample_small_killed.py'
    killing.write_text(textwrap.dedent('''
        _base_ = './det_sample_small.py'
        custom_imports = dict(imports=['bdd100k_zoo.det', 'kill_during_save'],
                              allow_failed_imports=False)
        custom_hooks = [dict(type='KillDuringSaveHook')]
    '''))
    return config, killing


def train(repo_root, config, work_dir, data_root, *extra):
    env = dict(os.environ, PYTHONPATH=str(config.parent), OMP_NUM_THREADS='1',
               MKL_NUM_THREADS='1')
    return subprocess.Popen(
        [sys.executable, 'tools/train.py', str(config), '--work-dir', str(work_dir),
         '--data-root', data_root, *extra], cwd=repo_root, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)


def finish(process, timeout=900):
    output, _ = process.communicate(timeout=timeout)
    return process.returncode, output


@pytest.mark.slow
def test_run_killed_while_saving_resumes_to_identical_weights(tmp_path, repo_root, tiny_sample):
    config, killing = write_configs(tmp_path, repo_root)
    whole_dir, killed_dir = tmp_path / 'whole', tmp_path / 'killed'
    whole = train(repo_root, config, whole_dir, tiny_sample)
    killed = train(repo_root, killing, killed_dir, tiny_sample)
    code, output = finish(killed)
    assert code == -signal.SIGKILL, output[-3000:]

    # the save of iteration 2 died half-way: its bytes sit in a hidden temporary file, the
    # checkpoint of iteration 1 and the pointer to it are intact
    assert glob.glob(str(killed_dir / '.iter_2.pth.*.tmp'))
    assert not (killed_dir / 'iter_2.pth').exists()
    assert (killed_dir / 'last_checkpoint').read_text() == str(killed_dir / 'iter_1.pth')
    assert safe_load(str(killed_dir / 'iter_1.pth'))['meta']['iter'] == 1

    code, output = finish(train(repo_root, config, killed_dir, tiny_sample, '--resume'))
    assert code == 0, output[-3000:]
    assert 'resumed epoch: 0, iter: 1' in output
    assert not glob.glob(str(killed_dir / '.*.tmp'))
    code, output = finish(whole)
    assert code == 0, output[-3000:]

    expected = safe_load(str(whole_dir / 'iter_3.pth'))
    resumed = safe_load(str(killed_dir / 'iter_3.pth'))
    assert resumed['meta']['iter'] == expected['meta']['iter'] == 3
    assert expected['state_dict'].keys() == resumed['state_dict'].keys()
    different = [k for k, v in expected['state_dict'].items()
                 if not torch.equal(v, resumed['state_dict'][k])]
    assert not different, f'{len(different)} weights differ, e.g. {different[:5]}'
