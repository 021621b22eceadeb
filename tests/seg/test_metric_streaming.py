"""sem_seg / drivable metrics at full size: a few kilobytes per image whatever the image size (masks
wait in files, not in memory), the official toolkit's numbers, nothing left behind on failure."""
import os
import os.path as osp
import pickle
import sys
import zipfile

import numpy as np
import pytest
import torch
from mmseg.registry import METRICS
from PIL import Image

sys.path.insert(0, osp.join(osp.dirname(__file__), '..', '..', 'benchmarks'))
import bench_metrics  # noqa: E402  (benchmarks/ is not a package)

TYPES = {'sem_seg': 'BDD100KSemSegMetric', 'drivable': 'BDD100KDrivableMetric'}


def sample(task, index, name=None):
    """A full-size (1280x720) data sample with the benchmark's generated masks."""
    gt, pred = bench_metrics.seg_masks(task, index)
    return {'name': name or f'{index:08d}.jpg', 'img_path': None,
            'gt_sem_seg': {'data': torch.from_numpy(gt)[None]},
            'pred_sem_seg': {'data': torch.from_numpy(pred)[None].long()}}


def build(task, **kwargs):
    if task == 'sem_seg':
        kwargs.setdefault('instance_dir', '')
    metric = METRICS.build(dict(type=TYPES[task], **kwargs))
    metric.dataset_meta = {'palette': [(0, 0, 0)] * 19}
    return metric


@pytest.mark.parametrize('task', ['sem_seg', 'drivable'])
def test_memory_per_image_does_not_depend_on_the_image_or_the_count(tmp_path, task):
    out = tmp_path / 'out'
    metric = build(task, output_dir=str(out), max_visuals=0)
    held = []
    for index in range(5):
        metric.process({}, [sample(task, index)])
        held.append(len(pickle.dumps(metric.results)))
    per_image = np.diff(held)
    # each image adds the same few kilobytes (its histogram, a file path): not its 921,600-byte
    # masks, which wait in a spool folder beside the submission
    assert per_image.max() - per_image.min() <= 16 and per_image.max() < 8_000
    spooled = [name for name in os.listdir(out) if name.startswith('.masks.zip.')]
    assert len(spooled) == 1 and len(os.listdir(out / spooled[0])) == 5
    metric.evaluate(5)
    assert sorted(os.listdir(out)) == ['masks.zip', 'preds.json', 'scores.json']
    with zipfile.ZipFile(out / 'masks.zip') as zf:
        assert np.array_equal(np.asarray(Image.open(zf.open('00000003.png'))),
                              bench_metrics.seg_masks(task, 3)[1])


@pytest.mark.parametrize('task', ['sem_seg', 'drivable'])
def test_the_official_toolkit_gives_the_same_numbers(tmp_path, task):
    bench_metrics.write_data(str(tmp_path), det_frames=1, seg_frames=4)
    ours = bench_metrics.run_ours(task, str(tmp_path))[1]
    official = bench_metrics.run_official(task, str(tmp_path))[1]
    assert set(official) == {'mIoU', 'mAcc', 'fIoU', 'pAcc'}
    assert not bench_metrics.differences(ours, official)


def test_a_failed_submission_leaves_nothing_behind(tmp_path):
    out = tmp_path / 'out'
    metric = build('drivable', output_dir=str(out), max_visuals=0)
    # two images whose masks would overwrite each other in masks.zip
    metric.process({}, [sample('drivable', 0, 'a/x.jpg'), sample('drivable', 1, 'a/x.png')])
    with pytest.raises(ValueError, match='two images map to the same mask'):
        metric.evaluate(2)
    assert os.listdir(out) == []
