"""Scalabel video labels as mmdet tracking instances (``bbox``, ``bbox_label``, ``ignore_flag``,
``instance_id``, and ``mask`` for seg_track).

Shared by the datasets (labels read at init) and :class:`~bdd100k_zoo.track.transforms.
BDD100KLoadTrackAnnotations` (seg_track bitmasks decoded when a frame is loaded), so both sources give
the same instances.
"""
from typing import Any, Callable, Collection, Dict, List, Optional, Tuple

from ..labels.boxes import box2d_to_xyxy
from ..labels.frames import Frame, Label, check_box
from ..labels.instances import check_mask_size, label_class, rle_xyxy
from ..labels.mapping import CategoryMapper
from .videos import check_unique_tracks

Instance = Dict[str, Any]
#: Gives the integer track id of a label (``(path, frame, label) -> id``).
IdOf = Callable[[str, Frame, Label], int]


class LabelParser:
    """Turns the labels of a frame into instances of a task's classes.

    Args:
        classes: the task's classes.
        geometry: ``'box2d'`` (boxes) or ``'rle'`` (masks, with the box of their pixels); labels
            without it are left out, as the official evaluation leaves them out.
        dropped: categories valid in the files but not part of the task (left out).
    """

    def __init__(self, classes: Collection[str], geometry: str = 'box2d',
                 dropped: Collection[str] = ()) -> None:
        if geometry not in ('box2d', 'rle'):
            raise ValueError(f'geometry must be "box2d" or "rle", got {geometry!r}')
        self.mapper = CategoryMapper(classes)
        self.geometry = geometry
        self.dropped = frozenset(dropped)

    def instance(self, path: str, frame: Frame, label: Label,
                 size: Tuple[int, int]) -> Optional[Instance]:
        """One label -> an instance without id; ``None`` if its category is dropped.

        Raises:
            LabelError: unknown category, malformed box or mask, mask not of ``size``.
        """
        mapped = label_class(path, frame, label, self.mapper, self.dropped)
        if mapped is None:
            return None
        instance: Instance = dict(bbox_label=mapped.index, ignore_flag=int(mapped.ignored))
        if self.geometry == 'rle':
            check_mask_size(label, size, path, frame)
            instance.update(bbox=rle_xyxy(label['rle']), mask=label['rle'])
        else:
            check_box(label['box2d'], path, frame, label)
            instance['bbox'] = box2d_to_xyxy(label['box2d'])
        return instance

    def frame_instances(self, path: str, frame: Frame, size: Tuple[int, int],
                        id_of: IdOf) -> List[Instance]:
        """The instances of a frame, each with its ``instance_id`` and raw ``label_id``.

        Raises:
            LabelError: as :meth:`instance`, or two labels of the frame share a track.
        """
        labels, instances = [], []
        for label in frame.get('labels') or ():
            if label.get(self.geometry) is None:
                continue
            instance = self.instance(path, frame, label, size)
            if instance is not None:
                instance.update(instance_id=id_of(path, frame, label), label_id=label.get('id'))
                labels.append(label)
                instances.append(instance)
        check_unique_tracks(path, frame, labels, [inst['instance_id'] for inst in instances])
        return instances
