"""Data-parallel training through mmengine (PyTorch DDP, gloo on CPU) as users launch it with
torchrun and ``tools/train.py --launcher pytorch``.

1 process with a batch of 2B and 2 processes with B each train on the same global batches, so they
must end with the same weights. That holds when the loss is a mean over images with equal weight
per image and nothing else depends on which process an image lands on; the test configs make it so
(everything else is the sample config):

* no random augmentation (a flip or crop would draw differently in each process) and no dropout;
* BatchNorm statistics frozen (det: ``norm_eval=True`` as in mmdet's configs; sem_seg: a test hook
  keeps every BN in eval mode): a training BN normalises with its own process's batch, which only
  SyncBN (CUDA) shares across processes;
* det: every anchor and proposal is a training sample (no random subsampling, whose draws differ
  with the image order in a process), all are labelled positive or negative (no ignore band) and
  every image keeps 200 proposals, so mmdet's losses divide by the same count for every image;
* SGD: its step is linear in the gradient, so it passes rounding differences of the gradients on
  at their size (Adam divides by sqrt(v), which turns them into full steps for near-zero
  gradients).

The remaining difference is float32 rounding: DDP averages bucketed gradients across processes,
one process sums per-image terms in another order. The first step's gradients agree to 7 digits
(sem_seg: grad_norm 787.3456 in both runs), but with frozen BN at its initial statistics the
sem_seg network is not normalised and amplifies the rounding over the next steps. So each tensor is
compared with how far training moved it: after 3 steps the two runs may differ by 2% of that,
plus 1e-7 (float32 rounding of weights of magnitude ~1) for tensors training barely moves (det's
zero-initialised residual branches). Measured worst over the tensors that moved by more than 1e-6:
0.7% sem_seg, 0.08% det (largest differences 8.4e-6 and 1.5e-8).
"""
import os
import socket
import subprocess
import sys
import textwrap

import pytest
import torch

from bdd100k_zoo.runtime.checkpoint import safe_load

DET_SAMPLE_CONFIG = 'det/configs/det/faster_rcnn_r18_fpn_det_bdd100k_sample.py'
SEG_SAMPLE_CONFIG = 'sem_seg/configs/sem_seg/dla34_sem_seg_bdd100k_sample.py'
#: 1 vs 2 processes, per tensor: max |difference| <= UPDATE_SHARE * max |change by training| + ATOL.
UPDATE_SHARE = 0.02
ATOL = 1e-7

#: Test-only hooks: each rank saves its weights before and after training, and (when listed)
#: every BatchNorm layer stays in eval mode (frozen statistics).
TEST_HOOKS = textwrap.dedent('''
    import os

    import torch
    from mmengine.hooks import Hook
    from mmengine.model import is_model_wrapper
    from mmengine.registry import HOOKS
    from torch.nn.modules.batchnorm import _BatchNorm


    def unwrapped(runner):
        return runner.model.module if is_model_wrapper(runner.model) else runner.model


    @HOOKS.register_module()
    class DumpWeightsHook(Hook):
        def _dump(self, runner, stage):
            state = {k: v.detach().clone() for k, v in unwrapped(runner).state_dict().items()}
            node, rank = os.environ.get('GROUP_RANK', 0), os.environ.get('RANK', 0)
            name = f'{stage}_node{node}_rank{rank}.pth'
            torch.save(state, os.path.join(runner.work_dir, name))

        def before_train(self, runner):
            self._dump(runner, 'initial')

        def after_train(self, runner):
            self._dump(runner, 'final')


    @HOOKS.register_module()
    class FreezeBatchNormHook(Hook):
        def before_train_iter(self, runner, batch_idx, data_batch=None):
            for module in unwrapped(runner).modules():
                if isinstance(module, _BatchNorm):
                    module.eval()
''')

COMMON = '''
val_cfg = None
val_dataloader = None
val_evaluator = None
randomness = dict(seed=0)
train_cfg = dict(max_iters=3)
default_hooks = dict(checkpoint=dict(interval=3), logger=dict(interval=1))
optim_wrapper = dict(optimizer=dict(_delete_=True, type='SGD', lr=0.01, momentum=0.9))
param_scheduler = None
'''

DET_CONFIG = '''
train_pipeline = [dict(step, scale=(320, 180)) if step['type'] == 'Resize' else step
                  for step in _base_.train_pipeline if step['type'] != 'RandomFlip']
train_dataloader = dict(num_workers=0, persistent_workers=False,
                        sampler=dict(type='DefaultSampler', shuffle=False),
                        dataset=dict(pipeline=train_pipeline, indices=4))
model = dict(
    backbone=dict(norm_eval=True),
    train_cfg=dict(
        rpn=dict(assigner=dict(neg_iou_thr=0.7), sampler=dict(num=10 ** 6)),
        rpn_proposal=dict(max_per_img=200),
        rcnn=dict(sampler=dict(num=10 ** 6, add_gt_as_proposals=False))))
custom_imports = dict(imports=['bdd100k_zoo.det', 'ddp_test_hooks'], allow_failed_imports=False)
custom_hooks = [dict(type='DumpWeightsHook')]
'''

SEG_CONFIG = '''
train_pipeline = [step for step in _base_.train_pipeline
                  if step['type'] not in ('RandomResize', 'RandomCrop', 'RandomFlip')]
train_pipeline.insert(2, dict(type='Resize', scale=(320, 192), keep_ratio=False))
train_dataloader = dict(num_workers=0, persistent_workers=False,
                        sampler=dict(type='InfiniteSampler', shuffle=False),
                        dataset=dict(pipeline=train_pipeline))
model = dict(data_preprocessor=dict(size=(192, 320)), decode_head=dict(dropout_ratio=0))
custom_imports = dict(imports=['bdd100k_zoo.seg', 'ddp_test_hooks'], allow_failed_imports=False)
custom_hooks = [dict(type='DumpWeightsHook'), dict(type='FreezeBatchNormHook')]
'''


def write_config(tmp_path, repo_root, sample_config, body):
    (tmp_path / 'ddp_test_hooks.py').write_text(TEST_HOOKS)
    config = tmp_path / f'ddp_{os.path.basename(sample_config)}'
    base = f'_base_ = {os.path.join(repo_root, sample_config)!r}\n'
    config.write_text(base + COMMON + textwrap.dedent(body))
    return config


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def environment(tmp_path):
    return dict(os.environ, PYTHONPATH=str(tmp_path), OMP_NUM_THREADS='1', MKL_NUM_THREADS='1')


def train_args(config, work_dir, data_root, batch_size, *launcher):
    return ['tools/train.py', str(config), *launcher, '--work-dir', str(work_dir), '--data-root',
            data_root, '--cfg-options', f'train_dataloader.batch_size={batch_size}']


def torchrun(*args):
    return [sys.executable, '-m', 'torch.distributed.run', *args]


def start(command, repo_root, env):
    return subprocess.Popen(command, cwd=repo_root, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def finish(process, timeout=900):
    output, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0, output[-4000:]
    return output


def load(path):
    return torch.load(path, weights_only=True)


def assert_same_weights(expected, actual):
    assert expected.keys() == actual.keys()
    different = [name for name, value in expected.items() if not torch.equal(actual[name], value)]
    assert not different, f'{len(different)} weights differ, e.g. {different[:5]}'


def trained_weights(state):
    return [k for k, v in state.items()
            if v.is_floating_point() and not k.endswith(('running_mean', 'running_var'))]


def check_one_vs_two_processes(tmp_path, repo_root, data_root, sample_config, body):
    """Trains 1 process x batch 2 and 2 processes x batch 1 side by side; compares the weights."""
    config = write_config(tmp_path, repo_root, sample_config, body)
    env = environment(tmp_path)
    one, two = tmp_path / 'one_process', tmp_path / 'two_processes'
    single = start([sys.executable, *train_args(config, one, data_root, 2)], repo_root, env)
    ddp = start(torchrun('--nproc_per_node', '2', '--master_port', str(free_port()),
                         *train_args(config, two, data_root, 1, '--launcher', 'pytorch')),
                repo_root, env)
    finish(single)
    finish(ddp)

    rank0, rank1 = load(two / 'final_node0_rank0.pth'), load(two / 'final_node0_rank1.pth')
    assert_same_weights(rank0, rank1)  # DDP keeps the processes identical
    whole_batch = load(one / 'final_node0_rank0.pth')
    initial = load(one / 'initial_node0_rank0.pth')
    assert whole_batch.keys() == rank0.keys()
    for name, value in whole_batch.items():
        if name in trained_weights(whole_batch):
            change = (value - initial[name]).abs().max().item()
            difference = (rank0[name] - value).abs().max().item()
            assert difference <= UPDATE_SHARE * change + ATOL, (
                f'{name}: 1 vs 2 processes differ by {difference:.3g}, training changed it by '
                f'{change:.3g}')
        else:  # frozen BN statistics, counters
            assert torch.equal(rank0[name], value), name
    moved = [k for k in trained_weights(whole_batch)
             if (whole_batch[k] - initial[k]).abs().max() > 100 * ATOL]
    assert len(moved) > len(trained_weights(whole_batch)) / 2, 'training moved few weights'


@pytest.mark.slow
def test_det_two_processes_with_half_batches_equal_one_with_the_whole(
        tmp_path, repo_root, tiny_sample):
    check_one_vs_two_processes(tmp_path, repo_root, tiny_sample, DET_SAMPLE_CONFIG, DET_CONFIG)


@pytest.mark.slow
def test_sem_seg_two_processes_with_half_batches_equal_one_with_the_whole(
        tmp_path, repo_root, tiny_sample):
    check_one_vs_two_processes(tmp_path, repo_root, tiny_sample, SEG_SAMPLE_CONFIG, SEG_CONFIG)


@pytest.mark.slow
def test_two_nodes_of_two_processes_train_to_identical_weights(tmp_path, repo_root, tiny_sample):
    """``torchrun --nnodes 2`` as on two machines, both on localhost: 4 ranks, one rendezvous."""
    config = write_config(tmp_path, repo_root, DET_SAMPLE_CONFIG, DET_CONFIG)
    env = environment(tmp_path)
    work_dir = tmp_path / 'work'
    port = str(free_port())
    nodes = [start(torchrun('--nnodes', '2', '--nproc_per_node', '2', '--node_rank', str(node),
                            '--master_addr', '127.0.0.1', '--master_port', port,
                            *train_args(config, work_dir, tiny_sample, 1, '--launcher', 'pytorch')),
                   repo_root, env) for node in (0, 1)]
    for node in nodes:
        finish(node)
    finals = {(node, rank): load(work_dir / f'final_node{node}_rank{rank}.pth')
              for node, rank in ((0, 0), (0, 1), (1, 2), (1, 3))}
    assert len(finals) == 4
    reference = finals[0, 0]
    for weights in finals.values():
        assert_same_weights(reference, weights)
    assert safe_load(str(work_dir / 'iter_3.pth'))['meta']['iter'] == 3


@pytest.mark.slow
def test_slurm_launcher_trains_two_tasks_to_identical_weights(tmp_path, repo_root, tiny_sample):
    """``srun ... tools/train.py CONFIG --launcher slurm``: here 2 tasks get the variables srun
    sets for them (on CPU the job also exports MASTER_ADDR/MASTER_PORT)."""
    config = write_config(tmp_path, repo_root, DET_SAMPLE_CONFIG, DET_CONFIG)
    work_dir = tmp_path / 'work'
    port = str(free_port())
    tasks = [start([sys.executable, *train_args(config, work_dir, tiny_sample, 1,
                                                '--launcher', 'slurm')], repo_root,
                   dict(environment(tmp_path), SLURM_PROCID=str(task), SLURM_LOCALID=str(task),
                        SLURM_NTASKS='2', MASTER_ADDR='127.0.0.1', MASTER_PORT=port))
             for task in (0, 1)]
    for task in tasks:
        finish(task)
    assert_same_weights(load(work_dir / 'final_node0_rank0.pth'),
                        load(work_dir / 'final_node0_rank1.pth'))
