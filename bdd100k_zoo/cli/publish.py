"""``bdd100k-zoo publish``: turn a trained checkpoint into the files a contribution uploads."""
import argparse
import sys

from . import add_command
from ..zoo.tasks import TASKS


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the ``publish`` subcommand."""
    parser = add_command(
        subparsers, 'publish', 'strip a checkpoint, write <NAME>.pth and <NAME>.md5, draft the '
        'README row',
        'Loads a trained checkpoint safely, keeps only the weights and a plain meta '
        '(config name, task, versions, classes and palette), writes <NAME>.pth and <NAME>.md5 '
        '(md5sum format) atomically, and prints the README row (fill in the ? cells) and a '
        'preview of the metafile entry that `bdd100k-zoo zoo-index` generates from it.',
        ['bdd100k-zoo publish work_dirs/x/epoch_12.pth --name faster_rcnn_r50_fpn_1x_det_bdd100k',
         'bdd100k-zoo publish iter_40000.pth --name deeplabv3_r50-d8_512x1024_40k_sem_seg_bdd100k '
         '--task sem_seg --out release/'])
    parser.add_argument('checkpoint', metavar='CHECKPOINT', help='the trained checkpoint')
    parser.add_argument('--name', required=True,
                        help='the model name: the name of its config in this repository')
    parser.add_argument('--task', choices=list(TASKS), help='the task (if the name is ambiguous)')
    parser.add_argument('--out', metavar='DIR', default='.',
                        help='where to write the files (default: the current folder)')
    parser.add_argument('--url-base', metavar='URL',
                        help='the folder URL the files will be uploaded to (models/, preds/, ... '
                        'below it); default: the zoo\'s own layout')
    parser.add_argument('--root', metavar='DIR',
                        help='the repository root (default: the source checkout of the package)')
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Publishes the checkpoint; 0 on success, 1 with the reason otherwise."""
    from ..runtime.checkpoint import CheckpointLoadError
    from ..zoo.index import default_root
    from ..zoo.publish import PublishError, publish
    try:
        result = publish(args.checkpoint, args.name, args.out, args.root or default_root(),
                         task=args.task, url_base=args.url_base)
    except (PublishError, CheckpointLoadError, FileNotFoundError) as err:
        print(f'bdd100k-zoo publish: error: {err}', file=sys.stderr)
        return 1
    print(f'wrote {result.checkpoint} (MD5 {result.md5})')
    print(f'wrote {result.md5_path}')
    print(f'\nREADME row for {result.readme} (fill in the ? cells, upload the files to its links, '
          f'then run `bdd100k-zoo zoo-index` and `bdd100k-zoo check-contribution`):\n')
    print(result.row)
    print('\nMetafile entry that `bdd100k-zoo zoo-index` will generate from the row:\n')
    print(result.entry, end='')
    return 0
