"""``bdd100k-zoo zoo-index``: write the metafiles and model-index.yml from the task READMEs."""
import argparse
import sys

from . import add_command


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the ``zoo-index`` subcommand."""
    parser = add_command(
        subparsers, 'zoo-index', 'generate <task>/metafile.yml and model-index.yml from the '
        'READMEs',
        'Generates the metafiles (mim Collections/Models) and model-index.yml from '
        'the task READMEs, the source of truth. With --check nothing is written: the exit code '
        'is 1 if a generated file is missing or out of date (what CI runs).',
        ['bdd100k-zoo zoo-index', 'bdd100k-zoo zoo-index --check'])
    parser.add_argument('--check', action='store_true',
                        help='only check that the generated files are up to date')
    parser.add_argument('--root', metavar='DIR',
                        help='the repository root (default: the source checkout of the package)')
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Writes (or checks) the model index; 0 on success, 1 on problems or stale files."""
    from ..zoo.index import ZooIndexError, default_root, display_path, stale_files, write_index
    root = args.root or default_root()
    try:
        paths = stale_files(root) if args.check else write_index(root)
    except ZooIndexError as err:
        print(f'bdd100k-zoo zoo-index: error: {err}', file=sys.stderr)
        return 1
    if args.check:
        for path in paths:
            print(f'{display_path(root, path)} is out of date: run `bdd100k-zoo zoo-index`',
                  file=sys.stderr)
        if not paths:
            print('the model index is up to date')
        return 1 if paths else 0
    for path in paths:
        print(f'wrote {display_path(root, path)}')
    if not paths:
        print('the model index was already up to date')
    return 0
