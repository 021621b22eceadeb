"""The ``bdd100k-zoo`` command line: one module per subcommand, each thin (parse, then call the library).

Every subcommand module exposes ``register(subparsers)``, which adds its parser and sets ``func`` to the
callable run with the parsed arguments (returning the process exit code).
"""
import argparse
import importlib
import sys
from typing import List, Optional

from ..version import __version__

#: Subcommand modules of this package, in the order ``--help`` lists them.
SUBCOMMANDS = ('env',)


def build_parser() -> argparse.ArgumentParser:
    """Builds the parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog='bdd100k-zoo', description='BDD100K model zoo (OpenMMLab 3.x extension).')
    parser.add_argument('--version', action='version', version=f'bdd100k_zoo {__version__}')
    subparsers = parser.add_subparsers(dest='command', metavar='COMMAND', required=True)
    for name in SUBCOMMANDS:
        importlib.import_module(f'.{name}', __name__).register(subparsers)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point of the ``bdd100k-zoo`` console script."""
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == '__main__':
    sys.exit(main())
