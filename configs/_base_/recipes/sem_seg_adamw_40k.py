"""Everything but the model for the transformer models of BDD100K semantic segmentation (Swin,
ViT): ``bdd100k_sem_seg.py``, the AdamW schedule of 40K iterations and the mmseg runtime."""
_base_ = [
    '../datasets/bdd100k_sem_seg.py',
    '../schedules/bdd100k_seg_adamw_40k.py',
    '../runtimes/seg.py',
]
