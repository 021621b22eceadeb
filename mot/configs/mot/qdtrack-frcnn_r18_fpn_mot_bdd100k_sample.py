"""QDTrack sized for a CPU: trains on the generated BDD100K sample (``bdd100k-zoo sample``) and tracks
its moving objects. Not a published model.

The published model (``qdtrack-frcnn_r50_fpn_12e_mot_bdd100k.py``) made small: Faster R-CNN with a
half-width ResNet-18 (32 base channels) and a 64-channel FPN, anchors half the published size (at
800x450, 80% of the sample's tracked boxes are 9-72 pixels tall), a 2-conv embedding head of 64-d
embeddings, 800x450 frames, boxes of any size kept, no ImageNet initialisation (no weights can be
downloaded in the sandbox it targets; BN trained from scratch), AdamW and a 1000-iteration schedule;
the same joint box_track_20 + det_20 data, reference frames within +-3, tracker and official metric.
On a shared 2-core CPU, one torch thread (``OMP_NUM_THREADS=1``) is several times faster than two.

The longer run (mMOTA on the sample's val videos, see the report):

    bdd100k-zoo sample --out data/bdd100k_sample --scale small --seed 0
    OMP_NUM_THREADS=1 python tools/train.py mot/configs/mot/qdtrack-frcnn_r18_fpn_mot_bdd100k_sample.py \
        --data-root data/bdd100k_sample --work-dir work_dirs/qdtrack_sample
    OMP_NUM_THREADS=1 python tools/test.py mot/configs/mot/qdtrack-frcnn_r18_fpn_mot_bdd100k_sample.py \
        work_dirs/qdtrack_sample/iter_1000.pth --data-root data/bdd100k_sample \
        --work-dir work_dirs/qdtrack_sample --out-dir work_dirs/qdtrack_sample/test
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_qdtrack_frcnn_r18_fpn_small.py',
    '../../../configs/_base_/recipes/box_track_sample_1k.py',
]
