"""``slice_by`` entries ``attribute=value``: one value against all the others (the BDD100K paper's
City / Non-City and Daytime / Non-Daytime columns), for images and whole videos."""
import copy

import pytest

from bdd100k_zoo.evaluation import evaluate, evaluate_sliced
from bdd100k_zoo.evaluation.slicing import check_slice_by


def test_value_against_the_others(frames_of):
    gt = copy.deepcopy(frames_of('box_track/track_sample_anns.json')[:30])
    scenes = ('city street', 'highway', 'residential')
    for index, frame in enumerate(gt[:-1]):  # the last frame has no scene
        frame['attributes'] = {'scene': scenes[index % 3]}
    preds = frames_of('det/bbox_predictions.json')[:30]
    slices = evaluate_sliced('det', gt, preds, by=('scene=city street',))['scene=city street']
    assert list(slices) == ['city street', 'not city street']
    for name, inside in (('city street', lambda s: s == 'city street'),
                         ('not city street', lambda s: s in scenes[1:])):
        subset = [f for f in gt if 'attributes' in f and inside(f['attributes']['scene'])]
        names = {frame['name'] for frame in subset}
        expected = evaluate('det', subset, [f for f in preds if f['name'] in names])
        assert slices[name].to_dict() == expected.to_dict()


def test_videos_go_whole_to_one_side():
    def video(name, timeofday):
        frames = [{'name': f'{name}-{i}.jpg', 'videoName': name, 'frameIndex': i, 'labels': [
            {'id': '1', 'category': 'car', 'box2d': {'x1': i, 'y1': 0, 'x2': 9 + i, 'y2': 9}}]}
            for i in range(3)]
        frames[1]['attributes'] = {'timeofday': timeofday}
        return frames
    gt = video('v', 'night') + video('w', 'daytime') + video('x', 'dawn/dusk')
    preds = copy.deepcopy(gt)
    preds[0]['labels'] = []
    slices = evaluate_sliced('box_track', gt, preds, by=('timeofday=daytime',))
    assert list(slices['timeofday=daytime']) == ['daytime', 'not daytime']
    assert slices['timeofday=daytime']['daytime'].summary['MOTA'] == 100
    expected = evaluate('box_track', gt[:3] + gt[6:], preds[:3] + preds[6:])
    assert slices['timeofday=daytime']['not daytime'].to_dict() == expected.to_dict()


@pytest.mark.parametrize('entry, message', [
    ('scene=city', r"slice_by: 'scene=city': scene values are .*city street"),
    ('time=daytime', r"slice_by accepts .* got 'time=daytime'"),
    ('sky', r"slice_by accepts .* got 'sky'")])
def test_unknown_entries_are_refused(entry, message):
    with pytest.raises(ValueError, match=message):
        check_slice_by((entry,))
    assert check_slice_by(('scene', 'timeofday=night')) == ('scene', 'timeofday=night')
