"""BDD100K semantic segmentation on the generated sample (``bdd100k-zoo sample``), sized for a CPU:
images at 640x360, 256x512 crops, 4 images per batch; the official layout, masks and metric as in
``bdd100k_sem_seg.py``. Not a published setting."""
_base_ = './bdd100k_sem_seg.py'
data_root = 'data/bdd100k_sample/'
crop_size = (256, 512)
image_scale = (640, 360)

# the pipelines of bdd100k_sem_seg.py at this scale, resizing by 0.75-1.5, no photometric distortion
train_pipeline = [
    dict(step, scale=image_scale, ratio_range=(0.75, 1.5)) if step.type == 'RandomResize' else
    dict(step, crop_size=crop_size) if step.type == 'RandomCrop' else step
    for step in _base_.train_pipeline if step.type != 'PhotoMetricDistortion']
test_pipeline = [dict(step, scale=image_scale) if step.type == 'Resize' else step
                 for step in _base_.test_pipeline]
train_dataloader = dict(batch_size=4, dataset=dict(data_root=data_root, pipeline=train_pipeline))
val_dataloader = test_dataloader = dict(
    batch_size=2, dataset=dict(data_root=data_root, pipeline=test_pipeline))
