"""Lane marking evaluation: ``bdd100k-zoo eval -t lane_mark`` vs the official implementation.

The peer is the official BDD100K toolkit's ``bdd100k.eval.lane.evaluate_lane_marking`` (what
``python -m bdd100k.eval.run -t lane_mark`` runs on folders of lane mask PNGs; PyPI ``bdd100k``
1.0.1, installed with ``--no-deps``). Both score the same generated 1280x720 frames
(:mod:`synthetic_lanes`: ground-truth and predicted masks in the official encoding) from the PNG
folders, reading included, in one process each; every score (per class, per attribute, overall)
must be equal. The official code is slow (seconds per frame), so each side runs once; the peer runs
first.

Usage: ``python benchmarks/bench_lane.py [--frames N]``; the last line reads
``bench_lane: ratio=<ours/peer> (ours X s, peer Y s)`` (below 1: ours is faster).
"""
import argparse
import math
import os
import tempfile
import time
import warnings

from synthetic_lanes import write_lane_frames
from bdd100k_zoo.evaluation import evaluate_files

try:
    from bdd100k.eval.lane import evaluate_lane_marking
except ImportError:
    raise SystemExit('bench_lane needs the official toolkit: pip install --no-deps bdd100k==1.0.1')


def official_numbers(result) -> dict:
    """``{'<metric>/<class or ATTRIBUTE>': value}`` and the overall ``<metric>`` of the peer."""
    numbers = {}
    for metric, groups in result.dict().items():
        for group in groups[:-2]:
            numbers.update({f'{metric}/{name}': value for name, value in group.items()})
    numbers.update(result.summary())
    return numbers


def our_numbers(scores) -> dict:
    """The same keys from our :class:`~bdd100k_zoo.evaluation.Scores`."""
    numbers = dict(scores.summary)
    for name, row in scores.per_class.items():
        numbers.update({f'{metric}/{name}': value for metric, value in row.items()})
    return numbers


def main() -> None:
    """Run the benchmark and print the ratio last."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--frames', type=int, default=100, help='generated frames')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix='bench-lane-') as folder:
        gt_dir, pred_dir = write_lane_frames(folder, args.frames)
        paths = [sorted(os.path.join(d, name) for name in os.listdir(d))
                 for d in (gt_dir, pred_dir)]
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', FutureWarning)  # skimage's binary_dilation
            peer = official_numbers(evaluate_lane_marking(*paths, nproc=1, with_logs=False))
        peer_time = time.perf_counter() - start
        start = time.perf_counter()
        ours = our_numbers(evaluate_files('lane_mark', gt_dir, pred_dir, nproc=1))
        our_time = time.perf_counter() - start
    if ours.keys() != peer.keys() or not all(math.isclose(ours[key], peer[key], abs_tol=1e-9)
                                             for key in peer):
        diff = {key: (ours.get(key), peer.get(key)) for key in peer if ours.get(key) != peer[key]}
        raise SystemExit(f'bench_lane: scores differ: {diff}')
    print(f'{args.frames} frames 1280x720, 1 process each: all {len(peer)} scores equal; '
          f'F1_pix1 {peer["F1_pix1"]:.4f}, F1_pix2 {peer["F1_pix2"]:.4f}, '
          f'F1_pix5 {peer["F1_pix5"]:.4f}')
    print(f'per frame: ours {1e3 * our_time / args.frames:.1f} ms, '
          f'peer {1e3 * peer_time / args.frames:.1f} ms')
    print(f'bench_lane: ratio={our_time / peer_time:.3f} '
          f'(ours {our_time:.3f} s, peer {peer_time:.3f} s)')


if __name__ == '__main__':
    main()
