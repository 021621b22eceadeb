"""Label loading: building ``BDD100KDetDataset`` vs ``scalabel.label.io.load`` on a det_20-sized file.

The file is generated with the size and field mix of the official ``det_20`` train labels (70,000
frames, about 18 boxes each, 1.26 million in all; frame ``name``, ``attributes`` (weather, scene,
timeofday), ``timestamp``; labels with ``id``, ``category``, ``attributes`` (occluded, truncated,
trafficLightColor) and ``box2d``). Each side runs in a fresh subprocess: ours builds the dataset
(``full_init``: reading, checking, mapping, packing), the peer is the toolkit's loader of the same
file. Time is wall time of that step (CPU time printed too: on a busy machine wall time also
measures the other processes); memory is what it adds: peak RSS (``ru_maxrss``) minus RSS
after the imports. Goals (issue 16): ratio at most 0.1, ours adding at most 0.7 GB.

With ``--task box_track`` the same frames form videos of 200 frames (``videoName``,
``frameIndex``; tracking categories only) and ours is building ``BDD100KBoxTrackDataset`` (grouping,
ordering, track ids too).

Usage: ``python benchmarks/bench_labels.py [--frames N] [--task det|box_track]``; the last line reads
``bench_labels: ratio=<ours/scalabel> (ours X s, scalabel Y s)``, after
``bench_labels: memory added ours X GB, scalabel Y GB``.
"""
import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from typing import Dict

import psutil

#: Boxes per frame of det_20 train (1,261,136 boxes / 70,000 frames).
BOXES_PER_FRAME = 1261136 / 70000
CATEGORIES = ('car', 'car', 'car', 'car', 'traffic sign', 'traffic light', 'pedestrian', 'truck',
              'bus', 'rider', 'bicycle', 'motorcycle', 'train', 'other vehicle')
WEATHERS = ('clear', 'overcast', 'rainy', 'snowy', 'partly cloudy', 'foggy', 'undefined')
SCENES = ('city street', 'highway', 'residential', 'parking lot', 'tunnel', 'gas stations')
TIMES = ('daytime', 'night', 'dawn/dusk', 'undefined')
LIGHTS = ('NA', 'G', 'R', 'Y')
#: The categories of box_track_20 (no traffic lights and signs), as often as in ``CATEGORIES``.
TRACK_CATEGORIES = tuple(name for name in CATEGORIES if not name.startswith('traffic'))
#: Frames per generated video (a box_track_20 video has about 200).
VIDEO_LENGTH = 200


def write_det_file(path: str, frames: int, seed: int = 0, videos: bool = False) -> int:
    """Writes ``frames`` det_20-like frames to ``path``; returns the number of boxes.

    With ``videos``, frames are box_track_20-like: videos of :data:`VIDEO_LENGTH` frames, each
    box its own track, tracking categories only.
    """
    rng = random.Random(seed)
    categories = TRACK_CATEGORIES if videos else CATEGORIES
    boxes = 0
    with open(path, 'w') as f:
        f.write('[')
        for index in range(frames):
            labels = []
            for _ in range(rng.randint(0, int(2 * BOXES_PER_FRAME))):
                x1, y1 = round(rng.uniform(0, 1200), 6), round(rng.uniform(0, 650), 6)
                category = rng.choice(categories)
                labels.append({
                    'id': str(boxes), 'category': category,
                    'attributes': {'occluded': rng.random() < 0.5, 'truncated': rng.random() < 0.1,
                                   'trafficLightColor': rng.choice(LIGHTS)
                                   if category == 'traffic light' else 'NA'},
                    'box2d': {'x1': x1, 'y1': y1, 'x2': round(x1 + rng.uniform(1, 80), 6),
                              'y2': round(y1 + rng.uniform(1, 70), 6)}})
                boxes += 1
            frame = {'name': f'{index:08x}-{index * 7919 % 16 ** 8:08x}.jpg',
                     'attributes': {'weather': rng.choice(WEATHERS), 'scene': rng.choice(SCENES),
                                    'timeofday': rng.choice(TIMES)},
                     'timestamp': 10000, 'labels': labels}
            if videos:
                frame.update(videoName=f'v{index // VIDEO_LENGTH:05d}',
                             frameIndex=index % VIDEO_LENGTH)
            f.write((',' if index else '') + json.dumps(frame))
        f.write(']')
    return boxes


def measure(side: str, path: str) -> Dict[str, float]:
    """Loads ``path`` the way ``side`` does (in this process): wall and CPU seconds, bytes added.

    ``side``: ``scalabel``, ``det`` or ``box_track`` (ours, building that task's dataset).
    """
    if side == 'det':
        from bdd100k_zoo.det.datasets import BDD100KDetDataset

        def load() -> int:
            return len(BDD100KDetDataset(ann_file=path, pipeline=[], check_images=False))
    elif side == 'box_track':
        from bdd100k_zoo.track.datasets import BDD100KBoxTrackDataset

        def load() -> int:
            dataset = BDD100KBoxTrackDataset(ann_file=path, pipeline=[], check_images=False,
                                             test_mode=True)
            return sum(dataset.get_len_per_video(i) for i in range(len(dataset)))
    else:
        from scalabel.label.io import load as scalabel_load

        def load() -> int:
            return len(scalabel_load(path).frames)
    after_imports = psutil.Process().memory_info().rss
    start, start_cpu = time.perf_counter(), time.process_time()
    frames = load()
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return dict(seconds=seconds, cpu=cpu, added=peak - after_imports, frames=frames)


def run_side(side: str, path: str) -> Dict[str, float]:
    """:func:`measure` in a fresh subprocess."""
    out = subprocess.run([sys.executable, __file__, '--measure', side, path], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    """Run the benchmark and print the ratio and the memory last."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--frames', type=int, default=70000, help='generated frames')
    parser.add_argument('--task', choices=('det', 'box_track'), default='det',
                        help='the dataset built (box_track: the frames form videos)')
    parser.add_argument('--measure', nargs=2, metavar=('SIDE', 'FILE'),
                        help=argparse.SUPPRESS)  # the subprocess of one side
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return
    with tempfile.TemporaryDirectory(prefix='bench-labels-') as folder:
        path = os.path.join(folder, 'det_train.json')
        boxes = write_det_file(path, args.frames, videos=args.task == 'box_track')
        print(f'{args.task}: {args.frames} frames, {boxes} boxes, '
              f'{os.path.getsize(path) / 1e6:.0f} MB')
        ours = run_side(args.task, path)
        peer = run_side('scalabel', path)
    if not ours['frames'] == peer['frames'] == args.frames:
        raise SystemExit(f'frame counts differ: ours {ours["frames"]}, scalabel {peer["frames"]}')
    print(f'bench_labels: CPU time ratio={ours["cpu"] / peer["cpu"]:.3f} (ours {ours["cpu"]:.1f} s, '
          f'scalabel {peer["cpu"]:.1f} s)')
    print(f'bench_labels: memory added ours {ours["added"] / 1e9:.2f} GB, scalabel '
          f'{peer["added"] / 1e9:.2f} GB')
    print(f'bench_labels: ratio={ours["seconds"] / peer["seconds"]:.3f} (ours '
          f'{ours["seconds"]:.1f} s, scalabel {peer["seconds"]:.1f} s)')


if __name__ == '__main__':
    main()
