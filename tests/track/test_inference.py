"""Video inference (``track_video`` and ``bdd100k-zoo infer`` with a tracking config) on real KITTI frames and a video file."""
import json
import os
import os.path as osp

import cv2
import pytest
from PIL import Image

from bdd100k_zoo.cli import main as cli_main
from bdd100k_zoo.export.visuals import track_color
from bdd100k_zoo.track.inference import track_video

CONFIG = 'mot/configs/mot/qdtrack-frcnn_r18_fpn_mot_bdd100k_sample.py'
MOTS_CONFIG = 'mots/configs/mots/qdtrack-mrcnn_r18_fpn_mots_bdd100k_sample.py'
#: An untrained model detects noise: lowering the thresholds makes it track some of it.
EAGER = {'model.tracker.init_score_thr': 0.0, 'model.tracker.obj_score_thr': 0.0}


@pytest.fixture(scope='module')
def kitti_frames(data_dir) -> str:
    return osp.join(data_dir, 'kitti', 'tracking_0001')


def check_tracks(path: str, video: str, names) -> list:
    frames = json.load(open(path))
    assert [f['name'] for f in frames] == list(names)
    assert [f['frameIndex'] for f in frames] == list(range(len(names)))
    assert {f['videoName'] for f in frames} == {video}
    for frame in frames:
        for label in frame['labels']:
            assert label['id'].isdigit() and set(label['box2d']) == {'x1', 'y1', 'x2', 'y2'}
            assert 0 <= label['score'] <= 1
        assert len({label['id'] for label in frame['labels']}) == len(frame['labels'])
    return frames


def test_track_a_folder_of_frames_into_tracks_and_a_gif(repo_root, kitti_frames, tmp_path):
    result = track_video(osp.join(repo_root, CONFIG), None, kitti_frames, str(tmp_path),
                         cfg_options=EAGER)
    names = sorted(os.listdir(kitti_frames))
    assert result.labels == str(tmp_path / 'tracking_0001.json') and result.frames == len(names)
    frames = check_tracks(result.labels, 'tracking_0001', names)
    assert result.tracks == len({l['id'] for f in frames for l in f['labels']}) > 0
    with Image.open(result.rendering) as gif:
        assert gif.format == 'GIF' and gif.n_frames == len(names)
        assert gif.size == Image.open(osp.join(kitti_frames, names[0])).size


def test_track_a_video_file_into_an_mp4(repo_root, kitti_frames, tmp_path):
    names = sorted(os.listdir(kitti_frames))
    first = cv2.imread(osp.join(kitti_frames, names[0]))
    video = str(tmp_path / 'drive.avi')
    writer = cv2.VideoWriter(video, cv2.VideoWriter_fourcc(*'MJPG'), 5,
                             (first.shape[1], first.shape[0]))
    for name in names:
        writer.write(cv2.imread(osp.join(kitti_frames, name)))
    writer.release()
    result = track_video(osp.join(repo_root, CONFIG), None, video, str(tmp_path / 'out'),
                         render='mp4', cfg_options=EAGER)
    check_tracks(result.labels, 'drive', [f'drive-{i + 1:07d}.jpg' for i in range(len(names))])
    capture = cv2.VideoCapture(result.rendering)
    assert int(capture.get(cv2.CAP_PROP_FRAME_COUNT)) == len(names)
    capture.release()


def test_track_colours_are_stable_per_track():
    assert track_color('3') == track_color('3') != track_color('4')


def test_infer_tracks_a_video_with_a_tracking_config(repo_root, kitti_frames, tmp_path, capsys):
    out = tmp_path / 'out'
    assert cli_main(['infer', CONFIG, 'none', kitti_frames, '--out', str(out),
                     '--cfg-options', 'model.tracker.init_score_thr=0.0']) == 2
    assert 'none' in capsys.readouterr().err and not out.exists()  # no such checkpoint
    assert cli_main(['infer', CONFIG, 'none', str(tmp_path / 'missing'), '--out', str(out)]) == 2
    assert 'no such folder of frames or video file' in capsys.readouterr().err
    assert cli_main(['infer', CONFIG, 'none', kitti_frames, kitti_frames, '--out', str(out)]) == 2
    assert 'one folder of frames or one video file' in capsys.readouterr().err


def test_infer_writes_the_tracks_of_a_checkpoint(repo_root, kitti_frames, tmp_path, capsys):
    import torch
    from mmdet.apis import init_track_model
    from mmengine.config import Config
    from mmengine.registry import DefaultScope
    cfg = Config.fromfile(osp.join(repo_root, CONFIG))
    with DefaultScope.overwrite_default_scope('mmdet'):
        model = init_track_model(cfg, None, device='cpu')
    checkpoint = str(tmp_path / 'model.pth')
    torch.save({'state_dict': model.state_dict(), 'meta': {}}, checkpoint)
    assert cli_main(['infer', CONFIG, checkpoint, kitti_frames, '--out', str(tmp_path / 'out'),
                     '--cfg-options', 'model.tracker.init_score_thr=0.0',
                     'model.tracker.obj_score_thr=0.0']) == 0
    assert 'tracked 2 frames' in capsys.readouterr().out
    check_tracks(str(tmp_path / 'out' / 'tracking_0001.json'), 'tracking_0001',
                 sorted(os.listdir(kitti_frames)))
    assert (tmp_path / 'out' / 'tracking_0001.gif').is_file()


def test_a_mots_model_tracks_masks_through_its_metric(repo_root, kitti_frames, tmp_path):
    result = track_video(osp.join(repo_root, MOTS_CONFIG), None, kitti_frames, str(tmp_path),
                         cfg_options=EAGER)
    frames = check_tracks(result.labels, 'tracking_0001', sorted(os.listdir(kitti_frames)))
    labels = [label for frame in frames for label in frame['labels']]
    assert labels and all(label['rle']['size'] == list(Image.open(
        osp.join(kitti_frames, frames[0]['name'])).size[::-1]) for label in labels)


def test_a_failure_leaves_nothing_behind(repo_root, kitti_frames, tmp_path):
    frames = tmp_path / 'frames'
    frames.mkdir()
    for name in sorted(os.listdir(kitti_frames)):
        (frames / name).write_bytes(open(osp.join(kitti_frames, name), 'rb').read())
    (frames / 'zz_broken.png').write_bytes(b'not an image')
    for render in ('gif', 'mp4'):
        with pytest.raises(ValueError, match='zz_broken.png: cannot read the image'):
            track_video(osp.join(repo_root, CONFIG), None, str(frames), str(tmp_path / 'out'),
                        render=render, cfg_options=EAGER)
        assert not (tmp_path / 'out').exists() or not os.listdir(tmp_path / 'out')


def test_a_checkpoint_missing_weights_is_refused_naming_them(repo_root, kitti_frames, tmp_path):
    """The checkpoint of a tracking model goes through the same weights check as every load."""
    import torch
    from bdd100k_zoo.inference import CheckpointMismatchError
    from bdd100k_zoo.track.inference import TrackingModel
    model = TrackingModel(osp.join(repo_root, CONFIG), None).model
    state = model.state_dict()
    removed = next(key for key in state if key.startswith('track_head.'))
    del state[removed]
    path = tmp_path / 'partial.pth'
    torch.save({'state_dict': state, 'meta': {}}, path)
    with pytest.raises(CheckpointMismatchError, match=f'(?s)partial.pth.*{removed}'):
        track_video(osp.join(repo_root, CONFIG), str(path), kitti_frames, str(tmp_path / 'out'))
    assert not (tmp_path / 'out').exists()
    assert cli_main(['infer', osp.join(repo_root, CONFIG), str(path), kitti_frames, '--out',
                     str(tmp_path / 'cli')]) == 2
