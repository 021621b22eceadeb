"""Official BDD100K lane marking scores in mmseg's evaluator, plus the submission files.

Data samples carry lane masks in the official encoding (:mod:`bdd100k_zoo.labels.lanes`: direction,
style and category bits, background 255), 1 x H x W: the prediction in ``pred_sem_seg`` and the
ground truth in ``gt_sem_seg``. ``process`` scores each image with :mod:`bdd100k_zoo.evaluation`
(the code ``bdd100k-zoo eval -t lane_mark`` runs on mask files), so only 12 x 3 F-measures per image
travel between processes. With ``output_dir`` the metric writes ``scores.json`` and the
submission: ``masks.zip`` (the lane mask PNGs, ``<image stem>.png``) and ``preds.json`` (Scalabel
frames, one RLE label per class present, :func:`bdd100k_zoo.export.lanes.lane_frame`).
A model with one head per attribute builds its lane mask with
:func:`bdd100k_zoo.labels.lanes.encode_attribute_maps`.
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
from ..labels.masks import png_bytes, read_png
from .submission import write_mask_zip

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
        output_dir: if set, write ``scores.json``, ``masks.zip`` and ``preds.json`` there.
        format_only: only write the submission (no ground truth, e.g. the test split).
        collect_device: as :class:`mmengine.evaluator.BaseMetric`.
        prefix: metric name prefix in logs (default ``bdd100k``).
    """

    default_prefix = 'bdd100k'

    def __init__(self, output_dir: Optional[str] = None, format_only: bool = False,
                 collect_device: str = 'cpu', prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        if format_only and not output_dir:
            raise ValueError('format_only writes the submission only: it needs output_dir')
        self.output_dir = output_dir
        self.format_only = format_only

    def process(self, data_batch: Any, data_samples: Sequence[Dict[str, Any]]) -> None:
        """Keeps, per image, its F-measures and (with ``output_dir``) its predicted mask as PNG."""
        for sample in data_samples:
            name = sample.get('name') or osp.basename(sample['img_path'])
            pred = check_lane_mask(sample_mask(sample, 'pred_sem_seg'), f'{name}: prediction')
            record: Record = {'name': name}
            if not self.format_only:
                if 'gt_sem_seg' not in sample:
                    raise ValueError(f'{name}: no ground-truth lane mask to score against; for a '
                                     f'split without masks set format_only=True (and output_dir)')
                where = sample.get('seg_map_path') or name
                record['scores'] = mask_f_scores(sample_mask(sample, 'gt_sem_seg'), pred, where,
                                                 f'{name}: prediction')
            if self.output_dir:
                record['png'] = png_bytes(pred)
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
            count = write_mask_zip(osp.join(self.output_dir, 'masks.zip'),
                                   ((record['name'], record['png']) for record in results))
            write_json(osp.join(self.output_dir, 'preds.json'),
                       [lane_frame(record['name'], read_png(record['png']))
                        for record in results])
            if report:
                write_json(osp.join(self.output_dir, 'scores.json'), report, indent=2)
            print_log(f'wrote {count} lane masks (masks.zip, preds.json) and scores to '
                      f'{self.output_dir}', logger='current')
        return metrics
