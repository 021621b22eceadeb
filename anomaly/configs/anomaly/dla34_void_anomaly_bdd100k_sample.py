"""``dla34_anomaly_bdd100k_sample.py`` as a void classifier (Fishyscapes section 4.1), sized for a
CPU: one more output, the void class 19, trained on the sample's unlabelled pixels (255,
relabelled 19 by ``BDD100KRelabelVoid`` after the crop and flip). The class map is the argmax of
the 19 classes, the anomaly score the void probability, CA-IoU's unknown mask the pixels whose
argmax is void. Not a published model.
"""
_base_ = './dla34_anomaly_bdd100k_sample.py'
void_label = 19
train_pipeline = [*_base_.train_pipeline[:-1], dict(type='BDD100KRelabelVoid', value=void_label),
                  _base_.train_pipeline[-1]]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
model = dict(segmentor=dict(decode_head=dict(num_classes=void_label + 1)),
             scores=dict(_delete_=True, void=dict(type='BDD100KVoidScore')),
             primary='void', known_classes=void_label)
test_evaluator = dict(unknown_index=void_label)
