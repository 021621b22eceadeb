"""Everything but the model for BDD-Anomaly at 512x1024 crops: ``bdd_anomaly.py`` (17 known
classes by default: ``num_known_classes``), the CNN schedule of 80K iterations and the mmseg
runtime."""
_base_ = [
    '../datasets/bdd_anomaly.py',
    '../runtimes/seg.py',
    '../schedules/bdd100k_seg_80k.py',
]
num_known_classes = 17
