"""RLE reading (labels/masks.py): any counts and size give a mask or a LabelError, never a crash.

pycocotools decodes whatever it is given: counts that cover too few pixels return uninitialised
memory, too many or a huge size crash the process. Every RLE is checked first.
"""
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from pycocotools import mask as mask_utils

from bdd100k_zoo.evaluation import evaluate
from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.masks import check_rle_counts, rle_decode, rle_encode, rle_runs

MASKS = hnp.arrays(np.uint8, hnp.array_shapes(min_dims=2, max_dims=2, max_side=24),
                   elements=st.integers(0, 1))


def column_major_runs(mask: np.ndarray) -> list:
    """The run lengths of a binary mask in column-major order, starting with zeros (COCO RLE)."""
    flat = mask.T.ravel()
    bounds = np.concatenate(([0], np.flatnonzero(np.diff(flat)) + 1, [flat.size]))
    runs = np.diff(bounds).tolist()
    return [0] + runs if flat[0] else runs


@settings(max_examples=150)
@given(mask=MASKS)
def test_runs_are_read_as_coco_writes_them(mask):
    rle = rle_encode(mask)
    assert rle_runs(rle['counts']).tolist() == column_major_runs(mask)
    assert np.array_equal(rle_decode(rle), mask)


@st.composite
def near_valid_rles(draw: st.DrawFn) -> dict:
    """An RLE pycocotools wrote for random runs, then possibly damaged: characters changed,
    inserted or cut, another size, or a size of other types."""
    height, width = draw(st.integers(1, 30)), draw(st.integers(1, 30))
    cuts = sorted(draw(st.lists(st.integers(0, height * width), max_size=8)))
    runs = np.diff([0] + cuts + [height * width]).tolist()
    counts = mask_utils.frPyObjects({'counts': runs, 'size': [height, width]}, height,
                                    width)['counts'].decode('ascii')
    size = [height, width]
    kind = draw(st.sampled_from(['same', 'char', 'insert', 'cut', 'size', 'odd size', 'text']))
    if kind == 'char' and counts:
        at = draw(st.integers(0, len(counts) - 1))
        counts = counts[:at] + draw(st.characters(max_codepoint=300)) + counts[at + 1:]
    elif kind == 'insert':
        at = draw(st.integers(0, len(counts)))
        counts = counts[:at] + draw(st.text(min_size=1, max_size=3)) + counts[at:]
    elif kind == 'cut':
        counts = counts[:draw(st.integers(0, max(len(counts) - 1, 0)))]
    elif kind == 'size':
        size = [draw(st.sampled_from([1, height, width, 2 ** 20, 2 ** 31])) for _ in range(2)]
    elif kind == 'odd size':
        size = draw(st.sampled_from([[height], [height, width, 1], [0, width], [-height, -width],
                                     [float(height), width], [True, width], None, 'x']))
    elif kind == 'text':
        counts = draw(st.text(max_size=12))
    return {'counts': counts, 'size': size}


@settings(max_examples=300)
@given(rle=near_valid_rles())
@example(rle={'counts': '', 'size': [2, 2]})  # pycocotools returned uninitialised memory
@example(rle={'counts': '1', 'size': [2 ** 20, 2 ** 20]})  # it crashed the process
@example(rle={'counts': '0Xo0', 'size': [2, 2]})  # runs past the mask
def test_any_rle_decodes_fully_or_is_refused(rle):
    try:
        check_rle_counts(rle, 'frame.json')
    except LabelError as err:
        assert str(err).startswith('frame.json: ')
        with pytest.raises(LabelError):
            rle_decode(rle)
        return
    mask = rle_decode(rle)
    runs = rle_runs(rle['counts'])
    height, width = rle['size']
    flat = np.repeat(np.arange(runs.size) % 2, runs)  # runs alternate 0s and 1s, 0s first
    assert np.array_equal(mask, flat.reshape(width, height).T)
    assert mask_utils.area({'counts': rle['counts'].encode(), 'size': rle['size']}) == mask.sum()


@settings(max_examples=40)
@given(rle=near_valid_rles(), task=st.sampled_from(['ins_seg', 'sem_seg', 'pan_seg']))
def test_evaluation_names_the_frame_of_a_bad_rle(rle, task):
    category = {'ins_seg': 'car', 'sem_seg': 'road', 'pan_seg': 'car'}[task]
    mask = np.zeros((30, 30), np.uint8)
    mask[:10, :10] = 1
    frame = {'name': 'a.jpg', 'labels': [{'id': '1', 'category': category,
                                          'rle': rle_encode(mask), 'score': 0.5}]}
    damaged = {'name': 'a.jpg', 'labels': [dict(frame['labels'][0], id='7', rle=rle)]}
    try:
        evaluate(task, [frame], [damaged], pred_file='pred.json')
    except LabelError as err:
        assert str(err).startswith("pred.json: frame 'a.jpg'")
