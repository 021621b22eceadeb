"""Detections of Scalabel frames as the det metric receives them, shared by the metric tests."""
from typing import List

import torch
from mmdet.registry import METRICS

from bdd100k_zoo.labels.categories import DET_CLASSES


def samples_of(frames: List[dict], dtype: torch.dtype = torch.float32) -> List[dict]:
    """mmdet data samples carrying the frames' detections (OpenMMLab boxes: ``x2 + 1``, ``y2 + 1``)
    as tensors of ``dtype``; a frame without labels gives a sample without detections."""
    samples = []
    for frame in frames:
        labels = frame.get('labels') or []
        boxes = [[b['x1'], b['y1'], b['x2'] + 1, b['y2'] + 1] for b in (l['box2d'] for l in labels)]
        samples.append(dict(name=frame['name'], img_path=None, pred_instances=dict(
            bboxes=torch.tensor(boxes, dtype=dtype).reshape(-1, 4),
            scores=torch.tensor([l['score'] for l in labels], dtype=dtype),
            labels=torch.tensor([DET_CLASSES.index(l['category']) for l in labels]))))
    return samples


def build_metric(ann_file: str, **kwargs):
    """``BDD100KDetMetric`` built with ``kwargs``, scoring against the Scalabel file ``ann_file``."""
    metric = METRICS.build(dict(type='BDD100KDetMetric', **kwargs))
    metric.dataset_meta = {'classes': DET_CLASSES, 'ann_file': ann_file}
    return metric
