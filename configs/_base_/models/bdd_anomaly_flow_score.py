"""The Real-NVP flow score (Fishyscapes section 4.2) as data, for an anomaly config to add to its
scores with its ``stats_file``: the NLL of the decode head's classifier input minus its mean
training NLL, an 8-coupling flow fitted by ``bdd100k-zoo anomaly fit`` for 10 epochs on 1,000,000
training features. Several layers: list them in ``layers`` (minimum NLL). The config takes the
helper out (``_base_.pop('flow_score')``)."""
flow_score = dict(type='BDD100KFlowScore', layers=('decode_head.conv_seg:in',), couplings=8,
                  epochs=10, reservoir=1000000)
