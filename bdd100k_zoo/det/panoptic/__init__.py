"""Panoptic segmentation (``pan_seg``) on the mmdet side: the official bitmasks in mmdet's panoptic
convention and back (:mod:`.conversion`), the dataset and its annotation loader (:mod:`.dataset`),
the official panoptic quality metric and the bitmask submission (:mod:`.metric`).

Importing this package registers the dataset, the transform and the metric into mmdet's registries.
"""
from . import dataset, metric  # noqa: F401  (register)
