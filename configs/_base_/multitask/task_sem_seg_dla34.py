"""Task piece ``sem_seg_task`` (Table 8): the zoo's DLA-34 semantic segmentation config, the
paper's segmentation network (``dla34_512x1024_80k_sem_seg_bdd100k.py``: 19 classes, 512x1024
crops, 2 images per GPU; scored on sem_seg val by the official mIoU), each
built under the seg side's scope (mmseg)."""
_base_ = '../../../sem_seg/configs/sem_seg/dla34_512x1024_80k_sem_seg_bdd100k.py'
_base_.model._scope_ = _base_.val_evaluator._scope_ = 'mmseg'
_base_.train_dataloader.dataset._scope_ = _base_.val_dataloader.dataset._scope_ = 'mmseg'
sem_seg_task = {key: _base_.pop(key)
                for key in ('model', 'train_dataloader', 'val_dataloader', 'val_evaluator')}
_base_.clear()
