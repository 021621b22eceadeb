"""``bdd100k-zoo demo``: the main job, end to end on the generated sample.

Generates the BDD100K sample (once), trains the CPU-sized detector on it with a progress bar, tests
it with the official BDD100K metrics and writes ``scores.json``, the submission ``preds.json`` and
``visuals.zip`` (each val image's ground truth beside the predictions scored above a display
threshold) into the work dir, then prints the score table.

Reproducible: the same seed and thread count give the same weights and numbers on every run. The
seed drives the sample, the data order, the augmentation and the initial weights (mmengine's
``randomness``, which also seeds the sampler and each loader worker); deterministic algorithms are
enforced, and the torch threads are pinned, since a sum split over another number of threads rounds
differently. Both are printed first.
"""
import argparse
import os.path as osp
import time

from . import add_command
from .infer import positive_int

DEMO_CONFIG = 'faster_rcnn_r18_fpn_det_bdd100k_sample'
DEFAULT_SEED = 0
#: Torch threads of the measured run in the README.
DEFAULT_THREADS = 1


def unit_interval(text: str) -> float:
    """argparse type: a number in [0, 1]."""
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f'must be in [0, 1], got {value}')
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(
        subparsers, 'demo', 'generate the sample, train a detector on CPU, score it officially',
        'The main job of the zoo on a machine without BDD100K and without a GPU: generates the '
        'BDD100K sample (if missing), trains a small Faster R-CNN on it on the CPU, tests it with '
        'the official detection metrics and writes scores.json, preds.json (the submission '
        'format) and visuals.zip (ground truth beside the predictions scored above '
        '--show-score-thr) into the work dir. The same --seed and --threads give the same '
        'weights and numbers on every run.',
        ['bdd100k-zoo demo', 'bdd100k-zoo demo --work-dir work_dirs/demo --iters 200 --seed 1',
         'bdd100k-zoo demo --threads 2 --show-score-thr 0.5'])
    parser.add_argument('--work-dir', default='work_dirs/demo', help='where outputs go')
    parser.add_argument('--data-root', default='data/bdd100k_sample',
                        help='the generated sample (created there if missing)')
    parser.add_argument('--config', default=DEMO_CONFIG, help='config name or path')
    parser.add_argument('--iters', type=positive_int,
                        help='training iterations (default: the config\'s)')
    parser.add_argument('--seed', type=int, default=DEFAULT_SEED,
                        help='seed of the sample (when generated) and of the training: data order, '
                        'augmentation and initial weights')
    parser.add_argument('--threads', type=positive_int, default=DEFAULT_THREADS,
                        help='torch threads; the numbers are reproducible for a given seed and '
                        'thread count')
    parser.add_argument('--show-score-thr', type=unit_interval, default=None, metavar='T',
                        help='predictions scored at or below T are not drawn in visuals.zip '
                        '(default 0.3, as mmdet\'s visualizer); all of them are scored')
    parser.set_defaults(func=run)


def scale_schedule(cfg, max_iters: int) -> None:
    """Stretches an iteration-based schedule (warmup, decay) onto ``max_iters`` iterations."""
    factor = max_iters / cfg.train_cfg.max_iters
    for scheduler in cfg.param_scheduler:
        begin = round(scheduler.get('begin', 0) * factor)
        scheduler['begin'] = begin
        scheduler['end'] = max(begin + 1, round(scheduler.get('end', max_iters) * factor))
    cfg.train_cfg.max_iters = max_iters


def prepare_sample(data_root: str, seed: int) -> None:
    """Generates the sample with ``seed`` if missing; says which sample is used."""
    from ..labels.frames import load_json
    from ..sample import generate_sample
    from ..sample.generate import INFO_FILE

    if not osp.isfile(osp.join(data_root, 'labels', 'det_20', 'det_train.json')):
        print(f'[demo] generating the BDD100K sample in {data_root} (seed {seed}) ...')
        generate_sample(data_root, seed=seed)
        return
    info_path = osp.join(data_root, INFO_FILE)
    info = load_json(info_path) if osp.isfile(info_path) else {}
    print(f'[demo] using the sample in {data_root} (generated with seed {info.get("seed", "?")}, '
          f'scale {info.get("scale", "?")})')


def run(args: argparse.Namespace) -> int:
    import torch

    from ..evaluation import Scores
    from ..labels.frames import load_json
    from ..runtime.hooks import BDD100KProgressBarHook  # noqa: F401  (registers the hook)
    from ..runtime.launch import build_runner, configure_device, load_config, set_data_root
    from ..zoo.configs import find_config

    start = time.time()
    torch.set_num_threads(args.threads)
    print(f'[demo] seed {args.seed}, {torch.get_num_threads()} torch thread(s), deterministic '
          f'algorithms: the same seed and thread count give the same numbers')
    prepare_sample(args.data_root, args.seed)
    cfg = load_config(find_config(args.config))
    cfg.work_dir = args.work_dir
    set_data_root(cfg, args.data_root)
    configure_device(cfg, 'none')
    cfg.randomness = dict(seed=args.seed, deterministic=True)
    if args.iters:
        scale_schedule(cfg, args.iters)
    cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None  # test once, after training
    cfg.test_evaluator.update(output_dir=args.work_dir)
    if args.show_score_thr is not None:
        cfg.test_evaluator.update(show_score_thr=args.show_score_thr)
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
