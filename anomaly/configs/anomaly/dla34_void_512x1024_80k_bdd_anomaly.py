"""``dla34_512x1024_80k_bdd_anomaly.py`` as a void classifier (Fishyscapes section 4.1): one more
output, the void class 17, trained on the pixels BDD-Anomaly leaves unlabelled (255, relabelled 17
by ``BDD100KRelabelVoid`` after the crop and flip). The class map is the argmax of the 17 known
classes, the anomaly score the void probability, CA-IoU's unknown mask the pixels whose argmax
is void. No published weights.
"""
_base_ = './dla34_512x1024_80k_bdd_anomaly.py'
void_label = _base_.num_known_classes
train_pipeline = [*_base_.train_pipeline[:-1], dict(type='BDD100KRelabelVoid', value=void_label),
                  _base_.train_pipeline[-1]]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
model = dict(segmentor=dict(decode_head=dict(num_classes=void_label + 1)),
             scores=dict(_delete_=True, void=dict(type='BDD100KVoidScore')),
             primary='void', known_classes=void_label)
test_evaluator = dict(unknown_index=void_label)
