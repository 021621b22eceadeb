"""Run a tracker on precomputed detections and embeddings, through the same calls ``QDTrack`` makes.

``QDTrack.predict`` hands each frame's data sample (with ``pred_instances``) and feature maps to
``tracker.track(model=..., feats=...)``, and the tracker embeds the detections with
``model.track_head.predict(feats, [bboxes])``. :class:`ReplayModel` stands in for the model: the
precomputed embeddings are passed as the only feature level and its track head returns them.
"""
from dataclasses import dataclass
from typing import Any, Sequence

from mmdet.structures import DetDataSample
from mmengine.structures import InstanceData
from torch import Tensor


@dataclass(frozen=True)
class DetectionFrame:
    """The detections of one video frame and their track embeddings.

    Attributes:
        frame_id: Index of the frame in its video (0 starts a video).
        bboxes: (N, 4) boxes, x1y1x2y2 in original image pixels.
        scores: (N,) detection scores.
        labels: (N,) long class indices.
        embeds: (N, D) track embeddings, in the order of the boxes.
        scale_factor: (w, h) scale from the original image to the network input.
    """
    frame_id: int
    bboxes: Tensor
    scores: Tensor
    labels: Tensor
    embeds: Tensor
    scale_factor: tuple[float, float] = (1.0, 1.0)

    def data_sample(self) -> DetDataSample:
        """A fresh data sample as ``QDTrack.predict`` passes it to the tracker."""
        sample = DetDataSample(metainfo=dict(frame_id=self.frame_id, scale_factor=self.scale_factor))
        sample.pred_instances = InstanceData(bboxes=self.bboxes.clone(), scores=self.scores.clone(),
                                             labels=self.labels.clone())
        return sample


class ReplayTrackHead:
    """A track head that returns the embeddings passed as its single feature level."""

    def predict(self, feats: list[Tensor], rescaled_bboxes: list[Tensor]) -> Tensor:
        """The embeddings ``feats[0]`` of the boxes ``rescaled_bboxes[0]``.

        Raises:
            ValueError: if there is not one embedding per box.
        """
        (embeds, ), (bboxes, ) = feats, rescaled_bboxes
        if len(embeds) != len(bboxes):
            raise ValueError(f'{len(embeds)} embeddings for {len(bboxes)} boxes')
        return embeds


class ReplayModel:
    """What a tracker sees as the ``QDTrack`` model when replaying :class:`DetectionFrame` s."""

    def __init__(self) -> None:
        self.track_head = ReplayTrackHead()


def replay(tracker: Any, frames: Sequence[DetectionFrame]) -> list[InstanceData]:
    """Track ``frames`` in order the way ``QDTrack.predict`` does, resetting the tracker at frame 0.

    Args:
        tracker: A quasi-dense tracker (``reset()`` and ``track(model, img, feats, data_sample)``).
        frames: The frames, videos one after the other.

    Returns:
        The tracker's output for each frame.
    """
    model = ReplayModel()
    steps = [(frame.frame_id, frame.data_sample(), [frame.embeds]) for frame in frames]
    results = []
    for frame_id, sample, feats in steps:
        if frame_id == 0:
            tracker.reset()
        results.append(tracker.track(model=model, img=None, feats=feats, data_sample=sample))
    return results
