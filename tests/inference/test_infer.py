"""``infer`` and ``bdd100k-zoo infer`` end to end with a random-weights detector: outputs, score
threshold, errors naming their cause, and nothing half-written on failure."""
import json
import os
import os.path as osp
import shutil

import pytest
from PIL import Image

from bdd100k_zoo.cli import main
from bdd100k_zoo.inference import ImageReadError, InferenceError, infer
from bdd100k_zoo.labels.categories import DET_CLASSES


@pytest.fixture(scope='module')
def det_run(sample_config, random_det_checkpoint, kitti_dir, tmp_path_factory):
    """One CLI run of the random detector on a KITTI frame, without score threshold."""
    out = tmp_path_factory.mktemp('det_run')
    code = main(['infer', 'faster_rcnn_r18_fpn_det_bdd100k_sample', random_det_checkpoint,
                 osp.join(kitti_dir, '000000.png'), '--out', str(out), '--score-thr', '0'])
    assert code == 0
    return out


def test_cli_writes_boxes_of_the_config_classes_and_a_visual(det_run):
    assert sorted(os.listdir(det_run)) == ['preds.json', 'visuals']
    with open(det_run / 'preds.json') as f:
        frames = json.load(f)
    assert [frame['name'] for frame in frames] == ['000000.png']
    labels = frames[0]['labels']
    assert labels and all(label['category'] in DET_CLASSES for label in labels)
    assert all(set(label) == {'id', 'category', 'box2d', 'score'} for label in labels)
    with Image.open(det_run / 'visuals' / '000000.jpg') as visual:
        assert visual.size == (1224, 370)


def test_score_threshold_drops_lower_labels(det_run, random_det_checkpoint, sample_config,
                                            kitti_dir, tmp_path):
    with open(det_run / 'preds.json') as f:
        scores = sorted(label['score'] for label in json.load(f)[0]['labels'])
    threshold = scores[len(scores) // 2]
    infer(sample_config('det'), random_det_checkpoint, [osp.join(kitti_dir, '000000.png')],
          str(tmp_path), score_thr=threshold)
    with open(tmp_path / 'preds.json') as f:
        kept = [label['score'] for label in json.load(f)[0]['labels']]
    assert sorted(kept) == [score for score in scores if score >= threshold]


def test_unreadable_image_fails_naming_it_and_leaves_the_output_as_it_was(
        sample_config, random_det_checkpoint, kitti_dir, tmp_path):
    out = tmp_path / 'out'
    out.mkdir()
    (out / 'preds.json').write_text('[]')
    (out / 'visuals').mkdir()
    (out / 'visuals' / 'old.jpg').write_bytes(b'old')
    inputs = tmp_path / 'inputs'
    inputs.mkdir()
    shutil.copy(osp.join(kitti_dir, '000000.png'), inputs / 'a.png')
    (inputs / 'b.png').write_bytes(b'not a png')
    with pytest.raises(ImageReadError, match='b.png'):
        infer(sample_config('det'), random_det_checkpoint, [str(inputs)], str(out))
    assert sorted(os.listdir(out)) == ['preds.json', 'visuals']
    assert (out / 'preds.json').read_text() == '[]'
    assert os.listdir(out / 'visuals') == ['old.jpg']


def test_cli_reports_bad_input_in_one_line(random_det_checkpoint, sample_config, tmp_path,
                                           capsys):
    broken = tmp_path / 'broken.jpg'
    broken.write_bytes(b'\xff\xd8 truncated')
    code = main(['infer', sample_config('det'), random_det_checkpoint, str(broken),
                 '--out', str(tmp_path / 'out')])
    assert code == 2
    assert f'error: cannot read image {broken}' in capsys.readouterr().err
    assert not (tmp_path / 'out' / 'preds.json').exists()


def test_person_boxes_are_for_pose_models(sample_config, random_det_checkpoint, kitti_dir,
                                          tmp_path):
    boxes = tmp_path / 'boxes.json'
    boxes.write_text('[]')
    with pytest.raises(InferenceError, match='person boxes are for pose models'):
        infer(sample_config('det'), random_det_checkpoint, [kitti_dir], str(tmp_path / 'out'),
              person_boxes=str(boxes))


def test_batch_size_must_be_positive(sample_config, random_det_checkpoint, kitti_dir, tmp_path):
    with pytest.raises(InferenceError, match='at least 1'):
        infer(sample_config('det'), random_det_checkpoint, [kitti_dir], str(tmp_path),
              batch_size=0)
