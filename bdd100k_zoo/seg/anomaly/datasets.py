"""``BDD100KAnomalyDataset``: BDD-Anomaly (``bdd100k-zoo anomaly build``) and the sample's anomaly
split, for mmseg.

A split pairs ``images/10k/<split>/<stem>.jpg`` with its known-class mask
``labels/sem_seg/masks/<split>/<stem>.png`` and, when present, its anomaly mask
``labels/anomaly/masks/<split>/<stem>.png`` (1 = anomaly, 0 = known, 255 = ignored). The classes
and palette come from ``bdd_anomaly.json`` under ``data_root`` (17 classes for BDD-Anomaly's
default held-out set) or, with ``info_file=None``, are the 19 BDD100K classes (the sample's
anomaly split); the masks' ids are used as they are.
"""
import json
import os.path as osp
from typing import Any, Dict, List, Optional

from mmseg.registry import DATASETS

from ...labels.categories import SEM_SEG_CLASSES, SEM_SEG_PALETTE
from ..datasets import MASK_SUFFIX, BDD100KMaskDataset, check_masks_exist

INFO_FILE = 'bdd_anomaly.json'


def read_info(data_root: str, info_file: str = INFO_FILE) -> Dict[str, Any]:
    """The ``bdd_anomaly.json`` of a root: needs ``classes`` and ``palette`` of the same length.

    Raises:
        FileNotFoundError: the file is missing (run ``bdd100k-zoo anomaly build`` first).
        ValueError: malformed, naming the file.
    """
    path = osp.join(data_root or '', info_file)
    if not osp.isfile(path):
        raise FileNotFoundError(f'{path} not found: build BDD-Anomaly with `bdd100k-zoo anomaly '
                                f'build` (or generate the sample) first')
    with open(path, encoding='utf-8') as f:
        info = json.load(f)
    classes, palette = info.get('classes'), info.get('palette')
    if (not isinstance(classes, list) or not classes or not isinstance(palette, list)
            or len(palette) != len(classes)):
        raise ValueError(f'{path}: needs "classes" and a "palette" of the same length')
    return info


@DATASETS.register_module()
class BDD100KAnomalyDataset(BDD100KMaskDataset):
    """Images, known-class masks and anomaly masks of one split.

    Args:
        split: ``'train'``, ``'val'``, ``'test'`` (BDD-Anomaly) or ``'anomaly'`` (the sample).
        with_anomaly: pair each image with its anomaly mask (``anomaly_map_path``); default:
            when the split's anomaly folder exists.
        info_file: the classes file, relative to ``data_root``; None: the 19 BDD100K classes.
        **kwargs: as :class:`bdd100k_zoo.seg.datasets.BDD100KMaskDataset`.

    Example::

        dict(type='BDD100KAnomalyDataset', data_root='data/bdd_anomaly/', split='test',
             pipeline=[...])

    Raises:
        FileNotFoundError: the info file, the image folder, masks or anomaly masks are missing.
    """

    #: The classes without an info file: the 19 BDD100K classes.
    METAINFO = {'classes': SEM_SEG_CLASSES, 'palette': [list(c) for c in SEM_SEG_PALETTE]}
    image_dir = 'images/10k/{split}'
    mask_dir = 'labels/sem_seg/masks/{split}'
    anomaly_dir = 'labels/anomaly/masks/{split}'

    def __init__(self, split: str = 'test', with_anomaly: Optional[bool] = None,
                 info_file: Optional[str] = INFO_FILE, **kwargs: Any) -> None:
        if info_file is not None:
            info = read_info(kwargs.get('data_root', ''), info_file)
            kwargs.setdefault('metainfo', dict(classes=tuple(info['classes']),
                                               palette=info['palette']))
        self.with_anomaly = with_anomaly
        super().__init__(split=split, **kwargs)

    @classmethod
    def get_label_map(cls, new_classes: Optional[Any] = None) -> None:
        """No label map: the masks already hold the ids of the info file's classes."""
        return None

    def load_data_list(self) -> List[Dict[str, Any]]:
        """The images with their masks, ``num_classes`` and ``anomaly_map_path``."""
        data_list = super().load_data_list()
        anomaly_dir = osp.join(self.data_root or '', self.anomaly_dir.format(split=self.split))
        with_anomaly = osp.isdir(anomaly_dir) if self.with_anomaly is None else self.with_anomaly
        for info in data_list:
            info['num_classes'] = len(self.metainfo['classes'])
            if with_anomaly:
                info['anomaly_map_path'] = osp.join(
                    anomaly_dir, osp.splitext(info['name'])[0] + MASK_SUFFIX)
        if with_anomaly:
            check_masks_exist([{'seg_map_path': info['anomaly_map_path']} for info in data_list],
                              anomaly_dir)
        return data_list
