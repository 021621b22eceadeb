"""BDD100K detection with the zoo's "strong" augmentation (3x schedule): mosaic, mixup, random
resize (0.5-1.5 of 1280x720), random crop to 1280x720 and photometric distortion.

The earlier zoo switched the augmentation off for the last 9 epochs with a ``ModeSwitchHook(
num_last_epochs=9, single_scale=True)`` that no public mmdet version ships; here
``BDD100KAugSwitchHook`` skips mosaic, mixup, random resize and crop for those epochs (training
on the 1280x720 images with flip and photometric distortion), the closest reading of that hook.
"""
_base_ = './bdd100k_det.py'

image_scale = (1280, 720)
train_pipeline = [
    dict(type='Mosaic', img_scale=image_scale),
    dict(type='MixUp', img_scale=image_scale),
    dict(type='RandomFlip', prob=0.5),
    dict(type='RandomResize', scale=image_scale, ratio_range=(0.5, 1.5), keep_ratio=True),
    dict(type='RandomCrop', crop_size=image_scale, allow_negative_crop=True),
    dict(type='PhotoMetricDistortion'),
    dict(type='PackDetInputs', meta_keys={{_base_.meta_keys}}),
]
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='MultiImageMixDataset',
        dataset=dict(
            _base_.train_dataloader.dataset,
            pipeline=[
                dict(type='LoadImageFromFile', backend_args={{_base_.backend_args}}),
                dict(type='LoadAnnotations', with_bbox=True),
            ]),
        pipeline=train_pipeline))
custom_hooks = [dict(type='BDD100KAugSwitchHook', num_last_epochs=9)]
