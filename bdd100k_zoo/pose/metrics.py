"""The official BDD100K pose metric in mmpose's evaluator."""
from typing import Any, Dict, List, Optional, Sequence

from mmpose.registry import METRICS

from ..labels.frames import read_frames
from ..runtime.official_metric import BDD100KOfficialMetric
from .predictions import Person, check_modes, group_frames, sample_people


@METRICS.register_module()
class BDD100KPoseMetric(BDD100KOfficialMetric):
    """Official BDD100K pose AP (OKS with the BDD100K sigmas: AP, AP50, AP75, APm, APl, AR...).

    A top-down model predicts one person per sample: the people are grouped back into one Scalabel
    frame per image (every frame of the label file, in its order), rescored and de-duplicated by
    OKS NMS as the earlier zoo's conversion of its published results did (see
    :mod:`bdd100k_zoo.pose.predictions` for the format), then scored against the label file. With
    ``output_dir``: ``scores.json``, the submission ``preds.json`` and ``visuals.zip``.

    Args:
        score_mode: a person's confidence: ``'bbox_keypoint'`` (box score x mean joint score
            above ``keypoint_score_thr``, published), ``'bbox'`` or ``'keypoint'``.
        keypoint_score_thr: the joint score threshold of rescoring and of node visibility.
        nms_mode: ``'oks_nms'`` (published), ``'soft_oks_nms'`` or ``'none'``.
        nms_thr: the OKS NMS threshold.
        **kwargs: as :class:`bdd100k_zoo.runtime.official_metric.BDD100KOfficialMetric`
            (``ann_file``, ``output_dir``, ``slice_by``, ``max_visuals``, ...).
    """

    task = 'pose'

    def __init__(self, *args: Any, score_mode: str = 'bbox_keypoint',
                 keypoint_score_thr: float = 0.2, nms_mode: str = 'oks_nms',
                 nms_thr: float = 0.9, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        check_modes(score_mode, nms_mode)
        self.score_mode = score_mode
        self.keypoint_score_thr = keypoint_score_thr
        self.nms_mode = nms_mode
        self.nms_thr = nms_thr

    def process(self, data_batch: Any, data_samples: Sequence[Dict[str, Any]]) -> None:
        """Keeps the predicted people of each sample (one result per sample, as mmengine counts)."""
        for sample in data_samples:
            self.results.append(sample_people(sample))

    def compute_metrics(self, results: List[List[Person]]) -> Dict[str, float]:
        """Groups the people into frames, then scores and writes them as the base class does."""
        people = [person for sample in results for person in sample]
        names = [frame['name'] for frame in read_frames(self.label_file())]
        frames = group_frames(people, names, self.score_mode, self.keypoint_score_thr,
                              self.nms_mode, self.nms_thr)
        paths: Dict[str, Optional[str]] = {person['name']: person['img_path'] for person in people}
        return super().compute_metrics([(frame, paths.get(frame['name'])) for frame in frames])
