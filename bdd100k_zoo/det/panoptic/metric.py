"""The official BDD100K panoptic quality in mmdet's evaluator, and the bitmask submission.

Each panoptic output becomes the official bitmask of its image
(:func:`.conversion.panoptic_to_bitmask`), then, through the bitmask reading of ``bdd100k-zoo eval``,
a Scalabel frame with one RLE label per segment. ``preds.json`` is the RLE submission,
``bitmasks.zip`` the bitmask one: ``bitmasks/<stem>.png`` with R = category id, G = 0 and instance
id (B << 8) + A = the category id for stuff, 31, 32, ... for things (the official format, scored by
``python -m bdd100k.eval.run -t pan_seg -g <gt bitmasks> -r <unzipped bitmasks>``, see the
official ``doc/source/evaluate.rst``).
"""
import os
import os.path as osp
import shutil
import tempfile
import weakref
import zipfile
from functools import partial
from typing import Any, Dict, Iterable, List, Optional, Tuple

import numpy as np
from mmdet.registry import METRICS
from mmengine.logging import print_log

from ...export.atomic import atomic_open, write_json
from ...labels.categories import PAN_SEG_CLASSES
from ...labels.frames import Frame
from ...labels.masks import decode_bitmask, encode_bitmask, png_bytes, rle_decode
from ...runtime.official_metric import BDD100KOfficialMetric
from ..ins_seg_dataset import IMAGE_SUFFIX
from ..metrics import frame_name
from .conversion import panoptic_to_bitmask
from ..submission import bitmask_name


def frame_to_bitmask(frame: Frame) -> np.ndarray:
    """The official bitmask of a prediction frame of non-overlapping segments (label id = the
    segment's instance id, as :func:`bdd100k_zoo.evaluation.bitmasks.bitmask_labels` writes it)."""
    shape = (frame['size']['height'], frame['size']['width'])
    categories = np.zeros(shape, dtype=np.int64)
    instances = np.zeros(shape, dtype=np.int64)
    for label in frame['labels']:
        region = rle_decode(label['rle']).astype(bool)
        categories[region] = PAN_SEG_CLASSES.index(label['category']) + 1
        instances[region] = int(label['id'])
    return encode_bitmask(categories, instances, np.zeros(shape, dtype=np.int64))


def bitmask_prediction_frame(name: str, bitmask: np.ndarray) -> Frame:
    """The prediction frame of an official bitmask (H x W x 4): one RLE label per segment, its
    instance id as label id (as ``bdd100k-zoo eval`` reads bitmasks)."""
    from ...evaluation.bitmasks import bitmask_labels  # loads scalabel: only when used
    height, width = bitmask.shape[:2]
    return {'name': name, 'size': {'height': height, 'width': width},
            'labels': bitmask_labels(decode_bitmask(bitmask, name), PAN_SEG_CLASSES, name)}


def write_bitmask_zip(path: str, frames: Iterable[Frame]) -> int:
    """Writes the bitmask submission (``bitmasks/<stem>.png`` per frame) as a zip, atomically.

    Returns:
        The number of bitmasks written.

    Raises:
        ValueError: two frames have the same image stem.
    """
    members = set()
    with atomic_open(path, 'wb') as f, zipfile.ZipFile(f, 'w', zipfile.ZIP_STORED) as zf:
        for frame in frames:
            member = bitmask_name(frame['name'])
            if member in members:
                raise ValueError(f'two frames map to the same bitmask {member!r} in {path}')
            members.add(member)
            zf.writestr(member, png_bytes(frame_to_bitmask(frame)))
    return len(members)


@METRICS.register_module()
class BDD100KPanSegMetric(BDD100KOfficialMetric):
    """Official BDD100K panoptic quality (PQ, SQ, RQ for all, stuff and things, per class).

    Scores the ``pred_panoptic_seg`` of PanopticFPN (mmdet's panoptic map in the dataset's class
    order, at the original image size) through :func:`bdd100k_zoo.evaluation.evaluate`. The ground
    truth is the dataset's bitmask folder (read once into RLE frames) or an RLE label file. With
    ``output_dir``, besides ``scores.json``, the RLE submission ``preds.json`` and ``visuals.zip``,
    writes ``bitmasks.zip``, the bitmask submission.

    Args:
        bitmasks: write ``bitmasks.zip`` into ``output_dir``.
        **kwargs: as :class:`bdd100k_zoo.runtime.official_metric.BDD100KOfficialMetric`.
    """

    task = 'pan_seg'

    def __init__(self, *args: Any, bitmasks: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bitmasks = bitmasks
        self._converted: Dict[str, str] = {}

    def to_frame(self, data_sample: Dict[str, Any]) -> Frame:
        panoptic = data_sample['pred_panoptic_seg']['sem_seg'][0].cpu().numpy()
        return bitmask_prediction_frame(
            frame_name(data_sample), panoptic_to_bitmask(panoptic, self.dataset_meta['classes']))

    def label_file(self) -> str:
        """The RLE label file; a folder of bitmasks is converted (once) into one."""
        path = super().label_file()
        if not osp.isdir(path) or not any(name.endswith('.png') for name in os.listdir(path)):
            return path
        if path not in self._converted:
            self._converted[path] = self.convert_bitmasks(path)
        return self._converted[path]

    def convert_bitmasks(self, folder: str) -> str:
        """Writes the frames of a folder of ground-truth bitmasks into a temporary RLE label file
        (removed with the metric); returns its path."""
        from ...evaluation.bitmasks import bitmask_frame
        from ...evaluation.parallel import parallel_map
        items = [(osp.join(folder, png), {'name': osp.splitext(png)[0] + IMAGE_SUFFIX})
                 for png in sorted(os.listdir(folder)) if png.endswith('.png')]
        frames = parallel_map(partial(bitmask_frame, PAN_SEG_CLASSES), items, self.nproc, False,
                              f'reading {folder}')
        temp = tempfile.mkdtemp(prefix='bdd100k_pan_seg_gt_')
        weakref.finalize(self, shutil.rmtree, temp, ignore_errors=True)
        path = osp.join(temp, 'pan_seg_gt.json')
        write_json(path, frames)
        return path

    def write_outputs(self, report: Dict[str, Any],
                      results: List[Tuple[Frame, Optional[str]]]) -> None:
        """Adds ``bitmasks.zip`` to the base class's files."""
        super().write_outputs(report, results)
        if self.bitmasks:
            count = write_bitmask_zip(osp.join(self.output_dir, 'bitmasks.zip'),
                                      (frame for frame, _ in results))
            print_log(f'wrote {count} bitmasks to {self.output_dir}/bitmasks.zip',
                      logger='current')
