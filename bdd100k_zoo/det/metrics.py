"""The official BDD100K detection metric in mmdet's evaluator."""
import os.path as osp
from typing import Any, Dict

from mmdet.registry import METRICS

from ..export.predictions import box_labels
from ..labels.frames import Frame
from ..runtime.official_metric import BDD100KOfficialMetric


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
