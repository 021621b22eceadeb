"""``BDD100KAnomalyMetric``: pixel and component anomaly metrics of every score, and the known
classes' mIoU, in mmseg's evaluator.

Each data sample needs ``gt_anomaly_map`` (:class:`~bdd100k_zoo.seg.anomaly.transforms.
BDD100KPackAnomalyInputs`), ``gt_sem_seg``, ``pred_sem_seg`` and the wrapper's anomaly maps:
``pred_anomaly_maps`` (one 1 x H x W float32 field per score) and ``pred_anomaly_map`` (the
primary score), or ``pred_anomaly_map`` alone (scored as ``anomaly``).

The numbers are those of ``bdd100k-zoo eval -t anomaly`` on the same maps, by construction: both
add images to :class:`bdd100k_zoo.evaluation.anomaly.AnomalyAccumulator` and score components with
:mod:`bdd100k_zoo.evaluation.anomaly_components` at the pooled F1-optimal threshold. Each image
keeps its compact accumulator part (exact: 4 bytes per valid pixel and score) and its maps wait
as ``.npy`` files in a temporary folder for the component pass (inside ``output_dir`` when given,
so processes on several nodes sharing it read each other's maps). Logged: the primary score's
``AP``, ``AUROC``, ``FPR95``, ``sIoU``, ``sIoU_pred``, ``PPV``, ``mean_F1``, ``CA_IoU``, every score's as
``<score>/<metric>``, and ``mIoU`` of the known classes. CA-IoU scores the thresholded primary
map, or, with ``unknown_index=K`` (a void or open-set head), the pixels whose argmax of
``seg_logits`` is the unknown class ``K`` (as the VCA paper labels unknown objects).

With ``output_dir`` (``tools/test.py --out-dir``) it writes, each atomically,
``anomaly_maps/<score>/<stem>.npy`` (float32 H x W, for ``bdd100k-zoo eval -t anomaly``),
``scores.json``, the known-class submission ``masks.zip`` and ``preds.json`` (as the sem_seg
metric) and ``heatmaps.zip`` (the primary score over the images, at most ``max_visuals``).
"""
import os
import os.path as osp
import shutil
import tempfile
import weakref
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

import numpy as np
from mmengine.evaluator import BaseMetric
from mmengine.logging import print_log
from mmseg.registry import METRICS
from PIL import Image

from ...evaluation.anomaly import AnomalyAccumulator, f1_threshold
from ...evaluation.anomaly_components import (TRACKS, ComponentStats, image_components,
                                              known_class_hist, known_miou)
from ...evaluation.scores import Scores
from ...export.atomic import atomic_dir, temp_prefix, write_json
from ...export.visuals import draw_heatmap, write_visuals_zip
from ...labels.masks import read_png
from ..submission import MASK_ZIP, mask_frame, write_mask_zip

Record = Dict[str, Any]
#: The score name of a lone ``pred_anomaly_map``.
DEFAULT_SCORE = 'anomaly'
MAPS_DIR = 'anomaly_maps'


def to_numpy(field: Any) -> np.ndarray:
    """A ``PixelData`` field (tensor of 1 x H x W) as an H x W array."""
    return field.squeeze(0).detach().cpu().numpy()


def score_maps(sample: Dict[str, Any], name: str) -> Tuple[Dict[str, np.ndarray], str]:
    """``({score: H x W float32 map}, primary score name)`` of one data sample."""
    if 'pred_anomaly_map' not in sample:
        raise ValueError(f'{name}: no pred_anomaly_map: test with BDD100KAnomalySegmentor')
    primary = sample['pred_anomaly_map']['data']
    fields = sample.get('pred_anomaly_maps') or {DEFAULT_SCORE: primary}
    maps = {score: to_numpy(value) for score, value in fields.items() if hasattr(value, 'shape')}
    first = next((score for score, value in fields.items()
                  if value is primary or (value.shape == primary.shape
                                          and bool((value == primary).all()))), None)
    return maps, first or next(iter(maps))


@METRICS.register_module()
class BDD100KAnomalyMetric(BaseMetric):
    """Anomaly metrics of every score of :class:`BDD100KAnomalySegmentor` (see the module).

    Args:
        output_dir: if set, write ``anomaly_maps/<score>/<stem>.npy`` and ``scores.json`` there.
        mode, bits, fpr_rule, per_image: as :class:`bdd100k_zoo.evaluation.anomaly.
            AnomalyAccumulator` (``mode='binned'`` keeps each image's non-empty bins only).
        track: component size rules, ``'anomaly'`` (500 / 100 px) or ``'obstacle'`` (50 / 10).
        components: compute the component metrics (a second pass over the maps).
        unknown_index: the unknown/void output ``K`` of a head with one: CA-IoU then scores the
            mask ``argmax(seg_logits) == K`` instead of the thresholded score (None: the latter).
        max_visuals: how many images to render into ``heatmaps.zip`` (0: none).
        collect_device: as :class:`mmengine.evaluator.BaseMetric`.
        prefix: metric name prefix in logs (default ``bdd100k``).
    """

    #: The task name (the inference adapter of anomaly models is registered under it).
    task = 'anomaly'
    default_prefix = 'bdd100k'

    def __init__(self, output_dir: Optional[str] = None, mode: str = 'exact', bits: int = 20,
                 fpr_rule: str = 'fishyscapes', per_image: bool = False,
                 track: str = 'anomaly', components: bool = True,
                 unknown_index: Optional[int] = None, max_visuals: int = 100,
                 collect_device: str = 'cpu', prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        if track not in TRACKS:
            raise ValueError(f'unknown track {track!r}; expected one of {", ".join(TRACKS)}')
        self.options = dict(mode=mode, bits=bits, fpr_rule=fpr_rule, per_image=per_image)
        self.accumulator()  # checks the options now
        self.output_dir = output_dir
        self.track = track
        self.components = components
        self.unknown_index = unknown_index
        self.max_visuals = max_visuals
        self.spool = ''
        self.spooled = 0

    def accumulator(self) -> AnomalyAccumulator:
        """A new accumulator with this metric's options."""
        return AnomalyAccumulator(**self.options)

    def spool_file(self, suffix: str) -> str:
        """A new file name in this process's temporary folder (removed with the metric, at the
        latest at interpreter exit)."""
        if not self.spool or not osp.isdir(self.spool):
            if self.output_dir:
                os.makedirs(self.output_dir, exist_ok=True)
                self.spool = tempfile.mkdtemp(
                    prefix=temp_prefix(osp.join(self.output_dir, MAPS_DIR)), suffix='.tmp',
                    dir=self.output_dir)
            else:
                self.spool = tempfile.mkdtemp(prefix='bdd100k-anomaly-')
            weakref.finalize(self, shutil.rmtree, self.spool, True)
        self.spooled += 1
        return osp.join(self.spool, f'{self.spooled}{suffix}')

    def discard_spool(self) -> None:
        """Removes this process's temporary folder and everything in it."""
        if self.spool:
            shutil.rmtree(self.spool, ignore_errors=True)
        self.spool = ''

    def process(self, data_batch: Any, data_samples: Sequence[Dict[str, Any]]) -> None:
        """Keeps one record per image (accumulator parts, spooled maps, known-class histogram);
        on bad input the temporary folder is removed before the error propagates."""
        try:
            self.add_samples(data_samples)
        except BaseException:
            self.discard_spool()
            raise

    def add_samples(self, data_samples: Sequence[Dict[str, Any]]) -> None:
        """:meth:`process` without the clean-up."""
        parts = self.accumulator()
        for sample in data_samples:
            name = sample.get('name') or osp.basename(sample['img_path'])
            if 'gt_anomaly_map' not in sample:
                raise ValueError(f'{name}: no gt_anomaly_map: load it with '
                                 'BDD100KLoadAnomalyAnnotations and BDD100KPackAnomalyInputs')
            label = to_numpy(sample['gt_anomaly_map']['data']).astype(np.uint8)
            maps, primary = score_maps(sample, name)
            record: Record = {'name': name, 'img_path': sample.get('img_path'),
                              'primary': primary, 'parts': {}, 'files': {}}
            for score, values in maps.items():
                record['parts'][score] = parts.image_part(label, values, f'{name} ({score})')
                record['files'][score] = self.spool_file('.npy')
                np.save(record['files'][score], values.astype(np.float32, copy=False))
            record['label'] = self.spool_file('.png')
            Image.fromarray(label).save(record['label'])
            if self.unknown_index is not None:
                record['unknown'] = self.spool_file('.png')
                Image.fromarray(self.unknown_mask(sample, name)).save(record['unknown'])
            gt = to_numpy(sample['gt_sem_seg']['data']).astype(np.uint8)
            pred = to_numpy(sample['pred_sem_seg']['data']).astype(np.uint8)
            record['hist'] = known_class_hist(gt, pred, len(self.dataset_meta['classes']))
            if self.output_dir:
                record['png'] = self.spool_file('.png')
                Image.fromarray(pred).save(record['png'])
            self.results.append(record)

    def unknown_mask(self, sample: Dict[str, Any], name: str) -> np.ndarray:
        """The H x W uint8 mask (1 = unknown) ``argmax(seg_logits) == unknown_index``.

        Raises:
            ValueError: no ``seg_logits``, or fewer channels than ``unknown_index + 1``.
        """
        logits = sample.get('seg_logits', {}).get('data')
        if logits is None or logits.shape[0] <= self.unknown_index:
            channels = 'no seg_logits' if logits is None else f'{logits.shape[0]} channels'
            raise ValueError(f'{name}: unknown_index={self.unknown_index} needs the logits of a '
                             f'head with an unknown output, the sample has {channels}')
        return (logits.argmax(0) == self.unknown_index).cpu().numpy().astype(np.uint8)

    def score_one(self, score: str, results: List[Record]) -> Tuple[Dict[str, float],
                                                                    Dict[str, Any]]:
        """The summary and extras of one score over all images."""
        accumulator = self.accumulator()
        for record in results:
            accumulator.add_part(record['parts'][score])
        levels = accumulator.levels()
        summary, extra = accumulator.result(levels)
        if self.components:
            threshold = f1_threshold(levels)
            stats = ComponentStats()
            for record in results:
                predicted = np.load(record['files'][score], allow_pickle=False) >= threshold
                unknown = read_png(record['unknown']) > 0 if 'unknown' in record else None
                stats.update(image_components(read_png(record['label']), predicted, self.track,
                                              unknown))
            summary.update(stats.summary())
            extra.update(threshold=threshold, track=self.track, gt_components=len(stats.siou),
                         pred_components=len(stats.ppv))
        return summary, extra

    def compute_metrics(self, results: List[Record]) -> Dict[str, float]:
        """Scores every score, writes the output files, removes the temporary maps."""
        try:
            primary = results[0]['primary']
            per_score = {score: self.score_one(score, results) for score in results[0]['parts']}
            metrics = dict(per_score[primary][0])
            for score, (summary, _) in per_score.items():
                metrics.update({f'{score}/{key}': value for key, value in summary.items()})
            metrics['mIoU'] = known_miou(sum(record['hist'] for record in results))
            report = Scores('anomaly', metrics, extra={
                'primary': primary, 'classes': list(self.dataset_meta['classes']),
                'scores': {score: extra for score, (_, extra) in per_score.items()}})
            print_log('\n' + report.table(), logger='current')
            if self.output_dir:
                self.write_outputs(report, results)
        finally:
            for folder in {osp.dirname(record['label']) for record in results}:
                shutil.rmtree(folder, ignore_errors=True)
            self.discard_spool()
        return metrics

    def write_outputs(self, report: Scores, results: List[Record]) -> None:
        """Writes ``anomaly_maps/<score>/<stem>.npy`` (one atomic folder), ``scores.json``, the
        known-class submission and the heat maps."""
        with atomic_dir(osp.join(self.output_dir, MAPS_DIR)) as tmp:
            for record in results:
                stem = osp.splitext(record['name'])[0]
                for score, file in record['files'].items():
                    dest = osp.join(tmp, score, f'{stem}.npy')
                    os.makedirs(osp.dirname(dest), exist_ok=True)
                    shutil.copyfile(file, dest)
        write_json(osp.join(self.output_dir, 'scores.json'), report.to_dict(), indent=2)
        write_mask_zip(osp.join(self.output_dir, MASK_ZIP),
                       ((record['name'], record['png']) for record in results))
        classes = self.dataset_meta['classes']
        write_json(osp.join(self.output_dir, 'preds.json'),
                   [mask_frame(record['name'], read_png(record['png']), classes)
                    for record in results])
        if self.max_visuals:
            write_visuals_zip(osp.join(self.output_dir, 'heatmaps.zip'), self.heatmaps(results),
                              limit=self.max_visuals)
        print_log(f'wrote {len(results)} anomaly maps per score, {MASK_ZIP}, preds.json, heat '
                  f'maps and scores.json to {self.output_dir}', logger='current')

    @staticmethod
    def heatmaps(results: List[Record]) -> Iterator[Tuple[str, Image.Image]]:
        """Yields ``(image name, the primary score drawn over the image)``."""
        for record in results:
            if record['img_path'] and osp.isfile(record['img_path']):
                score = np.load(record['files'][record['primary']], allow_pickle=False)
                with Image.open(record['img_path']) as image:
                    yield record['name'], draw_heatmap(image, score)
