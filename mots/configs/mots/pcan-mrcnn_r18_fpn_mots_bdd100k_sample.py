"""PCAN sized for a CPU, on the generated sample's seg_track_20 videos: the published PCAN recipe
(stage 2) on top of the CPU first stage. Not a published model.

The first stage (``qdtrack-mrcnn_r18_fpn_mots_bdd100k_sample.py``: QDTrack + FCN mask head) with the
PCAN parts at its 64 channels and the published settings otherwise: the frame-level prototype memory
on FPN levels 0-1 (30 prototypes, 3 EM iterations), the refine head (4 convs, 10 foreground and 10
background prototypes, 6 EM iterations, momentum 0.95) and the tracker that keeps mask features.
Everything but the refine head is frozen and loaded from a first-stage checkpoint (``load_from``);
only the refine head trains, 300 iterations. Test thresholds are the first stage's, so both stages
see the same detections. The first stage's checkpoint has no refine head and no memory prototypes
(they keep their initialisation, as upstream's stage 2 did): ``--allow-missing-weights``.

    OMP_NUM_THREADS=1 python tools/train.py mots/configs/mots/pcan-mrcnn_r18_fpn_mots_bdd100k_sample.py \
        --data-root data/bdd100k_sample --work-dir work_dirs/pcan_mots_sample --allow-missing-weights \
        --cfg-options load_from=work_dirs/qdtrack_mots_sample/iter_1000.pth
"""
_base_ = './qdtrack-mrcnn_r18_fpn_mots_bdd100k_sample.py'
from bdd100k_zoo.config_edits.schedules import sample_adamw  # noqa: E402
from bdd100k_zoo.config_edits.track import pcan  # noqa: E402
model = pcan(_base_)

load_from = None  # a first-stage checkpoint: --cfg-options load_from=<work_dir>/iter_1000.pth
max_iters = 300
train_cfg, optim_wrapper, param_scheduler = sample_adamw(max_iters)
default_hooks = dict(checkpoint=dict(interval=100))
