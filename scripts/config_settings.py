"""Reading the deciding settings out of a resolved config, in the names of the upstream table.

Shared by ``extract_upstream_settings.py`` (the earlier zoo's mmdet 2.x / mmseg 0.x / mmcls 0.x /
mmpose 0.x configs) and ``tests/zoo/test_upstream_settings.py`` (ours, in the 3.x libraries): the
parts whose keys did not change between the two generations.
"""
from typing import Any, Dict, Iterable, List, Optional

#: The model settings that count classes.
CLASS_KEYS = ('num_classes', 'num_things_classes', 'num_stuff_classes')
#: The backbone settings that decide its size, recorded as they are (tuples as lists).
BACKBONE_KEYS = ('depth', 'arch', 'embed_dims', 'depths', 'num_layers', 'widen_factor',
                 'drop_path_rate')


def pairs(scale: Any) -> List[List[int]]:
    """A scale or a list of scales as a list of ``[w, h]`` pairs."""
    if isinstance(scale, (list, tuple)) and scale and isinstance(scale[0], (list, tuple)):
        return [list(s) for s in scale]
    return [list(scale)]


def size(value: Any) -> List[int]:
    """A crop or input size as a two-element list (an int ``n`` is ``[n, n]``)."""
    return [value, value] if isinstance(value, int) else list(value)


def find_transform(pipeline: Optional[Iterable[dict]], *types: str) -> Optional[dict]:
    """The first transform of ``pipeline`` of one of ``types``, looking inside the transforms that
    wrap a list of transforms (2.x's ``MultiScaleFlipAug``, 3.x's ``TransformBroadcaster``)."""
    for step in pipeline or ():
        if step.get('type') in types:
            return step
        inner = [t for t in step.get('transforms') or () if isinstance(t, dict)]
        found = find_transform(inner, *types)
        if found is not None:
            return found
    return None


def class_counts(model: dict) -> Dict[str, List[int]]:
    """``{key: sorted values}`` of every class-count setting anywhere in the model."""
    found: Dict[str, set] = {}

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in CLASS_KEYS and isinstance(value, int):
                    found.setdefault(key, set()).add(value)
                else:
                    visit(value)
        elif isinstance(node, (list, tuple)):
            for item in node:
                visit(item)

    visit(model)
    return {key: sorted(values) for key, values in found.items()}


def backbone_settings(model: dict) -> Dict[str, Any]:
    """Type (without a scope prefix) and size of the backbone, and its pretrained weights."""
    backbone = model.get('backbone', {})
    out: Dict[str, Any] = {'backbone.type': backbone.get('type', '').split('.')[-1]}
    for key in BACKBONE_KEYS:
        if key in backbone:
            value = backbone[key]
            out[f'backbone.{key}'] = list(value) if isinstance(value, tuple) else value
    extra = backbone.get('extra')
    if isinstance(extra, dict) and extra.get('stage4'):
        out['backbone.widths'] = list(extra['stage4']['num_channels'])
    if backbone.get('dcn'):
        out['backbone.dcn'] = backbone['dcn']['type']
        out['backbone.stage_with_dcn'] = list(backbone['stage_with_dcn'])
    if backbone.get('plugins'):
        out['backbone.plugins'] = sorted(p['cfg']['type'] for p in backbone['plugins'])
    init = backbone.get('init_cfg') or {}
    out['pretrained'] = model.get('pretrained') or init.get('checkpoint')
    return out


def segmentor_test_mode(model: dict) -> Dict[str, Any]:
    """A segmentor's test mode (``whole`` or ``slide``), and the sliding window and stride."""
    test_cfg = model.get('test_cfg') or {}
    out: Dict[str, Any] = {'test.mode': test_cfg.get('mode', 'whole')}
    if out['test.mode'] == 'slide':
        out['test.window'] = list(test_cfg['crop_size'])
        out['test.stride'] = list(test_cfg['stride'])
    return out


def detection_test_settings(rcnn: dict) -> Dict[str, Any]:
    """The box score threshold, NMS IoU, boxes per image and mask threshold of an R-CNN's test
    settings."""
    out: Dict[str, Any] = {'test.score_thr': rcnn['score_thr'],
                           'test.nms_iou': rcnn['nms']['iou_threshold'],
                           'test.max_per_img': rcnn['max_per_img']}
    if 'mask_thr_binary' in rcnn:
        out['test.mask_thr_binary'] = rcnn['mask_thr_binary']
    return out


def crop_settings(train_pipeline: Optional[Iterable[dict]],
                  test_pipeline: Optional[Iterable[dict]]) -> Dict[str, Any]:
    """The training crop (type and size) and the size of the test's centre crop."""
    out: Dict[str, Any] = {}
    crop = find_transform(train_pipeline, 'RandomCrop', 'RandomResizedCrop')
    if crop is not None:  # the crop size: 2.x crop_size / size (mmcls), 3.x crop_size / scale
        out['train.crop'] = crop['type']
        out['train.crop_size'] = size(next(crop[key] for key in ('crop_size', 'size', 'scale')
                                           if key in crop))
    center = find_transform(test_pipeline, 'CenterCrop')
    if center is not None:
        out['test.crop_size'] = size(center['crop_size'])
    return out


def model_settings(model: dict, task: str, keypoint_head: str) -> Dict[str, Any]:
    """The backbone (a tracker's: its detector's), the class counts, the keypoints (pose: the
    output channels of ``model[keypoint_head]``) and a segmentor's test mode."""
    out = backbone_settings(model.get('detector', model))
    out.update(class_counts(model))
    if task == 'pose':
        out['num_keypoints'] = model[keypoint_head]['out_channels']
    if task in ('sem_seg', 'drivable'):
        out.update(segmentor_test_mode(model))
    return out
