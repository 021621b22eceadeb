"""``bdd100k-zoo eval``: official BDD100K scores of a prediction file against the ground truth.

Prints the score table; ``--out`` writes the scores JSON atomically. Every option of the official
``python -m bdd100k.eval.run`` is accepted under its name (``-t/--task``, ``-g/--gt``,
``-r/--result``, ``-c/--config``, ``--iou-thr``, ``--ignore-iof-thr``, ``--nproc``,
``--out-file``, ``--score-file``, ``-q/--quiet``), so its command lines run unchanged; a
``--config`` other than the task's official one is refused (see
:mod:`bdd100k_zoo.evaluation.official_config`). Bad input (malformed JSON, unknown category,
mask of the wrong size or with illegal ids, bad video frame indices, non-integer predicted track
ids, predictions for frames not in the ground truth, ...) ends with a one-line error naming the
file and frame, exit code 2, and nothing written.
"""
import argparse
import logging
import sys
import zipfile

from . import add_command
from ..evaluation import EXTRA_TASKS, TASKS

BAD_INPUT = 2
#: The tasks each task-specific option applies to.
TASK_OPTIONS = {'score_file': ('ins_seg',), 'instances': ('sem_seg',), 'attributes': ('tagging',),
                'iou_thr': ('box_track', 'seg_track'),
                'ignore_iof_thr': ('box_track', 'seg_track'), 'mode': EXTRA_TASKS,
                'bits': EXTRA_TASKS, 'fpr_rule': EXTRA_TASKS, 'per_image': EXTRA_TASKS,
                'track': EXTRA_TASKS}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(
        subparsers, 'eval', 'score predictions with the official BDD100K metrics',
        'Score predictions with the official BDD100K metrics (through scalabel). '
        'GT and predictions: a Scalabel JSON file, a folder of JSON files (one per video), or a '
        'folder or zip of mask/bitmask PNGs. The options of the official '
        '`python -m bdd100k.eval.run` are accepted under their names, so its command lines run '
        'unchanged.',
        ['bdd100k-zoo eval -t det -g labels/det_20/det_val.json -r preds.json --out scores.json',
         'bdd100k-zoo eval -t sem_seg -g labels/sem_seg/masks/val -r masks.zip',
         'bdd100k-zoo eval -t box_track -g labels/box_track_20/val -r preds/ --nproc 4',
         'bdd100k-zoo eval -t lane_mark -g labels/lane/masks/val -r lane_masks.zip',
         'bdd100k-zoo eval -t ins_seg -g gt/ -r pred/ --score-file pred.json -c ins_seg '
         '--out-file scores.json',
         'bdd100k-zoo eval -t anomaly -g labels/anomaly/masks/test -r out/anomaly_maps/max_logit '
         '--out scores.json'])
    parser.add_argument('-t', '--task', required=True, choices=TASKS + EXTRA_TASKS, metavar='TASK',
                        help=f'the task, one of: {", ".join(TASKS + EXTRA_TASKS)} (anomaly: GT '
                        '<name>.png of 0 known / 1 anomaly / 255 ignored, results <name>.npy '
                        'float32 H x W score maps, higher = more anomalous)')
    parser.add_argument('-g', '--gt', required=True, help='ground truth')
    parser.add_argument('-r', '--result', required=True, help='predictions')
    parser.add_argument('--out', '--out-file', dest='out',
                        help='write the scores JSON here (atomically); --out-file is the official '
                        'name')
    parser.add_argument('-c', '--config', help="the official tool's config: a task name or a "
                        '.toml (BDD100K or scalabel label config); it must equal the official '
                        "config of the task (tagging: it chooses the attributes), else exit 2")
    parser.add_argument('-p', '--nproc', type=int, default=1, help='processes (default 1)')
    parser.add_argument('--score-file', help='ins_seg: scores of bitmask predictions')
    parser.add_argument('--instances', help='sem_seg: ins_seg ground truth of the same images '
                        '(RLE JSON or bitmask PNGs) for the Cityscapes iIoU')
    parser.add_argument('--attributes', nargs='+', help='tagging: attributes to score '
                        '(default: those the predictions carry)')
    parser.add_argument('--iou-thr', type=float, help='tracking: match IoU (official 0.5)')
    parser.add_argument('--ignore-iof-thr', type=float,
                        help='tracking: ignore-region overlap (official 0.5)')
    parser.add_argument('--mode', choices=('exact', 'binned'),
                        help='anomaly: exact curves (default) or binned (bounded memory, error '
                        'bounds reported)')
    parser.add_argument('--bits', type=int, choices=range(1, 25), metavar='BITS',
                        help='anomaly: 2**BITS bins of --mode binned, 1 to 24 (default 20)')
    parser.add_argument('--fpr-rule', choices=('fishyscapes', 'interpolate', 'nearest'),
                        help='anomaly: FPR95 rule (default fishyscapes: the first point with '
                        'TPR >= 0.95)')
    parser.add_argument('--per-image', action='store_true', default=None,
                        help='anomaly: also average AP/AUROC/FPR95 per image (*_img keys)')
    parser.add_argument('--track', choices=('anomaly', 'obstacle'),
                        help='anomaly: component size rules of Segment-Me-If-You-Can '
                        '(default anomaly)')
    parser.add_argument('-q', '--quiet', action='store_true', help='no progress bars')
    parser.set_defaults(func=run)


def options(args: argparse.Namespace) -> dict:
    """The task options given on the command line."""
    return {name: getattr(args, name) for name in TASK_OPTIONS
            if getattr(args, name) is not None}


def run(args: argparse.Namespace) -> int:
    from ..evaluation import evaluate_anomaly_files, evaluate_files
    from ..evaluation.official_config import config_options
    from ..export.atomic import write_json
    from ..labels import LabelError
    task_options = options(args)
    for name in task_options:
        if args.task not in TASK_OPTIONS[name]:
            print(f'error: --{name.replace("_", "-")} applies to '
                  f'{", ".join(TASK_OPTIONS[name])} only', file=sys.stderr)
            return BAD_INPUT
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter('warning: %(message)s'))
    log = logging.getLogger('bdd100k_zoo.evaluation')
    log.addHandler(handler)
    log.propagate = False
    try:
        if args.task in EXTRA_TASKS:
            if args.config is not None:
                raise LabelError(f'{args.task} has no official config; drop -c/--config')
            scores = evaluate_anomaly_files(args.gt, args.result, **task_options)
        else:
            if args.config is not None:
                task_options.update(config_options(args.task, args.config,
                                                   task_options.get('attributes')))
            scores = evaluate_files(args.task, args.gt, args.result, nproc=args.nproc,
                                    progress=not args.quiet, **task_options)
    except (LabelError, OSError, zipfile.BadZipFile) as err:
        print(f'error: {" ".join(str(err).split())}', file=sys.stderr)
        return BAD_INPUT
    finally:
        log.removeHandler(handler)
        log.propagate = True
    print(scores.table())
    if args.out:
        write_json(args.out, scores.to_dict(), indent=2)
    return 0
