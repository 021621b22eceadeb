"""``bdd100k-zoo infer``: a model on your own images -> official-format predictions and visuals."""
import argparse
import sys

BAD_INPUT = 2


def positive_int(text: str) -> int:
    """argparse type: an integer of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f'must be at least 1, got {value}')
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        'infer', help='run a model on your own images: official-format predictions and visuals',
        description='Runs a model of any image task (det, ins_seg, sem_seg, drivable, tagging, '
        'pose) on image files and writes DIR/preds.json (Scalabel frames, the official '
        'prediction format), DIR/visuals/<stem>.jpg and, for sem_seg/drivable, '
        'DIR/masks/<stem>.png (class ids). Nothing is written if a step fails.')
    parser.add_argument('config', help='config file or zoo config name')
    parser.add_argument('checkpoint',
                        help='checkpoint file, http(s) URL or bdd100k://<task>/<model name>')
    parser.add_argument('inputs', nargs='+', metavar='INPUT',
                        help='.jpg/.png image files and/or folders of them')
    parser.add_argument('--out', required=True, metavar='DIR', help='output folder')
    parser.add_argument('--batch-size', type=positive_int, default=1, metavar='N',
                        help='model inputs per forward pass (default 1)')
    parser.add_argument('--score-thr', type=float, default=None, metavar='T',
                        help='leave out det/ins_seg labels, or pose person boxes, scored '
                        'below T (default 0.3)')
    parser.add_argument('--device', choices=('cpu', 'cuda'), default='cpu')
    parser.add_argument('--person-boxes', metavar='PREDS_JSON',
                        help='pose: pedestrian boxes per image name (e.g. the preds.json of a det '
                        'model); default: the whole image is one person box')
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..hub import HubError
    from ..inference import DEFAULT_SCORE_THR, InferenceError, infer
    from ..labels import LabelError
    from ..runtime.checkpoint import UnsafeCheckpointError
    score_thr = DEFAULT_SCORE_THR if args.score_thr is None else args.score_thr
    try:
        summary = infer(args.config, args.checkpoint, args.inputs, args.out,
                        batch_size=args.batch_size, score_thr=score_thr, device=args.device,
                        person_boxes=args.person_boxes, progress=True)
    except (InferenceError, LabelError, HubError, UnsafeCheckpointError,
            FileNotFoundError) as err:
        print(f'\nbdd100k-zoo infer: error: {err}', file=sys.stderr)
        return BAD_INPUT
    print(f'\n{summary.task}: {summary.images} images -> {summary.preds_file}, '
          f'{summary.visuals_dir}' + (f', {summary.masks_dir}' if summary.masks_dir else ''))
    return 0
