"""``dla34_512x1024_80k_bdd_anomaly.py`` as a void classifier (Fishyscapes section 4.1): one more
output, the void class 17, trained on the pixels BDD-Anomaly leaves unlabelled (255, relabelled 17
by ``BDD100KRelabelVoid`` after the crop and flip). The class map is the argmax of the 17 known
classes, the anomaly score the void probability, CA-IoU's unknown mask the pixels whose argmax
is void. No published weights.
"""
_base_ = './dla34_512x1024_80k_bdd_anomaly.py'
from bdd100k_zoo.config_edits.anomaly import void_classifier  # noqa: E402
void_label = _base_.num_known_classes
train_pipeline, train_dataloader, model, test_evaluator = void_classifier(_base_, void_label)
