"""lane_mark: the official boundary F-scores on both official fixtures (mask PNGs and Scalabel RLE
JSON), scalabel's per-class F-measure on random masks, perfect and empty predictions, ``poly2d``
labels, the export, and bad inputs named in the error."""
import json
import os
import os.path as osp
import shutil

import numpy as np
import pytest
from PIL import Image
from scalabel.eval.boundary import eval_bdry_per_thr

from bdd100k_zoo.cli import main
from bdd100k_zoo.evaluation import evaluate, evaluate_files
from bdd100k_zoo.evaluation.boundary import BOUND_PIXELS, class_f_scores
from bdd100k_zoo.export.lanes import lane_frame
from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.categories import LANE_CATEGORIES, LANE_CLASSES
from bdd100k_zoo.labels.lane_drawing import draw_lane_mask
from bdd100k_zoo.labels.lanes import encode_lane
from bdd100k_zoo.labels.masks import read_png

from .test_official_fixtures import check

#: bdd100k-eval lane gts/ res/: the overall numbers of EXPECTED.md, and the per-class, per-attribute
#: and overall rows the bdd100k toolkit's test (bdd100k/eval/lane_test.py) asserts.
MASKS = {'F1_pix1': '87.57008634', 'F1_pix2': '92.22807981', 'F1_pix5': '100'}
MASK_ROWS = {
    'parallel': ('70.53328267', '80.9831119', '100.0'), 'vertical': ('100.0',) * 3,
    'solid': ('70.53328267', '80.9831119', '100.0'), 'dashed': ('100.0',) * 3,
    'crosswalk': ('99.82147748', '100.0', '100.0'), 'double other': ('100.0',) * 3,
    'double white': ('100.0',) * 3, 'double yellow': ('75.33066961', '79.34917317', '100.0'),
    'road curb': ('71.02916505', '86.25984707', '100.0'), 'single other': ('100.0',) * 3,
    'single white': ('96.43828133', '100.0', '100.0'),
    'single yellow': ('94.79621737', '100.0', '100.0'),
    'DIRECTION': ('85.26664133', '90.49155595', '100.0'),
    'STYLE': ('85.26664133', '90.49155595', '100.0'),
    'CATEGORY': ('92.17697636', '95.70112753', '100.0')}
#: scalabel-eval boundary/: EXPECTED.md.
BOUNDARY = {'F1_pix1': '62.79947754790502', 'F1_pix2': '70.62433627664764',
            'F1_pix5': '81.32172097015349'}
METRICS = tuple(f'F1_pix{pixels}' for pixels in BOUND_PIXELS)


def has_class(mask, name):
    """Whether a lane mask has a marking of class ``name``, read from the bits as the official
    format packs them (bit 5 direction, bit 4 style, bits 0-2 category; bit 3 set: background)."""
    markings = mask[(mask & 8) == 0]
    if name in ('parallel', 'vertical'):
        return bool(((markings >> 5) & 1 == ('parallel', 'vertical').index(name)).any())
    if name in ('solid', 'dashed'):
        return bool(((markings >> 4) & 1 == ('solid', 'dashed').index(name)).any())
    return bool(((markings & 7) == LANE_CATEGORIES.index(name)).any())


@pytest.fixture
def lane_dirs(bdd_dir):
    return osp.join(bdd_dir, 'lane/gts'), osp.join(bdd_dir, 'lane/res')


@pytest.fixture
def boundary_files(scalabel_dir):
    return (osp.join(scalabel_dir, 'boundary/boundary_gts.json'),
            osp.join(scalabel_dir, 'boundary/boundary_preds.json'))


def rows(scores):
    """Per class and per attribute (upper case): ``{row: {metric: value}}``."""
    table = {name: dict(row) for name, row in scores.per_class.items()}
    for name, value in scores.summary.items():
        if '/' in name:
            metric, attribute = name.split('/')
            table.setdefault(attribute, {})[metric] = value
    return table


def test_mask_fixture_gives_the_official_scores(lane_dirs):
    scores = evaluate_files('lane_mark', *lane_dirs)
    check(scores.summary, MASKS)
    table = rows(scores)
    for name, expected in MASK_ROWS.items():
        check(table[name], dict(zip(METRICS, expected)))


@pytest.mark.parametrize('nproc', [1, 2])
def test_rle_fixture_gives_the_official_scores(boundary_files, frames_of, nproc):
    check(evaluate_files('lane_mark', *boundary_files, nproc=nproc).summary, BOUNDARY)
    frames = evaluate('lane_mark', frames_of('boundary/boundary_gts.json'),
                      frames_of('boundary/boundary_preds.json'), nproc=nproc)
    check(frames.summary, BOUNDARY)


def test_class_f_measure_is_scalabels_on_random_masks():
    rng = np.random.default_rng(0)
    for trial in range(30):
        shape = tuple(rng.integers(5, 60, 2))
        gt = rng.random(shape) < rng.uniform(0, 0.2)
        pred = rng.random(shape) < rng.uniform(0, 0.2)
        if trial % 5 == 0:
            pred[:] = False
        expected = [eval_bdry_per_thr(gt, pred, pixels) for pixels in BOUND_PIXELS]
        assert class_f_scores(gt, pred).tolist() == pytest.approx(expected, abs=1e-12)


def test_two_lines_four_pixels_apart_match_at_five_only():
    """The bdd100k toolkit's hand case: two 4-pixel lines 4 rows apart."""
    gt, pred = np.zeros((10, 10), dtype=bool), np.zeros((10, 10), dtype=bool)
    gt[3, 3:7] = True
    pred[7, 3:7] = True
    assert class_f_scores(gt, pred).tolist() == [0.0, 0.0, 1.0]


def test_a_perfect_prediction_scores_100(lane_dirs, boundary_files, tmp_path):
    for gt in (lane_dirs[0], boundary_files[0]):
        scores = evaluate_files('lane_mark', gt, gt)
        assert all(value == 100 for value in scores.summary.values())
        assert all(value == 100 for row in scores.per_class.values() for value in row.values())


def all_classes_labels():
    """``poly2d`` lane labels of every category, both directions and both styles (720 x 1280)."""
    return [{'category': category, 'attributes': {
                'laneDirection': ('parallel', 'vertical')[i % 2],
                'laneStyle': ('solid', 'dashed')[i // 2 % 2]},
             'poly2d': [{'vertices': [[20, 40 + 80 * i], [1200, 60 + 80 * i]], 'types': 'LL'}]}
            for i, category in enumerate(LANE_CATEGORIES)]


def all_classes_mask():
    """The lane mask of :func:`all_classes_labels`."""
    return draw_lane_mask(all_classes_labels(), (720, 1280))


def test_an_empty_prediction_scores_0(tmp_path, lane_dirs):
    gt_dir = tmp_path / 'gt'
    gt_dir.mkdir()
    Image.fromarray(all_classes_mask()).save(gt_dir / 'a.png')
    empty = tmp_path / 'empty.json'
    empty.write_text(json.dumps([{'name': 'a.jpg', 'labels': []}]))
    scores = evaluate_files('lane_mark', str(gt_dir), str(empty))
    assert all(value == 0 for value in scores.summary.values())
    # officially, an image where a class is absent from both sides scores 100 for it
    empty.write_text('[]')
    scores = evaluate_files('lane_mark', lane_dirs[0], str(empty))
    masks = [read_png(osp.join(lane_dirs[0], name)) for name in sorted(os.listdir(lane_dirs[0]))]
    for name, row in scores.per_class.items():
        absent = [not has_class(mask, name) for mask in masks]
        assert set(row.values()) == {100 * sum(absent) / len(masks)}, name


def test_a_missing_prediction_is_an_empty_one(lane_dirs, tmp_path):
    pred = tmp_path / 'pred'
    shutil.copytree(lane_dirs[1], pred)
    missing = sorted(pred.iterdir())[0]
    missing.unlink()
    empty = np.full((720, 1280), 255, dtype=np.uint8)
    Image.fromarray(empty).save(missing)
    expected = evaluate_files('lane_mark', lane_dirs[0], str(pred))
    missing.unlink()
    assert evaluate_files('lane_mark', lane_dirs[0], str(pred)).summary == expected.summary


def test_poly2d_labels_are_drawn_as_the_official_converter_draws_them():
    labels = [{'category': 'road curb', 'poly2d': [{'vertices': [[10, 20], [50, 20]],
                                                    'types': 'LL'}]},
              {'category': 'crosswalk', 'poly2d': [{'vertices': [[30, 5], [30, 40]],
                                                    'types': 'LL'}],
               'attributes': {'laneDirection': 'vertical', 'laneStyle': 'dashed'}}]
    mask = draw_lane_mask(labels, (60, 80))
    curb, crosswalk = encode_lane('road curb'), encode_lane('crosswalk', 'vertical', 'dashed')
    assert (curb, crosswalk) == (4, 0b110000)
    assert set(np.unique(mask).tolist()) == {curb, crosswalk, 255}
    ys, xs = np.nonzero(mask == curb)
    assert 19 <= ys.min() and ys.max() <= 21 and xs.min() == 10 and xs.max() == 50
    assert mask[20, 30] == crosswalk  # later labels are drawn over earlier ones


def test_poly2d_frames_score_like_their_masks(tmp_path):
    mask = all_classes_mask()
    shifted = np.full_like(mask, 255)
    shifted[2:] = mask[:-2]
    scores = evaluate('lane_mark', [{'name': 'a.jpg', 'labels': all_classes_labels()}],
                      [lane_frame('a.jpg', shifted)])
    gt_dir, pred_dir = tmp_path / 'gt', tmp_path / 'pred'
    for folder, array in ((gt_dir, mask), (pred_dir, shifted)):
        folder.mkdir()
        Image.fromarray(array).save(folder / 'a.png')
    assert scores.summary == evaluate_files('lane_mark', str(gt_dir), str(pred_dir)).summary
    assert 0 < scores.summary['F1_pix1'] < scores.summary['F1_pix2'] == 100


def test_exported_frames_score_like_the_masks(lane_dirs):
    preds = [lane_frame(name, read_png(osp.join(lane_dirs[1], name)))
             for name in ('fe189115-9981a740.png', 'fe189115-9cc4a501.png',
                          'fe189115-adbd209a.png', 'fe189115-c31cac5a.png')]
    assert all(label['category'] in LANE_CLASSES for frame in preds for label in frame['labels'])
    gt = [{'name': frame['name'], 'labels': lane_frame(frame['name'], read_png(
        osp.join(lane_dirs[0], frame['name'])))['labels']} for frame in preds]
    check(evaluate('lane_mark', gt, preds).summary, MASKS)


def test_a_mask_of_the_wrong_size_names_the_file(lane_dirs, tmp_path):
    pred = tmp_path / 'pred'
    shutil.copytree(lane_dirs[1], pred)
    bad = pred / 'fe189115-adbd209a.png'
    Image.fromarray(np.full((360, 640), 255, dtype=np.uint8)).save(bad)
    with pytest.raises(LabelError, match=f'{bad}: prediction masks have size'):
        evaluate_files('lane_mark', lane_dirs[0], str(pred))


def test_a_mask_with_unused_bits_names_the_file(lane_dirs, tmp_path):
    pred = tmp_path / 'pred'
    shutil.copytree(lane_dirs[1], pred)
    bad = pred / 'fe189115-adbd209a.png'
    array = np.array(Image.open(bad))
    array[0, 0] = 0b1000100  # bit 6 set on a marking pixel
    Image.fromarray(array).save(bad)
    with pytest.raises(LabelError, match=f'{bad}: lane mask holds values \\[68\\]'):
        evaluate_files('lane_mark', lane_dirs[0], str(pred))


def test_an_unknown_category_names_the_file_frame_and_label(boundary_files, tmp_path):
    frames = json.loads(open(boundary_files[1]).read())
    frames[1]['labels'][2]['category'] = 'zebra'
    bad = tmp_path / 'preds.json'
    bad.write_text(json.dumps(frames))
    with pytest.raises(LabelError, match=f"{bad}: frame 'b1c81faa-3df17267.jpg', label id "
                                         f"'.*': unknown category 'zebra'"):
        evaluate_files('lane_mark', boundary_files[0], str(bad))
    frames[1]['labels'][2] = {'id': 'x', 'category': 'zebra', 'poly2d': [
        {'vertices': [[0, 0], [5, 5]], 'types': 'LL'}]}
    frames[1]['labels'] = frames[1]['labels'][2:3]
    bad.write_text(json.dumps(frames))
    with pytest.raises(LabelError, match="label id 'x': unknown lane category 'zebra'"):
        evaluate_files('lane_mark', boundary_files[0], str(bad))


def test_a_class_given_twice_is_refused(boundary_files, tmp_path):
    frames = json.loads(open(boundary_files[1]).read())
    frames[0]['labels'].append(dict(frames[0]['labels'][0], id='again'))
    bad = tmp_path / 'preds.json'
    bad.write_text(json.dumps(frames))
    with pytest.raises(LabelError, match="label id 'again': a second RLE label of 'parallel'"):
        evaluate_files('lane_mark', boundary_files[0], str(bad))


def test_cli_prints_writes_and_reports_bad_input(capsys, lane_dirs, tmp_path):
    out_file = tmp_path / 'scores.json'
    code = main(['eval', '--quiet', '-t', 'lane_mark', '-g', lane_dirs[0], '-r', lane_dirs[1],
                 '--out', str(out_file)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert 'F1_pix1' in out and 'road curb' in out
    assert json.loads(out_file.read_text()) == evaluate_files('lane_mark', *lane_dirs).to_dict()
    bad = tmp_path / 'bad'
    bad.mkdir()
    Image.fromarray(np.full((10, 10), 255, dtype=np.uint8)).save(bad / 'fe189115-9981a740.png')
    code = main(['eval', '--quiet', '-t', 'lane_mark', '-g', lane_dirs[0], '-r', str(bad)])
    _, err = capsys.readouterr()
    assert code == 2 and 'fe189115-9981a740.png: prediction masks have size' in err


def test_a_frame_mixing_rle_and_poly2d_is_refused(boundary_files, tmp_path):
    frames = json.loads(open(boundary_files[1]).read())
    frames[0]['labels'].append({'id': 'line', 'category': 'road curb', 'poly2d': [
        {'vertices': [[0, 0], [5, 5]], 'types': 'LL'}]})
    bad = tmp_path / 'preds.json'
    bad.write_text(json.dumps(frames))
    with pytest.raises(LabelError, match=f"{bad}: frame 'b1c66a42-6f7d68ca.jpg': mixes RLE and "
                                         f"poly2d labels"):
        evaluate_files('lane_mark', boundary_files[0], str(bad))
