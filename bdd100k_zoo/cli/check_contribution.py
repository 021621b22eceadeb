"""``bdd100k-zoo check-contribution``: review task READMEs like a maintainer reviews a PR."""
import argparse
import sys

from . import add_command


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the ``check-contribution`` subcommand."""
    parser = add_command(
        subparsers, 'check-contribution', 'check task READMEs, their configs and the metafiles',
        'Checks task READMEs against their templates (columns, numbers, links, '
        'paper), that every row\'s config exists, loads and builds its model (without weights), '
        'and that the metafiles are up to date. Prints path:line: message per problem; the exit '
        'code is 1 if there is any error. Rows whose config lives in another repository are '
        'reported as notes (not built here).',
        ['bdd100k-zoo check-contribution', 'bdd100k-zoo check-contribution det/README.md --no-build'])
    parser.add_argument('paths', nargs='*', metavar='README',
                        help='task READMEs to check (default: every task README)')
    parser.add_argument('--no-build', action='store_true',
                        help='do not load the configs and build their models (faster)')
    parser.add_argument('--root', metavar='DIR',
                        help='the repository root (default: the source checkout of the package)')
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Reviews the READMEs; 0 if there is no error, else 1."""
    from ..zoo.building import ModelBuildChecker
    from ..zoo.index import default_root
    from ..zoo.review import review
    try:
        report = review(args.root or default_root(), args.paths,
                        None if args.no_build else ModelBuildChecker())
    except (KeyError, FileNotFoundError) as err:
        print(f'bdd100k-zoo check-contribution: error: {err.args[0]}', file=sys.stderr)
        return 1
    for issue in report.issues:
        print(issue)
    built = 'configs not built (--no-build)' if args.no_build else f'{report.built} configs built'
    print(f'{report.models} models checked, {built}: {len(report.errors)} errors, '
          f'{len(report.external)} with an external config (not built here)')
    return 1 if report.errors else 0
