"""The default 'small' scale: every task and split at its size, within the 50 MB budget.

The generation time is reported (printed), not asserted: it depends on the machine's load.
"""
import os
import os.path as osp

import pytest

from bdd100k_zoo.sample import SCALES, generate_sample

SIZE_BUDGET = 50 * 1000 * 1000


@pytest.mark.slow
def test_the_small_sample_fits_its_budget(tmp_path):
    summary = generate_sample(str(tmp_path / 'bdd100k'), seed=0, scale='small')
    total = sum(osp.getsize(osp.join(folder, name))
                for folder, _, names in os.walk(summary.root) for name in names)
    print('\n'.join(summary.lines()))
    assert total == summary.bytes_written
    assert total < SIZE_BUDGET
    scale = SCALES['small']
    for split in ('train', 'val'):
        for task in ('det_20', 'drivable', 'pose_21'):
            assert summary.counts[task][split]['images'] == scale.images_100k[split]
        for task in ('ins_seg', 'sem_seg', 'pan_seg'):
            assert summary.counts[task][split]['images'] == scale.images_10k[split]
        assert summary.counts['box_track_20'][split][
            'frames'] == scale.track_videos[split] * scale.track_frames
        assert summary.counts['seg_track_20'][split]['videos'] == scale.seg_track_videos[split]
        assert summary.counts['pose_21'][split]['labels'] >= scale.images_100k[split]
