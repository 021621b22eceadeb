"""DLA-34 weather tagging on 224x224 crops, 5x schedule, from scratch: the published setting."""
_base_ = ['../../../configs/_base_/models/bdd100k_tagging_dla.py',
          '../../../configs/_base_/recipes/tagging_5x.py']
model = dict(backbone=dict(arch='dla34', num_classes=7))
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(attribute='weather'))
