"""What each task evaluates: its classes, label geometry, category handling and scalabel config.

The scalabel ``Config`` objects equal the official ``bdd100k/configs/<task>.toml`` ones, built here
from :mod:`bdd100k_zoo.labels.categories` (no toml files at run time). Category handling follows the
official configs too:

- det, ins_seg, box_track, seg_track: synonyms are renamed (bike -> bicycle, ...), "other person",
  "other vehicle" and "trailer" become ignored regions of pedestrian/car/truck, and any other name
  is an error;
- sem_seg, drivable, pan_seg (``remove_ignored``): names of the BDD100K segmentation label list
  outside the task's classes are left out; any other name is an error (a typo, not a label);
- pose: only "pedestrian".
"""
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, Optional, Sequence, Tuple

from scalabel.label.typing import Category, Config, ImageSize

from ..labels.categories import (DET_CLASSES, DRIVABLE_CLASSES, INS_SEG_CLASSES, LANE_ATTRIBUTES,
                                 LANE_CLASSES, PAN_SEG_CLASSES, PAN_SEG_THING_CLASSES,
                                 POSE_CATEGORY, POSE_SIGMAS, SEG_LABEL_NAMES, SEM_SEG_ALIASES,
                                 SEM_SEG_CLASSES, SUPER_CATEGORIES, TAGGING_ATTRIBUTES,
                                 TRACK_CLASSES)
from ..labels.mapping import CategoryMapper

#: Image size of every official evaluation config.
IMAGE_SIZE = ImageSize(height=720, width=1280)


@dataclass(frozen=True)
class TaskSpec:
    """How a task reads labels.

    Attributes:
        name: the task name.
        classes: the evaluated classes, in the official order.
        geometry: the label field the task scores (``box2d``, ``rle``, ``graph``; ``None`` for
            tagging, which scores frame attributes, and lane_mark, which takes ``rle`` or
            ``poly2d`` labels, see :mod:`.lane`).
        video: whether frames form videos (``videoName``/``frameIndex``, track ids).
        scored: whether predictions need a ``score`` per label.
        boxed: whether ground-truth labels also need a ``box2d`` (pose: its area scales OKS).
        categories: raw category name -> (class, whether the label becomes an ignored region).
        dropped: raw names left out of the evaluation without error.
    """

    name: str
    classes: Tuple[str, ...]
    geometry: Optional[str]
    video: bool = False
    scored: bool = False
    boxed: bool = False
    categories: Dict[str, Tuple[str, bool]] = field(default_factory=dict)
    dropped: FrozenSet[str] = frozenset()


def mapped_categories(classes: Sequence[str]) -> Dict[str, Tuple[str, bool]]:
    """The official name and ignore mappings onto ``classes`` (det, ins_seg, tracking)."""
    mapper = CategoryMapper(classes)
    return {raw: (mapper(raw).name, mapper(raw).ignored) for raw in mapper.known_names()}


def seg_spec(name: str, classes: Tuple[str, ...], dropped: Sequence[str],
             aliases: Optional[Dict[str, str]] = None) -> TaskSpec:
    """A segmentation task: its classes (and aliases) kept, ``dropped`` names left out."""
    categories = {cls: (cls, False) for cls in classes}
    categories.update({alias: (cls, False) for alias, cls in (aliases or {}).items()})
    return TaskSpec(name, classes, 'rle', categories=categories,
                    dropped=frozenset(dropped) - set(categories))


TASK_SPECS: Dict[str, TaskSpec] = {
    'det': TaskSpec('det', DET_CLASSES, 'box2d', scored=True,
                    categories=mapped_categories(DET_CLASSES)),
    'ins_seg': TaskSpec('ins_seg', INS_SEG_CLASSES, 'rle', scored=True,
                        categories=mapped_categories(INS_SEG_CLASSES)),
    'sem_seg': seg_spec('sem_seg', SEM_SEG_CLASSES, SEG_LABEL_NAMES, SEM_SEG_ALIASES),
    'drivable': seg_spec('drivable', DRIVABLE_CLASSES[:2], DRIVABLE_CLASSES),
    'pan_seg': seg_spec('pan_seg', PAN_SEG_CLASSES, SEG_LABEL_NAMES),
    'pose': TaskSpec('pose', (POSE_CATEGORY,), 'graph', scored=True, boxed=True,
                     categories={POSE_CATEGORY: (POSE_CATEGORY, False)}),
    'tagging': TaskSpec('tagging', (), None),
    'box_track': TaskSpec('box_track', TRACK_CLASSES, 'box2d', video=True,
                          categories=mapped_categories(TRACK_CLASSES)),
    'seg_track': TaskSpec('seg_track', TRACK_CLASSES, 'rle', video=True,
                          categories=mapped_categories(TRACK_CLASSES)),
    'lane_mark': TaskSpec('lane_mark', LANE_CLASSES, None),
}


def grouped_categories(classes: Sequence[str]) -> Sequence[Category]:
    """Scalabel categories of ``classes`` under their super-categories (leaf order kept)."""
    parent_of = {cls: parent for parent, members in SUPER_CATEGORIES.items() for cls in members}
    categories = []
    for cls in classes:
        parent = parent_of.get(cls)
        if parent is None:
            categories.append(Category(name=cls))
        elif not categories or categories[-1].name != parent:
            categories.append(Category(name=parent, subcategories=[
                Category(name=member) for member in SUPER_CATEGORIES[parent]]))
    return categories


def scalabel_config(task: str, attributes: Sequence[str] = ()) -> Config:
    """The official scalabel config of ``task``.

    Args:
        task: a task name.
        attributes: tagging only: the frame attributes to evaluate.
    """
    if task in ('det', 'ins_seg', 'box_track', 'seg_track'):
        categories = grouped_categories(TASK_SPECS[task].classes)
    elif task == 'pan_seg':
        categories = [Category(name=cls, isThing=cls in PAN_SEG_THING_CLASSES)
                      for cls in PAN_SEG_CLASSES]
    elif task == 'tagging':
        categories = [Category(name=attribute, subcategories=[
            Category(name=value) for value in TAGGING_ATTRIBUTES[attribute]])
            for attribute in attributes]
    elif task == 'lane_mark':
        categories = [Category(name=attribute, subcategories=[
            Category(name=value) for value in values])
            for attribute, values in LANE_ATTRIBUTES.items()]
    else:
        categories = [Category(name=cls) for cls in TASK_SPECS[task].classes]
    return Config(imageSize=IMAGE_SIZE, categories=categories,
                  poseSigmas=list(POSE_SIGMAS) if task == 'pose' else None)
