"""Round robin under DDP: ``torchrun --nproc_per_node 2 tools/train.py --launcher pytorch`` (gloo
on CPU) trains the tiny det + sem_seg multitask config; every rank records the task and images of
each iteration, and all ranks train the same task in the same iteration, each on its own images."""
import json
import os
import subprocess
import sys
import textwrap

import pytest

#: Test-only hook: each rank appends (iteration, task, image files) of every batch to a file.
RECORD_HOOK = textwrap.dedent('''
    import json
    import os

    from mmengine.hooks import Hook
    from mmengine.registry import HOOKS


    @HOOKS.register_module()
    class RecordTasksHook(Hook):
        def before_train_iter(self, runner, batch_idx, data_batch=None):
            paths = [s.img_path for s in data_batch['data']['data_samples']]
            name = os.path.join(runner.work_dir, f"tasks_rank{os.environ['RANK']}.jsonl")
            with open(name, 'a') as f:
                f.write(json.dumps([runner.iter, data_batch['task'], paths]) + '\\n')
''')


def torchrun(*args):
    return [sys.executable, '-m', 'torch.distributed.run', *args]


def free_port() -> int:
    import socket
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def read_records(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f]


@pytest.mark.slow
def test_two_processes_train_the_same_task_in_every_iteration(make_multitask_config, repo_root,
                                                              tmp_path):
    (tmp_path / 'multitask_test_hooks.py').write_text(RECORD_HOOK)
    work_dir = tmp_path / 'work'
    cfg = make_multitask_config(str(work_dir))
    cfg.custom_imports.imports.append('multitask_test_hooks')
    cfg.update(custom_hooks=[dict(type='RecordTasksHook')], val_cfg=None, val_dataloader=None,
               val_evaluator=None, test_cfg=None, test_dataloader=None, test_evaluator=None)
    cfg.train_dataloader.ratio = dict(det=2, sem_seg=1)
    cfg.train_cfg.max_iters = 6
    cfg.default_hooks.checkpoint.interval = 6
    config = tmp_path / 'multitask_ddp.py'
    cfg.dump(str(config))
    env = dict(os.environ, PYTHONPATH=str(tmp_path), OMP_NUM_THREADS='1', MKL_NUM_THREADS='1')
    done = subprocess.run(
        torchrun('--nproc_per_node', '2', '--master_port', str(free_port()), 'tools/train.py',
                 str(config), '--launcher', 'pytorch', '--work-dir', str(work_dir)),
        cwd=repo_root, env=env, timeout=900, capture_output=True, text=True)
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    ranks = [read_records(work_dir / f'tasks_rank{rank}.jsonl') for rank in (0, 1)]
    schedule = ['det', 'det', 'sem_seg'] * 2
    for records in ranks:
        assert [(i, task) for i, task, _ in records] == list(enumerate(schedule))
    assert any(r0[2] != r1[2] for r0, r1 in zip(*ranks)), 'the ranks should see other images'
    assert (work_dir / 'iter_6.pth').is_file()
