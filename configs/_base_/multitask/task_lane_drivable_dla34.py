"""Task piece ``lane_drivable_task`` (Table 8): the zoo's lane marking + drivable area model, the
paper's Table 5 network (``dla34_512x1024_80k_lane_drivable_bdd100k.py``: three lane heads and a
drivable head on one DLA-34, every batch training the four heads on images labelled for both;
scored by the official lane boundary F-score and drivable mIoU), built under the seg side's scope
(mmseg)."""
_base_ = '../../../lane/configs/lane/dla34_512x1024_80k_lane_drivable_bdd100k.py'
from bdd100k_zoo.config_edits.multitask import as_task  # noqa: E402
lane_drivable_task = as_task(_base_, scope='mmseg')
