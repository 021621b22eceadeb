"""``bdd100k-zoo env``: versions of the whole stack and whether the compiled mmcv ops load."""
import argparse

from . import add_command
from ..runtime.env_info import check_mmcv_ops, env_report


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(
        subparsers, 'env', 'print the versions of the stack and check mmcv ops',
        'Prints the versions of Python, torch, mmcv, mmengine and the OpenMMLab libraries, and '
        'whether mmcv\'s compiled ops load. Exit code 1 if they do not.',
        ['bdd100k-zoo env'])
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    ok, status = check_mmcv_ops()
    rows = env_report(status)
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f'{name:<{width}}  {value}')
    return 0 if ok else 1
