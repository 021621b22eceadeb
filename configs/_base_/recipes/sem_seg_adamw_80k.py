"""Everything but the model for the transformer models of BDD100K semantic segmentation
(ViT, DPT): ``bdd100k_sem_seg.py``, the AdamW schedule of 80K iterations and the mmseg runtime."""
_base_ = [
    '../datasets/bdd100k_sem_seg.py',
    '../schedules/bdd100k_seg_adamw_80k.py',
    '../runtimes/seg.py',
]
