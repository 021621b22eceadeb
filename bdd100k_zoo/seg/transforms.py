"""Loading an official BDD100K class mask, checked: legal ids and the size of its image."""
from typing import Any, Dict

from mmseg.datasets.transforms import LoadAnnotations
from mmseg.registry import TRANSFORMS

from ..labels import LabelError
from ..labels.masks import read_class_mask


@TRANSFORMS.register_module()
class BDD100KLoadAnnotations(LoadAnnotations):
    """mmseg's ``LoadAnnotations`` for BDD100K masks: ids and size checked, values kept as they are.

    Needs ``seg_map_path`` and ``num_classes`` (set by the BDD100K datasets) and ``ori_shape``
    (``LoadImageFromFile`` must come first). Adds ``gt_seg_map`` (uint8, H x W) like the parent.

    Raises:
        LabelError: naming the mask file: unreadable, not single-channel, ids other than the
            task's classes and 255, or a size other than its image's.
    """

    def _load_seg_map(self, results: Dict[str, Any]) -> None:
        path = results['seg_map_path']
        mask = read_class_mask(path, results['num_classes'])
        image_size = tuple(results['ori_shape'][:2])
        if mask.shape != image_size:
            raise LabelError(f'{path}: mask is {mask.shape[0]}x{mask.shape[1]} (HxW), its image '
                             f'{results["img_path"]} is {image_size[0]}x{image_size[1]}')
        results['gt_seg_map'] = mask.copy()
        results['seg_fields'].append('gt_seg_map')
