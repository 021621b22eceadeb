"""evaluate_files: every input form of the official tool, and clear errors for bad files."""
import json
import os
import os.path as osp
import shutil
import zipfile

import numpy as np
import pytest
from PIL import Image
from scalabel.eval.sem_seg import evaluate_sem_seg
from scalabel.label.io import load

from bdd100k_zoo.evaluation import SegEvaluator, evaluate_files
from bdd100k_zoo.evaluation.configs import scalabel_config
from bdd100k_zoo.evaluation.scores import from_result
from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.categories import SEM_SEG_CLASSES
from bdd100k_zoo.labels.masks import encode_bitmask, instance_rles, read_bitmask, rle_encode


def zip_folder(folder: str, archive: str, prefix: str = '') -> str:
    with zipfile.ZipFile(archive, 'w') as zf:
        for root, _, names in os.walk(folder):
            for name in names:
                path = osp.join(root, name)
                zf.write(path, osp.join(prefix, osp.relpath(path, folder)))
    return archive


def save_png(path: str, array: np.ndarray) -> str:
    os.makedirs(osp.dirname(path), exist_ok=True)
    Image.fromarray(array).save(path)
    return path


def test_zips_score_like_folders(bdd_dir, tmp_path):
    gt = zip_folder(osp.join(bdd_dir, 'pan_seg/gt+'), str(tmp_path / 'gt.zip'), 'masks')
    pred = zip_folder(osp.join(bdd_dir, 'pan_seg/pred'), str(tmp_path / 'pred.zip'))
    folders = evaluate_files('pan_seg', osp.join(bdd_dir, 'pan_seg/gt+'),
                             osp.join(bdd_dir, 'pan_seg/pred'))
    assert evaluate_files('pan_seg', gt, pred).to_dict() == folders.to_dict()


def test_json_in_a_zip(scalabel_dir, tmp_path):
    gt = osp.join(scalabel_dir, 'pose/pose_sample.json')
    preds = osp.join(scalabel_dir, 'pose/pose_preds.json')
    archive = tmp_path / 'preds.zip'
    with zipfile.ZipFile(archive, 'w') as zf:
        zf.write(preds, 'results/preds.json')
    assert (evaluate_files('pose', gt, str(archive)).to_dict()
            == evaluate_files('pose', gt, preds).to_dict())


def test_ins_seg_submission_zip_holds_bitmasks_and_scores(bdd_dir, tmp_path):
    archive = tmp_path / 'preds.zip'
    with zipfile.ZipFile(archive, 'w') as zf:
        zf.write(osp.join(bdd_dir, 'ins_seg/pred/a.png'), 'bitmasks/a.png')
        zf.write(osp.join(bdd_dir, 'ins_seg/pred.json'), 'scores.json')
    gt = osp.join(bdd_dir, 'ins_seg/gt')
    expected = evaluate_files('ins_seg', gt, osp.join(bdd_dir, 'ins_seg/pred'),
                              score_file=osp.join(bdd_dir, 'ins_seg/pred.json'))
    assert evaluate_files('ins_seg', gt, str(archive)).to_dict() == expected.to_dict()
    with pytest.raises(LabelError, match='need their scores'):
        evaluate_files('ins_seg', gt, osp.join(bdd_dir, 'ins_seg/pred'))


def test_label_json_against_mask_pngs(tmp_path):
    """GT as RLE frames and predictions as mask PNGs pair by stem (a.jpg <-> a.png)."""
    gt_mask = np.array([[0, 0, 1], [2, 2, 255]], dtype=np.uint8)
    labels = [{'id': str(v), 'category': c, 'rle': rle_encode(gt_mask == v)}
              for v, c in ((0, 'road'), (1, 'sidewalk'), (2, 'building'))]
    (tmp_path / 'gt.json').write_text(json.dumps([{'name': 'a.jpg', 'labels': labels}]))
    pred = np.array([[0, 1, 1], [2, 0, 0]], dtype=np.uint8)
    save_png(str(tmp_path / 'pred' / 'a.png'), pred)
    evaluator = SegEvaluator()
    evaluator.add(gt_mask, pred, 'a')
    scores = evaluate_files('sem_seg', str(tmp_path / 'gt.json'), str(tmp_path / 'pred'))
    assert scores.to_dict() == evaluator.result().to_dict()


def test_instances_path_gives_iiou(tmp_path):
    gt = np.array([[11, 11, 0], [11, 13, 13]], dtype=np.uint8)
    pred = np.array([[11, 0, 0], [11, 13, 11]], dtype=np.uint8)
    instances = np.array([[1, 1, 0], [1, 2, 2]])
    categories = np.array([[1, 1, 0], [1, 3, 3]])
    bitmask = encode_bitmask(categories, instances, np.zeros_like(instances))
    save_png(str(tmp_path / 'gt' / 'a.png'), gt)
    save_png(str(tmp_path / 'pred' / 'a.png'), pred)
    save_png(str(tmp_path / 'ins' / 'a.png'), bitmask)
    evaluator = SegEvaluator()
    evaluator.add(gt, pred, 'a', instances=bitmask)
    scores = evaluate_files('sem_seg', str(tmp_path / 'gt'), str(tmp_path / 'pred'),
                            instances=str(tmp_path / 'ins'))
    assert scores.to_dict() == evaluator.result().to_dict()
    assert scores.extra['cityscapes']['classes']['person']['iIoU'] == pytest.approx(100 * 2 / 4)


def test_a_bitmask_decodes_to_the_official_rles(bdd_dir):
    """One RLE per instance, equal to encoding each instance's binary mask."""
    bitmask = read_bitmask(osp.join(bdd_dir, 'pan_seg/gt/a.png'))
    rles = instance_rles(bitmask.instances)
    assert list(rles) == bitmask.instance_ids().tolist()
    for instance, rle in rles.items():
        assert rle == rle_encode(bitmask.instances == instance)


def test_mixed_folders_and_wrong_kinds_are_refused(bdd_dir, scalabel_dir, tmp_path):
    mixed = tmp_path / 'mixed'
    shutil.copytree(osp.join(bdd_dir, 'seg/pred'), mixed)
    shutil.copy(osp.join(scalabel_dir, 'sem_seg/sem_seg_preds.json'), mixed)
    with pytest.raises(LabelError, match='holds both .json and .png files'):
        evaluate_files('sem_seg', osp.join(bdd_dir, 'seg/gt'), str(mixed))
    with pytest.raises(LabelError, match='det takes Scalabel JSON files, not PNG masks'):
        evaluate_files('det', osp.join(bdd_dir, 'seg/gt'), osp.join(bdd_dir, 'seg/pred'))
    (tmp_path / 'empty').mkdir()
    with pytest.raises(LabelError, match='holds no Scalabel .json or .png'):
        evaluate_files('sem_seg', osp.join(bdd_dir, 'seg/gt'), str(tmp_path / 'empty'))
    with pytest.raises(FileNotFoundError, match='input not found'):
        evaluate_files('sem_seg', osp.join(bdd_dir, 'seg/gt'), str(tmp_path / 'nothing'))


def test_unsafe_zip_is_refused(bdd_dir, tmp_path):
    archive = tmp_path / 'evil.zip'
    with zipfile.ZipFile(archive, 'w') as zf:
        zf.write(osp.join(bdd_dir, 'seg/pred/a.png'), '../a.png')
    with pytest.raises(LabelError, match='evil.zip: cannot extract'):
        evaluate_files('sem_seg', osp.join(bdd_dir, 'seg/gt'), str(archive))


def test_malformed_json_names_the_file(scalabel_dir, tmp_path):
    bad = tmp_path / 'preds.json'
    bad.write_text('[{"name": "a.jpg", "labels": [')
    with pytest.raises(LabelError, match='preds.json: malformed JSON at line 1'):
        evaluate_files('det', osp.join(scalabel_dir, 'det/bbox_predictions.json'), str(bad))


@pytest.mark.parametrize('pred, message', [
    (np.zeros((5, 5), np.uint8), 'prediction mask has size (5, 5), ground truth (10, 10)'),
    (np.full((10, 10), 77, np.uint8), 'prediction mask holds illegal class ids [77]'),
])
def test_bad_mask_files_are_named(bdd_dir, tmp_path, pred, message):
    path = save_png(str(tmp_path / 'pred' / 'a.png'), pred)
    with pytest.raises(LabelError) as err:
        evaluate_files('sem_seg', osp.join(bdd_dir, 'seg/gt'), str(tmp_path / 'pred'))
    assert path in str(err.value) and message in str(err.value)


def test_bad_bitmasks_are_named(bdd_dir, tmp_path):
    bitmask = np.array(Image.open(osp.join(bdd_dir, 'mots/result/vid/a.png')))
    bitmask[0, 0] = [2, 0, 0, 1]  # instance 1 gets a second category
    path = save_png(str(tmp_path / 'res' / 'vid' / 'a.png'), bitmask)
    with pytest.raises(LabelError, match=f'{path}: instance 1 has pixels of several'):
        evaluate_files('seg_track', osp.join(bdd_dir, 'mots/gt'), str(tmp_path / 'res'))
    bitmask[...] = [12, 0, 0, 1]
    save_png(path, bitmask)
    with pytest.raises(LabelError, match=r'illegal category ids \[12\]'):
        evaluate_files('seg_track', osp.join(bdd_dir, 'mots/gt'), str(tmp_path / 'res'))
    shutil.move(path, str(tmp_path / 'res' / 'a.png'))
    with pytest.raises(LabelError, match='one folder per video'):
        evaluate_files('seg_track', osp.join(bdd_dir, 'mots/gt'), str(tmp_path / 'res'))


@pytest.mark.filterwarnings('ignore:invalid value encountered:RuntimeWarning')  # scalabel's
def test_rle_seg_fixture_pairs_by_stem(bdd_dir):
    """bdd100k's rle/seg files (no published numbers: its test mocks the evaluation) name the GT
    frame ``x.jpg`` and the prediction ``x.png``: scalabel pairs by exact name and would score
    nothing; we pair them and score exactly as scalabel does once the names agree."""
    gt = load(osp.join(bdd_dir, 'rle/seg/gt')).frames
    pred = load(osp.join(bdd_dir, 'rle/seg/pred')).frames
    pred[0].name = gt[0].name
    expected = from_result('sem_seg', evaluate_sem_seg(gt, pred, scalabel_config('sem_seg'),
                                                       nproc=1), SEM_SEG_CLASSES)
    ours = evaluate_files('sem_seg', osp.join(bdd_dir, 'rle/seg/gt'),
                          osp.join(bdd_dir, 'rle/seg/pred'))
    assert ours.summary == expected.summary
    assert ours.per_class == expected.per_class


def test_folder_of_per_video_json_files(scalabel_dir, tmp_path):
    frames = json.loads(open(osp.join(scalabel_dir, 'box_track/track_sample_anns.json')).read())
    videos = {'first': frames[:15], 'second': frames[15:30]}
    folder = tmp_path / 'gt'
    folder.mkdir()
    for video, part in videos.items():
        part = [dict(frame, videoName=video, frameIndex=i) for i, frame in enumerate(part)]
        (folder / f'{video}.json').write_text(json.dumps(part))
    gt = [frame for video in videos for frame in json.loads((folder / f'{video}.json').read_text())]
    (tmp_path / 'gt.json').write_text(json.dumps(gt))
    ids = {}
    for frame in gt:
        for label in frame['labels']:
            label['id'] = ids.setdefault(label['id'], len(ids))  # predictions: integer ids
    (tmp_path / 'pred.json').write_text(json.dumps(gt))
    scores = evaluate_files('box_track', str(folder), str(tmp_path / 'pred.json'))
    assert scores.summary['MOTA'] == 100 and scores.summary['IDSw'] == 0
    assert scores.to_dict() == evaluate_files('box_track', str(tmp_path / 'gt.json'),
                                              str(tmp_path / 'pred.json')).to_dict()
