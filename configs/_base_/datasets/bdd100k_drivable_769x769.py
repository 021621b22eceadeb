"""BDD100K drivable area, the published 769x769 setting: the pipelines and the model patch
``slide_769x769`` of ``bdd100k_sem_seg_769x769.py`` on the drivable data of ``bdd100k_drivable.py``
(the patch also gives both heads the 3 drivable classes)."""
_base_ = './bdd100k_sem_seg_769x769.py'
dataset_type = 'BDD100KDrivableDataset'

train_dataloader = dict(dataset=dict(type=dataset_type))
val_dataloader = test_dataloader = dict(dataset=dict(type=dataset_type))
val_evaluator = test_evaluator = dict(type='BDD100KDrivableMetric')

# merged by mmengine into the slide_769x769 of the base: its settings and 3 classes on both heads
slide_769x769 = dict(decode_head=dict(num_classes=3), auxiliary_head=dict(num_classes=3))
