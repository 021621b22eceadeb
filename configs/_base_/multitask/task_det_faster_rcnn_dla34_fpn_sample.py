"""Task piece ``det_task`` of the CPU sample on DLA-34: the det sample config of
``task_det_faster_rcnn_r18_fpn_sample.py`` (Faster R-CNN from scratch, 640x360, 4 images per batch)
with the DLA-34 backbone of the sem_seg sample (``task_sem_seg_dla34_sample.py``; the same
channels, 64-512 at strides 4-32, as R-18), so that det and sem_seg can share it."""
_base_ = ['./task_det_faster_rcnn_r18_fpn_sample.py', './task_sem_seg_dla34_sample.py']
det_task = dict(model=dict(backbone=dict(_delete_=True, **_base_.sem_seg_task.model.backbone)))
_base_.pop('sem_seg_task')
