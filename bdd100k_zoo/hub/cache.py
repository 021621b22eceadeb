"""Where checkpoints are kept, and the file lock that serialises downloads of the same file.

Layout under the cache root (``$BDD100K_ZOO_CACHE``, default ``~/.cache/bdd100k_zoo``)::

    checkpoints/<task>/<file>.pth   verified checkpoints
    checkpoints/<task>/<file>.md5   their MD5, recorded when the download was verified
    locks/<file>-<hash>.lock        empty lock files, one per target path (never deleted)

Lock files live apart from the checkpoints so that a checkpoint folder (or a ``--dest`` folder) only
ever holds verified files; they are never deleted because removing a lock file while another process
waits on it would let a third one lock a new file and run alongside.
"""
import contextlib
import fcntl
import hashlib
import os
import os.path as osp
from typing import Iterator

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
    for another holder is reported once.
    """
    lock_file = lock_path(path)
    os.makedirs(osp.dirname(lock_file), exist_ok=True)
    with open(lock_file, 'a') as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print_log(f'waiting for another process downloading {path}', logger='current')
            fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
