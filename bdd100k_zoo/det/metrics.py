"""The official BDD100K detection and instance segmentation metrics in mmdet's evaluator."""
import json
import os
import os.path as osp
import shutil
import tempfile
import weakref
from itertools import islice
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np
from mmdet.registry import METRICS
from mmengine.logging import print_log

from ..evaluation.box_ap import (ImageBoxes, box_ap, image_matches, label_arrays,
                                 official_categories, xyxy_to_coco)
from ..evaluation.configs import TASK_SPECS
from ..evaluation.inputs import Origin, prepare_frames
from ..evaluation.matching import align_images
from ..evaluation.scores import Scores, from_result
from ..evaluation.slicing import slice_frames
from ..export.atomic import atomic_open, write_json
from ..export.predictions import box_labels
from ..export.visuals import write_visuals_zip
from ..labels import LabelError
from ..labels.boxes import xyxy_to_box2d
from ..labels.categories import DET_CLASSES
from ..labels.frames import Frame, read_frames
from ..labels.instances import rle_xyxy
from ..runtime.official_metric import BDD100KOfficialMetric
from .ins_seg_dataset import IMAGE_SUFFIX
from .instances import bitmask_frame
from .submission import mask_labels, write_bitmask_zip


def frame_name(data_sample: Dict[str, Any]) -> str:
    """The Scalabel frame name of a data sample (its ``name`` meta, else the image file name)."""
    return data_sample.get('name') or osp.basename(data_sample['img_path'])


#: What :class:`BDD100KDetMetric` keeps per image: ``name``, ``img_path``, ``bboxes`` (N x 4
#: OpenMMLab ``[x1, y1, x2, y2)``), ``scores`` (N) and ``labels`` (N class indices).
DetRecord = Dict[str, Any]
#: The record of an image without prediction.
EMPTY: DetRecord = {'bboxes': np.zeros((0, 4)), 'scores': np.zeros(0),
                    'labels': np.zeros(0, dtype=np.int64)}


@METRICS.register_module()
class BDD100KDetMetric(BDD100KOfficialMetric):
    """Official BDD100K box AP (AP, AP50, AP75, APs/m/l, AR..., per class), as scalabel's
    ``evaluate_det`` computes it.

    Memory stays bounded on a full split: ``process`` keeps per image only its boxes, scores and
    class indices as small arrays (:data:`DetRecord`), not Scalabel label dicts. ``compute_metrics``
    matches each image once (:mod:`bdd100k_zoo.evaluation.box_ap`, identical numbers to
    ``evaluate_det`` and faster) and reuses the matches for ``slice_by``; the Scalabel frames of
    ``preds.json`` are built only while it is written.

    See :class:`bdd100k_zoo.runtime.official_metric.BDD100KOfficialMetric` for the arguments
    (``ann_file``, ``output_dir``, ``slice_by``, ...; ``nproc`` is not needed).
    """

    task = 'det'

    def process(self, data_batch: Any, data_samples: Sequence[Dict[str, Any]]) -> None:
        """Keeps each image's :meth:`record`."""
        self.results.extend(self.record(sample) for sample in data_samples)

    def record(self, data_sample: Dict[str, Any]) -> DetRecord:
        """An image's name, image path and checked detections, as arrays (copied, so that they
        hold no larger tensor alive)."""
        pred = data_sample['pred_instances']
        record = {'name': frame_name(data_sample), 'img_path': data_sample.get('img_path'),
                  'bboxes': np.array(pred['bboxes'].cpu()).reshape(-1, 4),
                  'scores': np.array(pred['scores'].cpu()).reshape(-1),
                  'labels': np.array(pred['labels'].cpu()).reshape(-1)}
        check_detections(record, self.dataset_meta['classes'])
        return record

    def to_frame(self, data_sample: Dict[str, Any]) -> Frame:
        return self.record_frame(self.record(data_sample))

    def record_frame(self, record: DetRecord) -> Frame:
        """The Scalabel prediction frame of an image's record."""
        return {'name': record['name'],
                'labels': box_labels(record['bboxes'], record['scores'], record['labels'],
                                     self.dataset_meta['classes'])}

    def compute_metrics(self, results: List[DetRecord]) -> Dict[str, float]:
        """Scores every image (and each slice), writes the output files, returns the metrics."""
        gt_file = self.label_file()
        images, gt_frames = self.paired_boxes(results, gt_file)
        matches = [image_matches(image) for image in images]
        position = {id(frame): i for i, frame in enumerate(gt_frames)}
        slices = {}
        for attribute in self.slice_by:
            slices[attribute] = {}
            for value, frames in slice_frames(gt_frames, attribute, video=False).items():
                kept = sorted(position[id(frame)] for frame in frames)
                slices[attribute][value] = det_scores([images[i] for i in kept],
                                                      [matches[i] for i in kept])
        return self.publish(det_scores(images, matches), slices, results)

    def paired_boxes(self, results: List[DetRecord], gt_file: str
                     ) -> Tuple[List[ImageBoxes], List[Frame]]:
        """The boxes of each ground-truth image with its predictions, in the official order
        (sorted by name), and the checked ground-truth frames in that order.

        Predictions pair with the ground truth as in :func:`bdd100k_zoo.evaluation.evaluate`
        (a prediction of an unknown or repeated image is an error; an image without one is
        scored as empty, with a warning).
        """
        spec = TASK_SPECS['det']
        gt_origin, pred_origin = Origin(gt_file), Origin('predictions')
        gt_frames = read_frames(gt_file)
        if not gt_frames:
            raise LabelError(f'{gt_file}: no ground-truth frames')
        gt_frames = sorted(prepare_frames(gt_frames, spec, gt_origin, prediction=False),
                           key=lambda frame: frame['name'])
        aligned = align_images(gt_frames, [{'name': record['name'], 'record': index}
                                           for index, record in enumerate(results)],
                               gt_origin, pred_origin)
        index = category_index()
        predicted = self.category_indices(index)
        images = []
        for gt_frame, pred in zip(gt_frames, aligned):
            boxes, categories, crowd, _ = label_arrays(gt_frame.get('labels') or [], index)
            record = results[pred['record']] if 'record' in pred else EMPTY
            images.append(ImageBoxes(boxes, categories, crowd, xyxy_to_coco(record['bboxes']),
                                     record['scores'].astype(np.float64),
                                     predicted[record['labels'].astype(np.int64)]))
        return images, gt_frames

    def category_indices(self, index: Dict[str, int]) -> np.ndarray:
        """The official category index of each of the model's classes (names mapped as the
        official config does)."""
        spec = TASK_SPECS['det']
        classes = self.dataset_meta['classes']
        unknown = [name for name in classes if name not in spec.categories]
        if unknown:
            raise LabelError(f'predictions: unknown categories {unknown} for det (expected one '
                             f'of {", ".join(spec.classes)})')
        return np.array([index[spec.categories[name][0]] for name in classes], dtype=np.int64)

    def write_outputs(self, report: Dict[str, Any], results: List[DetRecord]) -> None:
        """Writes ``scores.json``, ``preds.json`` (frame by frame) and ``visuals.zip``."""
        write_json(osp.join(self.output_dir, 'scores.json'), report, indent=2)
        write_json_list(osp.join(self.output_dir, 'preds.json'),
                        (self.record_frame(record) for record in results))
        if self.max_visuals:
            shown = [(self.record_frame(record), record['img_path']) for record in
                     islice((record for record in results if record['img_path']
                             and osp.isfile(record['img_path'])), self.max_visuals)]
            count = write_visuals_zip(osp.join(self.output_dir, 'visuals.zip'),
                                      self.render(shown), limit=self.max_visuals)
            print_log(f'wrote {count} visuals to {self.output_dir}/visuals.zip', logger='current')
        print_log(f'wrote scores.json and preds.json to {self.output_dir}', logger='current')


def check_detections(record: DetRecord, classes: Sequence[str]) -> None:
    """Checks an image's detections as the official evaluation's input checks would.

    Raises:
        LabelError: naming the frame and the first bad detection: a class index outside
            ``classes``, a score that is not finite, or a box of negative width or height.
    """
    boxes, scores, labels = record['bboxes'], record['scores'], record['labels']
    if not len(boxes) == len(scores) == len(labels):
        raise LabelError(f'predictions: frame {record["name"]!r}: {len(boxes)} boxes, '
                         f'{len(scores)} scores and {len(labels)} labels')
    problems = (('class index outside 0..%d' % (len(classes) - 1),
                 (labels < 0) | (labels >= len(classes))),
                ('score that is not finite', ~np.isfinite(scores)),
                ('box of negative width or height (or not finite)',
                 ~((boxes[:, 0] <= boxes[:, 2]) & (boxes[:, 1] <= boxes[:, 3]))))
    for problem, bad in problems:
        if bad.any():
            first = int(np.flatnonzero(bad)[0])
            raise LabelError(f'predictions: frame {record["name"]!r}, detection {first}: '
                             f'{problem}: box {boxes[first].tolist()}, score '
                             f'{scores[first]!r}, label {labels[first]!r}')


def category_index() -> Dict[str, int]:
    """``{official det category: index}`` in the official config's order."""
    return {name: i for i, name in enumerate(official_categories())}


def det_scores(images: Sequence[ImageBoxes], matches: Sequence[Any]) -> Scores:
    """Official box AP scores of images (in the official order) from their matches."""
    return from_result('det', box_ap(images, official_categories(), matches), DET_CLASSES)


def write_json_list(path: str, items: Iterable[Any]) -> None:
    """Writes a JSON list atomically, one item at a time (never the whole list in memory)."""
    with atomic_open(path) as f:
        f.write('[')
        for i, item in enumerate(items):
            f.write((', ' if i else '') + json.dumps(item))
        f.write(']')


@METRICS.register_module()
class BDD100KInsSegMetric(BDD100KOfficialMetric):
    """Official BDD100K mask AP (the headline numbers) and box AP (``bbox/...``) through scalabel.

    Predicted masks are made non-overlapping (higher scores win a pixel, as the official conversion
    of mmdet results does; the official evaluation would drop every prediction of an image whose
    masks overlap). Box AP scores the detector's boxes against the boxes of the ground-truth masks.
    With ``output_dir``, besides ``scores.json`` (mask scores, box scores under ``"bbox"``), the
    RLE submission ``preds.json`` and ``visuals.zip``, writes ``bitmasks.zip``: the bitmask
    submission the BDD100K server takes (``bitmasks/<stem>.png`` and ``score.json``).

    The ground truth is the dataset's RLE label file, or its folder of bitmask PNGs (read once into
    RLE frames).

    Args:
        bitmasks: write ``bitmasks.zip`` into ``output_dir``.
        **kwargs: as :class:`bdd100k_zoo.runtime.official_metric.BDD100KOfficialMetric`.
    """

    task = 'ins_seg'

    def __init__(self, *args: Any, bitmasks: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bitmasks = bitmasks
        self._box_scores: Optional[Any] = None
        self._converted: Dict[str, str] = {}

    def to_frame(self, data_sample: Dict[str, Any]) -> Frame:
        pred = data_sample['pred_instances']
        height, width = data_sample['ori_shape'][:2]
        return {'name': frame_name(data_sample), 'size': {'height': height, 'width': width},
                'labels': mask_labels(pred['bboxes'].cpu().numpy(), pred['scores'].cpu().numpy(),
                                      pred['labels'].cpu().numpy(), pred['masks'].cpu().numpy(),
                                      self.dataset_meta['classes'])}

    def label_file(self) -> str:
        """The RLE label file; a folder of bitmasks is converted (once) into one."""
        path = super().label_file()
        if not osp.isdir(path) or any(name.endswith('.json') for name in os.listdir(path)):
            return path
        if path not in self._converted:
            folder = tempfile.mkdtemp(prefix='bdd100k_ins_seg_gt_')
            weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
            frames = [bitmask_frame(osp.join(path, png), osp.splitext(png)[0] + IMAGE_SUFFIX)
                      for png in sorted(os.listdir(path)) if png.endswith('.png')]
            self._converted[path] = osp.join(folder, 'ins_seg_gt.json')
            write_json(self._converted[path], frames)
        return self._converted[path]

    def compute_metrics(self, results: List[Tuple[Frame, Optional[str]]]) -> Dict[str, float]:
        """Mask AP (and its slices, through the base class) plus box AP as ``bbox/<metric>``."""
        from ..evaluation import evaluate
        gt_frames = [with_mask_boxes(frame) for frame in read_frames(self.label_file())]
        self._box_scores = evaluate('det', gt_frames, [frame for frame, _ in results],
                                    nproc=self.nproc)
        print_log('\nbox ' + self._box_scores.table(), logger='current')
        metrics = super().compute_metrics(results)
        metrics.update({f'bbox/{name}': value for name, value in self._box_scores.summary.items()})
        return metrics

    def write_outputs(self, report: Dict[str, Any],
                      results: List[Tuple[Frame, Optional[str]]]) -> None:
        """Adds the box scores to ``scores.json`` and writes ``bitmasks.zip``."""
        box = self._box_scores.to_dict()
        classes = self.dataset_meta['classes']
        box['per_class'] = {name: row for name, row in box['per_class'].items() if name in classes}
        report['bbox'] = box
        super().write_outputs(report, results)
        if self.bitmasks:
            count = write_bitmask_zip(osp.join(self.output_dir, 'bitmasks.zip'),
                                      (frame for frame, _ in results), classes)
            print_log(f'wrote {count} bitmasks to {self.output_dir}/bitmasks.zip',
                      logger='current')


def with_mask_boxes(frame: Frame) -> Frame:
    """A copy of a ground-truth frame whose mask labels carry the ``box2d`` of their pixels.

    Labels without pixels (no box) are left out.
    """
    labels = []
    for label in frame.get('labels') or []:
        xyxy = rle_xyxy(label['rle']) if label.get('rle') else None
        if xyxy and xyxy[2] > xyxy[0]:
            labels.append(dict(label, box2d=xyxy_to_box2d(xyxy)))
    return dict(frame, labels=labels)
