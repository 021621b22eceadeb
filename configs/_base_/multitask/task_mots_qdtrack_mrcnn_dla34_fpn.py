"""Task piece ``mots_task`` (Table 9): the zoo's MOTS model (``qdtrack-mrcnn_r50_fpn_12e_mots_
bdd100k.py``: QDTrack with an FCN mask head, 8 classes, 1296x720, 2 images per GPU; scored on
seg_track_20 val by the official MOTS metrics) on the DLA-34 backbone and FPN of the tracker of
``task_mot_qdtrack_dla34_fpn.py``, every module trained, on the seg_track_20 videos only.

The zoo's config is the first stage of PCAN: it starts from the published MOT weights, trains the
mask head only and adds the ins_seg images as one-frame videos. The paper's "MOTS (S)" row trains
the whole model on the MOTS set from ImageNet weights; its other rows add the pretraining or the
other tasks (``multitask/configs/table9/``).
"""
_base_ = ['./task_mot_qdtrack_dla34_fpn.py',
          '../../../mots/configs/mots/qdtrack-mrcnn_r50_fpn_12e_mots_bdd100k.py']
from bdd100k_zoo.config_edits.multitask import as_task  # noqa: E402
_videos = _base_.train_dataloader.dataset
_videos.datasets = [d for d in _videos.datasets if d.type == 'BDD100KSegTrackDataset']
_base_.model.pop('freeze')
_base_.model.detector.backbone = _base_.mot_task.model.detector.backbone
_base_.model.detector.neck = _base_.mot_task.model.detector.neck
mots_task = as_task(_base_)
del _videos
