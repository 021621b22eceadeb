"""``bdd100k-zoo multitask``: multitask checkpoints (``extract``: one task's model, loadable by its
single-task config)."""
import argparse
import sys

from . import add_command

EXTRACT_EXAMPLES = (
    'bdd100k-zoo multitask extract work_dirs/det_sem_seg/iter_600.pth --task det --out det.pth',
    'bdd100k-zoo multitask extract work_dirs/det_sem_seg/iter_600.pth --task sem_seg '
    '--out sem_seg.pth',
)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the ``multitask`` subcommand and its actions."""
    parser = add_command(
        subparsers, 'multitask', 'multitask checkpoints: extract one task\'s model',
        '`extract` writes the weights of one task model of a BDD100KMultiTaskModel checkpoint '
        '(shared backbone and neck included) as a checkpoint of that task alone, which loads '
        'into the task\'s single-task config for testing or inference (see `bdd100k-zoo '
        'multitask extract --help`).', EXTRACT_EXAMPLES)
    actions = parser.add_subparsers(dest='action', required=True, metavar='ACTION')
    extract = add_command(
        actions, 'extract', 'write one task model\'s checkpoint from a multitask checkpoint',
        'Reads CHECKPOINT (a checkpoint of a BDD100KMultiTaskModel, through the safe loader: a '
        'file holding pickled code is refused) and writes OUT, atomically: the weights of the '
        'task model TASK named as in its single-task model, with the task\'s dataset meta (class '
        'names, palette); the optimizer and training state are left out. Exit code 2 and one '
        'line naming the file for a file that is not a multitask checkpoint or has no such task.',
        EXTRACT_EXAMPLES)
    extract.add_argument('checkpoint', metavar='CHECKPOINT', help='a multitask checkpoint file')
    extract.add_argument('--task', required=True, help='the task to extract, e.g. det')
    extract.add_argument('--out', required=True, metavar='OUT', help='the checkpoint to write')
    extract.set_defaults(func=run_extract)


def run_extract(args: argparse.Namespace) -> int:
    """Writes the task checkpoint; exit code 2 and one line on bad input (not a multitask
    checkpoint, no such task, unreadable or unsafe file)."""
    import pickle

    from ..multitask.checkpoint import extract_task_checkpoint
    try:
        weights = extract_task_checkpoint(args.checkpoint, args.task, args.out)
    except (ValueError, OSError, pickle.UnpicklingError, RuntimeError) as err:
        print(f'bdd100k-zoo multitask extract: error: {err}', file=sys.stderr)
        return 2
    print(f'{len(weights)} weights of task {args.task} written to {args.out}')
    return 0
