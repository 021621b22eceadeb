"""Task piece ``sem_seg_task`` of the CPU sample: the zoo's DLA-34 sem_seg sample config
(``dla34_sem_seg_bdd100k_sample.py``: the paper's segmentation network from scratch, BN, 256x512
crops of 640x360 images, 4 images per batch, on data/bdd100k_sample) as one task."""
_base_ = '../../../sem_seg/configs/sem_seg/dla34_sem_seg_bdd100k_sample.py'
_base_.model._scope_ = _base_.val_evaluator._scope_ = 'mmseg'
_base_.train_dataloader.dataset._scope_ = _base_.val_dataloader.dataset._scope_ = 'mmseg'
sem_seg_task = {key: _base_.pop(key)
                for key in ('model', 'train_dataloader', 'val_dataloader', 'val_evaluator')}
_base_.clear()
