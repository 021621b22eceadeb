"""evaluate_sliced: each attribute value scored as its own set (images, and whole videos)."""
import copy

from bdd100k_zoo.evaluation import evaluate, evaluate_sliced


def with_weather(frames, values):
    frames = copy.deepcopy(frames)
    for i, frame in enumerate(frames):
        frame['attributes'] = {'weather': values[i % len(values)], 'timeofday': 'daytime'}
    return frames


def test_image_slices_equal_the_subsets(frames_of):
    gt = with_weather(frames_of('box_track/track_sample_anns.json')[:40], ['clear', 'rainy'])
    preds = frames_of('det/bbox_predictions.json')[:40]
    slices = evaluate_sliced('det', gt, preds)
    assert list(slices['weather']) == ['rainy', 'clear']  # the official value order
    assert list(slices['timeofday']) == ['daytime'] and slices['scene'] == {}
    for value in ('rainy', 'clear'):
        subset = [frame for frame in gt if frame['attributes']['weather'] == value]
        names = {frame['name'] for frame in subset}
        expected = evaluate('det', subset, [f for f in preds if f['name'] in names])
        assert slices['weather'][value].to_dict() == expected.to_dict()
    assert slices['timeofday']['daytime'].to_dict() == evaluate('det', gt, preds).to_dict()


def test_videos_are_sliced_whole_by_their_first_value():
    def video(name, weather):
        frames = [{'name': f'{name}-{i}.jpg', 'videoName': name, 'frameIndex': i, 'labels': [
            {'id': '1', 'category': 'car', 'box2d': {'x1': i, 'y1': 0, 'x2': 9 + i, 'y2': 9}}]}
            for i in range(4)]
        frames[1]['attributes'] = {'weather': weather}  # later frames may disagree
        frames[3]['attributes'] = {'weather': 'foggy'}
        return frames
    gt = video('v', 'clear') + video('w', 'snowy')
    preds = copy.deepcopy(gt)
    preds[5]['labels'] = []
    slices = evaluate_sliced('box_track', gt, preds, by=('weather',))
    assert list(slices['weather']) == ['snowy', 'clear']
    assert slices['weather']['clear'].summary['MOTA'] == 100
    assert slices['weather']['snowy'].to_dict() == evaluate('box_track', gt[4:],
                                                            preds[4:]).to_dict()


def test_tagging_slices(frames_of):
    slices = evaluate_sliced('tagging', frames_of('tagging/tag_gts.json'),
                             frames_of('tagging/tag_preds.json'), by=('timeofday',))
    assert all(scores.task == 'tagging' for scores in slices['timeofday'].values())
