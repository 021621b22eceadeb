"""``bdd100k-zoo demo``: the main job, end to end on the generated sample.

Generates the BDD100K sample (once), trains the CPU-sized detector on it with a progress bar, tests it
with the official BDD100K metrics and writes ``scores.json``, the submission ``preds.json`` and
``visuals.zip`` into the work dir, then prints the score table.
"""
import argparse
import os.path as osp
import time

from . import add_command

DEMO_CONFIG = 'faster_rcnn_r18_fpn_det_bdd100k_sample'


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(
        subparsers, 'demo', 'generate the sample, train a detector on CPU, score it officially',
        'The main job of the zoo on a machine without BDD100K and without a GPU: generates the '
        'BDD100K sample (if missing), trains a small Faster R-CNN on it on the CPU, tests it with '
        'the official detection metrics and writes scores.json, preds.json (the submission '
        'format) and visuals.zip into the work dir.',
        ['bdd100k-zoo demo', 'bdd100k-zoo demo --work-dir work_dirs/demo --iters 200 --seed 1'])
    parser.add_argument('--work-dir', default='work_dirs/demo', help='where outputs go')
    parser.add_argument('--data-root', default='data/bdd100k_sample',
                        help='the generated sample (created there if missing)')
    parser.add_argument('--config', default=DEMO_CONFIG, help='config name or path')
    parser.add_argument('--iters', type=int, help='training iterations (default: the config\'s)')
    parser.add_argument('--seed', type=int, default=0, help='seed of the sample and the training')
    parser.set_defaults(func=run)


def scale_schedule(cfg, max_iters: int) -> None:
    """Stretches an iteration-based schedule (warmup, decay) onto ``max_iters`` iterations."""
    factor = max_iters / cfg.train_cfg.max_iters
    for scheduler in cfg.param_scheduler:
        begin = round(scheduler.get('begin', 0) * factor)
        scheduler['begin'] = begin
        scheduler['end'] = max(begin + 1, round(scheduler.get('end', max_iters) * factor))
    cfg.train_cfg.max_iters = max_iters


def run(args: argparse.Namespace) -> int:
    from ..evaluation import Scores
    from ..labels.frames import load_json
    from ..runtime.hooks import BDD100KProgressBarHook  # noqa: F401  (registers the hook)
    from ..runtime.launch import build_runner, configure_device, load_config, set_data_root
    from ..sample import generate_sample
    from ..zoo.configs import find_config

    start = time.time()
    if not osp.isfile(osp.join(args.data_root, 'labels', 'det_20', 'det_train.json')):
        print(f'[demo] generating the BDD100K sample in {args.data_root} ...')
        generate_sample(args.data_root, seed=args.seed)
    cfg = load_config(find_config(args.config))
    cfg.work_dir = args.work_dir
    set_data_root(cfg, args.data_root)
    configure_device(cfg, 'none')
    cfg.randomness = dict(seed=args.seed)
    if args.iters:
        scale_schedule(cfg, args.iters)
    cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None  # test once, after training
    cfg.test_evaluator['output_dir'] = args.work_dir
    cfg.custom_hooks = list(cfg.get('custom_hooks', [])) + [dict(type='BDD100KProgressBarHook')]
    cfg.log_level = 'WARNING'

    runner = build_runner(cfg)
    print(f'[demo] training {osp.basename(args.config)} for {cfg.train_cfg.max_iters} iterations')
    runner.train()
    print('[demo] testing with the official BDD100K detection metrics')
    metrics = runner.test()
    report = load_json(osp.join(args.work_dir, 'scores.json'))
    print('\n' + Scores(report['task'], report['summary'], report['per_class']).table())
    print(f'\n[demo] box AP on the sample val split: {metrics["bdd100k/AP"]:.1f} '
          f'(AP50 {metrics["bdd100k/AP50"]:.1f})')
    for name in ('scores.json', 'preds.json', 'visuals.zip'):
        print(f'[demo] wrote {osp.join(args.work_dir, name)}')
    print(f'[demo] done in {time.time() - start:.0f} s')
    return 0
