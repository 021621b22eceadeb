"""Everything but the model for tagging at 224x224 crops: ``bdd100k_tagging.py`` (32 images per GPU
x 4 GPUs) and the 5x schedule (SGD lr 0.1, 60 epochs), which includes the tagging runtime."""
_base_ = ['../datasets/bdd100k_tagging.py', '../schedules/bdd100k_tagging_5x.py']
