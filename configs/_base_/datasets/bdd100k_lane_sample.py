"""BDD100K lane marking on the generated sample (``bdd100k-zoo sample``), sized for a CPU: the
pipelines of ``bdd100k_lane.py`` at the scale of ``bdd100k_sem_seg_sample.py`` (640x360 images,
resized by 0.75-1.5, 256x512 crops, no photometric distortion; 4 images per batch). Not a
published setting."""
_base_ = './bdd100k_lane.py'
data_root = 'data/bdd100k_sample/'
crop_size = (256, 512)
image_scale = (640, 360)
lane_train_pipeline = [
    dict(step, scale=image_scale, ratio_range=(0.75, 1.5)) if step.type == 'RandomResize' else
    dict(step, crop_size=crop_size) if step.type == 'RandomCrop' else step
    for step in _base_.lane_train_pipeline if step.type != 'PhotoMetricDistortion']
lane_test_pipeline = [dict(step, scale=image_scale) if step.type == 'Resize' else step
                      for step in _base_.lane_test_pipeline]
train_pipeline = lane_train_pipeline
test_pipeline = lane_test_pipeline
train_dataloader = dict(batch_size=4, dataset=dict(data_root=data_root, pipeline=train_pipeline))
val_dataloader = test_dataloader = dict(
    batch_size=2, dataset=dict(data_root=data_root, pipeline=test_pipeline))
