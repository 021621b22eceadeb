"""Downloads that survive: a dropped connection, Ctrl-C and a kill keep the bytes received in a
partial file (never under the final name) and the next call resumes with Range."""
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bdd100k_zoo.hub import IncompleteDownloadError, download_checkpoint
from bdd100k_zoo.hub.download import partial_path

WAIT_LIMIT = 120


def partial_of(zoo) -> Path:
    return Path(partial_path(str(zoo.cached), zoo.md5))


def leave_partial(zoo) -> int:
    """A first download cut off for good (the server drops every answer half-way); returns the
    bytes it kept."""
    route = zoo.serve(truncate_at=len(zoo.checkpoint) // 2, ranges=False)
    with pytest.raises(IncompleteDownloadError):
        download_checkpoint(zoo.name)
    route.truncate_at, route.ranges = None, True
    assert not zoo.cached.exists()
    return partial_of(zoo).stat().st_size


def test_next_call_resumes_a_dropped_download_with_range(zoo):
    kept = leave_partial(zoo)
    assert 0 < kept < len(zoo.checkpoint)
    assert partial_of(zoo).read_bytes() == zoo.checkpoint[:kept]
    before = len(zoo.server.requests(zoo.pth_path))
    assert download_checkpoint(zoo.name) == str(zoo.cached)
    (resumed,) = zoo.server.requests(zoo.pth_path)[before:]
    assert (resumed.range, resumed.status, resumed.sent) == (
        f'bytes={kept}-', 206, len(zoo.checkpoint) - kept)
    assert hashlib.md5(zoo.cached.read_bytes()).hexdigest() == zoo.md5
    assert zoo.files() == ['checkpoints/det/tiny_det_bdd100k.md5',
                           'checkpoints/det/tiny_det_bdd100k.pth']


def test_server_ignoring_range_restarts_cleanly(zoo, hub_messages):
    leave_partial(zoo)
    zoo.server.routes[zoo.pth_path].ranges = False
    download_checkpoint(zoo.name)
    last = zoo.server.requests(zoo.pth_path)[-1]
    assert (last.status, last.sent) == (200, len(zoo.checkpoint))
    assert zoo.cached.read_bytes() == zoo.checkpoint
    assert any('does not support resuming' in message for message in hub_messages)


def test_wrong_partial_bytes_are_detected_and_downloaded_again(zoo, hub_messages):
    zoo.serve()
    partial = partial_of(zoo)
    partial.parent.mkdir(parents=True)
    partial.write_bytes(b'\x80' + b'\x00' * 1000)  # starts like a pickle, wrong bytes
    download_checkpoint(zoo.name)
    assert zoo.cached.read_bytes() == zoo.checkpoint
    assert not partial.exists()
    assert any('downloading it again from the start' in message for message in hub_messages)


def test_complete_partial_file_is_finished_after_a_416(zoo):
    """Killed between the last byte and the rename: the server cannot serve bytes past the end."""
    zoo.serve()
    partial = partial_of(zoo)
    partial.parent.mkdir(parents=True)
    partial.write_bytes(zoo.checkpoint)
    download_checkpoint(zoo.name)
    assert [r.status for r in zoo.server.requests(zoo.pth_path)] == [416, 200]
    assert zoo.cached.read_bytes() == zoo.checkpoint


def _start(zoo, repo_root) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, '-m', 'bdd100k_zoo.cli', 'download', zoo.name],
                            cwd=repo_root, env=dict(os.environ), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _wait_for_bytes(path: Path, more_than: int) -> None:
    deadline = time.monotonic() + WAIT_LIMIT
    while not (path.exists() and path.stat().st_size > more_than):
        if time.monotonic() > deadline:
            pytest.fail(f'{path} did not grow past {more_than} bytes within {WAIT_LIMIT} s')
        time.sleep(0.05)


@pytest.mark.slow  # three interpreters importing torch: about 25 s
def test_ctrl_c_and_kill_keep_the_bytes_and_the_next_call_resumes(zoo, repo_root,
                                                                  wait_for_event):
    size = len(zoo.checkpoint)
    partial = partial_of(zoo)
    route = zoo.serve(hold_at=size // 3)
    interrupted = _start(zoo, repo_root)
    wait_for_event(route.reached)
    _wait_for_bytes(partial, 0)
    interrupted.send_signal(signal.SIGINT)
    out, err = interrupted.communicate(timeout=WAIT_LIMIT)
    route.release.set()
    assert interrupted.returncode == 130, err
    assert out == '' and 'interrupted' in err and 'resumes' in err
    after_interrupt = partial.stat().st_size
    assert partial.read_bytes() == zoo.checkpoint[:after_interrupt]
    assert not zoo.cached.exists()

    route = zoo.serve(hold_at=(size - after_interrupt) // 2)  # a fresh route: hold again
    killed = _start(zoo, repo_root)
    wait_for_event(route.reached)
    _wait_for_bytes(partial, after_interrupt)
    killed.kill()
    killed.communicate(timeout=WAIT_LIMIT)
    route.release.set()
    after_kill = partial.stat().st_size
    assert partial.read_bytes() == zoo.checkpoint[:after_kill]
    assert not zoo.cached.exists()

    zoo.serve()
    finished = _start(zoo, repo_root)
    out, err = finished.communicate(timeout=WAIT_LIMIT)
    assert finished.returncode == 0, err
    assert out == f'{zoo.cached}\n'
    last = zoo.server.requests(zoo.pth_path)[-1]  # the cut-off answers may never be logged
    assert (last.range, last.status, last.sent) == (f'bytes={after_kill}-', 206,
                                                    size - after_kill)
    assert hashlib.md5(zoo.cached.read_bytes()).hexdigest() == zoo.md5
    assert not partial.exists()
