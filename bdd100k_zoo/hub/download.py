"""Verified checkpoints: :func:`download_checkpoint` (from mirrors or the published URL) and
:func:`install_checkpoint` (a copy the user already has), used by the CLI and the loaders.

A checkpoint streams into a partial file beside its final path, hashed on the way, and is renamed
onto the final path only once its MD5 is right, so the final path only ever holds a verified file.
The partial file (``.<file>.<key>.part``, hidden) survives an interrupted download (Ctrl-C, a kill,
a dropped connection) and the next download of the same file resumes it; it is removed when its
bytes are known to be wrong. Next to a checkpoint, ``<stem>.md5`` records the MD5 it was verified
against; a cached file is re-hashed against that record before it is returned, and downloaded again
if it no longer matches. Downloads of the same path are serialised by a file lock: a second
process waits, then finds the verified file.
"""
import contextlib
import glob
import hashlib
import logging
import os
import os.path as osp
from typing import Iterator, List, Optional, Sequence, Tuple

from mmengine.logging import print_log

from ..export.atomic import atomic_open, leftover_temp_files
from .cache import cache_root, checkpoint_path, file_lock, remove_empty_folders
from .errors import (ChecksumMismatchError, DownloadError, HTTPStatusError,
                     IncompleteDownloadError, InvalidMD5Error, NotACheckpointError,
                     UnreachableError)
from .fetch import PICKLE_MAGIC, ZIP_MAGIC, fetch_checkpoint, fetch_text
from .md5 import CHUNK_SIZE, file_md5, md5_file_text, new_md5, normalise_md5, parse_md5_file
from .mirrors import ENV_MIRROR, Location, locations, use_mirrors
from .source import CheckpointSource, resolve_source

#: What to do when the published host is gone (named in the error when it cannot be reached).
MIRROR_HINT = (f'the published host no longer answers: set {ENV_MIRROR}=<prefix> (or pass '
               f'--mirror <prefix>) to a mirror holding the same paths, or run '
               f'"bdd100k-zoo download <model> --from-file <your copy>"')


def download_checkpoint(target: str, md5: Optional[str] = None, dest: Optional[str] = None,
                        model_index: Optional[str] = None, progress: Optional[bool] = None,
                        mirrors: Optional[Sequence[str]] = None,
                        require_md5: bool = True) -> str:
    """The path of a verified local copy of a checkpoint, downloaded if needed.

    Args:
        target: a model name or config from the model index, a ``bdd100k://<task>/<name>`` URI,
            or an HTTP(S) URL of a checkpoint.
        md5: the expected MD5; by default the one published beside the checkpoint
            (``<url-stem>.md5``, on the mirror the file comes from).
        dest: the folder to save into; by default the cache,
            ``<cache root>/checkpoints/<task>/`` (see :mod:`.cache`).
        model_index: the ``model-index.yml`` to resolve names with (see
            :func:`.index.find_model_index`).
        progress: show a progress bar on stderr; None shows it when stderr is a terminal.
        mirrors: mirrors to try first (see :mod:`.mirrors`), before those of the environment.
        require_md5: refuse a checkpoint that has no MD5 published and none given; when False, such
            a checkpoint (e.g. an ImageNet backbone from another project) is downloaded and the MD5
            of its first download is recorded and checked from then on.

    Returns:
        The absolute path of the checkpoint, whose MD5 was checked during this call.

    Raises:
        ModelNotFoundError: ``target`` names no model of the index.
        InvalidMD5Error: ``md5`` or the published ``.md5`` file is not an MD5.
        DownloadError: no location delivered the checkpoint (HTTP error, a page instead of a
            checkpoint, MD5 mismatch, no MD5 published, host unreachable); nothing is saved under
            the checkpoint's name, and the bytes of an interrupted transfer are kept to resume.
    """
    use_mirrors(mirrors)
    source = resolve_source(target, model_index)
    expected = normalise_md5(md5) if md5 else None
    path = _destination(source, dest)
    if _matches_record(path, expected):
        return path
    with file_lock(path), _tidy_on_failure(path, dest):
        places = locations(source)
        if osp.isfile(path) and _verify_existing(path, places, expected):
            return path
        _discard(path)
        _fetch_from_any(source, places, path, expected, progress, require_md5)
    return path


def install_checkpoint(target: str, file: str, md5: Optional[str] = None,
                       dest: Optional[str] = None, model_index: Optional[str] = None,
                       mirrors: Optional[Sequence[str]] = None) -> str:
    """Verifies a copy of a checkpoint the user already has and puts it where downloads go.

    Args:
        target: the model it is a copy of (name, config, ``bdd100k://`` URI or URL).
        file: the local copy.
        md5: the expected MD5; by default the ``.md5`` beside ``file`` (``<stem>.md5``), else the
            one on a mirror or the published host.
        dest, model_index, mirrors: as in :func:`download_checkpoint`.

    Returns:
        The path of the verified copy (afterwards every command taking ``target`` finds it).

    Raises:
        FileNotFoundError: ``file`` does not exist.
        ChecksumMismatchError: ``file`` does not have the expected MD5; nothing is copied.
        NotACheckpointError: ``file`` does not start like a PyTorch checkpoint.
        DownloadError: no MD5 is given, beside the file or at any location.
    """
    use_mirrors(mirrors)
    if not osp.isfile(file):
        raise FileNotFoundError(f'{file} does not exist')
    source = resolve_source(target, model_index)
    path = _destination(source, dest)
    with file_lock(path), _tidy_on_failure(path, dest):
        expected = normalise_md5(md5) if md5 else _md5_beside(file) or published_md5(source)
        _copy_verified(file, path, expected)  # replaces a cached file only once verified
    return path


def published_md5(source: CheckpointSource) -> str:
    """The MD5 published for a checkpoint: on the first mirror that has it, else beside its URL.

    Raises:
        DownloadError: no location publishes it (the message says to pass the MD5).
        InvalidMD5Error: a ``.md5`` file is not an MD5 file.
    """
    md5, failures = _first_md5(locations(source))
    if md5 is None:
        reasons = '; '.join(_describe(location, err) for location, err in failures)
        raise DownloadError(source.url, f'no MD5 is published for {source.url} ({reasons}): give '
                                        f'the expected MD5 (md5=... or --md5)'
                                        f'{_hint(source, failures)}')
    return md5


def record_path(path: str) -> str:
    """Where the MD5 a checkpoint was verified against is kept: ``<stem>.md5`` beside it."""
    return f'{osp.splitext(path)[0]}.md5'


def partial_path(path: str, key: str) -> str:
    """The partial file of an interrupted download of ``path``; ``key`` tells downloads apart (the
    expected MD5, or a hash of the URL when none is known)."""
    return osp.join(osp.dirname(path), f'.{osp.basename(path)}.{key}.part')


def evict(path: str) -> None:
    """Removes a checkpoint and its MD5 record (e.g. one the safe loader refused)."""
    for leftover in (path, record_path(path)):
        with contextlib.suppress(FileNotFoundError):
            os.remove(leftover)


@contextlib.contextmanager
def _tidy_on_failure(path: str, dest: Optional[str]) -> Iterator[None]:
    """Removes the folders made for ``path`` if they are still empty when the block fails."""
    try:
        yield
    except BaseException:
        top = osp.dirname(osp.abspath(osp.expanduser(dest))) if dest else cache_root()
        remove_empty_folders(osp.dirname(path), top)
        raise


def _destination(source: CheckpointSource, dest: Optional[str]) -> str:
    """The final path of ``source``: in ``dest`` if given, else in the cache."""
    if dest:
        return osp.join(osp.abspath(osp.expanduser(dest)), source.filename)
    return checkpoint_path(source.task, source.filename)


def _read_md5_at(location: Location) -> str:
    """The MD5 in the ``.md5`` file of ``location`` (a URL or a local path).

    Raises:
        HTTPStatusError: the URL answered an error (404 when there is none).
        FileNotFoundError: the local file does not exist.
    """
    if not location.local:
        return parse_md5_file(fetch_text(location.md5), location.md5)
    with open(location.md5, encoding='utf-8', errors='replace') as f:
        return parse_md5_file(f.read(4096), location.md5)


def _first_md5(places: List[Location]) -> Tuple[Optional[str], List[Tuple[Location, Exception]]]:
    """The MD5 of the first location that publishes one (None if none does), and what the
    locations before it answered."""
    failures: List[Tuple[Location, Exception]] = []
    for location in places:
        try:
            return _read_md5_at(location), failures
        except (DownloadError, FileNotFoundError) as err:
            failures.append((location, err))
    return None, failures


def _md5_beside(file: str) -> Optional[str]:
    """The MD5 of the ``.md5`` file beside a local checkpoint (``<stem>.md5`` or
    ``<file>.md5``), None if there is none."""
    for candidate in (f'{osp.splitext(file)[0]}.md5', f'{file}.md5'):
        if osp.isfile(candidate):
            with open(candidate, encoding='utf-8', errors='replace') as f:
                return parse_md5_file(f.read(4096), candidate)
    return None


def _fetch_from_any(source: CheckpointSource, places: List[Location], path: str,
                    expected: Optional[str], progress: Optional[bool],
                    require_md5: bool) -> None:
    """Fetches ``source`` from the first location that delivers a verified file.

    Raises:
        DownloadError: every location failed; with one location its own error, otherwise one
            naming what each location answered.
    """
    failures: List[Tuple[Location, Exception]] = []
    for location in places:
        try:
            md5 = expected or _location_md5(location, require_md5)
            if location.local:
                _copy_verified(location.checkpoint, path, md5)
            else:
                _download(location.checkpoint, path, md5, progress)
            return
        except (DownloadError, InvalidMD5Error, FileNotFoundError) as err:
            failures.append((location, err))
            if len(places) > 1:
                print_log(f'{_describe(location, err)}; trying the next location',
                          logger='current', level=logging.WARNING)
    if len(failures) == 1 and not _hint(source, failures):
        raise failures[0][1]
    reasons = '\n  '.join(_describe(location, err) for location, err in failures)
    unreachable = all(isinstance(err, UnreachableError) for _, err in failures)
    error = UnreachableError if unreachable else DownloadError
    raise error(source.url, f'could not get {source.filename} from any location:\n  '
                            f'{reasons}{_hint(source, failures)}') from failures[-1][1]


def _location_md5(location: Location, require_md5: bool) -> Optional[str]:
    """The MD5 published at ``location``; None when there is none and none is required."""
    try:
        return _read_md5_at(location)
    except (HTTPStatusError, FileNotFoundError) as err:
        if isinstance(err, HTTPStatusError) and err.status != 404:
            raise
        if not require_md5 and not location.local:
            return None
        missing = err if isinstance(err, HTTPStatusError) else f'{location.md5} does not exist'
        raise DownloadError(location.checkpoint, f'no MD5 is published for {location.checkpoint} '
                                                 f'({missing}): give the expected MD5 (md5=... or '
                                                 f'--md5) to download it') from None


def _describe(location: Location, err: Exception) -> str:
    """One line saying what a location answered."""
    where = f'mirror {location.mirror}' if location.mirror else 'published URL'
    return f'{where}: {err}'


def _hint(source: CheckpointSource, failures: List[Tuple[Location, Exception]]) -> str:
    """The advice to use a mirror, when the published host of a zoo checkpoint cannot be reached
    and no mirror was tried."""
    unreachable = any(isinstance(err, UnreachableError) for location, err in failures
                      if location.mirror is None)
    mirrors_tried = any(location.mirror for location, _ in failures)
    if source.published and unreachable and not mirrors_tried:
        return f'\n{MIRROR_HINT}'
    return ''


def _download(url: str, path: str, expected: Optional[str], progress: Optional[bool]) -> None:
    """Downloads ``url`` to ``path`` through its partial file, renamed only once verified.

    With no expected MD5 (``require_md5=False``), the MD5 of the download is recorded and warned
    about.
    """
    key = expected or hashlib.sha1(url.encode('utf-8')).hexdigest()[:16]
    partial = partial_path(path, key)
    os.makedirs(osp.dirname(path), exist_ok=True)
    print_log(f'downloading {url} to {path}', logger='current')
    resumed = osp.isfile(partial) and osp.getsize(partial) > 0
    actual = _fetch_keeping_progress(url, partial, progress)
    if resumed and expected and actual != expected:
        print_log(f'the resumed download of {url} has MD5 {actual}, not {expected}: downloading '
                  f'it again from the start', logger='current', level=logging.WARNING)
        _remove(partial)
        actual = _fetch_keeping_progress(url, partial, progress)
    if expected is None:
        print_log(f'no MD5 is published for {url}: recorded the MD5 of this download, {actual}, '
                  f'and later uses of the cached file are checked against it', logger='current',
                  level=logging.WARNING)
    elif actual != expected:
        _remove(partial)
        raise ChecksumMismatchError(url, expected, actual)
    _publish(partial, path, actual)


def _fetch_keeping_progress(url: str, partial: str, progress: Optional[bool]) -> str:
    """:func:`.fetch.fetch_checkpoint`, keeping the partial file when the transfer was cut off
    (resumable) and removing it when its bytes are wrong."""
    try:
        return fetch_checkpoint(url, partial, progress)
    except (IncompleteDownloadError, UnreachableError, HTTPStatusError):
        _remove_if_empty(partial)
        raise
    except DownloadError:
        _remove(partial)
        raise


def _copy_verified(file: str, path: str, expected: str) -> None:
    """Copies a local checkpoint to ``path`` if it starts like a checkpoint and has the MD5.

    Raises:
        NotACheckpointError, ChecksumMismatchError: nothing was copied.
    """
    digest = new_md5()
    with open(file, 'rb') as src, atomic_open(path, 'wb') as dst:
        head = src.read(len(ZIP_MAGIC))
        if not (head.startswith(PICKLE_MAGIC) or head == ZIP_MAGIC):
            raise NotACheckpointError(file, f'{file} is not a PyTorch checkpoint: it starts with '
                                            f'{head!r}; nothing was copied')
        src.seek(0)
        for chunk in iter(lambda: src.read(CHUNK_SIZE), b''):
            digest.update(chunk)
            dst.write(chunk)
        if digest.hexdigest() != expected:
            raise ChecksumMismatchError(file, expected, digest.hexdigest())
    _write_record(path, expected)
    print_log(f'verified {file} (MD5 {expected}) and saved it as {path}', logger='current')


def _publish(partial: str, path: str, md5: str) -> None:
    """Moves a verified partial file onto its final path and records its MD5."""
    with open(partial, 'rb') as f:
        os.fsync(f.fileno())
    os.replace(partial, path)
    _write_record(path, md5)
    for stale in glob.glob(partial_path(glob.escape(path), '*')):
        _remove(stale)


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)


def _remove_if_empty(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        if os.path.getsize(path) == 0:
            os.remove(path)


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


def _verify_existing(path: str, places: List[Location], expected: Optional[str]) -> bool:
    """Checks an existing checkpoint against the expected, recorded or published MD5.

    Records the MD5 when the file matches; says so when it does not (it is then downloaded again).
    """
    recorded = _read_record(path)
    expected = expected or recorded or _first_md5(places)[0]
    if expected is None:
        return False
    actual = file_md5(path)
    if actual == expected:
        if recorded != expected:
            _write_record(path, expected)
        return True
    print_log(f'{path} is corrupt (MD5 {actual}, expected {expected}): downloading it again',
              logger='current', level=logging.WARNING)
    return False


def _discard(path: str) -> None:
    """Removes a checkpoint, its MD5 record and the temporary files of interrupted copies.

    Called under the lock, so no other writer is using those temporary files. Partial downloads
    stay: they are resumed.
    """
    for leftover in [path, record_path(path)] + leftover_temp_files(path):
        _remove(leftover)
