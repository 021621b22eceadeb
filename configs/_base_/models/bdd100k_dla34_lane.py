"""The BDD100K paper's lane marking network (section 5.1): the DLA-34 segmentation network of
``bdd100k_dla34_up_seg.py`` with three segmentation heads, one per lane attribute (direction:
background + parallel, vertical; style: background + solid, dashed; category: background + the 8
categories), each trained with cross entropy weighting the foreground classes 10 ("weighted
cross-entropy loss with foreground weight 10"; ``BDD100KLaneHead`` computes it). At test the
heads' mean foreground probability above 0.5, kept on its ridges (gradient-based non-maximum
suppression) and thinned to one pixel (morphological thinning), gives the marking pixels; each
takes its most likely value per attribute (``BDD100KMultiHeadSegmentor``, ``lane_mask_of``).

The paper ignores the "other" categories (double other, single other) in evaluation; their
pixels are ignored by the category head in training (direction and style still learn them).

``seg_head`` is the DLA head of the base, for a model adding a class-mask head (lane + drivable).
"""
_base_ = './bdd100k_dla34_up_seg.py'
foreground_weight = 10.0
seg_head = _base_.model.decode_head
lane_head = dict(seg_head, type='BDD100KLaneHead', foreground_weight=foreground_weight)
model = dict(
    _delete_=True,
    type='BDD100KMultiHeadSegmentor',
    data_preprocessor=_base_.data_preprocessor,
    backbone=_base_.model.backbone,
    neck=_base_.model.neck,
    decode_heads=dict(
        direction=dict(lane_head, attribute='direction', num_classes=3),
        style=dict(lane_head, attribute='style', num_classes=3),
        category=dict(lane_head, attribute='category', num_classes=9,
                      ignored=('double other', 'single other'))),
    train_cfg=dict(),
    test_cfg=dict(mode='whole', lane_threshold=0.5, lane_thin=True))
