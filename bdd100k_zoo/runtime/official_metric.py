"""The mmengine side of the official BDD100K metrics, shared by every task's metric.

A task's metric (registered by its side into the parent library's METRICS) only says how one model
output becomes a Scalabel prediction frame; this base collects the frames, scores them with
:func:`bdd100k_zoo.evaluation.evaluate` against the official label file (the same call
``bdd100k-zoo eval`` makes), optionally slices the scores by frame attributes, and writes the
CONTRIBUTING template's files into ``output_dir``: ``scores.json``, the submission ``preds.json`` and
``visuals.zip`` — each atomically.
"""
import os.path as osp
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

from mmengine.evaluator import BaseMetric
from mmengine.logging import print_log
from PIL import Image

from ..evaluation.scores import Scores
from ..evaluation.slicing import check_slice_by
from ..export.atomic import write_json
from ..export.visuals import SHOW_SCORE_THR, render_beside_truth, write_visuals_zip
from ..labels.frames import Frame, read_frames


class BDD100KOfficialMetric(BaseMetric):
    """Base class: official BDD100K scores of Scalabel prediction frames.

    Args:
        ann_file: the official label file (or folder of per-video files) of the evaluated split;
            by default the ``ann_file`` the evaluated dataset puts in its metainfo.
        output_dir: if set, write ``scores.json``, ``preds.json`` and ``visuals.zip`` there.
        slice_by: frame attributes to slice the scores by (e.g. ``('weather', 'scene',
            'timeofday')``, the BDD100K paper's domain study); empty for none.
        max_visuals: how many frames to render into ``visuals.zip`` (0: none), each its ground
            truth beside its predictions.
        show_score_thr: predictions scored at or below it are not drawn in the visuals (0.3, as
            mmdet's visualizer); the files and scores keep every prediction.
        nproc: processes for the official evaluation.
        collect_device: as :class:`mmengine.evaluator.BaseMetric`.
        prefix: metric name prefix in logs (default ``bdd100k``).
    """

    #: The task name of :mod:`bdd100k_zoo.evaluation`; set by subclasses.
    task: str = ''
    #: Colour labels by track id in visuals (video tasks).
    color_by_track = False
    default_prefix = 'bdd100k'

    def __init__(self, ann_file: Optional[str] = None, output_dir: Optional[str] = None,
                 slice_by: Sequence[str] = (), max_visuals: int = 100, nproc: int = 1,
                 show_score_thr: float = SHOW_SCORE_THR, collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.ann_file = ann_file
        self.output_dir = output_dir
        self.slice_by = check_slice_by(slice_by)
        self.max_visuals = max_visuals
        self.show_score_thr = show_score_thr
        self.nproc = nproc

    def label_file(self) -> str:
        """The official label file to score against."""
        ann_file = self.ann_file or (self.dataset_meta or {}).get('ann_file')
        if not ann_file:
            raise ValueError(f'{type(self).__name__}: no ann_file given and the evaluated dataset '
                             f'does not provide one in its metainfo')
        return ann_file

    def to_frame(self, data_sample: Dict[str, Any]) -> Frame:
        """One model output (an mm data sample as a dict) -> a Scalabel prediction frame."""
        raise NotImplementedError

    def process(self, data_batch: Any, data_samples: Sequence[Dict[str, Any]]) -> None:
        """Converts each output of the batch to its prediction frame (kept with its image path)."""
        for sample in data_samples:
            self.results.append((self.to_frame(sample), sample.get('img_path')))

    def compute_metrics(self, results: List[Tuple[Frame, Optional[str]]]) -> Dict[str, float]:
        """Scores all prediction frames, writes the output files, returns the flat metrics."""
        from ..evaluation import evaluate, evaluate_sliced
        gt_frames = read_frames(self.label_file())
        pred_frames = [frame for frame, _ in results]
        scores = evaluate(self.task, gt_frames, pred_frames, nproc=self.nproc)
        slices = evaluate_sliced(self.task, gt_frames, pred_frames, by=self.slice_by,
                                 nproc=self.nproc) if self.slice_by else {}
        return self.publish(scores, slices, results)

    def publish(self, scores: Scores, slices: Dict[str, Dict[str, Scores]],
                results: List[Any]) -> Dict[str, float]:
        """Logs the score table, writes the output files (with ``slice_by``, the report holds the
        scores of each slice), and returns the flat metrics (each slice's as
        ``<attribute>/<value>/<metric>``).

        Args:
            scores: the scores of every frame.
            slices: ``{attribute: {value: scores of its frames}}`` (empty without ``slice_by``).
            results: what ``process`` kept, for :meth:`write_outputs`.
        """
        print_log('\n' + scores.table(), logger='current')
        report = scores.to_dict()
        metrics = dict(scores.summary)
        if self.slice_by:
            report['slices'] = {attribute: {value: sliced.to_dict()
                                            for value, sliced in by_value.items()}
                                for attribute, by_value in slices.items()}
            metrics.update({f'{attribute}/{value}/{name}': number
                            for attribute, by_value in slices.items()
                            for value, sliced in by_value.items()
                            for name, number in sliced.summary.items()})
        if self.output_dir:
            self.write_outputs(report, results)
        return metrics

    def write_outputs(self, report: Dict[str, Any],
                      results: List[Tuple[Frame, Optional[str]]]) -> None:
        """Writes ``scores.json``, ``preds.json`` and ``visuals.zip`` into ``output_dir``."""
        write_json(osp.join(self.output_dir, 'scores.json'), report, indent=2)
        write_json(osp.join(self.output_dir, 'preds.json'), [frame for frame, _ in results])
        if self.max_visuals:
            count = write_visuals_zip(osp.join(self.output_dir, 'visuals.zip'),
                                      self.render(results), limit=self.max_visuals)
            print_log(f'wrote {count} visuals to {self.output_dir}/visuals.zip', logger='current')
        print_log(f'wrote scores.json and preds.json to {self.output_dir}', logger='current')

    def render(self, results: List[Tuple[Frame, Optional[str]]]
               ) -> Iterator[Tuple[str, Image.Image]]:
        """Yields ``(frame name, ground truth beside the predictions)`` for the visuals zip."""
        shown = [(frame, img_path) for frame, img_path in results
                 if img_path and osp.isfile(img_path)]
        image_paths = {'/'.join(part for part in (frame.get('videoName'), frame['name']) if part):
                       img_path for frame, img_path in shown}
        yield from render_beside_truth(
            [frame for frame, _ in shown], read_frames(self.label_file()), image_paths,
            self.dataset_meta['classes'], self.dataset_meta.get('palette') or [(255, 0, 0)],
            self.show_score_thr, self.color_by_track)
