"""Turning the command line of ``tools/train.py`` / ``tools/test.py`` into an mmengine Runner.

Shared by every task: the config's ``default_scope`` picks the parent library (mmdet, mmseg, mmpretrain,
mmpose) and its ``custom_imports`` load our side of it, so one pair of tools serves the whole zoo.
"""
import argparse
import os
import os.path as osp
import sys
from typing import Any, Callable, Iterator, Optional, Tuple

import torch
import torch.distributed as torch_dist
from mmengine.config import Config, ConfigDict, DictAction
from mmengine.logging import print_log
from mmengine.registry import RUNNERS
from mmengine.runner import Runner

from ..hub import HubError, install_safe_loading, use_mirrors
from .checkpoint import CheckpointLoadError
from .hooks import BDD100KCheckWeightsHook
from .weights import WeightsMismatchError

LAUNCHERS = ('none', 'pytorch', 'slurm', 'mpi')


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """Adds the options train.py and test.py share (as in mmdet's tools)."""
    parser.add_argument('--work-dir', help='folder for logs, checkpoints and outputs')
    parser.add_argument(
        '--data-root', help='BDD100K root folder (holding images/ and labels/) for every dataset')
    parser.add_argument(
        '--cfg-options', nargs='+', action=DictAction,
        help='override config settings, e.g. train_dataloader.batch_size=4 model.backbone.depth=101')
    parser.add_argument('--launcher', choices=LAUNCHERS, default='none', help='job launcher')
    parser.add_argument(
        '--mirror', action='append', metavar='PREFIX',
        help='a mirror of the published weights (URL or folder holding bdd100k/<task>/models/...), '
        'tried before $BDD100K_ZOO_MIRROR and the published host; may be repeated')
    # torch.distributed.launch passes --local_rank (older torch) or --local-rank (newer torch)
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    parser.add_argument(
        '--allow-missing-weights', action='store_true',
        help='load a checkpoint (load_from, --resume, test checkpoint) that lacks some of the '
        'model\'s weights or holds them with other shapes, e.g. to fine-tune: they keep their '
        'initial values and are listed in a warning (without it such a checkpoint is refused)')


def export_local_rank(args: argparse.Namespace) -> None:
    """Makes ``--local-rank`` visible as LOCAL_RANK, where mmengine reads it."""
    os.environ.setdefault('LOCAL_RANK', str(args.local_rank))


def load_config(path: str, cfg_options: Optional[dict] = None) -> Config:
    """Reads a config file and applies ``--cfg-options``.

    Raises:
        FileNotFoundError: ``path`` is not a file.
    """
    if not osp.isfile(path):
        raise FileNotFoundError(f'config file not found: {path}')
    cfg = Config.fromfile(path)
    if cfg_options:
        cfg.merge_from_dict(cfg_options)
    return cfg


def set_work_dir(cfg: Config, work_dir: Optional[str], config_path: str) -> None:
    """``--work-dir`` wins, then the config's ``work_dir``, then ``./work_dirs/<config name>``."""
    if work_dir:
        cfg.work_dir = work_dir
    elif not cfg.get('work_dir'):
        cfg.work_dir = osp.join('./work_dirs', osp.splitext(osp.basename(config_path))[0])


def _dataset_configs(node: Any) -> Iterator[dict]:
    """Yields every dataset config under a dataloader config (through wrappers, concats and the
    task loaders of a multitask config)."""
    if isinstance(node, dict):
        if 'data_root' in node:
            yield node
        for value in node.values():
            yield from _dataset_configs(value)
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _dataset_configs(item)


def set_data_root(cfg: Config, data_root: Optional[str]) -> None:
    """``--data-root``: points every train/val/test dataset of the config at ``data_root``."""
    if not data_root:
        return
    data_root = osp.join(data_root, '')
    cfg.data_root = data_root
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        for dataset in _dataset_configs(cfg.get(loader)):
            dataset['data_root'] = data_root


def set_output_dir(cfg: Config, out_dir: Optional[str]) -> None:
    """``--out-dir``: the zoo's test metrics write scores, submission and visuals there."""
    if not out_dir:
        return
    matched = list(_zoo_metrics(cfg.test_evaluator, out_dir))
    if not matched:
        raise ValueError('--out-dir needs a BDD100K metric in test_evaluator')
    for evaluator, folder in matched:
        evaluator['output_dir'] = folder


def _zoo_metrics(evaluator: Any, out_dir: str) -> Iterator[Tuple[dict, str]]:
    """Yields the zoo's metric configs of a test evaluator with their output folder: ``out_dir``,
    or ``out_dir/<task>`` for the per-task evaluators of a multitask config (no ``type``)."""
    if isinstance(evaluator, (list, tuple)):
        for item in evaluator:
            yield from _zoo_metrics(item, out_dir)
    elif isinstance(evaluator, dict) and 'type' not in evaluator:
        for task, metrics in evaluator.items():
            yield from _zoo_metrics(metrics, osp.join(out_dir, task))
    elif isinstance(evaluator, dict) and str(evaluator['type']).startswith('BDD100K'):
        yield evaluator, out_dir


def _replace_sync_bn(node: Any) -> int:
    """Replaces ``SyncBN`` norm layers by ``BN`` in a config tree, in place; returns how many."""
    count = 0
    if isinstance(node, dict):
        if node.get('type') in ('SyncBN', 'MMSyncBN'):
            node['type'] = 'BN'
            count += 1
        for value in node.values():
            count += _replace_sync_bn(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            count += _replace_sync_bn(value)
    return count


def configure_device(cfg: Config, launcher: str) -> None:
    """Adapts a (GPU-oriented) config to the machine: on CPU, gloo DDP and plain BatchNorm.

    Published configs use SyncBN and NCCL for 8 GPUs; neither runs on CPU. Without CUDA the
    process group uses gloo, DDP wraps the model without ``device_ids``, and SyncBN becomes BN whose
    running statistics mmengine's SyncBuffersHook averages across ranks at the end of each epoch
    and before validation, so all ranks hold the same model.
    """
    cfg.launcher = launcher
    if torch.cuda.is_available():
        return
    replaced = _replace_sync_bn(cfg._cfg_dict)
    if replaced:
        print_log(f'no CUDA device: {replaced} SyncBN layer(s) configured as BN', logger='current')
    if launcher == 'none':
        return
    cfg.setdefault('env_cfg', ConfigDict())
    cfg.env_cfg.dist_cfg = dict(cfg.env_cfg.get('dist_cfg', {}), backend='gloo')
    wrapper = cfg.get('model_wrapper_cfg') or {}
    cfg.model_wrapper_cfg = dict(
        type='MMDistributedDataParallel',
        device_ids=None,
        broadcast_buffers=False,
        find_unused_parameters=wrapper.get('find_unused_parameters',
                                           cfg.get('find_unused_parameters', False)))
    hooks = list(cfg.get('custom_hooks', []))
    if not any(hook.get('type') == 'SyncBuffersHook' for hook in hooks):
        cfg.custom_hooks = hooks + [dict(type='SyncBuffersHook')]
    init_cpu_process_group(launcher)


def init_cpu_process_group(launcher: str) -> None:
    """Initialises a gloo process group for CPU processes (mmengine's init pins a CUDA device).

    Supports the ``pytorch`` launcher (torchrun / torch.distributed.launch environment) and ``slurm``
    (rank and world size from SLURM variables; MASTER_ADDR/MASTER_PORT must be set by the job).
    """
    if torch_dist.is_available() and torch_dist.is_initialized():
        return
    if launcher == 'slurm':
        os.environ.setdefault('RANK', os.environ['SLURM_PROCID'])
        os.environ.setdefault('WORLD_SIZE', os.environ['SLURM_NTASKS'])
        os.environ.setdefault('LOCAL_RANK', os.environ['SLURM_LOCALID'])
        os.environ.setdefault('MASTER_PORT', '29500')
        if 'MASTER_ADDR' not in os.environ:
            raise RuntimeError('slurm launcher on CPU: set MASTER_ADDR to the first node of the job')
    elif launcher != 'pytorch':
        raise ValueError(f'launcher {launcher!r} is not supported without CUDA; use pytorch or slurm')
    torch_dist.init_process_group(backend='gloo')


def enable_amp(cfg: Config) -> None:
    """Switches the optimizer wrapper to automatic mixed precision (``--amp``).

    Raises:
        RuntimeError: no CUDA device (mmengine's AmpOptimWrapper only runs on accelerators).
    """
    if not torch.cuda.is_available():
        raise RuntimeError('--amp needs a CUDA device; on CPU train in fp32 (drop --amp)')
    if cfg.optim_wrapper.get('type', 'OptimWrapper') == 'AmpOptimWrapper':
        print_log('AMP is already enabled in the config', logger='current')
        return
    cfg.optim_wrapper.type = 'AmpOptimWrapper'
    cfg.optim_wrapper.setdefault('loss_scale', 'dynamic')


def set_resume(cfg: Config, resume: Optional[str]) -> None:
    """``--resume`` alone resumes from the latest checkpoint in the work dir, ``--resume CK`` from CK."""
    if resume == 'auto':
        cfg.resume = True
        cfg.load_from = None
    elif resume is not None:
        cfg.resume = True
        cfg.load_from = resume


def prepare_config(args: argparse.Namespace) -> Config:
    """The config of ``args.config`` with the common options of train.py/test.py applied."""
    use_mirrors(getattr(args, 'mirror', None))
    cfg = load_config(args.config, args.cfg_options)
    set_work_dir(cfg, args.work_dir, args.config)
    set_data_root(cfg, args.data_root)
    configure_device(cfg, args.launcher)
    if getattr(args, 'allow_missing_weights', False):
        check_weights_on_load(cfg, allow_missing=True)
    return cfg


def check_weights_on_load(cfg: Config, allow_missing: Optional[bool] = None) -> None:
    """Makes the runner check every checkpoint it loads against its model: adds
    :class:`~bdd100k_zoo.runtime.hooks.BDD100KCheckWeightsHook` to ``custom_hooks`` unless the
    config has it.

    Args:
        cfg: the config, changed in place.
        allow_missing: sets the hook's option (``--allow-missing-weights``); None keeps the
            config's (default False).
    """
    hooks = list(cfg.get('custom_hooks') or [])
    present = [hook for hook in hooks if _is_weights_hook(hook)]
    if not present:
        present = [ConfigDict(type=BDD100KCheckWeightsHook.__name__)]
        hooks += present
    if allow_missing is not None:
        for hook in present:
            if isinstance(hook, dict):
                hook['allow_missing'] = allow_missing
            else:
                hook.allow_missing = allow_missing
    cfg.custom_hooks = hooks


def _is_weights_hook(hook: Any) -> bool:
    """Whether a ``custom_hooks`` entry (a config or a built hook) is the weights check."""
    if isinstance(hook, dict):
        return hook.get('type') in (BDD100KCheckWeightsHook.__name__, BDD100KCheckWeightsHook)
    return isinstance(hook, BDD100KCheckWeightsHook)


def build_runner(cfg: Config) -> Runner:
    """Builds the runner the config asks for, with safe checkpoint loading installed and the
    weights of every checkpoint it loads checked against its model (:func:`check_weights_on_load`).
    """
    install_safe_loading()
    check_weights_on_load(cfg)
    if 'runner_type' in cfg:
        return RUNNERS.build(cfg)
    return Runner.from_cfg(cfg)


def run_tool(main: Callable[[], Any], name: str) -> int:
    """Runs a tool's ``main``; a refused or missing checkpoint, or weights that do not fit, end
    it with ``<name>: error: <message>`` on stderr and exit code 1 instead of a traceback."""
    try:
        main()
    except (HubError, CheckpointLoadError, WeightsMismatchError, FileNotFoundError) as err:
        print(f'{name}: error: {err}', file=sys.stderr)
        return 1
    return 0
