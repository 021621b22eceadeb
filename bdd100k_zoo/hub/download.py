"""Verified checkpoint download: :func:`download_checkpoint`, used by the CLI and the scheme.

A checkpoint is written to a temporary file beside its final path while it streams in (hashed on
the way) and renamed onto the final path only once its size and MD5 are right, so the final path
only ever holds a verified file. Next to it, ``<stem>.md5`` records the MD5 it was verified against;
a cached file is re-hashed against that record before it is returned, and re-downloaded (against
the MD5 published on the server) if it no longer matches. Downloads of the same path are serialised
by a file lock: a second process waits, then finds the verified file.
"""
import contextlib
import logging
import os
import os.path as osp
from typing import Optional

from mmengine.logging import print_log

from ..export.atomic import atomic_open, leftover_temp_files
from .cache import checkpoint_path, file_lock
from .errors import ChecksumMismatchError, DownloadError, HTTPStatusError, InvalidMD5Error
from .fetch import fetch_checkpoint, fetch_text
from .md5 import file_md5, md5_file_text, normalise_md5, parse_md5_file
from .source import CheckpointSource, resolve_source


def download_checkpoint(target: str, md5: Optional[str] = None, dest: Optional[str] = None,
                        model_index: Optional[str] = None,
                        progress: Optional[bool] = None) -> str:
    """The path of a verified local copy of a checkpoint, downloaded if needed.

    Args:
        target: a model name or config from the model index, a ``bdd100k://<task>/<name>`` URI,
            or an HTTP(S) URL of a checkpoint.
        md5: the expected MD5; by default the one published beside the checkpoint
            (``<url-stem>.md5``).
        dest: the folder to save into; by default the cache,
            ``<cache root>/checkpoints/<task>/`` (see :mod:`.cache`).
        model_index: the ``model-index.yml`` to resolve names with (see
            :func:`.index.find_model_index`).
        progress: show a progress bar on stderr; None shows it when stderr is a terminal.

    Returns:
        The absolute path of the checkpoint, whose MD5 was checked during this call.

    Raises:
        ModelNotFoundError: ``target`` names no model of the index.
        InvalidMD5Error: ``md5`` or the published ``.md5`` file is not an MD5.
        DownloadError: the download failed (HTTP error, a page instead of a checkpoint, size or MD5
            mismatch, no MD5 published); nothing is left at the destination.
    """
    source = resolve_source(target, model_index)
    expected = normalise_md5(md5) if md5 else None
    if dest:
        path = osp.join(osp.abspath(osp.expanduser(dest)), source.filename)
    else:
        path = checkpoint_path(source.task, source.filename)
    if _matches_record(path, expected):
        return path
    with file_lock(path):
        if osp.isfile(path) and _verify_existing(path, source, expected):
            return path
        _discard(path)
        _download(source, path, expected or published_md5(source), progress)
    return path


def published_md5(source: CheckpointSource) -> str:
    """The MD5 published beside a checkpoint, read from ``source.md5_url``.

    Raises:
        DownloadError: the ``.md5`` file cannot be downloaded (the message says to pass the MD5
            when there is none).
        InvalidMD5Error: the file is not an MD5 file.
    """
    try:
        text = fetch_text(source.md5_url)
    except HTTPStatusError as err:
        if err.status != 404:
            raise
        raise DownloadError(source.url, f'no MD5 is published for {source.url} '
                                        f'({source.md5_url} answered 404): give the expected MD5 '
                                        f'(md5=... or --md5) to download it') from None
    return parse_md5_file(text, source.md5_url)


def record_path(path: str) -> str:
    """Where the MD5 a checkpoint was verified against is kept: ``<stem>.md5`` beside it."""
    return f'{osp.splitext(path)[0]}.md5'


def _read_record(path: str) -> Optional[str]:
    """The MD5 recorded for the checkpoint at ``path``; None if missing or unreadable."""
    try:
        with open(record_path(path), encoding='utf-8') as f:
            return parse_md5_file(f.read(), record_path(path))
    except (OSError, UnicodeDecodeError, InvalidMD5Error):
        return None


def _write_record(path: str, md5: str) -> None:
    """Records the MD5 the checkpoint at ``path`` was verified against."""
    with atomic_open(record_path(path)) as f:
        f.write(md5_file_text(md5, osp.basename(path)))


def _matches_record(path: str, expected: Optional[str]) -> bool:
    """Whether ``path`` exists and has the expected (else the recorded) MD5; needs no lock, since
    a checkpoint path only ever holds a complete file."""
    expected = expected or _read_record(path)
    return bool(expected) and osp.isfile(path) and file_md5(path) == expected


def _verify_existing(path: str, source: CheckpointSource, expected: Optional[str]) -> bool:
    """Checks an existing checkpoint against the expected, recorded or published MD5.

    Records the MD5 when the file matches; says so when it does not (it is then downloaded again).
    """
    recorded = _read_record(path)
    expected = expected or recorded or published_md5(source)
    actual = file_md5(path)
    if actual == expected:
        if recorded != expected:
            _write_record(path, expected)
        return True
    print_log(f'{path} is corrupt (MD5 {actual}, expected {expected}): downloading it again from '
              f'{source.url}', logger='current', level=logging.WARNING)
    return False


def _discard(path: str) -> None:
    """Removes a checkpoint, its MD5 record and the temporary files of interrupted downloads.

    Called under the lock, so no other download is writing those temporary files.
    """
    for leftover in [path, record_path(path)] + leftover_temp_files(path):
        with contextlib.suppress(FileNotFoundError):
            os.remove(leftover)


def _download(source: CheckpointSource, path: str, expected: str,
              progress: Optional[bool]) -> None:
    """Downloads ``source`` to ``path`` through a temporary file renamed only once verified."""
    print_log(f'downloading {source.url} to {path}', logger='current')
    with atomic_open(path, 'wb') as f:
        actual = fetch_checkpoint(source.url, f, progress)
        if actual != expected:
            raise ChecksumMismatchError(source.url, expected, actual)
    _write_record(path, expected)
