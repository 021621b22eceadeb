"""Official BDD100K lane marking scores in mmseg's evaluator, plus the submission files.

Data samples carry lane masks in the official encoding (:mod:`bdd100k_zoo.labels.lanes`: direction,
style and category bits, background 255), 1 x H x W: the prediction in ``pred_lane_map`` and the
ground truth in ``gt_lane_map`` (the fields of :mod:`bdd100k_zoo.seg.lane_transforms`; a lane +
drivable model keeps its drivable mask in ``pred_sem_seg``). ``process`` scores each image with
:mod:`bdd100k_zoo.evaluation` (the code ``bdd100k-zoo eval -t lane_mark`` runs on mask files), so
only 12 x 3 F-measures per image travel between processes. With ``output_dir`` the metric writes
``scores.json`` and the submission: ``masks.zip`` (the lane mask PNGs, ``<image stem>.png``,
spooled to files while the metric runs) and ``preds.json`` (Scalabel frames, one RLE label per
class present, :func:`bdd100k_zoo.export.lanes.lane_frame`). A model with one head per attribute
builds its lane mask with :func:`bdd100k_zoo.seg.lane_targets.lane_mask_of`.
"""
import os.path as osp
from typing import Any, Dict, List, Optional, Sequence

import numpy as np
from mmengine.evaluator import BaseMetric
from mmengine.logging import print_log
from mmseg.registry import METRICS

from ..evaluation.boundary import lane_scores, mask_f_scores
from ..export.atomic import write_json
from ..export.lanes import lane_frame
from ..labels.lanes import check_lane_mask
from ..labels.masks import read_png
from .lane_transforms import GT_LANE_FIELD, PRED_LANE_FIELD
from .submission import MASK_ZIP, MaskSpool, discard, write_mask_zip

Record = Dict[str, Any]


def sample_mask(sample: Dict[str, Any], key: str) -> np.ndarray:
    """The H x W mask of a data sample's ``key`` (a 1 x H x W ``PixelData``)."""
    return sample[key]['data'].squeeze(0).cpu().numpy()


@METRICS.register_module()
class BDD100KLaneMetric(BaseMetric):
    """Official BDD100K lane marking scores: boundary F-measure at 1, 2 and 5 pixels.

    Logged: ``F1_pix1``, ``F1_pix2``, ``F1_pix5`` (mean over direction, style and category) and
    ``F1_pix<r>/DIRECTION``, ``/STYLE``, ``/CATEGORY``; the per-class table is printed.

    Args:
        output_dir: if set, write ``scores.json``, ``masks.zip`` and ``preds.json`` there (in
            its ``output_subdir`` if given).
        output_subdir: a subfolder of ``output_dir`` for this metric's files (a lane + drivable
            model's test writes the drivable submission beside them).
        format_only: only write the submission (no ground truth, e.g. the test split).
        collect_device: as :class:`mmengine.evaluator.BaseMetric`.
        prefix: metric name prefix in logs (default ``bdd100k``).
    """

    #: The task name of :mod:`bdd100k_zoo.evaluation` (``bdd100k-zoo infer`` picks its adapter).
    task = 'lane_mark'
    default_prefix = 'bdd100k'

    def __init__(self, output_dir: Optional[str] = None, output_subdir: str = '',
                 format_only: bool = False, collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        if format_only and not output_dir:
            raise ValueError('format_only writes the submission only: it needs output_dir')
        self.output_dir = osp.join(output_dir, output_subdir) if output_dir else None
        self.format_only = format_only
        self.spool = MaskSpool(self.output_dir) if self.output_dir else None

    def process(self, data_batch: Any, data_samples: Sequence[Dict[str, Any]]) -> None:
        """Keeps, per image, its F-measures and (with ``output_dir``) the file its predicted mask
        is spooled to."""
        for sample in data_samples:
            name = sample.get('name') or osp.basename(sample['img_path'])
            pred = check_lane_mask(sample_mask(sample, PRED_LANE_FIELD), f'{name}: prediction')
            record: Record = {'name': name}
            if not self.format_only:
                if GT_LANE_FIELD not in sample:
                    raise ValueError(f'{name}: no ground-truth lane mask to score against; for a '
                                     f'split without masks set format_only=True (and output_dir)')
                where = sample.get('lane_map_path') or name
                record['scores'] = mask_f_scores(sample_mask(sample, GT_LANE_FIELD), pred, where,
                                                 f'{name}: prediction')
            if self.output_dir:
                record['png'] = self.spool.add(pred)
            self.results.append(record)

    def compute_metrics(self, results: List[Record]) -> Dict[str, float]:
        """Averages the images' F-measures, writes the output files, returns the summary."""
        report: Dict[str, Any] = {}
        metrics: Dict[str, float] = {}
        if not self.format_only:
            scores = lane_scores([record['scores'] for record in results])
            print_log('\n' + scores.table(), logger='current')
            report = scores.to_dict()
            metrics = dict(scores.summary)
        if self.output_dir:
            try:
                self.write_outputs(report, results)
            finally:
                discard(record['png'] for record in results)
                self.spool.close()
        return metrics

    def write_outputs(self, report: Dict[str, Any], results: List[Record]) -> None:
        """Writes the submission and (unless format-only) ``scores.json``."""
        count = write_mask_zip(osp.join(self.output_dir, MASK_ZIP),
                               ((record['name'], record['png']) for record in results))
        write_json(osp.join(self.output_dir, 'preds.json'),
                   [lane_frame(record['name'], read_png(record['png'])) for record in results])
        if report:
            write_json(osp.join(self.output_dir, 'scores.json'), report, indent=2)
        print_log(f'wrote {count} lane masks ({MASK_ZIP}, preds.json) and scores to '
                  f'{self.output_dir}', logger='current')
