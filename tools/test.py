"""Test a BDD100K model of any task with the official metrics: ``mim test bdd100k_zoo CONFIG --checkpoint CK``.

Examples:
    python tools/test.py CONFIG CHECKPOINT
    mim test bdd100k_zoo CONFIG --checkpoint CK --gpus 8 --launcher pytorch
"""
import argparse
import sys

from bdd100k_zoo.runtime.launch import (add_common_arguments, build_runner, export_local_rank,
                                        prepare_config, run_tool,
                                        set_output_dir)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Test a BDD100K model with the official metrics')
    parser.add_argument('config', help='config file path')
    parser.add_argument(
        'checkpoint', help='checkpoint: a path, an http(s) URL, bdd100k://<task>/<model name> or a '
        'model name of the zoo (downloaded into the verified cache, loaded weights-only)')
    parser.add_argument(
        '--out-dir', help='write scores.json, the submission preds and visuals.zip into this folder')
    add_common_arguments(parser)
    args = parser.parse_args()
    export_local_rank(args)
    return args


def main() -> None:
    args = parse_args()
    cfg = prepare_config(args)
    set_output_dir(cfg, args.out_dir)
    cfg.load_from = args.checkpoint
    build_runner(cfg).test()


if __name__ == '__main__':
    sys.exit(run_tool(main, 'tools/test.py'))
