"""Fixtures of the hub tests: a real HTTP server on 127.0.0.1 with routes the tests control, a real
checkpoint of a small model, a model index pointing at the server, and an isolated cache."""
import hashlib
import http.server
import logging
import os
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional

import mmengine
import numpy as np
import pytest
import torch
from mmengine.logging import MMLogger
from torch import nn

from bdd100k_zoo.hub.cache import ENV_CACHE, lock_path
from bdd100k_zoo.hub.index import ENV_MODEL_INDEX

#: How long a test waits for another thread or process to reach a point before it fails.
WAIT_LIMIT = 120


@dataclass
class Route:
    """What the server answers for one path.

    Attributes:
        body: the full content.
        status: the status of a full answer.
        content_type: its Content-Type.
        ranges: answer ``Range: bytes=N-`` requests with 206, or 416 from the end of the body on
            (else ignore Range, answer 200).
        drop_first_at: the first answer closes the connection after this many body bytes.
        truncate_at: every answer stops after this many body bytes.
        hold_at: the first answer sets ``reached`` after this many body bytes, then waits for
            ``release`` before sending the rest.
    """
    body: bytes
    status: int = 200
    content_type: str = 'application/octet-stream'
    ranges: bool = True
    drop_first_at: Optional[int] = None
    truncate_at: Optional[int] = None
    hold_at: Optional[int] = None
    reached: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    answered: int = 0


@dataclass
class Request:
    """One request the server answered: path, Range header, status, body bytes sent, and whether
    the whole announced body was sent."""
    path: str
    range: Optional[str]
    status: int
    sent: int
    complete: bool


class HubServer(http.server.ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 serving :class:`Route` objects and logging every request."""
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(('127.0.0.1', 0), _Handler)
        self.routes: Dict[str, Route] = {}
        self.log: List[Request] = []
        self.lock = threading.Lock()

    def url(self, path: str) -> str:
        """The URL of ``path`` on this server."""
        return f'http://127.0.0.1:{self.server_address[1]}{path}'

    def requests(self, path: str) -> List[Request]:
        """The requests answered for ``path``, in order."""
        with self.lock:
            return [request for request in self.log if request.path == path]

    def full_downloads(self, path: str) -> List[Request]:
        """The answers for ``path`` that sent the whole file from byte zero."""
        return [r for r in self.requests(path) if r.status == 200 and r.complete]


_RANGE = re.compile(r'bytes=(\d+)-')


class _Handler(http.server.BaseHTTPRequestHandler):
    server: HubServer

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        route = self.server.routes.get(self.path)
        if route is None:
            self._answer(Route(b'<html><body>404 Not Found</body></html>', status=404,
                               content_type='text/html'), None, first=False)
            return
        with self.server.lock:
            first = route.answered == 0
            route.answered += 1
        match = _RANGE.fullmatch(self.headers.get('Range', ''))
        start = int(match.group(1)) if match and route.ranges and route.status == 200 else None
        if start is not None and start >= len(route.body):
            self._answer(Route(b'', status=416), None, first=False)
            return
        self._answer(route, start, first)

    def _answer(self, route: Route, start: Optional[int], first: bool) -> None:
        body = route.body[start or 0:]
        self.send_response(route.status if start is None else 206)
        self.send_header('Content-Type', route.content_type)
        self.send_header('Content-Length', str(len(body)))
        if start is not None:
            self.send_header('Content-Range', f'bytes {start}-{len(route.body) - 1}/'
                                              f'{len(route.body)}')
        self.end_headers()
        limit = len(body)
        if route.truncate_at is not None:
            limit = min(limit, route.truncate_at)
        if first and route.drop_first_at is not None:
            limit = min(limit, route.drop_first_at)
        self._send_body(body[:limit], route if first and route.hold_at else None)
        sent = min(limit, len(body))
        self.close_connection = True
        with self.server.lock:
            self.server.log.append(Request(self.path, self.headers.get('Range'),
                                           route.status if start is None else 206, sent,
                                           sent == len(body)))

    def _send_body(self, body: bytes, held: Optional[Route]) -> None:
        """Writes ``body``, pausing as ``held.hold_at`` says if given."""
        if held is None:
            self.wfile.write(body)
            return
        self.wfile.write(body[:held.hold_at])
        self.wfile.flush()
        held.reached.set()
        held.release.wait(WAIT_LIMIT)
        self.wfile.write(body[held.hold_at:])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keeps the test output quiet."""


@pytest.fixture
def server() -> Iterator[HubServer]:
    """A running :class:`HubServer` (no routes yet)."""
    hub_server = HubServer()
    thread = threading.Thread(target=hub_server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield hub_server
    hub_server.shutdown()
    hub_server.server_close()
    thread.join()


class TinyNet(nn.Module):
    """A small real model: conv, batch norm and a linear head (about 200 KB of weights)."""

    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.bn = nn.BatchNorm2d(8)
        self.head = nn.Linear(256, 192)


@pytest.fixture(scope='session')
def tiny_model_factory() -> Callable[[], nn.Module]:
    """Builds a fresh, randomly initialised :class:`TinyNet`."""
    return TinyNet


@pytest.fixture(scope='session')
def checkpoint_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real mmengine-style checkpoint: a trained-looking TinyNet state dict and meta."""
    torch.manual_seed(0)
    model = TinyNet()
    model.bn.running_mean.uniform_()
    path = tmp_path_factory.mktemp('checkpoint') / 'tiny_det_bdd100k.pth'
    torch.save({'meta': {'epoch': 12, 'iter': 840, 'seed': np.int64(1234),
                         'mmengine_version': mmengine.__version__,
                         'dataset_meta': {'classes': ('car', 'pedestrian')}},
                'state_dict': model.state_dict()}, path)
    return path


@dataclass
class Zoo:
    """One model served by the test server and listed in a model index, with an isolated cache."""
    server: HubServer
    cache: Path
    index: Path
    checkpoint: bytes
    name: str = 'tiny_det_bdd100k'
    task: str = 'det'
    config: str = 'det/configs/det/tiny_det_bdd100k.py'
    pth_path: str = '/bdd100k/det/models/tiny_det_bdd100k.pth'
    md5_path: str = '/bdd100k/det/models/tiny_det_bdd100k.md5'

    @property
    def md5(self) -> str:
        """The MD5 of the checkpoint."""
        return hashlib.md5(self.checkpoint).hexdigest()

    @property
    def url(self) -> str:
        """The checkpoint URL."""
        return self.server.url(self.pth_path)

    @property
    def cached(self) -> Path:
        """Where the cache keeps the checkpoint."""
        return self.cache / 'checkpoints' / self.task / 'tiny_det_bdd100k.pth'

    @property
    def lock_file(self) -> Path:
        """The lock file guarding the cached checkpoint."""
        return Path(lock_path(str(self.cached)))

    def serve(self, prefix: str = '', **route: object) -> Route:
        """Serves the checkpoint with the given :class:`Route` options (and its .md5 file), under
        ``prefix`` (a mirror's path) if given."""
        self.server.routes[prefix + self.pth_path] = Route(self.checkpoint, **route)
        self.serve_md5(f'{self.md5}  tiny_det_bdd100k.pth\n'.encode(), prefix)
        return self.server.routes[prefix + self.pth_path]

    def serve_md5(self, text: bytes, prefix: str = '', **route: object) -> None:
        """Serves ``text`` as the checkpoint's .md5 file (under ``prefix`` if given)."""
        self.server.routes[prefix + self.md5_path] = Route(
            text, **{'content_type': 'text/plain', **route})

    def files(self, folder: Optional[Path] = None) -> List[str]:
        """Every file under ``folder`` (default: the cache; lock files included: none should
        outlive a download)."""
        root = folder or self.cache
        return sorted(str(p.relative_to(root)) for p in root.rglob('*') if p.is_file())


def write_model_index(root: Path, models: Dict[str, List[dict]]) -> Path:
    """Writes ``model-index.yml`` and one ``<task>/metafile.yml`` per task under ``root``."""
    imports = []
    for task, entries in models.items():
        (root / task).mkdir(parents=True, exist_ok=True)
        mmengine.dump({'Collections': [{'Name': task.upper()}],
                       'Models': [dict({'In Collection': task.upper(), 'Results': []}, **entry)
                                  for entry in entries]}, str(root / task / 'metafile.yml'))
        imports.append(f'{task}/metafile.yml')
    mmengine.dump({'Import': imports}, str(root / 'model-index.yml'))
    return root / 'model-index.yml'


@pytest.fixture
def index_writer() -> Callable[[Path, Dict[str, List[dict]]], Path]:
    """:func:`write_model_index` (test modules never import each other or this file)."""
    return write_model_index


@pytest.fixture
def zoo(server: HubServer, checkpoint_file: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> Zoo:
    """The tiny model in a model index and on the server (not served until ``zoo.serve()``), with
    ``BDD100K_ZOO_CACHE`` and ``BDD100K_ZOO_MODEL_INDEX`` set for the test."""
    cache = tmp_path / 'cache'
    result = Zoo(server=server, cache=cache, index=tmp_path / 'zoo' / 'model-index.yml',
                 checkpoint=checkpoint_file.read_bytes())
    write_model_index(tmp_path / 'zoo', {'det': [
        {'Name': result.name, 'Config': result.config, 'Weights': result.url}]})
    monkeypatch.setenv(ENV_CACHE, str(cache))
    monkeypatch.setenv(ENV_MODEL_INDEX, str(result.index))
    return result


def closed_port() -> int:
    """A local TCP port nobody listens on (bound, then closed)."""
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


@pytest.fixture
def gone_zoo(zoo: Zoo, tmp_path: Path) -> Zoo:
    """The zoo whose published host is gone (its Weights URL is on a closed port), as the real
    published host is; ``zoo.server`` is free to act as a mirror."""
    dead = f'http://127.0.0.1:{closed_port()}{zoo.pth_path}'
    write_model_index(tmp_path / 'zoo', {'det': [
        {'Name': zoo.name, 'Config': zoo.config, 'Weights': dead}]})
    return zoo


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: List[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def hub_messages() -> Iterator[List[str]]:
    """The messages the hub logs (through mmengine's current logger) during the test."""
    handler = _Collect()
    logger = MMLogger.get_current_instance()
    logger.addHandler(handler)
    yield handler.messages
    logger.removeHandler(handler)


def _waiting_on(lock_file: Path) -> bool:
    """Whether some thread or process is blocked waiting for a flock on ``lock_file``."""
    if not lock_file.exists():
        return False
    inode = os.stat(lock_file).st_ino
    with open('/proc/locks', encoding='ascii') as f:
        return any('->' in line and 'FLOCK' in line and f':{inode} ' in line for line in f)


@pytest.fixture
def wait_for_lock_waiter() -> Callable[[Path], None]:
    """Waits until someone blocks on a lock file (read from /proc/locks); fails the test after
    :data:`WAIT_LIMIT` seconds."""
    def wait(lock_file: Path) -> None:
        deadline = time.monotonic() + WAIT_LIMIT
        while not _waiting_on(lock_file):
            if time.monotonic() > deadline:
                pytest.fail(f'nobody waited on {lock_file} within {WAIT_LIMIT} s')
            time.sleep(0.05)
    return wait


@pytest.fixture
def wait_for_event() -> Callable[[threading.Event], None]:
    """Waits until an event is set; fails the test after :data:`WAIT_LIMIT` seconds."""
    def wait(event: threading.Event) -> None:
        if not event.wait(WAIT_LIMIT):
            pytest.fail(f'the event was not set within {WAIT_LIMIT} s')
    return wait
