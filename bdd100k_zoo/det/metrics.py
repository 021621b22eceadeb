"""The official BDD100K detection and instance segmentation metrics in mmdet's evaluator."""
import os
import os.path as osp
import shutil
import tempfile
import weakref
from typing import Any, Dict, List, Optional, Tuple

from mmdet.registry import METRICS
from mmengine.logging import print_log

from ..export.atomic import write_json
from ..export.predictions import box_labels
from ..labels.boxes import xyxy_to_box2d
from ..labels.frames import Frame, read_frames
from ..labels.instances import rle_xyxy
from ..runtime.official_metric import BDD100KOfficialMetric
from .ins_seg_dataset import IMAGE_SUFFIX
from .instances import bitmask_frame
from .submission import mask_labels, write_bitmask_zip


def frame_name(data_sample: Dict[str, Any]) -> str:
    """The Scalabel frame name of a data sample (its ``name`` meta, else the image file name)."""
    return data_sample.get('name') or osp.basename(data_sample['img_path'])


@METRICS.register_module()
class BDD100KDetMetric(BDD100KOfficialMetric):
    """Official BDD100K box AP (AP, AP50, AP75, APs/m/l, AR..., per class) through scalabel.

    See :class:`bdd100k_zoo.runtime.official_metric.BDD100KOfficialMetric` for the arguments
    (``ann_file``, ``output_dir``, ``slice_by``, ...).
    """

    task = 'det'

    def to_frame(self, data_sample: Dict[str, Any]) -> Frame:
        pred = data_sample['pred_instances']
        return {'name': frame_name(data_sample),
                'labels': box_labels(pred['bboxes'].cpu().numpy(), pred['scores'].cpu().numpy(),
                                     pred['labels'].cpu().numpy(), self.dataset_meta['classes'])}


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
