"""Official BDD100K lane marking scores in mmseg's evaluator, plus the submission files.

Data samples carry lane masks in the official encoding (:mod:`bdd100k_zoo.labels.lanes`: direction,
style and category bits, background 255), 1 x H x W: the prediction in ``pred_lane_map`` and the
ground truth in ``gt_lane_map`` (the fields of :mod:`bdd100k_zoo.seg.lane_transforms`; a lane +
drivable model keeps its drivable mask in ``pred_sem_seg``). The metric is
:class:`~bdd100k_zoo.seg.metrics.BDD100KMaskMetric` with the lane hooks: ``process`` scores each
image with :mod:`bdd100k_zoo.evaluation` (the code ``bdd100k-zoo eval -t lane_mark`` runs on mask
files), so only 12 x 3 F-measures per image travel between processes. With ``output_dir`` the
metric writes ``scores.json``, the submission: ``masks.zip`` (the lane mask PNGs,
``<image stem>.png``, spooled to files while the metric runs) and ``preds.json`` (Scalabel frames,
one RLE label per class present, :func:`bdd100k_zoo.export.lanes.lane_frame`), and
``visuals.zip`` (the markings drawn over the images). A model with one head per attribute builds
its lane mask with :func:`bdd100k_zoo.seg.lane_targets.lane_mask_of`.
"""
from typing import Any, Dict, Sequence

import numpy as np
from mmseg.registry import METRICS
from PIL import Image

from ..evaluation.boundary import lane_scores, mask_f_scores
from ..evaluation.scores import Scores
from ..export.lanes import lane_frame
from ..export.visuals import draw_class_mask
from ..labels.categories import LANE_PALETTE
from ..labels.frames import Frame
from ..labels.lanes import ATTRIBUTE_BITS, LANE_BACKGROUND, check_lane_mask, marking_pixels
from .lane_transforms import GT_LANE_FIELD, PRED_LANE_FIELD
from .metrics import BDD100KMaskMetric, sample_mask


def draw_lanes(picture: Image.Image, mask: np.ndarray) -> Image.Image:
    """The picture with a lane mask's markings drawn opaque in their category colours."""
    offset, width = ATTRIBUTE_BITS['category']
    categories = np.where(marking_pixels(mask), (mask >> offset) & ((1 << width) - 1),
                          LANE_BACKGROUND)
    return draw_class_mask(picture, categories, LANE_PALETTE, alpha=1.0)


@METRICS.register_module()
class BDD100KLaneMetric(BDD100KMaskMetric):
    """Official BDD100K lane marking scores: boundary F-measure at 1, 2 and 5 pixels.

    Logged: ``F1_pix1``, ``F1_pix2``, ``F1_pix5`` (mean over direction, style and category) and
    ``F1_pix<r>/DIRECTION``, ``/STYLE``, ``/CATEGORY``; the per-class table is printed.

    See :class:`~bdd100k_zoo.seg.metrics.BDD100KMaskMetric` for the arguments (``output_dir``,
    ``output_subdir``, ``slice_by``, ``format_only``, ``max_visuals``, ...).
    """

    task = 'lane_mark'
    pred_field = PRED_LANE_FIELD
    gt_field = GT_LANE_FIELD

    def prediction(self, sample: Dict[str, Any], name: str) -> np.ndarray:
        """The predicted lane mask of an image, checked.

        Raises:
            LabelError: not a lane mask (names the image).
        """
        return check_lane_mask(sample_mask(sample, self.pred_field), f'{name}: prediction')

    def sample_stats(self, sample: Dict[str, Any], name: str, pred: np.ndarray) -> np.ndarray:
        """The image's F-measures (:func:`~bdd100k_zoo.evaluation.boundary.mask_f_scores`)."""
        where = sample.get('lane_map_path') or name
        return mask_f_scores(self.ground_truth(sample, name), pred, where, f'{name}: prediction')

    def scores_of(self, stats: Sequence[np.ndarray]) -> Scores:
        """The official scores of a set of images from their F-measures."""
        return lane_scores(stats)

    def pred_frame(self, name: str, mask: np.ndarray) -> Frame:
        """The official lane prediction frame of an image's lane mask."""
        return lane_frame(name, mask)

    def draw(self, image: Image.Image, mask: np.ndarray) -> Image.Image:
        """The image with the predicted markings drawn in their category colours."""
        return draw_lanes(image, mask)
