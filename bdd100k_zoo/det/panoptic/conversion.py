"""BDD100K pan_seg labels in mmdet's panoptic convention and back (no registry here).

Three encodings of the same 40 classes:

- **Official bitmask** (``labels/pan_seg/bitmasks``, and the bitmask submission): RGBA PNG,
  R = category id = index in :data:`~bdd100k_zoo.labels.categories.PAN_SEG_CLASSES` + 1 (stuff
  1..30, things 31..40, 0 = unlabeled), G = attribute bits (crowd << 1 | ignore, ...), instance
  id = (B << 8) + A. As the official converters write it
  (``bdd100k.label.to_mask.panseg_to_bitmasks``), a stuff segment's instance id is its category id
  and thing instances are numbered 31, 32, ...
- **Model labels** (:data:`PAN_SEG_MODEL_CLASSES`, mmdet's convention and the earlier zoo's order,
  so its checkpoints load): the 10 thing classes first (labels 0..9, in ``PAN_SEG_THING_CLASSES``
  order), then the 30 stuff classes (labels 10..39, in ``PAN_SEG_CLASSES`` order). Semantic maps
  hold these labels, 255 = unlabeled.
- **mmdet panoptic map** (``pred_panoptic_seg.sem_seg`` of PanopticFPN): ``label + instance *
  INSTANCE_OFFSET`` for thing instances, ``label`` for stuff, ``len(classes)`` (40) for void.
"""
from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple

import numpy as np
from mmdet.evaluation.functional import INSTANCE_OFFSET

from ...labels import LabelError
from ...labels.categories import (PAN_SEG_CLASSES, PAN_SEG_FIRST_THING_ID,
                                   PAN_SEG_THING_CLASSES)
from ...labels.masks import IGNORE_INDEX, Bitmask, encode_bitmask

PAN_SEG_STUFF_CLASSES: Tuple[str, ...] = tuple(
    name for name in PAN_SEG_CLASSES if name not in PAN_SEG_THING_CLASSES)
#: The class order of the pan_seg models: things, then stuff.
PAN_SEG_MODEL_CLASSES: Tuple[str, ...] = PAN_SEG_THING_CLASSES + PAN_SEG_STUFF_CLASSES
#: The official colours of the pan_seg classes (``bdd100k.label.label.labels``).
PAN_SEG_COLORS: Dict[str, Tuple[int, int, int]] = {
    'dynamic': (111, 74, 0), 'ego vehicle': (0, 0, 0), 'ground': (81, 0, 81),
    'static': (0, 0, 0), 'parking': (250, 170, 160), 'rail track': (230, 150, 140),
    'road': (128, 64, 128), 'sidewalk': (244, 35, 232), 'bridge': (150, 100, 100),
    'building': (70, 70, 70), 'fence': (190, 153, 153), 'garage': (180, 100, 180),
    'guard rail': (180, 165, 180), 'tunnel': (150, 120, 90), 'wall': (102, 102, 156),
    'banner': (250, 170, 100), 'billboard': (220, 220, 250), 'lane divider': (255, 165, 0),
    'parking sign': (220, 20, 60), 'pole': (153, 153, 153), 'polegroup': (153, 153, 153),
    'street light': (220, 220, 100), 'traffic cone': (255, 70, 0),
    'traffic device': (220, 220, 220), 'traffic light': (250, 170, 30),
    'traffic sign': (220, 220, 0), 'traffic sign frame': (250, 170, 250),
    'terrain': (152, 251, 152), 'vegetation': (107, 142, 35), 'sky': (70, 130, 180),
    'person': (220, 20, 60), 'rider': (255, 0, 0), 'bicycle': (119, 11, 32), 'bus': (0, 60, 100),
    'car': (0, 0, 142), 'caravan': (0, 0, 90), 'motorcycle': (0, 0, 230), 'trailer': (0, 0, 110),
    'train': (0, 80, 100), 'truck': (0, 0, 70)}
#: G bits that keep a ground-truth segment out of training and evaluation: crowd, ignore.
IGNORED_BITS = 0b11
MAX_INSTANCE_ID = 65535


def palette(classes: Sequence[str]) -> List[Tuple[int, int, int]]:
    """The official colours of ``classes``, in their order."""
    return [PAN_SEG_COLORS[name] for name in classes]


def official_ids(classes: Sequence[str]) -> np.ndarray:
    """The official category id of each model label (``classes[i]`` -> its id)."""
    return np.array([PAN_SEG_CLASSES.index(name) + 1 for name in classes], dtype=np.int64)


def thing_flags(classes: Sequence[str]) -> np.ndarray:
    """Whether each model label is a thing class, plus ``False`` for the void label."""
    return np.array([name in PAN_SEG_THING_CLASSES for name in classes] + [False])


def bitmask_to_panoptic(bitmask: Bitmask, classes: Sequence[str], name: str) -> np.ndarray:
    """An official bitmask as an mmdet panoptic map (H x W int64, see the module doc).

    Thing instances keep their bitmask instance id (``label + id * INSTANCE_OFFSET``); stuff pixels
    of a class form one segment; unlabeled pixels (category 0) and categories outside ``classes``
    are void (``len(classes)``).

    Raises:
        LabelError: a category id beyond the 40 pan_seg classes (names ``name``).
    """
    categories = bitmask.categories.astype(np.int64)
    illegal = np.unique(categories[categories > len(PAN_SEG_CLASSES)])
    if illegal.size:
        raise LabelError(f'{name}: illegal category ids {illegal.tolist()} (expected 1..'
                         f'{len(PAN_SEG_CLASSES)}, 0 for unlabeled)')
    lookup = np.full(len(PAN_SEG_CLASSES) + 1, len(classes), dtype=np.int64)
    lookup[official_ids(classes)] = np.arange(len(classes))
    labels = lookup[categories]
    instances = bitmask.instances.astype(np.int64)
    things = thing_flags(classes)[labels] & (instances > 0)
    return np.where(things, labels + instances * INSTANCE_OFFSET, labels)


def panoptic_to_bitmask(panoptic: np.ndarray, classes: Sequence[str]) -> np.ndarray:
    """An mmdet panoptic map as an official bitmask (H x W x 4 uint8, no attribute bits).

    Each stuff segment gets its category id as instance id, thing segments ids 31, 32, ... in
    increasing segment value; void pixels are unlabeled.

    Raises:
        ValueError: more thing instances than a bitmask can number.
    """
    segments, inverse = np.unique(panoptic, return_inverse=True)
    labels = segments % INSTANCE_OFFSET
    valid = labels < len(classes)
    categories = np.zeros(len(segments), dtype=np.int64)
    categories[valid] = official_ids(classes)[labels[valid]]
    instances = categories.copy()
    things = thing_flags(classes)[np.where(valid, labels, len(classes))]
    count = int(things.sum())
    if PAN_SEG_FIRST_THING_ID + count - 1 > MAX_INSTANCE_ID:
        raise ValueError(f'{count} thing instances do not fit the instance ids of a bitmask')
    instances[things] = PAN_SEG_FIRST_THING_ID + np.arange(count)
    shape = panoptic.shape
    return encode_bitmask(categories[inverse].reshape(shape), instances[inverse].reshape(shape),
                          np.zeros(shape, dtype=np.int64))


@dataclass
class PanopticTargets:
    """The training targets of PanopticFPN for one image.

    Attributes:
        seg_map: H x W uint8 model labels (things and stuff), 255 = unlabeled.
        masks: N x H x W uint8 masks of the thing instances.
        labels: N model labels.
        ignore_flags: N flags: crowd or ignored instances (no detection target).
        bboxes: N x 4 float32 ``[x1, y1, x2, y2)`` boxes of the masks' pixels.
    """

    seg_map: np.ndarray
    masks: np.ndarray
    labels: np.ndarray
    ignore_flags: np.ndarray
    bboxes: np.ndarray


def mask_boxes(masks: np.ndarray) -> np.ndarray:
    """The ``[x1, y1, x2, y2)`` boxes (float32, N x 4) of non-empty N x H x W masks."""
    rows, cols = masks.any(axis=2), masks.any(axis=1)
    height, width = masks.shape[1:]
    return np.stack([cols.argmax(axis=1), rows.argmax(axis=1),
                     width - cols[:, ::-1].argmax(axis=1),
                     height - rows[:, ::-1].argmax(axis=1)], axis=1).astype(np.float32)


def panoptic_targets(bitmask: Bitmask, classes: Sequence[str], name: str) -> PanopticTargets:
    """PanopticFPN's targets from an official ground-truth bitmask.

    Every labelled pixel gets its class in the semantic map; each thing instance (instance id > 0)
    becomes a mask, box and label, flagged ignored if its G bits say crowd or ignore (as the
    official evaluation leaves such segments out).

    Raises:
        LabelError: illegal category ids, or an instance with pixels of several categories or
            attribute values (names ``name``).
    """
    from ...evaluation.bitmasks import instance_properties  # loads scalabel: only when used
    panoptic = bitmask_to_panoptic(bitmask, classes, name)
    properties = instance_properties(bitmask, name)
    labels = panoptic % INSTANCE_OFFSET
    seg_map = np.where(labels >= len(classes), IGNORE_INDEX, labels).astype(np.uint8)
    segments = np.unique(panoptic[panoptic >= INSTANCE_OFFSET])
    masks = (panoptic[None] == segments[:, None, None]).astype(np.uint8)
    ignore_flags = np.array([bool(properties[int(s) // INSTANCE_OFFSET][1] & IGNORED_BITS)
                             for s in segments], dtype=bool)
    return PanopticTargets(seg_map, masks, segments % INSTANCE_OFFSET, ignore_flags,
                           mask_boxes(masks))
