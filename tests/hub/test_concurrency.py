"""Concurrent downloads of one checkpoint: the lock makes the second wait, then find the file."""
import os
import subprocess
import sys
import threading

import pytest

from bdd100k_zoo.hub import download_checkpoint


def check_single_download(zoo) -> None:
    """The server sent the checkpoint once, in full, and the cache holds it, verified."""
    (request,) = zoo.server.requests(zoo.pth_path)
    assert (request.status, request.complete) == (200, True)
    assert zoo.cached.read_bytes() == zoo.checkpoint
    assert zoo.files() == ['checkpoints/det/tiny_det_bdd100k.md5',
                           'checkpoints/det/tiny_det_bdd100k.pth']


def test_threads(zoo, hub_messages, wait_for_event, wait_for_lock_waiter):
    route = zoo.serve(hold_at=len(zoo.checkpoint) // 2)
    results = {}

    def download(key: str) -> None:
        try:
            results[key] = download_checkpoint(zoo.name)
        except Exception as err:  # reported by the assert below
            results[key] = err

    first = threading.Thread(target=download, args=('first',))
    first.start()
    wait_for_event(route.reached)  # the first thread holds the lock, mid-download
    second = threading.Thread(target=download, args=('second',))
    second.start()
    wait_for_lock_waiter(zoo.lock_file)  # the second one waits for it
    route.release.set()
    first.join()
    second.join()
    assert results == {'first': str(zoo.cached), 'second': str(zoo.cached)}
    check_single_download(zoo)
    assert any('waiting for another process' in message for message in hub_messages)


@pytest.mark.slow  # two interpreters importing torch: 7 s idle, 20-25 s on a busy 2-core machine
def test_processes(zoo, repo_root, wait_for_event, wait_for_lock_waiter):
    route = zoo.serve(hold_at=len(zoo.checkpoint) // 2)
    command = [sys.executable, '-m', 'bdd100k_zoo.cli', 'download', zoo.name]

    def start() -> subprocess.Popen:
        return subprocess.Popen(command, cwd=repo_root, env=dict(os.environ),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    first = start()
    try:
        wait_for_event(route.reached)
        second = start()
        try:
            wait_for_lock_waiter(zoo.lock_file)
        finally:
            route.release.set()
            outputs = [first.communicate(), second.communicate()]
    finally:
        route.release.set()
        first.kill()
    for process, (stdout, stderr) in zip((first, second), outputs):
        assert process.returncode == 0, stderr
        assert stdout == f'{zoo.cached}\n'
    assert 'waiting for another process' in outputs[1][1]
    check_single_download(zoo)
