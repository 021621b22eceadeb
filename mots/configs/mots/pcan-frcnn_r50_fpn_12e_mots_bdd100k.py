"""PCAN, R-50-FPN, 12 epochs on BDD100K MOTS: the published model (val mMOTSA 28.1, mIDF1 45.4,
IDSw 874).

The published model is the second stage of SysCV/pcan (commit 281e3a7, mmdet 2.10): ``configs/
segtrack-frcnn_r50_fpn_12e_bdd10k_fixed_pcan.py`` (the config of ``scripts/train_pcan.sh``,
``test_pcan.sh`` and ``convert_to_bdd.sh``), trained from the first stage (``load_from``, L34); the
earlier zoo's row links the first stage's base file ``segtrack-frcnn_r50_fpn_12e_bdd10k.py``. Its
settings in mmdet 3.3 terms, on top of the first stage
(``qdtrack-mrcnn_r50_fpn_12e_mots_bdd100k.py``: data, schedule, test thresholds):

- the frame-level space-time memory on FPN levels 0 and 1, distilled into 30 prototypes by 3 EM
  iterations, blended 0.75/0.25 into the features and the memory (``pcan/models/mot/
  quasi_dense_pcan_seg.py`` L19, ``quasi_dense_pcan_seg_refine.py`` L30-71; used at test only);
- the refine mask head (``EMMatchHeadPlus``, fixed_pcan L9-31): 4 convs of 256 channels, a 2x
  deconv, 10 foreground and 10 background prototypes by 6 EM iterations, momentum 0.95, the key
  mask as an extra input (``with_mask_key=True``, ``with_mask_ref=False``), training matches at
  cosine similarity 0.5, sigmoid cross entropy 1.0;
- the tracker keeping each track's mask features and logits (``QuasiDenseSegFeatEmbedTracker``,
  fixed_pcan L32) with the published thresholds;
- frozen: everything but the refine head (``fixed=True``, ``quasi_dense_pcan_seg_refine.py``
  L14-28); SGD lr 0.01, 12 epochs, steps 8 and 11, 2 images x 4 GPUs (``scripts/train_pcan.sh``).

``load_from`` is the first stage's checkpoint (not published), given on the command line; the
refine head and the frame memory's prototypes are not in it and keep their initial values, as
upstream (``--allow-missing-weights``)::

    mim train bdd100k_zoo pcan-frcnn_r50_fpn_12e_mots_bdd100k.py --gpus 4 --launcher pytorch \
        --allow-missing-weights \
        --cfg-options load_from=work_dirs/qdtrack-mrcnn_r50_fpn_12e_mots_bdd100k/epoch_12.pth

The published PCAN checkpoint (mmdet 2.x key names) loads into this config as it is. What differs
from upstream is listed in ``mots/README.md`` ("Differences from the published configs").
"""
_base_ = './qdtrack-mrcnn_r50_fpn_12e_mots_bdd100k.py'

from bdd100k_zoo.config_edits.track import pcan  # noqa: E402
model = pcan(_base_, with_ref_mask=False, with_key_mask=True)
load_from = None  # the first stage's checkpoint: --cfg-options load_from=<work_dir>/epoch_12.pth
