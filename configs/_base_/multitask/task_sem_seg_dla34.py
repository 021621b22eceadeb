"""Task piece ``sem_seg_task`` (Table 8): the zoo's DLA-34 semantic segmentation config, the
paper's segmentation network (``dla34_512x1024_80k_sem_seg_bdd100k.py``: 19 classes, 512x1024
crops, 2 images per GPU; scored on sem_seg val by the official mIoU), each
built under the seg side's scope (mmseg)."""
_base_ = '../../../sem_seg/configs/sem_seg/dla34_512x1024_80k_sem_seg_bdd100k.py'
from bdd100k_zoo.config_edits.multitask import as_task  # noqa: E402
sem_seg_task = as_task(_base_, scope='mmseg')
