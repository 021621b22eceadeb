"""``bdd100k-zoo sample``: generate the BDD100K sample dataset (every task, official layout)."""
import argparse
import sys

from . import add_command


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the ``sample`` subcommand."""
    parser = add_command(
        subparsers, 'sample', 'generate the BDD100K sample dataset (all tasks, official layout)',
        'Generates procedural driving scenes with labels for every BDD100K task, in '
                    'the official folder layout. The same seed and scale give byte-identical '
                    'files. The folder is written atomically; an existing non-empty OUT is '
                    'refused unless --overwrite is given (it is then replaced as a whole once the '
                    'sample is done).',
        ['bdd100k-zoo sample --out data/bdd100k_sample',
         'bdd100k-zoo sample --out /tmp/tiny --scale tiny --seed 3 --overwrite'])
    parser.add_argument('--out', required=True, metavar='DIR', help='dataset root to create')
    parser.add_argument('--seed', type=int, default=0, help='non-negative random seed (default 0)')
    parser.add_argument(
        '--scale', choices=('small', 'tiny'), default='small',
        help='small: a few minutes of CPU training (default); tiny: a few images per split')
    parser.add_argument('--overwrite', action='store_true',
                        help='replace an existing non-empty DIR')
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Generates the sample; exit code 2 and a message for a refused folder or bad arguments."""
    from ..sample import generate_sample
    try:
        summary = generate_sample(args.out, seed=args.seed, scale=args.scale,
                                  overwrite=args.overwrite)
    except (FileExistsError, ValueError) as err:
        print(f'bdd100k-zoo sample: error: {err}', file=sys.stderr)
        return 2
    print('\n'.join(summary.lines()))
    return 0
