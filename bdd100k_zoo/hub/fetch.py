"""HTTP transfers: a checkpoint streamed into a partial file (hashed on the way, resumed with Range),
and the small text of a ``.md5`` file.

A partial file holds the first bytes of a checkpoint. :func:`fetch_checkpoint` continues it: it
hashes what is there, asks for the rest with ``Range``, appends a ``206`` answer that starts at the
right byte (the running MD5 continues) and starts again from byte zero on a ``200`` answer (a
server that ignores ``Range``) or a ``416`` one (a range it cannot serve). When the connection
drops, it asks for the rest again, up to :data:`MAX_STALLED_ATTEMPTS` times in a row without
progress; then the partial file stays for the next call to resume.
"""
import logging
import posixpath
import re
import sys
from typing import BinaryIO, Optional
from urllib.parse import urlsplit

import requests
from mmengine.logging import print_log
from tqdm import tqdm

from .errors import (DownloadError, HTTPStatusError, IncompleteDownloadError, NotACheckpointError,
                     SizeMismatchError, UnreachableError)
from .md5 import CHUNK_SIZE as HASH_CHUNK_SIZE
from .md5 import new_md5

#: Bytes read from the network at a time. When a connection drops, urllib3 discards the chunk it
#: was filling, so a resumed download asks again for at most this many bytes.
CHUNK_SIZE = 1 << 16
#: (connect, read) timeouts in seconds.
TIMEOUT = (30, 120)
#: Attempts in a row that bring no new bytes before a download is given up.
MAX_STALLED_ATTEMPTS = 5
#: The first bytes of a zip-format checkpoint (``torch.save`` since torch 1.6).
ZIP_MAGIC = b'PK\x03\x04'
#: The first byte of a legacy checkpoint (a pickle, protocol 2 or later).
PICKLE_MAGIC = b'\x80'
#: The largest ``.md5`` file read.
MAX_TEXT_BYTES = 4096
#: Media types that are pages, never checkpoints.
PAGE_TYPES = ('text/', 'application/xhtml+xml', 'application/json')

# The connection dropped or stalled: worth asking for the rest.
_LOST_CONNECTION = (requests.ConnectionError, requests.exceptions.ChunkedEncodingError,
                    requests.Timeout)
_CONTENT_RANGE = re.compile(r'bytes (\d+)-\d+/(\d+|\*)')
# Keep byte counts equal to file offsets (no transparent gzip).
_HEADERS = {'Accept-Encoding': 'identity'}


class _Transfer:
    """The bytes of one download so far: their file, count, running MD5 and expected total."""

    def __init__(self, file: BinaryIO, bar: tqdm) -> None:
        self.file = file
        self.bar = bar
        self.received = 0
        self.total: Optional[int] = None
        self.digest = new_md5()
        self.connected = False

    def resume(self) -> None:
        """Takes over the bytes already in the file (hashes them; the next byte is appended)."""
        self.file.seek(0)
        for chunk in iter(lambda: self.file.read(HASH_CHUNK_SIZE), b''):
            self.digest.update(chunk)
            self.received += len(chunk)
        self.bar.update(self.received)

    def restart(self) -> None:
        """Drops everything received: the next byte written is byte zero of the file."""
        self.file.seek(0)
        self.file.truncate()
        self.received = 0
        self.digest = new_md5()
        self.bar.reset()

    def expect(self, total: Optional[int]) -> None:
        """Records the size the server announced (None: unknown)."""
        self.total = total
        self.bar.total = total
        self.bar.refresh()

    def write(self, chunk: bytes) -> None:
        """Appends ``chunk`` to the file and the MD5."""
        self.file.write(chunk)
        self.digest.update(chunk)
        self.received += len(chunk)
        self.bar.update(len(chunk))


def fetch_checkpoint(url: str, partial: str, progress: Optional[bool] = None) -> str:
    """Downloads the checkpoint at ``url`` into the file ``partial``, continuing what it holds.

    Args:
        url: the checkpoint URL.
        partial: the file to write; its bytes (if it exists) are the start of the checkpoint.
        progress: show a progress bar (size, bytes so far, speed) on stderr; None shows it when
            stderr is a terminal.

    Returns:
        The MD5 of the whole file.

    Raises:
        UnreachableError: the server could not be reached.
        HTTPStatusError: the server answered an error status.
        NotACheckpointError: the server sent a page, or bytes that no checkpoint starts with.
        IncompleteDownloadError: the connection dropped :data:`MAX_STALLED_ATTEMPTS` times in a
            row without progress; ``partial`` keeps what arrived.
        SizeMismatchError: more bytes arrived than the server announced.
    """
    show = sys.stderr.isatty() if progress is None else progress
    with open(partial, 'ab+') as file, requests.Session() as session, tqdm(
            desc=posixpath.basename(urlsplit(url).path), unit='B', unit_scale=True,
            unit_divisor=1024, file=sys.stderr, disable=not show) as bar:
        transfer = _Transfer(file, bar)
        transfer.resume()
        if transfer.received:
            print_log(f'resuming the download of {url} after {transfer.received} bytes',
                      logger='current')
        _fetch_resuming(session, url, transfer, partial)
    if transfer.total is not None and transfer.received != transfer.total:
        raise SizeMismatchError(url, transfer.total, transfer.received)
    return transfer.digest.hexdigest()


class _RangeNotSatisfiable(Exception):
    """The server cannot serve the rest from the partial file's length on (HTTP 416)."""


def _fetch_resuming(session: requests.Session, url: str, transfer: _Transfer,
                    partial: str) -> None:
    """Runs :func:`_fetch_once` until the body is complete, resuming after lost connections."""
    best, stalled = transfer.received, 0
    while True:
        try:
            _fetch_once(session, url, transfer)
            return
        except _RangeNotSatisfiable:
            print_log(f'{url} cannot serve bytes {transfer.received}- of the partial download, '
                      f'downloading it again from the start', logger='current',
                      level=logging.WARNING)
            transfer.restart()
        except _LOST_CONNECTION as err:
            if not transfer.connected:
                raise UnreachableError(url, f'downloading {url} failed: cannot reach '
                                            f'{urlsplit(url).netloc} ({err})') from err
            stalled = 0 if transfer.received > best else stalled + 1
            best = max(best, transfer.received)
            if stalled >= MAX_STALLED_ATTEMPTS:
                raise IncompleteDownloadError(url, transfer.total, transfer.received,
                                              f'connection lost: {err}', partial) from err
            print_log(f'connection to {url} lost after {transfer.received} bytes, resuming '
                      f'({err})', logger='current', level=logging.WARNING)


def _fetch_once(session: requests.Session, url: str, transfer: _Transfer) -> None:
    """One request: the whole file, or the rest of it from ``transfer.received`` on."""
    headers = dict(_HEADERS)
    if transfer.received:
        headers['Range'] = f'bytes={transfer.received}-'
    with session.get(url, headers=headers, stream=True, timeout=TIMEOUT) as response:
        transfer.connected = True
        if response.status_code == 206:
            transfer.expect(_resumed_total(url, response, transfer.received))
        elif response.status_code == 200:
            if transfer.received:
                print_log(f'{url} does not support resuming, downloading it again from the start',
                          logger='current', level=logging.WARNING)
                transfer.restart()
            transfer.expect(_content_length(response))
        elif response.status_code == 416 and transfer.received:
            raise _RangeNotSatisfiable()
        else:
            raise HTTPStatusError(url, response.status_code, response.reason)
        if not transfer.received:
            _check_not_page(url, response)
        for chunk in response.iter_content(CHUNK_SIZE):
            if not transfer.received:
                _check_checkpoint_start(url, chunk)
            transfer.write(chunk)


def _content_length(response: requests.Response) -> Optional[int]:
    """The ``Content-Length`` of a response, None if it has none."""
    length = response.headers.get('Content-Length')
    return int(length) if length and length.isdigit() else None


def _resumed_total(url: str, response: requests.Response, start: int) -> Optional[int]:
    """The full size from the ``Content-Range: bytes <start>-<end>/<total>`` of a 206 answer.

    Raises:
        DownloadError: the range does not start at ``start``.
    """
    content_range = response.headers.get('Content-Range', '')
    match = _CONTENT_RANGE.fullmatch(content_range.strip())
    if match is None or int(match.group(1)) != start:
        raise DownloadError(url, f'downloading {url} failed: asked for bytes {start}- and the '
                                 f'server answered Content-Range {content_range!r}')
    return None if match.group(2) == '*' else int(match.group(2))


def _check_not_page(url: str, response: requests.Response) -> None:
    """Refuses an answer whose ``Content-Type`` is a page (an error or login page served as 200)."""
    content_type = response.headers.get('Content-Type', '')
    if content_type.split(';')[0].strip().lower().startswith(PAGE_TYPES):
        raise NotACheckpointError(url, f'{url} served a {content_type} page instead of a '
                                       f'checkpoint (is the URL right?); nothing was saved')


def _check_checkpoint_start(url: str, head: bytes) -> None:
    """Refuses bytes that no checkpoint starts with (a zip archive or a pickle)."""
    if not (head.startswith(PICKLE_MAGIC) or ZIP_MAGIC.startswith(head[:len(ZIP_MAGIC)])):
        raise NotACheckpointError(url, f'{url} did not serve a PyTorch checkpoint: it starts with '
                                       f'{head[:60]!r}; nothing was saved')


def fetch_text(url: str) -> str:
    """The text at ``url`` (at most :data:`MAX_TEXT_BYTES`; for ``.md5`` files).

    Raises:
        HTTPStatusError: the server answered an error status.
        DownloadError: the server could not be reached.
    """
    try:
        with requests.get(url, headers=_HEADERS, stream=True, timeout=TIMEOUT) as response:
            if response.status_code != 200:
                raise HTTPStatusError(url, response.status_code, response.reason)
            body = next(response.iter_content(MAX_TEXT_BYTES), b'')
    except _LOST_CONNECTION as err:
        raise UnreachableError(url, f'downloading {url} failed: cannot reach '
                                    f'{urlsplit(url).netloc} ({err})') from err
    except requests.RequestException as err:
        raise DownloadError(url, f'downloading {url} failed: {err}') from err
    return body.decode('utf-8', errors='replace')
