"""Official BDD100K sem_seg / drivable scores in mmseg's evaluator, plus the submission files.

Memory stays bounded on a full-size split: each image's confusion histogram (and, for sem_seg, its
Cityscapes instance sums) is computed in ``process`` by :mod:`bdd100k_zoo.evaluation`, the code
``bdd100k-zoo eval`` runs on mask files, so an image leaves a few kilobytes of statistics behind
(not its masks), and ``compute_metrics`` adds them up. With ``output_dir``
(``tools/test.py --out-dir``) each predicted mask waits as a PNG file (see
:class:`bdd100k_zoo.seg.submission.MaskSpool`) and the metric writes ``scores.json``, the
submission (``masks.zip`` and ``preds.json``) and ``visuals.zip``. :class:`BDD100KMaskMetric` is
also the base of the lane marking metric (:mod:`bdd100k_zoo.seg.lane_metric`), which changes only
its hooks: the data sample fields, how an image is scored and its scores added up, and how a
prediction is written as a frame and drawn.
"""
import logging
import os.path as osp
from collections import defaultdict
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

import numpy as np
from mmengine.evaluator import BaseMetric
from mmengine.logging import print_log
from mmseg.registry import METRICS
from PIL import Image

from ..evaluation.scores import Scores
from ..evaluation.segmentation import SEG_CLASSES, SegEvaluator, SegImageStats, image_stats
from ..evaluation.slicing import check_slice_by, slice_name, slice_order, split_entry
from ..export.atomic import write_json
from ..export.visuals import draw_class_mask, write_visuals_zip
from ..labels.frames import Frame
from ..labels.masks import Bitmask, read_bitmask, read_png
from .submission import MASK_ZIP, MaskSpool, discard, mask_frame, mask_member, write_mask_zip

Record = Dict[str, Any]


def sample_mask(sample: Dict[str, Any], key: str) -> np.ndarray:
    """The H x W mask of a data sample's ``key`` (a 1 x H x W ``PixelData``)."""
    return sample[key]['data'].squeeze(0).cpu().numpy()


def accumulate(task: str, stats: Sequence[SegImageStats]) -> Scores:
    """The scores of a set of images from their per-image statistics."""
    evaluator = SegEvaluator(task)
    for image in stats:
        evaluator.add_stats(image)
    return evaluator.result()


def flat_metrics(scores: Scores) -> Dict[str, float]:
    """The logged numbers: the summary, and for sem_seg the Cityscapes summary."""
    metrics = dict(scores.summary)
    metrics.update(scores.extra.get('cityscapes', {}).get('summary', {}))
    return metrics


def sliced_scores(scores_of: Callable[[Sequence[Any]], Scores], records: Sequence[Record],
                  by: Sequence[str]) -> Dict[str, Dict[str, Scores]]:
    """``{attribute: {value: scores of the images with that value}}`` (images without it skipped),
    values in the official order, like :func:`bdd100k_zoo.evaluation.evaluate_sliced`;
    ``scores_of`` adds up the statistics of a group of images."""
    slices = {}
    for attribute in by:
        groups = defaultdict(list)
        for record in records:
            value = slice_name(attribute, record['attributes'].get(split_entry(attribute)[0]))
            if value is not None:
                groups[value].append(record['stats'])
        slices[attribute] = {value: scores_of(groups[value])
                             for value in slice_order(attribute, list(groups))}
    return slices


class BDD100KMaskMetric(BaseMetric):
    """Base class: official scores of mask predictions (the shared part of every mask task).

    A subclass sets :attr:`task` and may change the hooks: :attr:`pred_field` and
    :attr:`gt_field`, :meth:`prediction`, :meth:`sample_stats`, :meth:`scores_of`,
    :meth:`pred_frame` and :meth:`draw`.

    Args:
        output_dir: if set, write ``scores.json``, ``masks.zip``, ``preds.json`` and
            ``visuals.zip`` there (in its ``output_subdir`` if given).
        output_subdir: a subfolder of ``output_dir`` for this metric's files (e.g. the lane files
            of a lane + drivable model, whose drivable files go beside them).
        slice_by: frame attributes to slice the scores by (``weather``, ``scene``,
            ``timeofday``); the dataset needs an ``attributes_file``.
        format_only: only write the submission (no ground truth, e.g. the test split).
        max_visuals: how many images to render into ``visuals.zip`` (0: none).
        collect_device: as :class:`mmengine.evaluator.BaseMetric`.
        prefix: metric name prefix in logs (default ``bdd100k``).
    """

    #: The task name of :mod:`bdd100k_zoo.evaluation`; set by subclasses.
    task = ''
    default_prefix = 'bdd100k'
    #: The data sample fields of the predicted and the ground-truth mask (1 x H x W each).
    pred_field = 'pred_sem_seg'
    gt_field = 'gt_sem_seg'

    def __init__(self, output_dir: Optional[str] = None, output_subdir: str = '',
                 slice_by: Sequence[str] = (), format_only: bool = False, max_visuals: int = 100,
                 collect_device: str = 'cpu', prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        if format_only and (slice_by or not output_dir):
            raise ValueError('format_only writes the submission only: it needs output_dir and '
                             'no slice_by')
        self.output_dir = osp.join(output_dir, output_subdir) if output_dir else None
        self.slice_by = check_slice_by(slice_by)
        self.format_only = format_only
        self.max_visuals = max_visuals
        self.spool = MaskSpool(self.output_dir) if self.output_dir else None

    def instances(self, name: str, shape: Tuple[int, int]) -> Optional[Bitmask]:
        """The ground-truth instances of an image (``shape``: its size) for the Cityscapes iIoU;
        none by default."""
        return None

    def process(self, data_batch: Any, data_samples: Sequence[Dict[str, Any]]) -> None:
        """Keeps one small record per image: its statistics and (with ``output_dir``) the file its
        predicted mask is spooled to. One record per image lets the evaluator drop the samples a
        distributed sampler repeats."""
        for sample in data_samples:
            name = sample.get('name') or osp.basename(sample['img_path'])
            pred = self.prediction(sample, name)
            record: Record = {'name': name, 'img_path': sample.get('img_path'),
                              'attributes': dict(sample.get('attributes') or {})}
            if not self.format_only:
                record['stats'] = self.sample_stats(sample, name, pred)
            if self.output_dir:
                record['png'] = self.spool.add(pred)
            self.results.append(record)

    def prediction(self, sample: Dict[str, Any], name: str) -> np.ndarray:
        """The predicted mask of an image (``name``), as uint8 (checked when scored)."""
        return sample_mask(sample, self.pred_field).astype(np.uint8)

    def ground_truth(self, sample: Dict[str, Any], name: str) -> np.ndarray:
        """The ground-truth mask of an image (``name``).

        Raises:
            ValueError: the sample has none (the split needs ``format_only``).
        """
        if self.gt_field not in sample:
            raise ValueError(f'{name}: no ground-truth mask ({self.gt_field}) to score against; '
                             f'for a split without masks set format_only=True (and output_dir)')
        return sample_mask(sample, self.gt_field)

    def sample_stats(self, sample: Dict[str, Any], name: str, pred: np.ndarray) -> Any:
        """The statistics of one image, what :meth:`scores_of` adds up."""
        gt = self.ground_truth(sample, name)
        where = sample.get('seg_map_path') or name
        return image_stats(self.task, gt, pred, where, self.instances(name, gt.shape))

    def scores_of(self, stats: Sequence[Any]) -> Scores:
        """The scores of a set of images from their :meth:`sample_stats`."""
        return accumulate(self.task, stats)

    def pred_frame(self, name: str, mask: np.ndarray) -> Frame:
        """The Scalabel prediction frame of an image's predicted mask (for ``preds.json``)."""
        return mask_frame(name, mask, SEG_CLASSES[self.task])

    def draw(self, image: Image.Image, mask: np.ndarray) -> Image.Image:
        """The image with its predicted mask drawn over it (for ``visuals.zip``)."""
        return draw_class_mask(image, mask, self.dataset_meta['palette'])

    def compute_metrics(self, results: List[Record]) -> Dict[str, float]:
        """Adds up the images' statistics, writes the output files, returns the flat metrics."""
        report: Dict[str, Any] = {}
        metrics: Dict[str, float] = {}
        if not self.format_only:
            scores = self.scores_of([record['stats'] for record in results])
            print_log('\n' + scores.table(), logger='current')
            report = scores.to_dict()
            metrics = flat_metrics(scores)
            if self.slice_by:
                slices = sliced_scores(self.scores_of, results, self.slice_by)
                report['slices'] = {attribute: {value: sliced.to_dict()
                                                for value, sliced in by_value.items()}
                                    for attribute, by_value in slices.items()}
                for attribute, by_value in slices.items():
                    for value, sliced in by_value.items():
                        for name, number in flat_metrics(sliced).items():
                            metrics[f'{attribute}/{value}/{name}'] = number
        if self.output_dir:
            try:
                self.write_outputs(report, results)
            finally:
                discard(record['png'] for record in results)
                self.spool.close()
        return metrics

    def write_outputs(self, report: Dict[str, Any], results: List[Record]) -> None:
        """Writes the submission, ``scores.json`` (unless format-only) and ``visuals.zip``."""
        count = write_mask_zip(osp.join(self.output_dir, MASK_ZIP),
                               ((record['name'], record['png']) for record in results))
        write_json(osp.join(self.output_dir, 'preds.json'),
                   [self.pred_frame(record['name'], read_png(record['png']))
                    for record in results])
        if report:
            write_json(osp.join(self.output_dir, 'scores.json'), report, indent=2)
        if self.max_visuals:
            write_visuals_zip(osp.join(self.output_dir, 'visuals.zip'), self.render(results),
                              limit=self.max_visuals)
        print_log(f'wrote {count} masks ({MASK_ZIP}, preds.json), visuals and scores to '
                  f'{self.output_dir}', logger='current')

    def render(self, results: List[Record]) -> Iterator[Tuple[str, Image.Image]]:
        """Yields ``(image name, image with the predicted mask overlaid)`` for the visuals zip."""
        for record in results:
            if record['img_path'] and osp.isfile(record['img_path']):
                with Image.open(record['img_path']) as image:
                    yield record['name'], self.draw(image, read_png(record['png']))


@METRICS.register_module()
class BDD100KSemSegMetric(BDD100KMaskMetric):
    """Official BDD100K sem_seg scores (mIoU, class IoU, mAcc, fIoU, pAcc) and Cityscapes scores.

    The Cityscapes extras are the IoU per category (always) and the instance-weighted iIoU per
    instance class and for human/vehicle, from the ins_seg bitmasks of the same 10K images.

    Args:
        instance_dir: folder of ins_seg bitmasks ``<stem>.png`` for the iIoU. ``None`` (default):
            ``labels/ins_seg/bitmasks/<split>`` under the evaluated dataset's ``data_root`` if it
            exists; ``''``: no iIoU. An image without a bitmask counts as having no instances.
        **kwargs: see :class:`BDD100KMaskMetric`.
    """

    task = 'sem_seg'

    def __init__(self, instance_dir: Optional[str] = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.instance_dir = instance_dir
        self.warned_missing = False

    def bitmask_dir(self) -> str:
        """The instance folder in use ('' for none), resolved against the dataset on first use."""
        if self.instance_dir is None:
            meta = self.dataset_meta or {}
            default = osp.join(meta.get('data_root') or '', 'labels', 'ins_seg', 'bitmasks',
                               meta.get('split') or '')
            self.instance_dir = default if meta.get('split') and osp.isdir(default) else ''
            if self.instance_dir:
                print_log(f'Cityscapes iIoU: ground-truth instances from {self.instance_dir}',
                          logger='current')
        return self.instance_dir

    def instances(self, name: str, shape: Tuple[int, int]) -> Optional[Bitmask]:
        """The image's bitmask from :attr:`instance_dir` (no instances if the file is missing)."""
        folder = self.bitmask_dir()
        if not folder:
            return None
        path = osp.join(folder, mask_member(name))
        if osp.isfile(path):
            return read_bitmask(path)
        if not self.warned_missing:
            print_log(f'no bitmask {path}: images without one count as having no instances in '
                      f'the iIoU (further ones are not reported)', logger='current',
                      level=logging.WARNING)
            self.warned_missing = True
        return Bitmask(*(np.zeros(shape, dtype=np.int32) for _ in range(3)))


@METRICS.register_module()
class BDD100KDrivableMetric(BDD100KMaskMetric):
    """Official BDD100K drivable area scores: IoU of direct and alternative, their mean, mAcc, fIoU,
    pAcc (background pixels are scored as ignored, as officially).

    See :class:`BDD100KMaskMetric` for the arguments.
    """

    task = 'drivable'
