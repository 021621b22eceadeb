"""``bdd100k-zoo download``: fetch a checkpoint (or take your copy) and verify its MD5; prints its
path on success."""
import argparse
import contextlib
import sys
import time

from . import add_command

#: Exit status of a download stopped with Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the ``download`` subcommand."""
    parser = add_command(
        subparsers, 'download', 'download a checkpoint and verify its MD5',
        'Downloads a checkpoint into the cache ($BDD100K_ZOO_CACHE, default '
        '~/.cache/bdd100k_zoo) or --dest, checks its MD5 and prints its path. A cached file is '
        're-verified, and downloaded again if corrupt. An interrupted download (Ctrl-C, a kill, a '
        'dropped connection) keeps its bytes in a hidden .part file and the next call resumes '
        'it.\n\nThe published host of the zoo no longer answers: name a mirror holding the same '
        'paths (<prefix>/bdd100k/<task>/models/<file>.pth and .md5) with --mirror or '
        '$BDD100K_ZOO_MIRROR, or give the copy you have with --from-file.',
        ['bdd100k-zoo download faster_rcnn_r50_fpn_1x_det_bdd100k',
         'bdd100k-zoo download faster_rcnn_r50_fpn_1x_det_bdd100k --mirror https://example.org/m',
         'bdd100k-zoo download faster_rcnn_r50_fpn_1x_det_bdd100k --from-file '
         '~/copies/faster_rcnn_r50_fpn_1x_det_bdd100k.pth',
         'bdd100k-zoo download https://example.org/weights.pth --md5 <md5> --dest weights/'])
    parser.add_argument('target', metavar='MODEL_NAME|CONFIG|URL',
                        help='a model name or config from the model index, a '
                        'bdd100k://<task>/<model name> URI, or a checkpoint URL')
    parser.add_argument('--md5', help='the expected MD5 (default: the .md5 published beside the '
                        'checkpoint, on the mirror it comes from)')
    parser.add_argument('--dest', metavar='DIR', help='save into DIR instead of the cache')
    parser.add_argument('--mirror', action='append', metavar='PREFIX',
                        help='a mirror (URL or folder) holding the published paths, tried before '
                        '$BDD100K_ZOO_MIRROR and the published host; may be repeated')
    parser.add_argument('--from-file', metavar='PATH',
                        help='a copy you already have: verified against --md5, else the .md5 '
                        'beside it, else the one a mirror or the published host has; then put '
                        'into the cache so every command taking the model name finds it offline')
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Downloads (or installs) ``args.target``; prints its path (0), the error (1) or that it was
    interrupted (130)."""
    from ..hub import HubError, download_checkpoint, install_checkpoint
    _log_to_stderr()
    try:
        if args.from_file:
            path = install_checkpoint(args.target, args.from_file, md5=args.md5, dest=args.dest,
                                      mirrors=args.mirror)
        else:
            path = download_checkpoint(args.target, md5=args.md5, dest=args.dest,
                                       mirrors=args.mirror)
    except (HubError, FileNotFoundError) as err:
        print(f'bdd100k-zoo download: error: {err}', file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print('\nbdd100k-zoo download: interrupted; the bytes received are kept and the same '
              'command resumes the download', file=sys.stderr)
        return INTERRUPTED
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
