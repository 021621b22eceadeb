"""Full-size in-loop metrics: our mmengine metrics vs the official toolkit, on the same data.

Three tasks at the size of the BDD100K val/test sets: det (10,000 frames, 100 detections each,
about 20 ground-truth boxes per frame, some crowds and ignored categories), sem_seg (1,000 frames
at 1280x720, 19 classes and ignore) and drivable (1,000 frames, 3 classes). The data are generated
once (:func:`det_data`, :func:`seg_masks`), then each side of each task runs in a fresh process:

- ours: the registered metric (``BDD100KDetMetric``, ``BDD100KSemSegMetric``,
  ``BDD100KDrivableMetric``) as the runner drives it: ``process`` on batches of 8 data samples
  (tensors) and ``evaluate``; the timer covers those calls only (making the model outputs is
  the model's work), and det's ``evaluate`` reads the ground-truth JSON file itself.
- official: det, scalabel's ``evaluate_det`` on Scalabel frames already in memory (loading the
  JSON files, 1-2 minutes with scalabel's loader, is not timed); sem_seg/drivable, the bdd100k
  toolkit's ``evaluate_sem_seg``/``evaluate_drivable`` on the folders of mask PNGs (its input;
  reading them is part of it). Both single-process.

Times are CPU seconds of each process (``time.process_time``; both sides are single-threaded,
run with ``OMP_NUM_THREADS=1``), so that other work on a busy machine does not skew the ratio; on
an idle machine they equal wall time. Every number the official side reports must equal ours
exactly. Each side's memory is the peak
RSS of its process (``ru_maxrss``, which includes the inputs it holds), also shown over the RSS
after importing its libraries (torch, mmdet and mmseg make most of ours).

Usage: ``nice -n 5 python benchmarks/bench_metrics.py [--quick] [--det-frames N] [--seg-frames N]
[--data DIR]``; prints one line per task, and last
``bench_metrics: ratio=<ours/official> (ours X s, official Y s)`` for the task with the worst ratio
(below 1: ours is faster). ``--quick`` uses 200 det and 12 mask frames. Measured here
(2026-12-06, full size): det ours 25.3 s vs official 129.8 s, sem_seg 13.3 s vs 22.0 s, drivable
9.2 s vs 19.2 s (CPU seconds); the whole run took 48 minutes of wall time on a shared, busy
machine, mostly generating the data and waiting for the CPU.
"""
import argparse
import json
import os
import os.path as osp
import resource
import subprocess
import sys
import tempfile
import time
from typing import Any, Dict, Iterator, List, Tuple

import numpy as np

TASKS = ('det', 'sem_seg', 'drivable')
SIZES = {'full': {'det': 10_000, 'seg': 1_000}, 'quick': {'det': 200, 'seg': 12}}
HEIGHT, WIDTH = 720, 1280
BATCH = 8
DETECTIONS = 100
#: Ground-truth categories (official det names, and two the official config maps to ignored).
GT_CATEGORIES = ('pedestrian', 'rider', 'car', 'truck', 'bus', 'train', 'motorcycle', 'bicycle',
                 'traffic light', 'traffic sign', 'other person', 'other vehicle')
GT_WEIGHTS = np.array([10, 1, 50, 4, 2, 0.1, 0.5, 1, 12, 15, 0.5, 0.5])
SEG_CLASSES = {'sem_seg': 19, 'drivable': 3}


def det_data(frames: int, seed: int = 0) -> Tuple[List[Dict], Dict[str, np.ndarray]]:
    """Ground-truth frames and detections (``bboxes`` xyxy float32, ``scores``, ``labels``,
    ``offsets`` per frame) with plausible overlap: 1-3 jittered detections per object, mostly of
    its class, the rest random low-scored boxes, 100 per frame."""
    from bdd100k_zoo.labels.categories import DET_CLASSES
    rng = np.random.default_rng(seed)
    gt_frames, boxes, scores, labels = [], [], [], []
    for index in range(frames):
        count = int(np.clip(rng.poisson(20), 1, 60))
        size = np.exp(rng.uniform(np.log(6), np.log(400), count))
        aspect = np.exp(rng.normal(0, 0.4, count))
        w, h = np.minimum(size * aspect, WIDTH - 2), np.minimum(size / aspect, HEIGHT - 2)
        x1, y1 = rng.uniform(0, WIDTH - 1 - w), rng.uniform(0, HEIGHT - 1 - h)
        corners = np.round(np.stack([x1, y1, x1 + w, y1 + h], 1), 1)
        names = rng.choice(len(GT_CATEGORIES), count, p=GT_WEIGHTS / GT_WEIGHTS.sum())
        crowd = rng.random(count) < 0.01
        gt_frames.append({'name': f'{index:08d}.jpg', 'attributes': {
            'weather': ('clear', 'rainy', 'snowy')[index % 3], 'timeofday': 'daytime'}, 'labels': [
            {'id': str(i), 'category': GT_CATEGORIES[names[i]],
             'attributes': {'crowd': True} if crowd[i] else {},
             'box2d': dict(zip(('x1', 'y1', 'x2', 'y2'), corners[i].tolist()))}
            for i in range(count)]})
        copies = rng.integers(1, 4, count)
        source = np.repeat(np.arange(count), copies)[:DETECTIONS]
        jitter = rng.normal(0, 0.08, (len(source), 4)) * np.repeat(np.stack([w, h, w, h], 1),
                                                                   copies, 0)[:DETECTIONS]
        near = np.stack([x1, y1, x1 + w, y1 + h], 1)[source] + jitter
        near_labels = np.minimum(names[source], len(DET_CLASSES) - 1)
        wrong = rng.random(len(source)) < 0.1
        near_labels[wrong] = rng.integers(0, len(DET_CLASSES), int(wrong.sum()))
        extra = DETECTIONS - len(source)
        rx, ry = rng.uniform(0, WIDTH - 20, extra), rng.uniform(0, HEIGHT - 20, extra)
        rw, rh = rng.uniform(4, 200, extra), rng.uniform(4, 200, extra)
        far = np.stack([rx, ry, rx + rw, ry + rh], 1)
        frame_boxes = np.concatenate([near, far]).clip(0, [WIDTH, HEIGHT, WIDTH, HEIGHT])
        frame_boxes[:, 2:] = np.maximum(frame_boxes[:, 2:], frame_boxes[:, :2] + 1)
        boxes.append(frame_boxes.astype(np.float32))
        scores.append(np.concatenate([rng.beta(5, 2, len(source)),
                                      rng.beta(1, 6, extra)]).astype(np.float32))
        labels.append(np.concatenate([near_labels, rng.integers(0, len(DET_CLASSES), extra)]))
    return gt_frames, {'bboxes': np.concatenate(boxes), 'scores': np.concatenate(scores),
                       'labels': np.concatenate(labels),
                       'offsets': np.arange(frames + 1) * DETECTIONS}


def seg_masks(task: str, index: int) -> Tuple[np.ndarray, np.ndarray]:
    """A frame's ground-truth and predicted class masks: 16x16-pixel blocks of random classes
    (sem_seg: some 255), the prediction wrong on about 20% of the blocks."""
    rng = np.random.default_rng([SEG_CLASSES[task], index])
    classes = SEG_CLASSES[task]
    if task == 'drivable':
        coarse = rng.choice(3, (HEIGHT // 16, WIDTH // 16), p=[0.25, 0.15, 0.6]).astype(np.uint8)
    else:
        coarse = rng.integers(0, classes, (HEIGHT // 16, WIDTH // 16)).astype(np.uint8)
        coarse[rng.random(coarse.shape) < 0.05] = 255
    pred = coarse.copy()
    wrong = rng.random(coarse.shape) < 0.2
    pred[wrong] = rng.integers(0, classes, int(wrong.sum()))
    pred[pred == 255] = rng.integers(0, classes)
    return tuple(np.repeat(np.repeat(mask, 16, 0), 16, 1) for mask in (coarse, pred))


def write_data(folder: str, det_frames: int, seg_frames: int) -> None:
    """Generates every input into ``folder``: ``det_gt.json``, ``det_preds.npz`` and the
    ``<task>/{gt,pred}/<name>.png`` masks."""
    from PIL import Image

    from bdd100k_zoo.export.atomic import write_json
    gt_frames, preds = det_data(det_frames)
    write_json(osp.join(folder, 'det_gt.json'), gt_frames)
    np.savez(osp.join(folder, 'det_preds.npz'), **preds)
    for task in ('sem_seg', 'drivable'):
        for side in ('gt', 'pred'):
            os.makedirs(osp.join(folder, task, side), exist_ok=True)
        for index in range(seg_frames):
            for side, mask in zip(('gt', 'pred'), seg_masks(task, index)):
                Image.fromarray(mask).save(osp.join(folder, task, side, f'{index:08d}.png'),
                                           compress_level=1)


def det_samples(folder: str) -> Iterator[List[Dict[str, Any]]]:
    """Batches of det data samples, as mmdet's test loop hands them to the metric."""
    import torch
    preds = dict(np.load(osp.join(folder, 'det_preds.npz')))  # read each array once
    offsets = preds['offsets']
    batch = []
    for index in range(len(offsets) - 1):
        part = slice(offsets[index], offsets[index + 1])
        batch.append({'name': f'{index:08d}.jpg', 'img_path': f'{index:08d}.jpg',
                      'pred_instances': {key: torch.from_numpy(preds[key][part])
                                         for key in ('bboxes', 'scores', 'labels')}})
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def seg_samples(task: str, frames: int) -> Iterator[List[Dict[str, Any]]]:
    """Batches of seg data samples (ground truth and prediction as 1 x H x W tensors)."""
    import torch
    for start in range(0, frames, BATCH):
        batch = []
        for index in range(start, min(start + BATCH, frames)):
            gt, pred = seg_masks(task, index)
            batch.append({'name': f'{index:08d}.jpg', 'img_path': f'{index:08d}.jpg',
                          'gt_sem_seg': {'data': torch.from_numpy(gt)[None]},
                          'pred_sem_seg': {'data': torch.from_numpy(pred)[None].long()}})
        yield batch


def run_ours(task: str, folder: str) -> Tuple[float, Dict[str, float]]:
    """Our metric over the data: seconds in ``process`` + ``evaluate``, and its numbers."""
    from mmengine.registry import init_default_scope
    if task == 'det':
        import bdd100k_zoo.det  # noqa: F401
        from mmdet.registry import METRICS
        from bdd100k_zoo.labels.categories import DET_CLASSES
        init_default_scope('mmdet')
        metric = METRICS.build(dict(type='BDD100KDetMetric'))
        metric.dataset_meta = {'classes': DET_CLASSES,
                               'ann_file': osp.join(folder, 'det_gt.json')}
        batches = det_samples(folder)
    else:
        import bdd100k_zoo.seg  # noqa: F401
        from mmseg.registry import METRICS
        init_default_scope('mmseg')
        kind = {'sem_seg': 'BDD100KSemSegMetric', 'drivable': 'BDD100KDrivableMetric'}[task]
        metric = METRICS.build(dict(type=kind, **({'instance_dir': ''} if task == 'sem_seg'
                                                  else {})))
        metric.dataset_meta = {}
        batches = seg_samples(task, len(os.listdir(osp.join(folder, task, 'gt'))))
    seconds, size = 0.0, 0
    for batch in batches:
        start = time.process_time()
        metric.process({}, batch)
        seconds += time.process_time() - start
        size += len(batch)
    start = time.process_time()
    numbers = metric.evaluate(size)
    seconds += time.process_time() - start
    return seconds, {key.split('/', 1)[1]: value for key, value in numbers.items()}


def run_official(task: str, folder: str) -> Tuple[float, Dict[str, float]]:
    """The official evaluation of the same data: seconds and its numbers."""
    if task != 'det':
        from bdd100k.eval.seg import evaluate_drivable, evaluate_sem_seg
        evaluate = {'sem_seg': evaluate_sem_seg, 'drivable': evaluate_drivable}[task]
        paths = [sorted(osp.join(folder, task, side, name)
                        for name in os.listdir(osp.join(folder, task, side)))
                 for side in ('gt', 'pred')]
        start = time.process_time()
        result = evaluate(*paths, nproc=1, with_logs=False)
        return time.process_time() - start, result.summary()
    from scalabel.eval.detect import evaluate_det

    from bdd100k_zoo.evaluation.configs import TASK_SPECS, scalabel_config
    from bdd100k_zoo.evaluation.inputs import Origin, prepare_frames
    from bdd100k_zoo.evaluation.scalabel_io import quiet, to_frames
    from bdd100k_zoo.evaluation.scores import from_result
    from bdd100k_zoo.export.predictions import box_labels
    from bdd100k_zoo.labels.categories import DET_CLASSES
    with open(osp.join(folder, 'det_gt.json')) as f:
        gt = prepare_frames(json.load(f), TASK_SPECS['det'], Origin('gt'), prediction=False)
    preds = dict(np.load(osp.join(folder, 'det_preds.npz')))  # read each array once
    offsets = preds['offsets']
    pred_frames = [{'name': f'{i:08d}.jpg', 'labels': box_labels(
        *(preds[key][offsets[i]:offsets[i + 1]] for key in ('bboxes', 'scores', 'labels')),
        DET_CLASSES)} for i in range(len(offsets) - 1)]
    gt_frames, pred_frames = to_frames(gt), to_frames(pred_frames)
    start = time.process_time()
    with quiet():
        result = evaluate_det(gt_frames, pred_frames, scalabel_config('det'), 1)
    seconds = time.process_time() - start
    return seconds, from_result('det', result, DET_CLASSES).summary


def rss_mb() -> float:
    """This process's resident memory now."""
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2 ** 20


def measure(side: str, task: str, folder: str) -> None:
    """Runs one side of one task in this process and prints its JSON result line: seconds,
    numbers, peak RSS, and the RSS after importing its libraries (what the run adds is the
    difference)."""
    if side == 'ours':
        import bdd100k_zoo.det  # noqa: F401
        import bdd100k_zoo.seg  # noqa: F401
        from bdd100k_zoo.evaluation import box_ap, segmentation  # noqa: F401
    else:
        import bdd100k.eval.seg  # noqa: F401
        import scalabel.eval.detect  # noqa: F401
    imported = rss_mb()
    seconds, numbers = (run_ours if side == 'ours' else run_official)(task, folder)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({'seconds': seconds, 'peak_mb': peak, 'imports_mb': imported,
                      'numbers': {k: float(v) for k, v in numbers.items()}}))


def in_fresh_process(side: str, task: str, folder: str) -> Dict[str, Any]:
    """:func:`measure` in a new Python process (a fresh peak RSS)."""
    out = subprocess.run([sys.executable, __file__, '--measure', side, task, '--data', folder],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def differences(ours: Dict[str, float], official: Dict[str, float]) -> List[str]:
    """The official numbers ours does not reproduce exactly (NaN equals NaN)."""
    return [f'{key}: ours {ours.get(key)!r}, official {value!r}' for key, value in official.items()
            if not (key in ours and (ours[key] == value
                                     or (np.isnan(ours[key]) and np.isnan(value))))]


def compare(folder: str) -> List[Tuple[str, float, Dict, Dict]]:
    """Runs both sides of every task; returns ``(task, ratio, ours, official)`` per task."""
    rows = []
    for task in TASKS:
        official = in_fresh_process('official', task, folder)
        ours = in_fresh_process('ours', task, folder)
        wrong = differences(ours['numbers'], official['numbers'])
        if wrong:
            raise SystemExit(f'{task}: numbers differ from the official ones: {wrong[:5]}')
        ratio = ours['seconds'] / official['seconds']
        print(f'{task}: ours {ours["seconds"]:.1f} s (peak RSS {ours["peak_mb"]:.0f} MB, '
              f'{ours["peak_mb"] - ours["imports_mb"]:.0f} MB over imports), official '
              f'{official["seconds"]:.1f} s (peak RSS {official["peak_mb"]:.0f} MB, '
              f'{official["peak_mb"] - official["imports_mb"]:.0f} MB over imports), ratio '
              f'{ratio:.3f}, {len(official["numbers"])} numbers identical', flush=True)
        rows.append((task, ratio, ours, official))
    return rows


def main() -> None:
    """Generate the data, run both sides of every task, print the worst ratio last."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--quick', action='store_true', help='small data (a test uses it)')
    parser.add_argument('--data', help='folder for the generated data (default: a temporary one)')
    parser.add_argument('--det-frames', type=int, help='det frames instead of the full 10,000')
    parser.add_argument('--seg-frames', type=int, help='mask frames instead of the full 1,000')
    parser.add_argument('--measure', nargs=2, metavar=('SIDE', 'TASK'), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(*args.measure, args.data)
        return
    with tempfile.TemporaryDirectory(prefix='bench-metrics-') as scratch:
        folder = args.data or scratch
        start = time.perf_counter()
        size = SIZES['quick' if args.quick else 'full']
        write_data(folder, args.det_frames or size['det'], args.seg_frames or size['seg'])
        print(f'generated the data in {time.perf_counter() - start:.0f} s', flush=True)
        rows = compare(folder)
    task, ratio, ours, official = max(rows, key=lambda row: row[1])
    print(f'bench_metrics: ratio={ratio:.3f} (ours {ours["seconds"]:.1f} s, official '
          f'{official["seconds"]:.1f} s)')


if __name__ == '__main__':
    main()
