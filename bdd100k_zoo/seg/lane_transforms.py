"""Loading and packing BDD100K lane marking labels for mmseg pipelines.

The lane mask (official byte encoding, :mod:`bdd100k_zoo.labels.lanes`) travels through the
geometric transforms as the seg field ``gt_lane_map`` (resized with nearest neighbours, cropped and
flipped like ``gt_seg_map``) and is packed as ``gt_lane_map`` (1 x H x W) of the data sample. The
lane heads turn it into their per-attribute targets (:mod:`bdd100k_zoo.seg.lane_targets`).
"""
from typing import Any, Dict

import numpy as np
import torch
from mmengine.structures import PixelData
from mmseg.datasets.transforms import PackSegInputs
from mmseg.registry import TRANSFORMS

from ..labels import LabelError
from ..labels.lane_drawing import draw_lane_mask
from ..labels.lanes import read_lane_mask
from .transforms import BDD100KLoadAnnotations

#: The seg field (and data sample field) of the ground-truth lane mask.
GT_LANE_FIELD = 'gt_lane_map'
#: The data sample field of a predicted lane mask (1 x H x W).
PRED_LANE_FIELD = 'pred_lane_map'


@TRANSFORMS.register_module()
class BDD100KLoadLaneAnnotations(BDD100KLoadAnnotations):
    """Adds the image's lane mask as ``gt_lane_map`` (uint8, H x W) to ``seg_fields``, and its
    class mask (``gt_seg_map``, e.g. drivable area) when the sample has a ``seg_map_path``.

    The lane mask is ``lane_map_path`` (a lane mask PNG) or, without one, ``lane_labels``
    (Scalabel ``poly2d`` lane labels) drawn as the official converter does. Needs ``ori_shape``
    (``LoadImageFromFile`` must come first).

    Raises:
        LabelError: naming the mask file or frame: unreadable mask, values outside the lane
            encoding, a size other than the image's, or a malformed label (and the class mask
            errors of ``BDD100KLoadAnnotations``).
    """

    def transform(self, results: Dict[str, Any]) -> Dict[str, Any]:
        """Loads the lane mask (and class mask) of ``results``."""
        if results.get('seg_map_path'):
            self._load_seg_map(results)
        self._load_lane_map(results)
        return results

    @staticmethod
    def _load_lane_map(results: Dict[str, Any]) -> None:
        size = tuple(results['ori_shape'][:2])
        path = results.get('lane_map_path')
        if path:
            mask = read_lane_mask(path)
            where = path
        else:
            where = f'{results.get("lane_label_file", "lane labels")}: frame {results["name"]}'
            try:
                mask = draw_lane_mask(results['lane_labels'], size)
            except (KeyError, ValueError, TypeError) as err:
                raise LabelError(f'{where}: bad lane label: {err}') from err
        if mask.shape != size:
            raise LabelError(f'{where}: lane mask is {mask.shape[0]}x{mask.shape[1]} (HxW), its '
                             f'image {results["img_path"]} is {size[0]}x{size[1]}')
        results[GT_LANE_FIELD] = mask
        results.setdefault('seg_fields', []).append(GT_LANE_FIELD)


@TRANSFORMS.register_module()
class BDD100KPackLaneInputs(PackSegInputs):
    """mmseg's ``PackSegInputs`` that also packs ``gt_lane_map`` (1 x H x W) when present."""

    def transform(self, results: Dict[str, Any]) -> Dict[str, Any]:
        """Packs the inputs, the class mask (if any) and the lane mask (if any)."""
        packed = super().transform(results)
        if GT_LANE_FIELD in results:
            lanes = torch.from_numpy(np.ascontiguousarray(results[GT_LANE_FIELD])[None].astype(
                np.int64))
            packed['data_samples'].set_data({GT_LANE_FIELD: PixelData(data=lanes)})
        return packed
