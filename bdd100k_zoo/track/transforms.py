"""Pipeline transforms of the track side."""
from typing import Any, Dict, Sequence

from mmdet.datasets.transforms import LoadTrackAnnotations
from mmdet.registry import TRANSFORMS

from ..evaluation.bitmasks import bitmask_labels
from ..labels import LabelError
from ..labels.categories import TRACK_CLASSES
from ..labels.instances import check_mask_size
from ..labels.masks import read_bitmask
from .instances import LabelParser


@TRANSFORMS.register_module()
class BDD100KLoadTrackAnnotations(LoadTrackAnnotations):
    """Loads the instances of a frame of a BDD100K video dataset (run it after loading the image).

    Frames of :class:`~bdd100k_zoo.track.datasets.BDD100KSegTrackDataset`'s bitmask source carry
    ``bitmask_path``: the PNG is decoded here into the instances the RLE source has (class from R,
    crowd/ignore from G, instance id = the bitmask's, RLE mask and the box of its pixels). Every
    mask is checked against the loaded image's size. Then mmdet's ``LoadTrackAnnotations`` makes
    ``gt_bboxes``, ``gt_bboxes_labels``, ``gt_instances_ids``, ``gt_ignore_flags`` (and
    ``gt_masks``).

    Args:
        classes: the dataset's classes (bitmask category id ``i`` is ``TRACK_CLASSES[i - 1]``,
            mapped onto these as the official evaluation maps names).
        **kwargs: as mmdet's ``LoadTrackAnnotations`` (``with_mask=True`` for seg_track).
    """

    def __init__(self, classes: Sequence[str] = TRACK_CLASSES, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.parser = LabelParser(classes, 'rle')

    def transform(self, results: Dict[str, Any]) -> Dict[str, Any]:
        size = tuple(results.get('ori_shape') or (results['height'], results['width']))[:2]
        frame = {'name': results.get('name'), 'videoName': results.get('video_name'),
                 'frameIndex': results.get('frame_index')}
        if results.get('bitmask_path'):
            path = results['bitmask_path']
            labels = bitmask_labels(read_bitmask(path), TRACK_CLASSES, path)
            results['instances'] = self.parser.frame_instances(
                path, dict(frame, labels=labels), size, lambda _, __, label: int(label['id']))
        elif self.with_mask:
            for instance in results.get('instances', ()):
                label = {'id': instance.get('label_id'), 'rle': instance['mask']}
                try:
                    check_mask_size(label, size, results.get('img_path', ''), frame)
                except LabelError as err:
                    raise LabelError(f'{err} (the image file has another size than its '
                                     f'labels)') from None
        return super().transform(results)
