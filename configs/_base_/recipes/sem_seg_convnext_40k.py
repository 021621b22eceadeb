"""Everything but the model for the ConvNeXt models of BDD100K semantic segmentation:
``bdd100k_sem_seg.py``, the ConvNeXt schedule of 40K iterations (AdamW, stage-wise lr decay, mixed
precision) and mmseg's runtime; the configs load our seg side and mmpretrain's models themselves
(``custom_imports``, which mmseg's ConvNeXt UPerNet model also sets)."""
_base_ = [
    '../datasets/bdd100k_sem_seg.py',
    '../schedules/bdd100k_seg_convnext_40k.py',
    'mmseg::_base_/default_runtime.py',
]
