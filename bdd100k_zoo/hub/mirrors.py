"""Mirrors of the published weights: other places holding the files under the same paths.

The zoo's checkpoints were published under ``https://dl.cv.ethz.ch/bdd100k/<task>/models/`` and that
host no longer answers. A mirror is a prefix holding the same files under the same paths: an
HTTP(S) URL (``https://example.org/copies`` serves ``.../copies/bdd100k/det/models/<name>.pth`` and
its ``.md5``) or a local folder (``/data/bdd100k_weights`` or ``file:///data/bdd100k_weights``
holding ``bdd100k/det/models/<name>.pth``). Mirrors come from ``--mirror`` options and from
``$BDD100K_ZOO_MIRROR`` (several separated by spaces or commas) and are tried in that order, before
the published host.
"""
import os
import re
from dataclasses import dataclass
from typing import List, Optional, Sequence
from urllib.parse import unquote, urlsplit

from .source import CheckpointSource, is_url

#: Environment variable listing mirrors (separated by spaces or commas), tried in order.
ENV_MIRROR = 'BDD100K_ZOO_MIRROR'
_SEPARATORS = re.compile(r'[\s,]+')
_FILE_SCHEME = 'file://'


@dataclass(frozen=True)
class Location:
    """One place to get a checkpoint and its MD5 from.

    Attributes:
        checkpoint: the checkpoint's URL, or its path for a local mirror.
        md5: the URL or path of the ``.md5`` file beside it.
        mirror: the mirror prefix it comes from; None for the published location.
    """
    checkpoint: str
    md5: str
    mirror: Optional[str] = None

    @property
    def local(self) -> bool:
        """Whether the checkpoint is a local file (a folder mirror), not a URL."""
        return not is_url(self.checkpoint)


def configured_mirrors() -> List[str]:
    """The mirrors of ``$BDD100K_ZOO_MIRROR``, in order."""
    return [m for m in _SEPARATORS.split(os.environ.get(ENV_MIRROR, '')) if m]


def use_mirrors(mirrors: Optional[Sequence[str]]) -> None:
    """Puts ``mirrors`` (from ``--mirror`` options) before those of ``$BDD100K_ZOO_MIRROR``.

    The environment carries them to everything this process loads and to the processes it starts
    (data loader workers, distributed ranks).
    """
    if not mirrors:
        return
    ordered = list(dict.fromkeys([*mirrors, *configured_mirrors()]))
    os.environ[ENV_MIRROR] = ' '.join(ordered)


def locations(source: CheckpointSource) -> List[Location]:
    """Where to look for ``source``: each configured mirror (for a published checkpoint of the
    zoo), then the URL it was published at."""
    found = [_mirrored(mirror, source) for mirror in configured_mirrors()] if source.published \
        else []
    return found + [Location(source.url, source.md5_url)]


def _mirrored(mirror: str, source: CheckpointSource) -> Location:
    """The location of ``source`` on ``mirror``: the mirror prefix + the published URL's path."""
    checkpoint_path, md5_path = urlsplit(source.url).path, urlsplit(source.md5_url).path
    if is_url(mirror):
        base = mirror.rstrip('/')
        return Location(base + checkpoint_path, base + md5_path, mirror)
    folder = mirror[len(_FILE_SCHEME):] if mirror.startswith(_FILE_SCHEME) else mirror
    folder = os.path.expanduser(folder)
    return Location(os.path.join(folder, unquote(checkpoint_path).lstrip('/')),
                    os.path.join(folder, unquote(md5_path).lstrip('/')), mirror)
