"""tagging: precision, recall, F1 and accuracy of frame attributes (weather, scene, timeofday).

Scalabel's ``evaluate_tagging`` scores each attribute (macro averages over its values, accuracy).
The overall scores average the attributes of the official benchmark (weather and scene) as the
official toolkit does; time of day keeps its own keys (``accuracy/TIMEOFDAY``, ...) beside them, and
is the overall only when it is the one attribute scored. The evaluated attributes are those the
predictions carry (a weather model predicts only ``weather``) unless given. Ground-truth frames without attributes are skipped,
as officially; every other paired frame must carry each evaluated attribute with a known value.
"""
from typing import Optional, Sequence

from scalabel.eval.tagging import evaluate_tagging

from ..labels import LabelError
from ..labels.categories import OFFICIAL_TAGGING_ATTRIBUTES, TAGGING_ATTRIBUTES
from ..labels.frames import Frame, where
from .configs import scalabel_config
from .inputs import Origin
from .scalabel_io import quiet, to_frames
from .scores import Scores, from_result

#: The overall tagging metrics, each the mean of the per-attribute ones.
OVERALL_METRICS = ('precision', 'recall', 'f1_score', 'accuracy')


def evaluated_attributes(preds: Sequence[Frame], attributes: Optional[Sequence[str]],
                         path: str) -> Sequence[str]:
    """The attributes to score: ``attributes``, or those any prediction carries.

    Args:
        preds: checked prediction frames.
        attributes: the attributes asked for, if any.
        path: names the predictions in errors.
    """
    if attributes is None:
        attributes = [name for name in TAGGING_ATTRIBUTES
                      if any(name in (frame.get('attributes') or {}) for frame in preds)]
        if not attributes:
            raise LabelError(f'{path}: the predictions carry none of the tagging attributes '
                             f'{", ".join(TAGGING_ATTRIBUTES)}')
    unknown = [name for name in attributes if name not in TAGGING_ATTRIBUTES]
    if unknown:
        raise LabelError(f'tagging: unknown attributes {unknown} (expected some of '
                         f'{", ".join(TAGGING_ATTRIBUTES)})')
    return list(attributes)


def check_value(frame: Frame, attribute: str, path: str) -> None:
    """Checks a frame carries a known value of ``attribute``."""
    value = (frame.get('attributes') or {}).get(attribute)
    if value not in TAGGING_ATTRIBUTES[attribute]:
        raise LabelError(f'{where(path, frame)}: attribute {attribute!r} must be one of '
                         f'{", ".join(TAGGING_ATTRIBUTES[attribute])}, got {value!r}')


def score_tagging(gt: Sequence[Frame], preds: Sequence[Frame], gt_origin: Origin,
                  pred_origin: Origin, attributes: Optional[Sequence[str]] = None) -> Scores:
    """Tagging scores of paired frames.

    Args:
        gt: ground-truth frames.
        preds: the paired prediction frames.
        gt_origin: names ground-truth files in errors.
        pred_origin: names prediction files in errors.
        attributes: the attributes to score (default: those the predictions carry).
    """
    attributes = evaluated_attributes(preds, attributes, pred_origin.default)
    for gt_frame, pred_frame in zip(gt, preds):
        if gt_frame.get('attributes') is not None:
            for attribute in attributes:
                check_value(gt_frame, attribute, gt_origin(gt_frame))
                check_value(pred_frame, attribute, pred_origin(pred_frame))
    with quiet():
        result = evaluate_tagging(to_frames(gt), to_frames(preds),
                                  scalabel_config('tagging', attributes))
    classes = [f'{name}.{value}' for name in attributes for value in TAGGING_ATTRIBUTES[name]]
    scores = from_result('tagging', result, classes)
    for row in scores.per_class.values():
        del row['accuracy']  # scalabel defines accuracy per attribute only (NaN per value)
    averaged = [name for name in attributes if name in OFFICIAL_TAGGING_ATTRIBUTES] or attributes
    for metric in OVERALL_METRICS:
        scores.summary[metric] = sum(scores.summary[f'{metric}/{name.upper()}']
                                     for name in averaged) / len(averaged)
    return scores
