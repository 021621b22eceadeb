"""The official BDD100K tagging metric in mmpretrain's evaluator, and the submission frames.

A tagging prediction is a Scalabel frame whose ``attributes`` hold the predicted value of the
evaluated attribute, ``{"name": "<image>.jpg", "attributes": {"weather": "clear"}}``: the frames
scalabel's ``evaluate_tagging`` reads (it looks each evaluated attribute up in the prediction
frame's ``attributes``). ``preds.json`` (``tools/test.py --out-dir``) is a list of such frames.
"""
import os.path as osp
from typing import Any, Dict

from mmpretrain.registry import METRICS

from ..labels.frames import Frame
from ..runtime.official_metric import BDD100KOfficialMetric


@METRICS.register_module()
class BDD100KTaggingMetric(BDD100KOfficialMetric):
    """Official BDD100K tagging scores of one attribute, through scalabel.

    Accuracy, and precision, recall and F1-score macro-averaged over the attribute's values, plus
    each value's precision/recall/F1 in ``scores.json``. The attribute and its classes come from
    the evaluated dataset (:class:`BDD100KTaggingDataset` metainfo). See
    :class:`bdd100k_zoo.runtime.official_metric.BDD100KOfficialMetric` for the arguments
    (``ann_file``, ``output_dir``, ``slice_by``, ...).
    """

    task = 'tagging'

    def to_frame(self, data_sample: Dict[str, Any]) -> Frame:
        """The submission frame of one image: its predicted value of the attribute."""
        meta = self.dataset_meta or {}
        if 'attribute' not in meta:
            raise ValueError(f'{type(self).__name__}: the evaluated dataset must name its '
                             f'attribute in its metainfo (use BDD100KTaggingDataset)')
        value = meta['classes'][int(data_sample['pred_label'])]
        name = data_sample.get('name') or osp.basename(data_sample['img_path'])
        return {'name': name, 'attributes': {meta['attribute']: value}}
