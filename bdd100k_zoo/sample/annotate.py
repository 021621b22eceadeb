"""Scalabel labels of a rendered frame, for every task, in the official field layout.

Boxes follow the Scalabel convention (inclusive pixel corners). Detection and tracking boxes cover
an object's whole extent inside the image (also where something nearer hides it); mask-based labels
(ins_seg, seg_track) carry the box of their visible mask, as the official RLE converter writes it.
"""
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..labels.categories import (IGNORE_MAPPING, PAN_SEG_CLASSES, PAN_SEG_FIRST_THING_ID,
                                  PAN_SEG_THING_CLASSES, POSE_CATEGORY, POSE_JOINTS, POSE_SKELETON,
                                  SEM_SEG_CLASSES)
from ..labels.masks import (decode_bitmask, encode_attributes, encode_bitmask, rle_decode,
                            rle_encode)
from .actors import PersonActor, sem_id
from .render import ObjectRecord, RenderedFrame

Label = Dict[str, object]
#: Fewest visible pixels for an object to be labelled at all.
MIN_VISIBLE_PIXELS = 25
#: Smallest box side (pixels) for an object to be labelled.
MIN_BOX_SIDE = 4
#: A pedestrian gets a pose label when this tall (pixels), uncut by the border and this visible.
POSE_MIN_HEIGHT = 40
POSE_MIN_VISIBLE_SHARE = 0.3
POSE_GRAPH_TYPE = 'Pose2D-18Joints'
IGNORED_CATEGORIES: Tuple[str, ...] = tuple(IGNORE_MAPPING)


def box2d(box: Tuple[int, int, int, int]) -> Dict[str, float]:
    """A Scalabel ``box2d`` from inclusive pixel corners."""
    x1, y1, x2, y2 = box
    return {'x1': float(x1), 'y1': float(y1), 'x2': float(x2), 'y2': float(y2)}


def mask_box2d(mask: np.ndarray) -> Dict[str, float]:
    """The ``box2d`` of a non-empty binary mask (inclusive corners)."""
    cols = np.flatnonzero(mask.any(axis=0))
    rows = np.flatnonzero(mask.any(axis=1))
    return box2d((int(cols[0]), int(rows[0]), int(cols[-1]), int(rows[-1])))


def is_labelled(record: ObjectRecord) -> bool:
    """Whether an object is visible enough to be labelled."""
    box = record.footprint.box
    return (box is not None and record.visible >= MIN_VISIBLE_PIXELS
            and box[2] - box[0] + 1 >= MIN_BOX_SIDE and box[3] - box[1] + 1 >= MIN_BOX_SIDE)


def _flags(record: ObjectRecord) -> Dict[str, object]:
    return {'occluded': record.occluded, 'truncated': record.truncated, 'crowd': record.actor.crowd}


def box_labels(frame: RenderedFrame, categories: Sequence[str],
               with_light_color: bool) -> List[Label]:
    """Box labels (det_20 when ``with_light_color``, else box_track_20) of the given categories.

    Ids are the actors' track ids, so the same object keeps its id along a video.
    """
    labels = []
    for record in frame.objects:
        if record.actor.category not in categories or not is_labelled(record):
            continue
        attributes = _flags(record)
        if with_light_color:
            color = record.actor.attributes().get('trafficLightColor', 'NA')
            attributes['trafficLightColor'] = color
        labels.append({'id': str(record.actor.track_id), 'category': record.actor.category,
                       'attributes': attributes, 'box2d': box2d(record.footprint.box)})
    return labels


InstanceId = Callable[[ObjectRecord, int], int]


def instance_labels(frame: RenderedFrame, categories: Sequence[str],
                    instance_id: InstanceId) -> Tuple[List[Label], np.ndarray]:
    """Instance labels with RLE masks, and the matching RGBA bitmask (ins_seg, seg_track).

    Args:
        frame: the rendered frame.
        categories: the task's classes (the bitmask category id is the 1-based index).
        instance_id: the id of an object given its record and its 1-based order in the frame
            (per-frame order for ins_seg, the track id for seg_track).
    """
    lut_category = np.zeros(256, dtype=np.uint8)
    lut_attributes = np.zeros(256, dtype=np.uint8)
    lut_instance = np.zeros(256, dtype=np.int32)
    labels = []
    for record in frame.objects:
        if record.actor.category not in categories or not is_labelled(record):
            continue
        mask = frame.instance == record.instance
        identity = instance_id(record, len(labels) + 1)
        flags = _flags(record)
        lut_category[record.instance] = categories.index(record.actor.category) + 1
        lut_attributes[record.instance] = encode_attributes(**flags)
        lut_instance[record.instance] = identity
        labels.append({'id': str(identity), 'category': record.actor.category, 'attributes': flags,
                       'box2d': mask_box2d(mask), 'rle': rle_encode(mask)})
    bitmask = encode_bitmask(lut_category[frame.instance], lut_instance[frame.instance],
                             lut_attributes[frame.instance])
    return labels, bitmask


def class_mask_labels(mask: np.ndarray, classes: Sequence[str], stem: str) -> List[Label]:
    """One RLE label per class present in a class-id mask (sem_seg, drivable); 255 is left out."""
    labels = []
    for class_id in np.unique(mask):
        if class_id >= len(classes):
            continue
        region = mask == class_id
        labels.append({'id': f'{stem}-{len(labels):02d}', 'category': classes[class_id],
                       'box2d': mask_box2d(region), 'rle': rle_encode(region)})
    return labels


def _pan_seg_id(sem_class: str) -> int:
    return PAN_SEG_CLASSES.index(sem_class) + 1


def _stuff_lookup() -> np.ndarray:
    """pan_seg category id of each sem_seg mask value that is stuff (0 for things and 255)."""
    lookup = np.zeros(256, dtype=np.uint8)
    for class_id, name in enumerate(SEM_SEG_CLASSES):
        if name not in PAN_SEG_THING_CLASSES:
            lookup[class_id] = _pan_seg_id(name)
    return lookup


def panoptic_bitmask(sem: np.ndarray, ins_seg_bitmask: np.ndarray,
                     ins_seg_classes: Sequence[str]) -> np.ndarray:
    """The official pan_seg bitmask of a frame, from its sem_seg mask and ins_seg bitmask.

    Stuff pixels take their sem_seg class (instance id = category id); the pixels of an ins_seg
    instance take its class (pedestrian -> person), attribute bits and id + 30; thing pixels of no
    instance (too small to be labelled) and ignored pixels are unlabeled (0).
    """
    instances = decode_bitmask(ins_seg_bitmask)
    thing_ids = np.array([0] + [_pan_seg_id(SEM_SEG_CLASSES[sem_id(name)])
                                for name in ins_seg_classes], dtype=np.uint8)
    inside = instances.instances > 0
    categories = np.where(inside, thing_ids[instances.categories], _stuff_lookup()[sem])
    ids = np.where(inside, instances.instances + PAN_SEG_FIRST_THING_ID - 1, categories)
    return encode_bitmask(categories, ids, np.where(inside, instances.attributes, 0))


Region = Tuple[Label, np.ndarray]


def panoptic_regions(bitmask: np.ndarray, ins_seg_labels: Sequence[Label]) -> List[Region]:
    """Each segment of a pan_seg bitmask (from :func:`panoptic_bitmask`) as label fields (id =
    instance id; things carry their ins_seg label's attributes) and its mask."""
    decoded = decode_bitmask(bitmask)
    attributes = {int(label['id']) + PAN_SEG_FIRST_THING_ID - 1: label['attributes']
                  for label in ins_seg_labels}
    regions = []
    for instance in decoded.instance_ids():
        mask = decoded.instances == instance
        fields: Label = {'id': str(instance),
                         'category': PAN_SEG_CLASSES[int(decoded.categories[mask][0]) - 1]}
        if instance in attributes:
            fields['attributes'] = attributes[instance]
        regions.append((fields, mask))
    return regions


def rle_regions(labels: Sequence[Label]) -> List[Region]:
    """RLE labels as label fields (without ``rle`` and ``box2d``) and their decoded masks."""
    return [({key: value for key, value in label.items() if key not in ('rle', 'box2d')},
             rle_decode(label['rle'])) for label in labels]


def _edge_type(source: str, target: str) -> str:
    for side in ('left', 'right'):
        if source.startswith(side + '_') and target.startswith(side + '_'):
            return f'{side}_side'
    return 'body'


def _pose_record(record: ObjectRecord) -> Optional[np.ndarray]:
    """The joints of a pedestrian that gets a pose label, else ``None``."""
    actor = record.actor
    box = record.footprint.box
    if (not isinstance(actor, PersonActor) or actor.category != POSE_CATEGORY
            or record.joints is None or not is_labelled(record) or record.truncated
            or box[3] - box[1] + 1 < POSE_MIN_HEIGHT
            or record.visible < POSE_MIN_VISIBLE_SHARE * record.footprint.pixels):
        return None
    return record.joints


def pose_labels(frame: RenderedFrame) -> List[Label]:
    """pose_21 labels: a box and an 18-joint graph per clearly seen pedestrian."""
    labels = []
    for record in frame.objects:
        joints = _pose_record(record)
        if joints is None:
            continue
        label_id = str(record.actor.track_id)
        node_ids = [f'{label_id}-{index:02d}' for index in range(len(POSE_JOINTS))]
        nodes = []
        for (x, y), name, visible, node_id in zip(joints, POSE_JOINTS, record.joint_visible,
                                                  node_ids):
            nodes.append({'location': [round(float(x), 2), round(float(y), 2)], 'category': name,
                          'visibility': 'V' if visible else 'N', 'id': node_id})
        node_of = dict(zip(POSE_JOINTS, node_ids))
        edges = [{'source': node_of[a], 'target': node_of[b], 'type': _edge_type(a, b)}
                 for a, b in POSE_SKELETON]
        labels.append({'id': label_id, 'category': POSE_CATEGORY,
                       'box2d': box2d(record.footprint.box),
                       'graph': {'nodes': nodes, 'edges': edges, 'type': POSE_GRAPH_TYPE}})
    return labels
