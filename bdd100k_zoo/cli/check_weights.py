"""``bdd100k-zoo check-weights``: compare a checkpoint's weights with a model's, name by name."""
import argparse
import os.path as osp
import sys
from typing import Tuple

from . import add_command

#: Exit codes: the checkpoint fits; weights are missing or reshaped; the comparison cannot run.
FITS, DOES_NOT_FIT, CANNOT_COMPARE = 0, 1, 2

DESCRIPTION = """Builds the model of MODEL (a model name of the model index, a zoo config name or a
config file; no pretrained weights are downloaded), reads CHECKPOINT through the safe loader and
compares their weights as tools/train.py, tools/test.py and `bdd100k-zoo infer` on images do before
loading: how many match, and by name the model's weights missing from the checkpoint, those with
another shape there and the checkpoint's weights the model does not use.

Exit code 0: the checkpoint fits (weights the model does not use are reported; loading skips
them); 1: weights of the model are missing or have other shapes (the tools refuse such a checkpoint
unless given --allow-missing-weights); 2: the comparison cannot run (unknown model or config;
missing, unsafe or unreadable checkpoint)."""
EXAMPLES = (
    'bdd100k-zoo check-weights faster_rcnn_r50_fpn_1x_det_bdd100k work_dirs/x/iter_1000.pth',
    'bdd100k-zoo check-weights my_config.py bdd100k://det/faster_rcnn_r50_fpn_1x_det_bdd100k',
    'bdd100k-zoo check-weights my_finetune_config.py other_task.pth --allow-missing-weights',
)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the ``check-weights`` subcommand."""
    parser = add_command(subparsers, 'check-weights',
                         'compare a checkpoint\'s weights with the model of a config',
                         DESCRIPTION, EXAMPLES)
    parser.add_argument('model', metavar='MODEL|CONFIG',
                        help='a model name of the model index, a zoo config name or a config file')
    parser.add_argument('checkpoint', metavar='CHECKPOINT',
                        help='a checkpoint file, http(s) URL, bdd100k://<task>/<model name> URI '
                        'or model name')
    parser.add_argument('--allow-missing-weights', action='store_true',
                        help='partial loading, as the tools\' option of the same name: missing '
                        'and reshaped weights are reported but the exit code is 0')
    parser.add_argument('--all', action='store_true',
                        help='list every name (default: long lists are grouped by module)')
    parser.set_defaults(func=run)


def find_model_config(target: str) -> Tuple[str, str]:
    """The config of ``target``: a config file, a model of the model index or a zoo config name;
    with how to name it in the report.

    Raises:
        FileNotFoundError: none of them (the message says what was looked for).
    """
    from ..hub import HubError, find_model, find_model_index
    from ..zoo.configs import find_config
    if osp.isfile(target):
        return target, target
    try:
        entry = find_model(target)
    except HubError as err:
        index_error = str(err)
    else:
        if not entry.config:
            raise FileNotFoundError(f'model {entry.name} has no Config in the model index')
        return osp.join(osp.dirname(osp.abspath(find_model_index())), entry.config), entry.config
    try:
        return find_config(target), target
    except FileNotFoundError as err:
        raise FileNotFoundError(f'{err}; {index_error}') from None


def run(args: argparse.Namespace) -> int:
    """Prints the comparison; see :data:`FITS`, :data:`DOES_NOT_FIT` and :data:`CANNOT_COMPARE`."""
    from ..hub import HubError
    from ..inference import InferenceError
    from ..inference.model import build_model, model_config, read_checkpoint
    from ..runtime.checkpoint import CheckpointLoadError
    from ..runtime.weights import LISTED, compare_weights
    try:
        path, name = find_model_config(args.model)
        _, cfg = model_config(path)
        model = build_model(cfg)
        weights = read_checkpoint(args.checkpoint)
    except (HubError, InferenceError, CheckpointLoadError, OSError, ValueError) as err:
        print(f'bdd100k-zoo check-weights: error: {err}', file=sys.stderr)
        return CANNOT_COMPARE
    report = compare_weights(model, weights, args.checkpoint, name)
    print(report.describe(limit=None if args.all else LISTED))
    if report.fits:
        return FITS
    if args.allow_missing_weights:
        print('partial loading is allowed (--allow-missing-weights): the missing and reshaped '
              'weights would keep the model\'s initial values')
        return FITS
    return DOES_NOT_FIT
