"""``bdd100k-zoo anomaly``: anomaly segmentation data and statistics (``build``: BDD-Anomaly;
``fit``: the statistics file of the SML, kNN and flow scores)."""
import argparse
import sys

from . import add_command

FIT_EXAMPLE = ('bdd100k-zoo anomaly fit dla34_sml_anomaly_bdd100k_sample work_dirs/x/iter_300.pth '
               '--out work_dirs/x/anomaly_stats.pth')

def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the ``anomaly`` subcommand and its actions."""
    parser = add_command(
        subparsers, 'anomaly', 'anomaly segmentation: build BDD-Anomaly, fit score statistics',
        '`build` makes BDD-Anomaly from the official 10K sem_seg masks: every train or val image '
        'holding a held-out class (default train + motorcycle, as the benchmark paper counts '
        '6,688 train / 361 test images; the public split script also holds out bicycle) moves '
        'to the test split, whose anomaly masks hold 1 = held-out class, 0 = known, 255 = '
        'ignored; the kept classes are re-indexed. The output folder is written atomically.\n\n'
        '`fit` measures the statistics the SML, kNN and flow scores read (see '
        '`bdd100k-zoo anomaly fit --help`).',
        ['bdd100k-zoo anomaly build --root data/bdd100k --out data/bdd_anomaly',
         'bdd100k-zoo anomaly build --root data/bdd100k --out data/bdd_anomaly_3 '
         '--held-out train motorcycle bicycle --copy',
         FIT_EXAMPLE])
    actions = parser.add_subparsers(dest='action', required=True, metavar='ACTION')
    build = add_command(
        actions, 'build', 'build BDD-Anomaly from the 10K sem_seg masks',
        'Reads ROOT/labels/sem_seg/masks/{train,val} and ROOT/images/10k/{train,val} and writes '
        'BDD-Anomaly to OUT (see `bdd100k-zoo anomaly --help`); prints the counts.',
        ['bdd100k-zoo anomaly build --root data/bdd100k --out data/bdd_anomaly'])
    build.add_argument('--root', required=True, metavar='DIR',
                       help='BDD100K root (images/10k, labels/sem_seg/masks)')
    build.add_argument('--out', required=True, metavar='DIR', help='BDD-Anomaly root to write')
    build.add_argument('--held-out', nargs='+', default=['train', 'motorcycle'], metavar='CLASS',
                       help='held-out sem_seg classes (default: train motorcycle)')
    build.add_argument('--copy', action='store_true',
                       help='copy the images instead of symlinking them')
    build.set_defaults(func=run_build)
    add_fit_action(actions)


def run_build(args: argparse.Namespace) -> int:
    """Builds BDD-Anomaly and prints the counts; exit code 2 and one line on bad input."""
    from ..anomaly.bdd_anomaly import build_bdd_anomaly
    try:
        counts = build_bdd_anomaly(args.root, args.out, args.held_out, link=not args.copy)
    except (ValueError, OSError) as err:
        print(f'bdd100k-zoo anomaly build: error: {" ".join(str(err).split())}',
              file=sys.stderr)
        return 2
    print(f'BDD-Anomaly written to {args.out}: ' + ', '.join(
        f'{split} {count}' for split, count in counts.items()) + ' images')
    return 0


def add_fit_action(actions: argparse._SubParsersAction) -> None:
    """Adds ``fit``: the statistics file of an anomaly config's SML, kNN and flow scores."""
    fit = add_command(
        actions, 'fit', 'measure the statistics of the SML, kNN and flow scores on training images',
        'Runs CHECKPOINT over the training images of CONFIG (its test pipeline, no augmentation) '
        'and writes STATS: per-class max-logit mean/variance (SML), a feature bank (kNN), fitted '
        'Real-NVP flows (flow). Set the scores\' stats_file to STATS.', [FIT_EXAMPLE])
    fit.add_argument('config', metavar='CONFIG', help='an anomaly config file or zoo name')
    fit.add_argument('checkpoint', metavar='CHECKPOINT', help='the trained weights')
    fit.add_argument('--out', required=True, metavar='STATS', help='statistics file to write')
    fit.add_argument('--max-images', type=int, default=None, metavar='N',
                     help='a seeded random subset of N training images (default: all)')
    fit.add_argument('--seed', type=int, default=0, help='seed of every random choice')
    fit.add_argument('--score', nargs='+', default=(), metavar='NAME',
                     help='fit only these entries of model.scores (default: all needing it)')
    fit.set_defaults(func=run_fit)


def run_fit(args: argparse.Namespace) -> int:
    """Writes the statistics file; exit code 2 and one line on bad input."""
    from ..anomaly.fit import fit_statistics
    from ..runtime.checkpoint import CheckpointLoadError
    try:
        stats = fit_statistics(args.config, args.checkpoint, args.out, args.max_images,
                               args.seed, args.score)
    except (ValueError, OSError, CheckpointLoadError) as err:
        print(f'bdd100k-zoo anomaly fit: error: {" ".join(str(err).split())}', file=sys.stderr)
        return 2
    print(f'statistics of {", ".join(stats["scores"])} on {stats["images"]} images written to '
          f'{args.out}')
    return 0
