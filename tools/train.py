"""Train a BDD100K model of any task: the script behind ``mim train bdd100k_zoo CONFIG``.

Examples:
    python tools/train.py det/configs/det/faster_rcnn_r50_fpn_1x_det_bdd100k.py
    python -m torch.distributed.run --nproc_per_node 8 tools/train.py CONFIG --launcher pytorch
    mim train bdd100k_zoo CONFIG --gpus 8 --launcher pytorch
"""
import argparse
import sys

from bdd100k_zoo.runtime.checkpoint_hook import use_bdd100k_checkpoint_hook
from bdd100k_zoo.runtime.launch import (add_common_arguments, build_runner, enable_amp,
                                        export_local_rank, prepare_config, run_tool, set_resume)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Train a BDD100K model')
    parser.add_argument('config', help='config file path')
    parser.add_argument(
        '--resume', nargs='?', type=str, const='auto',
        help='resume from CHECKPOINT, or from the latest checkpoint in the work dir if none is given')
    parser.add_argument('--amp', action='store_true', help='automatic mixed precision (CUDA)')
    parser.add_argument(
        '--auto-scale-lr', action='store_true',
        help='scale the learning rate by (number of GPUs x batch size) / auto_scale_lr.base_batch_size')
    add_common_arguments(parser)
    args = parser.parse_args()
    export_local_rank(args)
    return args


def main() -> None:
    args = parse_args()
    cfg = prepare_config(args)
    if args.amp:
        enable_amp(cfg)
    if args.auto_scale_lr:
        if 'auto_scale_lr' not in cfg or 'base_batch_size' not in cfg.auto_scale_lr:
            raise KeyError('--auto-scale-lr needs auto_scale_lr.base_batch_size in the config')
        cfg.auto_scale_lr.enable = True
    set_resume(cfg, args.resume)
    use_bdd100k_checkpoint_hook(cfg)  # atomic checkpoints that resume exactly
    build_runner(cfg).train()


if __name__ == '__main__':
    sys.exit(run_tool(main, 'tools/train.py'))
