"""Pipeline transforms of the mmdet side."""
from typing import Any, Dict, Sequence

from mmdet.datasets.transforms import LoadAnnotations
from mmdet.registry import TRANSFORMS

from ..labels import LabelError
from ..labels.categories import INS_SEG_CLASSES
from ..labels.instances import check_mask_size, rle_xyxy
from ..labels.mapping import CategoryMapper
from .datasets import label_instance
from .instances import bitmask_frame


@TRANSFORMS.register_module()
class BDD100KLoadInsSegAnnotations(LoadAnnotations):
    """Loads the instances of a :class:`~bdd100k_zoo.det.BDD100KInsSegDataset` sample.

    Samples of the bitmask source carry ``bitmask_path``: the PNG is decoded here (not at dataset
    init) into the same instances the RLE source has. Every mask is checked against the loaded
    image's size, then :class:`mmdet.datasets.transforms.LoadAnnotations` produces ``gt_bboxes``,
    ``gt_bboxes_labels``, ``gt_masks`` and ``gt_ignore_flags``. Run it after
    ``LoadImageFromFile``.

    Args:
        classes: the dataset's classes (bitmask category id ``i`` is ``INS_SEG_CLASSES[i - 1]``,
            mapped onto these as the official evaluation maps names).
        **kwargs: as :class:`~mmdet.datasets.transforms.LoadAnnotations`; boxes, labels and
            masks are loaded by default.
    """

    def __init__(self, classes: Sequence[str] = INS_SEG_CLASSES, **kwargs: Any) -> None:
        kwargs.setdefault('with_mask', True)
        super().__init__(**kwargs)
        self.mapper = CategoryMapper(classes)

    def transform(self, results: Dict[str, Any]) -> Dict[str, Any]:
        size = tuple(results.get('ori_shape') or (results['height'], results['width']))
        if results.get('bitmask_path'):
            path = results['bitmask_path']
            frame = bitmask_frame(path, results['name'], size)
            results['instances'] = [
                dict(label_instance(path, frame, label, self.mapper), mask=label['rle'],
                     bbox=rle_xyxy(label['rle'])) for label in frame['labels']]
        else:
            self.check_sizes(results, size)
        return super().transform(results)

    @staticmethod
    def check_sizes(results: Dict[str, Any], size: tuple) -> None:
        """Checks every RLE mask of the sample has the loaded image's size.

        Raises:
            LabelError: names the sample's image and the instance.
        """
        frame = {'name': results.get('name', results.get('img_path'))}
        for instance in results.get('instances', []):
            label = {'id': instance.get('label_id'), 'rle': instance['mask']}
            try:
                check_mask_size(label, size, results.get('img_path', ''), frame)
            except LabelError as err:
                raise LabelError(f'{err} (the image file has another size than its labels)'
                                 ) from None
