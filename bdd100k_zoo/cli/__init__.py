"""The ``bdd100k-zoo`` command line: one module per subcommand, each thin (parse, then call the library).

Every module of this package except ``__main__`` is a subcommand: it exposes ``register(subparsers)``,
which adds its parser with :func:`add_command` (a description and examples in ``--help``) and sets
``func`` to the callable run with the parsed arguments (returning the process exit code). Modules
import their heavy dependencies inside ``func`` so ``--help`` stays fast.
"""
import argparse
import importlib
import pkgutil
import sys
import textwrap
from typing import List, Optional, Sequence

from ..version import __version__

#: Width of the wrapped descriptions in ``--help``.
HELP_WIDTH = 100


def add_command(subparsers: argparse._SubParsersAction, name: str, summary: str,
                description: str, examples: Sequence[str]) -> argparse.ArgumentParser:
    """Adds a subcommand whose ``--help`` shows its description and examples.

    Args:
        subparsers: the subcommands of the ``bdd100k-zoo`` parser.
        name: the subcommand.
        summary: one line for the list of subcommands.
        description: what it does (paragraphs separated by blank lines; wrapped here).
        examples: command lines, shown one per line under ``examples:``.
    """
    paragraphs = [textwrap.fill(' '.join(p.split()), HELP_WIDTH) for p in description.split('\n\n')]
    return subparsers.add_parser(
        name, help=summary, description='\n\n'.join(paragraphs),
        epilog='examples:\n' + '\n'.join(f'  {example}' for example in examples),
        formatter_class=argparse.RawDescriptionHelpFormatter)


def subcommand_modules() -> List[str]:
    """Names of the subcommand modules of this package, sorted."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__)
                  if not info.name.startswith('_'))


def build_parser() -> argparse.ArgumentParser:
    """Builds the parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog='bdd100k-zoo', description='BDD100K model zoo (OpenMMLab 3.x extension).')
    parser.add_argument('--version', action='version', version=f'bdd100k_zoo {__version__}')
    subparsers = parser.add_subparsers(dest='command', metavar='COMMAND', required=True)
    for name in subcommand_modules():
        importlib.import_module(f'.{name}', __name__).register(subparsers)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point of the ``bdd100k-zoo`` console script."""
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == '__main__':
    sys.exit(main())
