"""Where checkpoints are kept, and the file lock that serialises downloads of the same file.

Layout under the cache root (``$BDD100K_ZOO_CACHE``, default ``~/.cache/bdd100k_zoo``)::

    checkpoints/<task>/<file>.pth               verified checkpoints
    checkpoints/<task>/<file>.md5               their MD5, recorded when the download was verified
    checkpoints/<task>/.<file>.pth.<key>.part   the bytes of an interrupted download, resumed next
    locks/<file>-<hash>.lock                    the lock of one target path while a download runs

Lock files live apart from the checkpoints so that a checkpoint folder (or a ``--dest`` folder) only
ever holds verified files (and hidden partial downloads). The holder of a lock removes its file
before releasing it; a process that was waiting on the removed file sees that the path no longer
names the file it locked and locks the new one, so two downloads never run at once and lock files do
not pile up.
"""
import contextlib
import fcntl
import hashlib
import os
import os.path as osp
from typing import IO, Iterator

from mmengine.logging import print_log

#: Environment variable overriding the cache root.
ENV_CACHE = 'BDD100K_ZOO_CACHE'
DEFAULT_CACHE = osp.join('~', '.cache', 'bdd100k_zoo')


def cache_root() -> str:
    """The cache root: ``$BDD100K_ZOO_CACHE`` if set, else ``~/.cache/bdd100k_zoo``."""
    return osp.abspath(osp.expanduser(os.environ.get(ENV_CACHE) or DEFAULT_CACHE))


def checkpoint_path(task: str, filename: str) -> str:
    """The cache path of a checkpoint: ``<root>/checkpoints/<task>/<filename>``."""
    return osp.join(cache_root(), 'checkpoints', task, filename)


def lock_path(path: str) -> str:
    """The lock file guarding ``path``: named after it, unique per absolute path."""
    target = osp.realpath(path)
    digest = hashlib.sha1(target.encode('utf-8')).hexdigest()[:16]
    return osp.join(cache_root(), 'locks', f'{osp.basename(target)}-{digest}.lock')


@contextlib.contextmanager
def file_lock(path: str) -> Iterator[None]:
    """Holds an exclusive lock on ``path`` (the file to write, not the lock file) while inside.

    Uses ``fcntl.flock`` on :func:`lock_path`, so it serialises processes and threads alike on a
    local file system (every call opens its own descriptor). On NFS, Linux emulates ``flock`` with
    POSIX locks, which still serialise processes (ranks) but not threads of one process. Waiting
    for another holder is reported once. The lock file (and an empty ``locks`` folder) is removed
    on release.
    """
    lock_file = lock_path(path)
    handle = _acquire(lock_file, path)
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(lock_file)
        with contextlib.suppress(OSError):
            os.rmdir(osp.dirname(lock_file))
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _acquire(lock_file: str, path: str) -> IO[str]:
    """Opens and locks ``lock_file``, retrying until the locked file is the one the path names."""
    reported = False
    while True:
        try:
            os.makedirs(osp.dirname(lock_file), exist_ok=True)
            handle = open(lock_file, 'a')
        except FileNotFoundError:  # the folder was removed by a releasing holder: again
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not reported:
                print_log(f'waiting for another process downloading {path}', logger='current')
                reported = True
            fcntl.flock(handle, fcntl.LOCK_EX)
        if _same_file(handle, lock_file):
            return handle
        handle.close()  # released by a holder that removed it: lock the current file instead


def _same_file(handle: IO[str], lock_file: str) -> bool:
    """Whether ``lock_file`` still names the file ``handle`` has open."""
    try:
        return os.stat(lock_file).st_ino == os.fstat(handle.fileno()).st_ino
    except FileNotFoundError:
        return False


def remove_empty_folders(folder: str, stop: str) -> None:
    """Removes ``folder`` and its parents up to (not including) ``stop`` while they are empty."""
    folder, stop = osp.abspath(folder), osp.abspath(stop)
    while folder != stop and folder.startswith(stop + os.sep):
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = osp.dirname(folder)
