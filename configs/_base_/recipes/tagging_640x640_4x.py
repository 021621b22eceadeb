"""Everything but the model for tagging at 640x640 crops: ``bdd100k_tagging_640x640.py`` (12 images
per GPU x 4 GPUs) and the 4x schedule (48 epochs), which includes the tagging runtime."""
_base_ = ['../datasets/bdd100k_tagging_640x640.py', '../schedules/bdd100k_tagging_4x.py']
