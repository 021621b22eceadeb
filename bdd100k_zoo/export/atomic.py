"""Atomic file writing and safe zip extraction.

Everything the zoo writes for a user (predictions, scores, visuals, generated data, downloads) goes
through here: a file appears complete or not at all, and a failure leaves nothing half-written.
"""
import contextlib
import glob
import json
import lzma
import os
import os.path as osp
import shutil
import tempfile
import zipfile
import zlib
from typing import IO, Any, Iterator, List, Optional


def _umask() -> int:
    """The process umask (read without changing it for longer than the call)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temp_prefix(path: str) -> str:
    """The name prefix of the temporary files :func:`atomic_open` creates for ``path``."""
    return f'.{osp.basename(path)}.'


def leftover_temp_files(path: str) -> List[str]:
    """Temporary files of interrupted :func:`atomic_open` writes of ``path`` (e.g. a killed process).

    Only remove them when no other writer of ``path`` can be running (e.g. under a lock).
    """
    folder = osp.dirname(osp.abspath(path))
    pattern = osp.join(glob.escape(folder), glob.escape(temp_prefix(path)) + '*.tmp')
    return glob.glob(pattern)


@contextlib.contextmanager
def atomic_open(path: str, mode: str = 'w', **kwargs: Any) -> Iterator[IO]:
    """Opens a temporary file beside ``path`` and renames it onto ``path`` only on success.

    Args:
        path: the final file path; its folder is created if missing.
        mode: ``'w'`` (text, UTF-8 by default) or ``'wb'``.
        **kwargs: passed to :func:`open`.
    """
    if mode not in ('w', 'wb'):
        raise ValueError(f'atomic_open supports modes "w" and "wb", got {mode!r}')
    folder = osp.dirname(osp.abspath(path))
    os.makedirs(folder, exist_ok=True)
    if mode == 'w':
        kwargs.setdefault('encoding', 'utf-8')
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix='.tmp', dir=folder)
    os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; the final file gets normal permissions
    try:
        with os.fdopen(fd, mode, **kwargs) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.remove(tmp)
        raise


def write_json(path: str, content: Any, indent: Optional[int] = None) -> None:
    """Writes JSON atomically."""
    with atomic_open(path) as f:
        json.dump(content, f, indent=indent)


def write_bytes(path: str, data: bytes) -> None:
    """Writes bytes atomically."""
    with atomic_open(path, 'wb') as f:
        f.write(data)


@contextlib.contextmanager
def atomic_dir(path: str) -> Iterator[str]:
    """Yields a temporary folder beside ``path`` that replaces ``path`` only on success.

    An existing ``path`` is replaced as a whole; on failure the temporary folder is removed and
    ``path`` is left as it was.
    """
    parent = osp.dirname(osp.abspath(path))
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=f'.{osp.basename(path)}.', suffix='.tmp', dir=parent)
    os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700
    try:
        yield tmp
        if osp.isdir(path):
            old = tmp + '.old'
            os.replace(path, old)
            os.replace(tmp, path)
            shutil.rmtree(old)
        else:
            os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def safe_member_path(root: str, member: str) -> str:
    """The path a zip member extracts to under ``root``; refuses absolute paths and ``..`` escapes.

    Raises:
        ValueError: the member would land outside ``root``.
    """
    root = osp.realpath(root)
    target = osp.realpath(osp.join(root, member))
    if osp.isabs(member) or osp.commonpath([root, target]) != root:
        raise ValueError(f'zip member {member!r} would extract outside {root}')
    return target


def check_members(members: List[zipfile.ZipInfo], dest: str) -> None:
    """Checks zip members extract inside ``dest``, each file to a path of its own.

    Raises:
        ValueError: a member is absolute or escapes ``dest``, or two files share a path.
    """
    seen = set()
    for member in members:
        target = safe_member_path(dest, member.filename)
        if not member.is_dir():
            if target in seen:
                raise ValueError(f'zip member {member.filename!r} appears twice')
            seen.add(target)


def extract_zip(archive: str, dest: str) -> None:
    """Extracts a zip into ``dest`` atomically: wholly, or (on any error) not at all.

    Raises:
        ValueError: a member is absolute, escapes ``dest`` or appears twice.
        zipfile.BadZipFile: the archive is corrupt or cannot be extracted: damaged, encrypted or
            compressed with an unknown method, or a member name the file system refuses.
    """
    try:
        with zipfile.ZipFile(archive) as zf:
            check_members(zf.infolist(), dest)
            with atomic_dir(dest) as tmp:
                zf.extractall(tmp)
    except (zlib.error, lzma.LZMAError, EOFError, RuntimeError, NotImplementedError,
            OSError) as err:
        raise zipfile.BadZipFile(str(err)) from None
