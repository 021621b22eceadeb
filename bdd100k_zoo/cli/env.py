"""``bdd100k-zoo env``: versions of the whole stack and whether the compiled mmcv ops load."""
import argparse

from ..runtime.env_info import check_mmcv_ops, env_report


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser('env', help='print the versions of the stack and check mmcv ops')
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    ok, status = check_mmcv_ops()
    rows = env_report(status)
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f'{name:<{width}}  {value}')
    return 0 if ok else 1
