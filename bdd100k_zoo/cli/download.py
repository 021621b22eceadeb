"""``bdd100k-zoo download``: fetch a checkpoint and verify its MD5 (prints the path on success)."""
import argparse
import contextlib
import sys
import time


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the ``download`` subcommand."""
    parser = subparsers.add_parser(
        'download', help='download a checkpoint and verify its MD5',
        description='Downloads a checkpoint into the cache ($BDD100K_ZOO_CACHE, default '
        '~/.cache/bdd100k_zoo) or --dest, checks its MD5 and prints its path. A cached file is '
        're-verified, and downloaded again if corrupt.')
    parser.add_argument('target', metavar='MODEL_NAME|CONFIG|URL',
                        help='a model name or config from the model index, a '
                        'bdd100k://<task>/<model name> URI, or a checkpoint URL')
    parser.add_argument('--md5', help='the expected MD5 (default: the .md5 published beside the '
                        'checkpoint)')
    parser.add_argument('--dest', metavar='DIR', help='save into DIR instead of the cache')
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Downloads ``args.target``; prints its path (0) or the error (1)."""
    from ..hub import HubError, download_checkpoint
    _log_to_stderr()
    try:
        path = download_checkpoint(args.target, md5=args.md5, dest=args.dest)
    except HubError as err:
        print(f'bdd100k-zoo download: error: {err}', file=sys.stderr)
        return 1
    print(path)
    return 0


class _Stderr:
    """A stream writing to whatever ``sys.stderr`` is when it writes (it may be replaced later)."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def _log_to_stderr() -> None:
    """Sends the hub's messages to stderr, so that stdout carries the checkpoint path only.

    The hub logs through mmengine's current logger, the latest created one, whose console handler
    writes to the ``sys.stdout`` of the time it was created: create one while that is stderr.
    """
    from mmengine.logging import MMLogger
    with contextlib.redirect_stdout(_Stderr()):
        MMLogger.get_instance(f'bdd100k-zoo download {time.time_ns()}')
