"""QDTrack, Faster R-CNN R-50-FPN, 12 epochs on BDD100K MOT: the published model (val mMOTA 36.6,
mIDF1 51.6, IDSw 6193).

The settings of the published model (SysCV/qdtrack, ``configs/bdd100k/qdtrack-frcnn_r50_fpn_12e_
bdd100k.py``, mmdet 2.x) in mmdet 3.3 terms: 8 classes; RPN box loss smooth L1 (beta 1/9); a
quasi-dense embedding head (4 convs + 1 fc, GN, 256-d embeddings, multi-positive cross entropy 0.25
and margin L2 0.1 losses; RoIs assigned at IoU 0.7/0.3, 256 sampled with IoU-balanced negatives);
the published tracker thresholds (init 0.7, object 0.3, match 0.5, 10 frames of tracklet memory,
1 of backdrops, momentum 0.8, bi-softmax matching within classes); ImageNet R-50 (torchvision);
data as in ``configs/_base_/datasets/bdd100k_box_track.py`` (box_track_20 + det_20 as one-frame
videos, reference frame within +-3, 1296x720, flip 0.5, 2 images x 8 GPUs); SGD lr 0.02, linear
warmup over 1000 iterations, steps at epochs 8 and 11; test score threshold 0.05, 100 boxes.
``BDD100KQDTrack`` is mmdet's QDTrack with its multi-class training bug (#11409) fixed.
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_qdtrack_frcnn_r50_fpn.py',
    '../../../configs/_base_/recipes/box_track_12e.py',
]
