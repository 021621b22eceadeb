"""Association time of BDD100KQuasiDenseTracker vs mmdet's QuasiDenseTracker on the same video.

A synthetic 200-frame video with exactly 100 detections per frame (about 65 visible objects of 8
classes plus duplicates and false positives, 256-d embeddings) is replayed through both trackers with
the published BDD100K settings; the outputs must be identical. Only the time spent inside
``tracker.track`` counts; after a warm-up run, each tracker runs ``--repeats`` times (interleaved) and
the median is reported.

Torch runs single-threaded: every association op is tiny, and intra-op threads only add
synchronisation, which on a busy machine costs more than the work (for both trackers).

Usage: ``python benchmarks/bench_tracker.py [--repeats N]``; the last line reads
``bench_tracker: ratio=<ours/peer> (ours X s, peer Y s)`` (below 1: ours is faster).
"""
import argparse
import inspect
import statistics
import time
from typing import Any

import torch
from mmdet.models.trackers import QuasiDenseTracker
from mmengine.structures import InstanceData

from tracking_replay import DetectionFrame, replay
from synthetic_videos import synthesize_video
from bdd100k_zoo.track.tracker import BDD100KQuasiDenseTracker


class TimedTracker:
    """Forwards ``reset`` and ``track`` to a tracker, adding up the time spent in ``track``."""

    def __init__(self, tracker: Any) -> None:
        self.tracker = tracker
        self.seconds = 0.0

    def reset(self) -> None:
        """Reset the tracker."""
        self.tracker.reset()

    def track(self, **kwargs) -> InstanceData:
        """Track one frame, timed."""
        start = time.perf_counter()
        result = self.tracker.track(**kwargs)
        self.seconds += time.perf_counter() - start
        return result


def timed_replay(tracker: Any, frames: list[DetectionFrame]) -> tuple[float, list[InstanceData]]:
    """Seconds spent tracking ``frames`` from a reset tracker, and the outputs."""
    timed = TimedTracker(tracker)
    results = replay(timed, frames)
    return timed.seconds, results


def check_identical(ours: list[InstanceData], peer: list[InstanceData]) -> None:
    """Raise if any frame's output differs."""
    for index, (mine, theirs) in enumerate(zip(ours, peer, strict=True)):
        for field in theirs.keys():
            if not torch.equal(mine.get(field), theirs.get(field)):
                raise SystemExit(f'bench_tracker: outputs differ at frame {index}, field {field}')


def main() -> None:
    """Run the benchmark and print the ratio last."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--repeats', type=int, default=5, help='timed runs per tracker after warm-up')
    args = parser.parse_args()
    torch.set_num_threads(1)
    frames = synthesize_video(num_frames=200, num_objects=100, dets_per_frame=100, seed=0)
    ours = BDD100KQuasiDenseTracker()  # its defaults are the published BDD100K settings
    peer = QuasiDenseTracker(**{name: getattr(ours, name)
                                for name in inspect.signature(BDD100KQuasiDenseTracker).parameters})
    _, our_results = timed_replay(ours, frames)
    _, peer_results = timed_replay(peer, frames)
    check_identical(our_results, peer_results)
    tracked = sum(len(result) for result in our_results) / len(frames)
    print(f'{len(frames)} frames, {len(frames[0].scores)} detections/frame, '
          f'{tracked:.1f} tracked/frame, {ours.num_tracks} ids: outputs identical')
    times: dict[str, list[float]] = dict(ours=[], peer=[])
    for _ in range(args.repeats):
        times['peer'].append(timed_replay(peer, frames)[0])
        times['ours'].append(timed_replay(ours, frames)[0])
    our_time, peer_time = statistics.median(times['ours']), statistics.median(times['peer'])
    print(f'per frame: ours {1e3 * our_time / len(frames):.2f} ms, '
          f'peer {1e3 * peer_time / len(frames):.2f} ms')
    print(f'bench_tracker: ratio={our_time / peer_time:.3f} '
          f'(ours {our_time:.3f} s, peer {peer_time:.3f} s)')


if __name__ == '__main__':
    main()
