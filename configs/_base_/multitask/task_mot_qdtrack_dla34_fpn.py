"""Task piece ``mot_task`` (Tables 7 and 9): the zoo's QDTrack with a DLA-34 Faster R-CNN
(``qdtrack-frcnn_dla34_fpn_12e_mot_bdd100k.py``: 8 classes, 1296x720, 2 images per GPU; scored on
box_track_20 val by the official MOT metrics) trained on the box_track_20 videos only (built under
the default scope, mmdet).

The zoo's config also trains on the det_20 images as one-frame videos (QDTrack's published recipe);
the paper's "MOT" row trains on the tracking set alone, and its "MOT + Det" row adds the detection
set as a task of its own (``det_task`` of ``task_det_faster_rcnn_dla34_fpn.py``).
"""
_base_ = '../../../mot/configs/mot/qdtrack-frcnn_dla34_fpn_12e_mot_bdd100k.py'
from bdd100k_zoo.config_edits.multitask import as_task  # noqa: E402
_videos = _base_.train_dataloader.dataset
_videos.datasets = [d for d in _videos.datasets if d.type == 'BDD100KBoxTrackDataset']
mot_task = as_task(_base_)
del _videos
