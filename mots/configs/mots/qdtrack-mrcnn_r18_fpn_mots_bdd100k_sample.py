"""QDTrack with a mask head (Mask R-CNN), sized for a CPU, on the generated sample's seg_track_20
videos: the first stage of the published PCAN pipeline, made small. Not a published model.

The CPU-sized QDTrack of ``mot/configs/mot/qdtrack-frcnn_r18_fpn_mot_bdd100k_sample.py`` plus an FCN
mask head (4 convs, 14x14 RoIAlign, 28x28 masks, 8 classes), trained on the seg_track_20 videos and
the ins_seg images (as one-frame videos) of the sample, scored with the official MOTS metric
(``BDD100KSegTrackMetric``: RLE predictions, bitmask submission). The tracker keeps each tracked
detection's mask.

    OMP_NUM_THREADS=1 python tools/train.py mots/configs/mots/qdtrack-mrcnn_r18_fpn_mots_bdd100k_sample.py \
        --data-root data/bdd100k_sample --work-dir work_dirs/qdtrack_mots_sample
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_qdtrack_frcnn_r18_fpn_small.py',
    '../../../configs/_base_/recipes/seg_track_sample_1k.py',
]
from bdd100k_zoo.config_edits.track import mask_head  # noqa: E402
model = dict(detector=mask_head(_base_))
