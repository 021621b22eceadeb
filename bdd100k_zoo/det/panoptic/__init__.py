"""Panoptic segmentation (``pan_seg``) on the mmdet side: the official bitmasks in mmdet's panoptic
convention and back (:mod:`.conversion`), the dataset and its annotation loader (:mod:`.dataset`),
the official panoptic quality metric and the bitmask submission (:mod:`.metric`), the adapter of
``bdd100k-zoo infer`` (:mod:`.inference`).

Importing this package registers the dataset, the transform and the metric into mmdet's registries
and the pan_seg adapter into ``bdd100k_zoo.inference``.
"""
from . import dataset, inference, metric  # noqa: F401  (register)
