"""BDD100K semantic segmentation, the published 769x769 setting (crops of the image resized around
1281x721, tested at 1281x721); everything else as ``bdd100k_sem_seg.py``.

Models trained on 769x769 crops test with 769x769 sliding windows and ``align_corners=True``, as the
earlier zoo did: ``slide_769x769`` holds these model settings, and a config that inherits this file
and an mmseg model base applies them with ``model = _base_.slide_769x769`` (mmengine merges the
patch into the base's ``model``). Every model base it serves has an auxiliary head.
"""
_base_ = './bdd100k_sem_seg.py'
crop_size = (769, 769)
image_scale = (1281, 721)

# the pipelines of bdd100k_sem_seg.py at this image scale and crop size
train_pipeline = [dict(step, scale=image_scale) if step.type == 'RandomResize' else
                  dict(step, crop_size=crop_size) if step.type == 'RandomCrop' else step
                  for step in _base_.train_pipeline]
test_pipeline = [dict(step, scale=image_scale) if step.type == 'Resize' else step
                 for step in _base_.test_pipeline]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = test_dataloader = dict(dataset=dict(pipeline=test_pipeline))

# the model patch of this setting (input size, align_corners on both heads, sliding-window test)
slide_769x769 = dict(
    data_preprocessor=dict(size=crop_size),
    decode_head=dict(align_corners=True),
    auxiliary_head=dict(align_corners=True),
    test_cfg=dict(mode='slide', crop_size=crop_size, stride=(513, 513)))
