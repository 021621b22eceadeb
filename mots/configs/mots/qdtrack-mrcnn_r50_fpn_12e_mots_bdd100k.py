"""QDTrack with an FCN mask head, R-50-FPN, 12 epochs on BDD100K MOTS: the first stage of the
published PCAN model (``pcan-frcnn_r50_fpn_12e_mots_bdd100k.py`` trains on top of it). No published
weights of its own.

The settings of SysCV/pcan (commit 281e3a7, mmdet 2.10) ``configs/segtrack-frcnn_r50_fpn_12e_bdd10k_
fixed.py`` (``model=dict(fixed=True)``) and the files it inherits, ``segtrack-frcnn_r50_fpn_12e_
bdd10k.py`` and pcan's copy of ``qdtrack-frcnn_r50_fpn_12e_bdd100k.py``, in mmdet 3.3 terms:

- model: the published MOT QDTrack (``mot/configs/mot/qdtrack-frcnn_r50_fpn_12e_mot_bdd100k.py``)
  plus an FCN mask head (4 convs, 256 channels, 14x14 RoIAlign, 28x28 masks, 8 classes, mask cross
  entropy; segtrack L8-20, L23-26); starts from the published MOT checkpoint
  (``qdtrack-frcnn_r50_fpn_12e_bdd100k-13328aed.pth``, segtrack L96), whose mmdet 2.x keys are
  renamed while loading; the mask head is not in it and keeps its initial values, as upstream
  (train with ``--allow-missing-weights``);
- frozen (``fixed=True``: ``pcan/models/mot/quasi_dense_pcan_seg.py`` L18-35): backbone, neck, RPN,
  box head and track head; only the mask head trains;
- data: the seg_track_20 train videos (a reference frame within +-3) and the ins_seg train images
  (one-frame videos), 1296x720 keeping the ratio, flip 0.5; 2 images per GPU (segtrack L63-80) x 4
  GPUs (``scripts/train_pcan.sh``: ``dist_train.sh ... 4``; the stage's own GPU count is not
  recorded, the same lr suggests the same batch);
- schedule: SGD lr 0.01, momentum 0.9, weight decay 1e-4 (segtrack L95), 12 epochs, steps at 8 and
  11, linear warmup over 1000 iterations from 1/1000 (base L227-247); evaluated at epoch 12;
- test: box score threshold 0.5, NMS IoU 0.5, 100 boxes, mask threshold 0.5 (base L157-160,
  segtrack L25-26); the published tracker thresholds (base L75-87, those of the MOT config).

What differs from upstream is listed in ``mots/README.md`` ("Differences from the published
configs").
"""
_base_ = [
    '../../../configs/_base_/models/bdd100k_qdtrack_frcnn_r50_fpn.py',
    '../../../configs/_base_/recipes/seg_track_12e.py',
]

from bdd100k_zoo.config_edits.track import mask_head  # noqa: E402
model = dict(
    freeze=('detector.backbone', 'detector.neck', 'detector.rpn_head',
            'detector.roi_head.bbox_head', 'track_head'),
    detector=mask_head(_base_, score_thr=0.5, nms=dict(type='nms', iou_threshold=0.5),
                       max_per_img=100))
load_from = 'bdd100k://mot/qdtrack-frcnn_r50_fpn_12e_mot_bdd100k'

train_cfg = dict(val_interval=12)
optim_wrapper = dict(optimizer=dict(lr=0.01))
# the learning rate is the one of 4 GPUs x 2 images
auto_scale_lr = dict(base_batch_size=8)
