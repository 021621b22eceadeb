"""``dla34_anomaly_bdd100k_sample.py`` as a void classifier (Fishyscapes section 4.1), sized for a
CPU: one more output, the void class 19, trained on the sample's unlabelled pixels (255,
relabelled 19 by ``BDD100KRelabelVoid`` after the crop and flip). The class map is the argmax of
the 19 classes, the anomaly score the void probability, CA-IoU's unknown mask the pixels whose
argmax is void. Not a published model.
"""
_base_ = './dla34_anomaly_bdd100k_sample.py'
from bdd100k_zoo.config_edits.anomaly import void_classifier  # noqa: E402
void_label = 19
train_pipeline, train_dataloader, model, test_evaluator = void_classifier(_base_, void_label)
