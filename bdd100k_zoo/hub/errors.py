"""The errors of the hub: each message names the URL or file and the values that disagree."""
from typing import Optional


class HubError(Exception):
    """Base class of every error raised by :mod:`bdd100k_zoo.hub`."""


class ModelIndexNotFoundError(HubError, FileNotFoundError):
    """No ``model-index.yml`` was found where the zoo looks for it."""


class ModelNotFoundError(HubError, LookupError):
    """A model name, config or ``bdd100k://`` URI matches no model of the index."""


class InvalidMD5Error(HubError, ValueError):
    """An MD5 given by the user, or the content of a ``.md5`` file, is not a valid MD5."""


class DownloadError(HubError, RuntimeError):
    """A download failed; nothing was saved under the checkpoint's name.

    Attributes:
        url: the URL that was being downloaded.
    """

    def __init__(self, url: str, message: str) -> None:
        super().__init__(message)
        self.url = url


class UnreachableError(DownloadError):
    """The server could not be reached at all (no name resolution, no connection, no answer)."""


class HTTPStatusError(DownloadError):
    """The server answered with an HTTP status other than 200 (or 206 to a Range request)."""

    def __init__(self, url: str, status: int, reason: str) -> None:
        super().__init__(url, f'downloading {url} failed: the server answered HTTP {status} '
                              f'{reason}')
        self.status = status


class NotACheckpointError(DownloadError):
    """The server sent something that is not a PyTorch checkpoint (typically an HTML page)."""


class SizeMismatchError(DownloadError):
    """Fewer (or more) bytes arrived than the server announced."""

    def __init__(self, url: str, expected: int, received: int,
                 reason: Optional[str] = None) -> None:
        detail = f' ({reason})' if reason else ''
        super().__init__(url, f'downloading {url} failed: expected {expected} bytes, received '
                              f'{received}{detail}; nothing was saved')
        self.expected = expected
        self.received = received


class IncompleteDownloadError(SizeMismatchError):
    """The connection kept dropping: the bytes received so far are kept to resume from.

    Attributes:
        partial: the file holding the bytes received so far.
    """

    def __init__(self, url: str, expected: Optional[int], received: int, reason: str,
                 partial: str) -> None:
        size = f'expected {expected} bytes, received {received}' if expected is not None else \
            f'received {received} bytes'
        DownloadError.__init__(
            self, url, f'downloading {url} stopped: {size} ({reason}); the bytes received are '
                       f'kept in {partial} and the next download of this checkpoint resumes '
                       f'from there')
        self.expected = expected
        self.received = received
        self.partial = partial


class ChecksumMismatchError(DownloadError):
    """The downloaded bytes do not have the expected MD5."""

    def __init__(self, url: str, expected: str, actual: str) -> None:
        super().__init__(url, f'MD5 mismatch for {url}: expected {expected}, got {actual}; the '
                              f'download is corrupt or the checkpoint changed, nothing was saved')
        self.expected = expected
        self.actual = actual
