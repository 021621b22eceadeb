"""``bdd100k-zoo infer``: a model on your own images or video -> official-format predictions and
visuals.

Image tasks write ``preds.json`` and rendered visuals; a tracking config (MOT/MOTS) tracks one video
(a folder of frames or a video file) and writes ``<video>.json`` and a GIF/MP4 with one colour per
track.
"""
import argparse
import sys
from typing import Any, Optional

from . import add_command

BAD_INPUT = 2


def positive_int(text: str) -> int:
    """argparse type: an integer of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f'must be at least 1, got {value}')
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(
        subparsers, 'infer', 'run a model on your own images: official-format predictions and '
        'visuals',
        'Runs a model of any image task (det, ins_seg, sem_seg, drivable, tagging, '
        'pose) on image files and writes DIR/preds.json (Scalabel frames, the official '
        'prediction format), DIR/visuals/<stem>.jpg and, for sem_seg/drivable, '
        'DIR/masks/<stem>.png (class ids). With a tracking config (mot/, mots/) it tracks one '
        'video, a folder of frames or a video file, and writes DIR/<video>.json (Scalabel '
        'frames with track ids) and DIR/<video>.gif or .mp4 (one colour per track). Nothing is '
        'written if a step fails.',
        ['bdd100k-zoo infer faster_rcnn_r50_fpn_1x_det_bdd100k faster_rcnn_r50_fpn_1x_det_bdd100k '
         'my_images/ --out results/det',
         'bdd100k-zoo infer deeplabv3_r50-d8_512x1024_40k_sem_seg_bdd100k ck.pth a.jpg b.png '
         '--out results/seg --device cuda',
         'bdd100k-zoo infer qdtrack-frcnn_r50_fpn_12e_mot_bdd100k.py mot.pth frames/ --out '
         'results/mot --render mp4'])
    parser.add_argument('config', help='config file or zoo config name')
    parser.add_argument('checkpoint',
                        help='checkpoint file, http(s) URL, bdd100k://<task>/<model name> or a '
                        'model name of the zoo (downloaded, MD5-verified and cached)')
    parser.add_argument('inputs', nargs='+', metavar='INPUT',
                        help='.jpg/.png image files and/or folders of them; tracking: one '
                        'folder of frames or one video file')
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
    parser.add_argument('--render', choices=('gif', 'mp4'), default='gif',
                        help='tracking: format of the rendered video (default gif)')
    parser.add_argument('--fps', type=float, default=5.0,
                        help='tracking: frame rate of the rendering (default 5, as BDD100K)')
    parser.add_argument('--cfg-options', nargs='+', action=ConfigOptions, metavar='KEY=VALUE',
                        help='override config settings, e.g. model.tracker.init_score_thr=0.5')
    parser.add_argument('--mirror', action='append', metavar='PREFIX',
                        help='a mirror of the published weights (URL or folder), tried before '
                        '$BDD100K_ZOO_MIRROR and the published host; may be repeated')
    parser.set_defaults(func=run)


class ConfigOptions(argparse.Action):
    """mmengine's ``DictAction`` (``KEY=VALUE ...``), imported only when the option is given."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                  values: Any, option_string: Optional[str] = None) -> None:
        from mmengine.config import DictAction
        DictAction(self.option_strings, self.dest)(parser, namespace, values, option_string)


def run_tracking(args: argparse.Namespace) -> int:
    """Tracks the one video of ``args.inputs`` with a tracking config."""
    from ..track.inference import track_video
    if len(args.inputs) != 1:
        raise ValueError(f'a tracking model takes one folder of frames or one video file, got '
                         f'{len(args.inputs)} inputs')
    result = track_video(args.config, args.checkpoint, args.inputs[0], args.out,
                         render=args.render, fps=args.fps, device=args.device,
                         cfg_options=args.cfg_options)
    print(f'tracked {result.frames} frames: {result.tracks} tracks -> {result.labels}, '
          f'{result.rendering}')
    return 0


def run(args: argparse.Namespace) -> int:
    from ..hub import HubError, use_mirrors
    from ..inference import DEFAULT_SCORE_THR, InferenceError, infer
    from ..labels import LabelError
    from ..runtime.checkpoint import CheckpointLoadError
    from ..track.inference import is_tracking_config
    score_thr = DEFAULT_SCORE_THR if args.score_thr is None else args.score_thr
    use_mirrors(args.mirror)
    try:
        if is_tracking_config(args.config, args.cfg_options):
            return run_tracking(args)
        summary = infer(args.config, args.checkpoint, args.inputs, args.out,
                        batch_size=args.batch_size, score_thr=score_thr, device=args.device,
                        person_boxes=args.person_boxes, progress=True,
                        cfg_options=args.cfg_options)
    except (InferenceError, LabelError, HubError, CheckpointLoadError, OSError,
            ValueError) as err:
        print(f'\nbdd100k-zoo infer: error: {err}', file=sys.stderr)
        return BAD_INPUT
    print(f'\n{summary.task}: {summary.images} images -> {summary.preds_file}, '
          f'{summary.visuals_dir}' + (f', {summary.masks_dir}' if summary.masks_dir else ''))
    return 0
