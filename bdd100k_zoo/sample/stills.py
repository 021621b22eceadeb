"""The still-image parts of the sample.

100K images carry det_20 boxes (with the frame tags), drivable maps and pose_21 skeletons of the
same scene; 10K images carry ins_seg instances, the sem_seg map and the pan_seg segments of the same
scene (every instance pixel has its class in the sem_seg mask; pan_seg joins the sem_seg stuff and
the ins_seg instances). Mask labels come as RLEs, polygons and (ins_seg, pan_seg) bitmasks.
"""
from typing import Dict, List

from ..labels.categories import (DET_CLASSES, DRIVABLE_CLASSES, DRIVABLE_PALETTE, INS_SEG_CLASSES,
                                 SEM_SEG_CLASSES, SEM_SEG_PALETTE)
from . import layout
from .annotate import (IGNORED_CATEGORIES, box_labels, class_mask_labels, instance_labels,
                       panoptic_bitmask, panoptic_regions, pose_labels, rle_regions)
from ..labels.polygons import polygon_labels
from .randomness import NameMaker, make_rng
from .shots import shoot
from .writer import SampleWriter

#: Categories labelled in det_20 (the 10 classes and the official ignored ones).
DET_CATEGORIES = DET_CLASSES + IGNORED_CATEGORIES
#: Only 'direct' and 'alternative' areas are labelled; the rest is background.
DRIVABLE_LABELLED = DRIVABLE_CLASSES[:2]
TIMESTAMP = 10000

Counts = Dict[str, Dict[str, int]]


def write_100k_split(writer: SampleWriter, seed: int, split: str, count: int) -> Counts:
    """Writes ``count`` 100K images of a split with their det_20, drivable and pose_21 labels."""
    names = NameMaker(make_rng(seed, '100k', split, 'names'))
    det: List[dict] = []
    drivable: List[dict] = []
    drivable_polygons: List[dict] = []
    pose: List[dict] = []
    for index in range(count):
        take = shoot(make_rng(seed, '100k', split, index), index, DET_CATEGORIES, 0.0,
                     allow_ignored=True)
        frame = take.first_frame
        stem = names()
        name = f'{stem}.jpg'
        writer.jpeg(layout.image_100k(split, stem), frame.image)
        det.append({'name': name, 'attributes': take.shot.conditions.tags(), 'timestamp': TIMESTAMP,
                    'labels': box_labels(frame, DET_CATEGORIES, with_light_color=True)})
        writer.png(layout.drivable_mask(split, stem), frame.drivable)
        writer.colormap(layout.drivable_mask(split, stem, colormap=True), frame.drivable,
                        DRIVABLE_PALETTE)
        drivable.append(
            {'name': name, 'labels': class_mask_labels(frame.drivable, DRIVABLE_LABELLED, stem)})
        drivable_polygons.append(
            {'name': name, 'labels': polygon_labels(rle_regions(drivable[-1]['labels']))})
        pose.append({'name': name, 'labels': pose_labels(frame)})
    writer.json(layout.det_labels(split), det)
    writer.json(layout.drivable_rles(split), drivable)
    writer.json(layout.polygons('drivable', split), drivable_polygons)
    writer.json(layout.pose_labels(split), pose)
    return {'det_20': {'images': count, 'labels': sum(len(f['labels']) for f in det)},
            'drivable': {'images': count, 'labels': sum(len(f['labels']) for f in drivable)},
            'pose_21': {'images': count, 'labels': sum(len(f['labels']) for f in pose)}}


def write_10k_split(writer: SampleWriter, seed: int, split: str, count: int) -> Counts:
    """Writes ``count`` 10K images of a split with their ins_seg, sem_seg and pan_seg labels."""
    names = NameMaker(make_rng(seed, '10k', split, 'names'))
    files: Dict[str, List[dict]] = {name: [] for name in (
        'ins_seg', 'ins_seg_polygons', 'sem_seg', 'sem_seg_polygons', 'pan_seg_polygons')}
    for index in range(count):
        frame = shoot(make_rng(seed, '10k', split, index), index, DET_CLASSES, 0.0,
                      allow_ignored=False).first_frame
        stem = names()
        name = f'{stem}.jpg'
        writer.jpeg(layout.image_10k(split, stem), frame.image)
        labels, bitmask = instance_labels(frame, INS_SEG_CLASSES, lambda record, order: order)
        writer.png(layout.ins_seg_bitmask(split, stem), bitmask)
        files['ins_seg'].append({'name': name, 'labels': labels})
        files['ins_seg_polygons'].append(
            {'name': name, 'labels': polygon_labels(rle_regions(labels))})
        writer.png(layout.sem_seg_mask(split, stem), frame.sem)
        writer.colormap(layout.sem_seg_mask(split, stem, colormap=True), frame.sem, SEM_SEG_PALETTE)
        sem_labels = class_mask_labels(frame.sem, SEM_SEG_CLASSES, stem)
        files['sem_seg'].append({'name': name, 'timestamp': TIMESTAMP, 'labels': sem_labels})
        files['sem_seg_polygons'].append({'name': name, 'timestamp': TIMESTAMP,
                                          'labels': polygon_labels(rle_regions(sem_labels))})
        panoptic = panoptic_bitmask(frame.sem, bitmask, INS_SEG_CLASSES)
        writer.png(layout.pan_seg_bitmask(split, stem), panoptic)
        files['pan_seg_polygons'].append(
            {'name': name, 'labels': polygon_labels(panoptic_regions(panoptic, labels))})
    writer.json(layout.ins_seg_rles(split), files['ins_seg'])
    writer.json(layout.polygons('ins_seg', split), files['ins_seg_polygons'])
    writer.json(layout.sem_seg_rles(split), files['sem_seg'])
    writer.json(layout.polygons('sem_seg', split), files['sem_seg_polygons'])
    writer.json(layout.polygons('pan_seg', split), files['pan_seg_polygons'])
    return {task: {'images': count, 'labels': sum(len(f['labels']) for f in files[key])}
            for task, key in (('ins_seg', 'ins_seg'), ('sem_seg', 'sem_seg'),
                              ('pan_seg', 'pan_seg_polygons'))}
