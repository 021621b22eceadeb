"""Task piece ``sem_seg_task`` of the CPU sample: the zoo's DLA-34 sem_seg sample config
(``dla34_sem_seg_bdd100k_sample.py``: the paper's segmentation network from scratch, BN, 256x512
crops of 640x360 images, 4 images per batch, on data/bdd100k_sample) as one task."""
_base_ = '../../../sem_seg/configs/sem_seg/dla34_sem_seg_bdd100k_sample.py'
from bdd100k_zoo.config_edits.multitask import as_task  # noqa: E402
sem_seg_task = as_task(_base_, scope='mmseg')
