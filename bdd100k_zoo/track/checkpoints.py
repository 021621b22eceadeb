"""The key names of the published mmdet 2.x tracking checkpoints, renamed to our mmdet 3.x models.

The published BDD100K QDTrack (MOT) and PCAN (MOTS) weights were saved by SysCV/qdtrack and
SysCV/pcan on mmdet 2.x, whose models name their parts differently:

- qdtrack up to 2021 (``QDTrack(TwoStageDetector)``, the layout of the published MOT checkpoint) and
  pcan keep the detector's parts at the root (``backbone.``, ``neck.``, ``rpn_head.``,
  ``roi_head.bbox_head.``) and the track head inside the RoI head (``roi_head.track_head.``); pcan
  adds ``roi_head.mask_head.``, ``roi_head.refine_head.`` and the frame memory's prototypes
  ``mu0`` ... ``mu4``, of which only ``mu0`` and ``mu1`` are ever read (SysCV/pcan
  ``quasi_dense_pcan_seg_refine.py``, ``forward_test``: levels 0 and 1), so the others are dropped;
- qdtrack from 2022 (``QDTrack(BaseDetector)``) has ``detector.`` like ours, and its embedding head
  at ``track_head.track_head.`` (mmdet 3.x: ``track_head.embed_head.``).

The layers inside each part keep their names in mmdet 3.x, so a prefix rename is all it takes. Keys
no rule knows are left as they are, so loading reports them as unexpected.
"""
from typing import Dict, MutableMapping, Tuple

from mmengine.logging import print_log

#: Old key prefix -> our prefix (checked in this order; the first match renames).
RENAMED_PREFIXES: Tuple[Tuple[str, str], ...] = (
    ('backbone.', 'detector.backbone.'),
    ('neck.', 'detector.neck.'),
    ('rpn_head.', 'detector.rpn_head.'),
    ('roi_head.bbox_head.', 'detector.roi_head.bbox_head.'),
    ('roi_head.mask_head.', 'detector.roi_head.mask_head.'),
    ('roi_head.track_head.', 'track_head.embed_head.'),
    ('track_head.track_head.', 'track_head.embed_head.'),
    ('roi_head.refine_head.', 'refine_head.'),
    ('mu0', 'frame_memory.mu0'),
    ('mu1', 'frame_memory.mu1'),
)

#: Keys of pcan's frame memory that its model never reads (prototypes of FPN levels 2-4).
UNUSED_KEYS: Tuple[str, ...] = ('mu2', 'mu3', 'mu4')


def renamed_key(key: str) -> str:
    """Our name for the key ``key`` of an mmdet 2.x tracking checkpoint (relative to the model).

    Args:
        key: a state-dict key without the model's prefix.

    Returns:
        The mmdet 3.x name, or ``key`` itself when no rule applies (our own names included).
    """
    for old, new in RENAMED_PREFIXES:
        if key == old or (old.endswith('.') and key.startswith(old)):
            return new + key[len(old):]
    return key


def convert_mmdet2_keys(state_dict: MutableMapping[str, object],
                        prefix: str = '') -> Dict[str, str]:
    """Renames, in place and keeping their order, the mmdet 2.x keys of a tracking checkpoint.

    Only keys under ``prefix`` (the model's place in the state dict being loaded) are looked at;
    the unused ``mu2``-``mu4`` are removed. Logs the number of renamed keys once when there are any.

    Args:
        state_dict: the state dict being loaded (changed in place).
        prefix: the model's prefix in ``state_dict`` (``''`` for the root model).

    Returns:
        Old key -> new key for every renamed key (full keys, prefix included).
    """
    renames: Dict[str, str] = {}
    for key in [key for key in state_dict if key.startswith(prefix)]:
        local = key[len(prefix):]
        new = renamed_key(local)
        if new != local:
            renames[key] = prefix + new
    dropped = [prefix + key for key in UNUSED_KEYS if prefix + key in state_dict]
    if not renames and not dropped:
        return renames
    items = [(renames.get(key, key), value) for key, value in state_dict.items()
             if key not in dropped]
    state_dict.clear()
    state_dict.update(items)
    print_log(f'mmdet 2.x tracking checkpoint: {len(renames)} keys renamed to mmdet 3.x names'
              + (f', unused {", ".join(dropped)} dropped' if dropped else ''), logger='current')
    return renames
