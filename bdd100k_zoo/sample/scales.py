"""How much data each scale of the generated sample holds, per task and split."""
from dataclasses import dataclass
from typing import Dict, Tuple

SPLITS: Tuple[str, ...] = ('train', 'val')


@dataclass(frozen=True)
class Scale:
    """Counts of one sample scale (each a ``{split: count}`` dict) and the JPEG quality.

    Attributes:
        images_100k: 100K images per split (det_20, drivable, pose_21, tagging).
        images_10k: 10K images per split (ins_seg, sem_seg and pan_seg of the same scenes).
        track_videos: box_track_20 videos per split.
        track_frames: frames per box_track_20 video.
        seg_track_videos: seg_track_20 videos per split.
        seg_track_frames: frames per seg_track_20 video.
        jpeg_quality: quality of every written JPEG.
        anomaly_images: images of the anomaly split (unknown objects, :mod:`.anomalies`).
    """

    images_100k: Dict[str, int]
    images_10k: Dict[str, int]
    track_videos: Dict[str, int]
    track_frames: int
    seg_track_videos: Dict[str, int]
    seg_track_frames: int
    jpeg_quality: int = 80
    anomaly_images: int = 0


#: ``small``: enough to train a small model for a few minutes on CPU; ``tiny``: seconds, for tests.
SCALES: Dict[str, Scale] = {
    'small': Scale(images_100k={'train': 100, 'val': 25}, images_10k={'train': 50, 'val': 15},
                   track_videos={'train': 5, 'val': 2}, track_frames=20,
                   seg_track_videos={'train': 3, 'val': 2}, seg_track_frames=12,
                   anomaly_images=12),
    'tiny': Scale(images_100k={'train': 4, 'val': 3}, images_10k={'train': 3, 'val': 3},
                  track_videos={'train': 2, 'val': 2}, track_frames=5,
                  seg_track_videos={'train': 2, 'val': 2}, seg_track_frames=4,
                  anomaly_images=3),
}
