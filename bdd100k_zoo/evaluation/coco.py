"""COCO-style AP through scalabel: det (boxes), ins_seg (masks) and pose (keypoints, OKS).

Frames come checked and paired (:mod:`.inputs`, :mod:`.matching`). det scores with :mod:`.box_ap`
(scalabel's ``evaluate_det`` numbers, faster); pose calls scalabel's ``evaluate_pose``; ins_seg
runs the steps of scalabel's ``evaluate_ins_seg`` with the sequential overlap rule, because that
function crashes with ``nproc > 1`` in scalabel 0.3.1.
"""
from typing import Sequence

from scalabel.eval.detect import COCOV2, COCOevalV2, DetResult
from scalabel.eval.pose import evaluate_pose
from scalabel.eval.result import Result
from scalabel.eval.utils import reorder_preds
from scalabel.label.to_coco import scalabel2coco_ins_seg
from scalabel.label.typing import Config, Frame

from ..labels.categories import DET_CLASSES, INS_SEG_CLASSES
from ..labels.frames import Frame as FrameDict
from .box_ap import ImageBoxes, box_ap, label_arrays, official_categories
from .configs import scalabel_config
from .overlap import drop_overlapping
from .scalabel_io import quiet, to_frames
from .scores import Scores, from_result


def score_det(gt: Sequence[FrameDict], preds: Sequence[FrameDict], nproc: int = 1,
              progress: bool = False) -> Scores:
    """Box AP of paired frames: scalabel ``evaluate_det``'s numbers, computed by :mod:`.box_ap`
    (in one process: faster than scalabel's with several)."""
    categories = official_categories()
    index = {name: i for i, name in enumerate(categories)}
    images = []
    for gt_frame, pred_frame in sorted(zip(gt, preds), key=lambda pair: pair[0]['name']):
        gt_boxes, gt_categories, gt_crowd, _ = label_arrays(gt_frame.get('labels') or [], index)
        dt_boxes, dt_categories, _, dt_scores = label_arrays(pred_frame.get('labels') or [],
                                                             index)
        images.append(ImageBoxes(gt_boxes, gt_categories, gt_crowd, dt_boxes, dt_scores,
                                 dt_categories))
    return from_result('det', box_ap(images, categories), DET_CLASSES)


def score_pose(gt: Sequence[FrameDict], preds: Sequence[FrameDict], nproc: int = 1,
               progress: bool = False) -> Scores:
    """Keypoint AP (OKS with the BDD100K sigmas) of paired frames (scalabel ``evaluate_pose``)."""
    with quiet():
        result = evaluate_pose(to_frames(gt), to_frames(preds), scalabel_config('pose'), nproc)
    return from_result('pose', result, ())


def mask_ap(gt_frames: Sequence[Frame], pred_frames: Sequence[Frame], config: Config,
            nproc: int) -> Result:
    """Scalabel's instance segmentation AP once predictions have passed the overlap rule."""
    gt_frames = sorted(gt_frames, key=lambda frame: frame.name)
    gt_coco = scalabel2coco_ins_seg(gt_frames, config)
    gt_coco['annotations'] = [ann for ann in gt_coco['annotations'] if 'segmentation' in ann]
    coco_gt = COCOV2(None, gt_coco)
    pred_anns = scalabel2coco_ins_seg(reorder_preds(gt_frames, list(pred_frames)),
                                      config)['annotations']
    if not pred_anns:
        return DetResult.empty(coco_gt)
    for ann in pred_anns:
        ann.pop('bbox', None)  # pycocotools then takes the area from the mask
    coco_dt = coco_gt.loadRes(pred_anns)
    cat_names = [cat['name'] for cat in coco_dt.loadCats(coco_dt.getCatIds())]
    coco_eval = COCOevalV2(cat_names, coco_gt, coco_dt, 'segm', nproc)
    coco_eval.params.imgIds = sorted(coco_gt.getImgIds())
    coco_eval.evaluate()
    coco_eval.accumulate()
    return coco_eval.summarize()


def score_ins_seg(gt: Sequence[FrameDict], preds: Sequence[FrameDict], nproc: int = 1,
                  progress: bool = False) -> Scores:
    """Mask AP of paired frames (the steps of scalabel ``evaluate_ins_seg``)."""
    pred_frames = to_frames(preds)
    drop_overlapping(pred_frames, INS_SEG_CLASSES, 'ins_seg')
    with quiet():
        result = mask_ap(to_frames(gt), pred_frames, scalabel_config('ins_seg'), nproc)
    return from_result('ins_seg', result, INS_SEG_CLASSES)
