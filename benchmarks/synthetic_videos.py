"""Synthetic BDD100K-like detection videos for exercising and timing trackers.

Objects of several classes move smoothly through a 1280x720 frame, enter and leave (image border,
birth, death), disappear behind occlusions (some longer than a track is remembered) and are detected
with noisy boxes, varying scores (with low-score dips), occasional wrong labels and duplicate
detections, among low-score false positives. An embedding is the object's prototype plus noise;
prototypes of a group of objects are similar, so that detections compete for tracks.
"""
import numpy as np
import torch

from tracking_replay import DetectionFrame

IMAGE_SIZE = (1280, 720)


class _Objects:
    """The state of every object of a video, advanced one frame at a time.

    Objects keep a slowly varying velocity; 80% bounce off the image border, the others leave.
    """

    def __init__(self, rng: np.random.Generator, num_frames: int, num_objects: int, num_classes: int,
                 embed_dim: int) -> None:
        self.rng = rng
        n = num_objects
        self.num_classes = num_classes
        self.labels = rng.integers(num_classes, size=n)
        persistent = rng.random(n) < 0.7
        self.birth = np.where(persistent, 0, rng.integers(num_frames, size=n))
        lifetime = rng.integers(10, num_frames + 10, size=n)
        self.death = np.where(persistent, num_frames, self.birth + lifetime)
        self.center = rng.uniform((0, 150), IMAGE_SIZE, size=(n, 2))
        self.velocity = rng.normal(0, 2, size=(n, 2))
        self.bounces = rng.random(n) < 0.8
        width = rng.uniform(20, 220, size=n)
        self.size = np.stack([width, width * rng.uniform(0.5, 2.0, size=n)], axis=1)
        self.occluded_until = np.full(n, -1)
        self.base_score = rng.uniform(0.45, 0.98, size=n)
        self.embed_noise = rng.uniform(0.03, 0.2, size=n)
        self.prototypes = _prototypes(rng, n, embed_dim)

    def visible(self, frame: int) -> np.ndarray:
        """Indices of the objects seen at ``frame``, then advance their motion and occlusions."""
        rng, n = self.rng, len(self.labels)
        start_occlusion = rng.random(n) < 0.02
        self.occluded_until = np.where(start_occlusion, frame + rng.integers(1, 16, size=n),
                                       self.occluded_until)
        inside = np.all((self.center > 0) & (self.center < IMAGE_SIZE), axis=1)
        alive = (self.birth <= frame) & (frame < self.death)
        seen = np.flatnonzero(alive & inside & (self.occluded_until < frame))
        self.velocity = 0.95 * self.velocity + rng.normal(0, 0.3, size=(n, 2))
        self.center += self.velocity
        bounce = self.bounces[:, None] & ((self.center < 0) | (self.center > IMAGE_SIZE))
        self.velocity[bounce] *= -1
        self.size *= np.exp(rng.normal(0, 0.005, size=(n, 1)))
        return seen

    def detect(self, objs: np.ndarray) -> tuple[np.ndarray, ...]:
        """Noisy boxes, scores, labels and embeddings of the objects ``objs``."""
        rng, k = self.rng, len(objs)
        half = self.size[objs] / 2
        corners = np.concatenate([self.center[objs] - half, self.center[objs] + half], axis=1)
        boxes = corners + rng.normal(0, 0.03, size=(k, 4)) * np.tile(self.size[objs], 2)
        scores = self.base_score[objs] + rng.normal(0, 0.07, size=k)
        dips = rng.random(k) < 0.06
        scores = np.where(dips, rng.uniform(0.05, 0.45, size=k), scores)
        labels = np.where(rng.random(k) < 0.03, rng.integers(self.num_classes, size=k),
                          self.labels[objs])
        embeds = self.prototypes[objs] + rng.normal(size=(k, self.prototypes.shape[1])) * \
            self.embed_noise[objs, None]
        return boxes, scores, labels, embeds


def _prototypes(rng: np.random.Generator, num: int, dim: int) -> np.ndarray:
    """Embedding prototypes of norm 4.5; objects of a group of about three are similar."""
    groups = _unit(rng.normal(size=(max(num // 3, 1), dim)))[rng.integers(max(num // 3, 1), size=num)]
    share = rng.uniform(0.1, 0.7, size=(num, 1))
    return 4.5 * _unit(share * groups + (1 - share) * _unit(rng.normal(size=(num, dim))))


def _unit(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit norm."""
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _duplicates(rng: np.random.Generator, boxes: np.ndarray, scores: np.ndarray, labels: np.ndarray,
                embeds: np.ndarray, num_classes: int) -> tuple[np.ndarray, ...]:
    """Shifted, lower-scored copies of about 5% of the detections, some with another label."""
    dup = np.flatnonzero(rng.random(len(boxes)) < 0.05)
    size = np.tile(boxes[dup, 2:] - boxes[dup, :2], 2)
    shifted = boxes[dup] + rng.uniform(-0.35, 0.35, size=(len(dup), 4)) * size
    relabel = rng.random(len(dup)) < 0.4
    return (shifted, scores[dup] * rng.uniform(0.3, 0.9, size=len(dup)),
            np.where(relabel, rng.integers(num_classes, size=len(dup)), labels[dup]),
            embeds[dup] + rng.normal(0, 0.1, size=embeds[dup].shape))


def _false_positives(rng: np.random.Generator, count: int, num_classes: int,
                     prototypes: np.ndarray) -> tuple[np.ndarray, ...]:
    """Low-score random boxes; a third look like some object."""
    corner = rng.uniform((0, 0), IMAGE_SIZE, size=(count, 2))
    boxes = np.concatenate([corner, corner + rng.uniform(10, 150, size=(count, 2))], axis=1)
    lookalike = prototypes[rng.integers(len(prototypes), size=count)]
    random = 4.5 * _unit(rng.normal(size=(count, prototypes.shape[1])))
    embeds = np.where(rng.random((count, 1)) < 0.33, lookalike, random) + \
        rng.normal(0, 0.1, size=(count, prototypes.shape[1]))
    return boxes, rng.uniform(0.05, 0.5, size=count), rng.integers(num_classes, size=count), embeds


def synthesize_video(num_frames: int,
                     num_objects: int,
                     num_classes: int = 8,
                     embed_dim: int = 256,
                     dets_per_frame: int | None = None,
                     seed: int = 0) -> list[DetectionFrame]:
    """A synthetic video of detections and embeddings, frames numbered from 0.

    Args:
        num_frames: Number of frames.
        num_objects: Number of objects over the video; about 70% live through the whole video.
        num_classes: Number of classes.
        embed_dim: Embedding size.
        dets_per_frame: If given, every frame has exactly this many detections (padded with false
            positives, or the highest-scored ones kept, like a detector's ``max_per_img``); else
            about 8 false positives are added per frame.
        seed: Random seed.

    Returns:
        The frames, detections in random order (float32 boxes, scores, embeddings; long labels).
    """
    rng = np.random.default_rng(seed)
    objects = _Objects(rng, num_frames, num_objects, num_classes, embed_dim)
    frames = []
    for frame_id in range(num_frames):
        dets = objects.detect(objects.visible(frame_id))
        dets = [np.concatenate(parts) for parts in zip(dets, _duplicates(rng, *dets, num_classes))]
        num_fp = rng.poisson(8) if dets_per_frame is None else max(dets_per_frame - len(dets[0]), 0)
        dets = [np.concatenate(parts)
                for parts in zip(dets, _false_positives(rng, num_fp, num_classes, objects.prototypes))]
        frames.append(_frame(rng, frame_id, dets, dets_per_frame))
    return frames


def _frame(rng: np.random.Generator, frame_id: int, dets: list[np.ndarray],
           dets_per_frame: int | None) -> DetectionFrame:
    """The frame of the detections ``dets`` (boxes, scores, labels, embeddings), shuffled.

    Boxes are clipped to the image (at least 1 pixel wide and high), scores to [0.05, 0.999]; with
    ``dets_per_frame``, only that many highest-scored detections are kept.
    """
    boxes, scores, labels, embeds = dets
    scores = np.clip(scores, 0.05, 0.999)
    keep = np.argsort(-scores, kind='stable')[:dets_per_frame]
    order = rng.permutation(keep)
    boxes = np.concatenate([boxes[:, :2], np.maximum(boxes[:, 2:], boxes[:, :2] + 1)], axis=1)
    boxes = np.clip(boxes[order], 0, np.tile(IMAGE_SIZE, 2))
    return DetectionFrame(frame_id=frame_id,
                          bboxes=torch.from_numpy(boxes).float(),
                          scores=torch.from_numpy(scores[order]).float(),
                          labels=torch.from_numpy(labels[order]).long(),
                          embeds=torch.from_numpy(embeds[order]).float())
