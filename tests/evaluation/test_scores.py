"""Scores: JSON-safe export and a readable table."""
import json
import math

import numpy as np

from bdd100k_zoo.evaluation import Scores


def test_to_dict_is_json_with_nan_as_null():
    scores = Scores('det', {'AP': np.float64(34.5), 'AP50': math.nan},
                    {'car': {'AP': np.float32(1.5), 'FP': np.int64(3)}},
                    {'super_categories': {'human': {'MOTA': math.inf}}})
    out = scores.to_dict()
    assert json.loads(json.dumps(out, allow_nan=False)) == {
        'task': 'det', 'summary': {'AP': 34.5, 'AP50': None},
        'per_class': {'car': {'AP': 1.5, 'FP': 3}},
        'extra': {'super_categories': {'human': {'MOTA': None}}}}
    assert type(out['per_class']['car']['FP']) is int


def test_table_lists_summary_classes_and_extras():
    scores = Scores('sem_seg', {'mIoU': 61.734693877, 'pAcc': 95.0},
                    {'road': {'IoU': 50.0, 'Acc': math.nan}},
                    {'cityscapes': {'summary': {'IoU_category': 12.345},
                                    'categories': {'flat': {'IoU': 12.345}}}})
    table = scores.table()
    assert 'mIoU' in table and '61.73' in table
    road = next(line for line in table.splitlines() if line.startswith('road'))
    assert road.split() == ['road', '50.00', '-']
    assert '[cityscapes/summary]' in table and '[cityscapes/categories]' in table
