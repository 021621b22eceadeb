"""Anomaly masks in mmseg pipelines: loading them (checked), packing them, relabelling void.

- :class:`BDD100KLoadAnomalyAnnotations` loads the known-class mask like
  :class:`~bdd100k_zoo.seg.transforms.BDD100KLoadAnnotations` and the anomaly mask
  (``gt_anomaly_map``, uint8 0/1/255, the image's size);
- :class:`BDD100KPackAnomalyInputs` packs ``gt_anomaly_map`` as a ``PixelData`` of the data sample
  beside ``gt_sem_seg`` (mmseg's ``PackSegInputs`` packs only its own fields);
- :class:`BDD100KRelabelVoid` turns the ignored label 255 of ``gt_seg_map`` into a trained class
  (the void class of a void or open-set head); put it after the crop and flip (``RandomCrop``'s
  ``cat_max_ratio`` treats 255 as ignored) and before packing.
"""
from typing import Any, Dict

import numpy as np
import torch
from mmcv.transforms import BaseTransform
from mmengine.structures import PixelData
from mmseg.datasets.transforms import PackSegInputs
from mmseg.registry import TRANSFORMS

from ...labels import LabelError
from ...labels.masks import IGNORE_INDEX, read_class_mask
from ..transforms import BDD100KLoadAnnotations


@TRANSFORMS.register_module()
class BDD100KLoadAnomalyAnnotations(BDD100KLoadAnnotations):
    """Loads the known-class mask and, with ``anomaly_map_path``, the anomaly mask.

    Raises:
        LabelError: naming the file: an anomaly mask with values other than 0, 1 and 255, not
            single-channel, or of another size than its image.
    """

    def _load_seg_map(self, results: Dict[str, Any]) -> None:
        super()._load_seg_map(results)
        path = results.get('anomaly_map_path')
        if path is None:
            return
        anomaly = read_class_mask(path, 2)
        image_size = tuple(results['ori_shape'][:2])
        if anomaly.shape != image_size:
            raise LabelError(f'{path}: anomaly mask is {anomaly.shape[0]}x{anomaly.shape[1]} '
                             f'(HxW), its image {results["img_path"]} is '
                             f'{image_size[0]}x{image_size[1]}')
        results['gt_anomaly_map'] = anomaly.copy()
        results['seg_fields'].append('gt_anomaly_map')


@TRANSFORMS.register_module()
class BDD100KPackAnomalyInputs(PackSegInputs):
    """mmseg's ``PackSegInputs`` plus ``gt_anomaly_map`` (``PixelData``, 1 x H x W uint8)."""

    def transform(self, results: Dict[str, Any]) -> Dict[str, Any]:
        packed = super().transform(results)
        if 'gt_anomaly_map' in results:
            data = torch.from_numpy(np.ascontiguousarray(results['gt_anomaly_map'])[None])
            packed['data_samples'].set_data(dict(gt_anomaly_map=PixelData(data=data)))
        return packed


@TRANSFORMS.register_module()
class BDD100KRelabelVoid(BaseTransform):
    """Sets the ignored pixels (255) of ``gt_seg_map`` to ``value``.

    Args:
        value: the class id the void pixels train (e.g. K, the number of known classes).
    """

    def __init__(self, value: int) -> None:
        if not 0 <= value < IGNORE_INDEX:
            raise ValueError(f'value must be 0..{IGNORE_INDEX - 1}, got {value}')
        self.value = value

    def transform(self, results: Dict[str, Any]) -> Dict[str, Any]:
        mask = results['gt_seg_map']
        results['gt_seg_map'] = np.where(mask == IGNORE_INDEX, self.value, mask).astype(mask.dtype)
        return results

    def __repr__(self) -> str:
        return f'{type(self).__name__}(value={self.value})'
