"""BDD100KTaggingDataset on the generated sample (every attribute) and on hand-made bad labels."""
import gc
import json
import os.path as osp
import pickle

import pytest
from mmengine.config import Config
from mmengine.registry import init_default_scope
from mmengine.dataset import ClassBalancedDataset
from mmpretrain.registry import DATASETS

from bdd100k_zoo.labels import LabelError
from bdd100k_zoo.labels.categories import DET_PALETTE, TAGGING_ATTRIBUTES
from bdd100k_zoo.tagging.datasets import BDD100KTaggingDataset


def write_labels(folder, frames, image_names=()):
    """A det_20-style label file and (empty) image files in ``folder``."""
    (folder / 'images').mkdir(exist_ok=True)
    for name in image_names:
        (folder / 'images' / name).write_bytes(b'')
    path = folder / 'labels.json'
    path.write_text(json.dumps(frames))
    return str(path)


def dataset(folder, ann_file, attribute='weather', **kwargs):
    return BDD100KTaggingDataset(attribute=attribute, ann_file=ann_file,
                                 data_prefix=str(folder / 'images'), **kwargs)


@pytest.mark.parametrize('attribute', sorted(TAGGING_ATTRIBUTES))
@pytest.mark.parametrize('split', ['train', 'val'])
def test_sample_frames_become_labelled_images(tiny_sample, attribute, split):
    ann_file = osp.join(tiny_sample, 'labels', 'det_20', f'det_{split}.json')
    with open(ann_file) as f:
        frames = json.load(f)
    data = BDD100KTaggingDataset(attribute=attribute, data_root=tiny_sample,
                                 ann_file=f'labels/det_20/det_{split}.json',
                                 data_prefix=f'images/100k/{split}')
    classes = TAGGING_ATTRIBUTES[attribute]
    assert data.metainfo == {'classes': classes, 'palette': list(DET_PALETTE[:len(classes)]),
                             'attribute': attribute, 'ann_file': ann_file}
    assert len(data) == len(frames) > 0
    for index, frame in enumerate(frames):
        info = data.get_data_info(index)
        assert info['name'] == frame['name']
        assert info['img_path'] == osp.join(tiny_sample, 'images', '100k', split, frame['name'])
        assert osp.isfile(info['img_path'])
        assert classes[info['gt_label']] == frame['attributes'][attribute]


@pytest.mark.parametrize('config, size', [
    ('weather/resnet18_5x_224x224_weather_tag_bdd100k.py', 224),
    ('scene/resnet18_4x_scene_tag_bdd100k.py', 640),
])
def test_published_pipelines_on_the_sample(repo_root, tiny_sample, config, size):
    cfg = Config.fromfile(osp.join(repo_root, 'tagging', 'configs', config))
    init_default_scope('mmpretrain')
    for loader in (cfg.train_dataloader, cfg.test_dataloader):
        data = DATASETS.build(dict(loader.dataset, data_root=tiny_sample))
        sample = data[0]
        assert tuple(sample['inputs'].shape) == (3, size, size)
        assert sample['data_samples'].name == data.get_data_info(0)['name']
        assert int(sample['data_samples'].gt_label) == data.get_data_info(0)['gt_label']


GOOD = {'weather': 'clear', 'scene': 'highway', 'timeofday': 'night'}


@pytest.mark.parametrize('attributes, shown', [
    ({'scene': 'highway', 'timeofday': 'night'}, 'None'),
    ({'weather': 'sunny', 'scene': 'highway', 'timeofday': 'night'}, "'sunny'"),
    ({'weather': 'Clear', 'scene': 'highway', 'timeofday': 'night'}, "'Clear'"),
    (None, 'None'),
])
def test_missing_or_unknown_value_names_file_frame_and_field(tmp_path, attributes, shown):
    frames = [{'name': 'a.jpg', 'attributes': GOOD}, {'name': 'b.jpg', 'attributes': attributes}]
    ann_file = write_labels(tmp_path, frames, ['a.jpg', 'b.jpg'])
    with pytest.raises(LabelError) as error:
        dataset(tmp_path, ann_file)
    message = str(error.value)
    assert ann_file in message and "frame 'b.jpg'" in message
    assert 'attributes.weather' in message and shown in message
    assert 'rainy, snowy, clear, overcast, undefined, partly cloudy, foggy' in message


def test_other_attributes_are_not_checked(tmp_path):
    frames = [{'name': 'a.jpg', 'attributes': {'weather': 'clear', 'scene': 'moon base'}}]
    ann_file = write_labels(tmp_path, frames, ['a.jpg'])
    assert dataset(tmp_path, ann_file).get_data_info(0)['gt_label'] == 2
    with pytest.raises(LabelError, match="attributes.scene .* got 'moon base'"):
        dataset(tmp_path, ann_file, attribute='scene')


def test_undefined_is_a_class(tmp_path):
    frames = [{'name': 'a.jpg', 'attributes': dict(GOOD, timeofday='undefined')}]
    ann_file = write_labels(tmp_path, frames, ['a.jpg'])
    assert dataset(tmp_path, ann_file, attribute='timeofday').get_data_info(0)['gt_label'] == 3


def test_duplicated_frame_and_missing_image(tmp_path):
    frames = [{'name': 'a.jpg', 'attributes': GOOD}, {'name': 'a.jpg', 'attributes': GOOD}]
    with pytest.raises(LabelError, match="frame 'a.jpg': duplicated frame"):
        dataset(tmp_path, write_labels(tmp_path, frames, ['a.jpg']))
    ann_file = write_labels(tmp_path, [{'name': 'gone.jpg', 'attributes': GOOD}])
    with pytest.raises(LabelError, match="frame 'gone.jpg': image file not found"):
        dataset(tmp_path, ann_file)
    assert len(dataset(tmp_path, ann_file, check_images=False)) == 1


def test_malformed_file_is_a_label_error(tmp_path):
    path = tmp_path / 'labels.json'
    path.write_text('[{"name": "a.jpg", "attributes": {')
    with pytest.raises(LabelError, match='malformed JSON'):
        dataset(tmp_path, str(path))


def test_attribute_and_classes_are_checked(tmp_path):
    ann_file = write_labels(tmp_path, [{'name': 'a.jpg', 'attributes': GOOD}], ['a.jpg'])
    with pytest.raises(ValueError, match="weather, scene, timeofday, got 'season'"):
        dataset(tmp_path, ann_file, attribute='season')
    with pytest.raises(ValueError, match='classes of weather tagging are fixed'):
        dataset(tmp_path, ann_file, classes=['clear', 'rainy'])
    with pytest.raises(ValueError, match='classes of scene tagging are fixed'):
        dataset(tmp_path, ann_file, attribute='scene', metainfo={'classes': ['highway']})


def test_frames_are_arrays_and_rows_are_built_when_asked_for(tmp_path):
    weathers = TAGGING_ATTRIBUTES['weather']
    frames = [{'name': f'{index:05d}.jpg', 'attributes': dict(GOOD, weather=weathers[index % 7])}
              for index in range(2000)]
    ann_file = write_labels(tmp_path, frames)
    gc.collect()
    before = len(gc.get_objects())
    data = dataset(tmp_path, ann_file, check_images=False)
    gc.collect()
    # no dict per frame is kept (2000 of them): names and classes are arrays until asked for
    assert len(gc.get_objects()) - before < 200
    expected = [weathers.index(frame['attributes']['weather']) for frame in frames]
    assert data.get_gt_labels().tolist() == expected
    assert data.get_cat_ids(1234) == [expected[1234]]
    assert data.get_data_info(1234) == dict(
        img_path=str(tmp_path / 'images' / '01234.jpg'), gt_label=expected[1234],
        name='01234.jpg', sample_idx=1234)
    copied = pickle.loads(pickle.dumps(data.data_list))  # as spawned dataloader workers get it
    assert copied[1234] == data.data_list[1234]
    subset = dataset(tmp_path, ann_file, check_images=False, indices=[7, 3])
    assert [subset.get_data_info(i)['name'] for i in range(2)] == ['00007.jpg', '00003.jpg']
    assert subset.get_gt_labels().tolist() == [expected[7], expected[3]]
    assert data.get_subset(-1).get_data_info(0)['name'] == '01999.jpg'


def test_class_balanced_repeats_read_the_classes(tmp_path):
    frames = [{'name': f'{index}.jpg', 'attributes': dict(GOOD, weather=weather)}
              for index, weather in enumerate(['clear'] * 9 + ['foggy'])]
    data = dataset(tmp_path, write_labels(tmp_path, frames), check_images=False)
    balanced = ClassBalancedDataset(data, oversample_thr=0.5)
    # foggy is 1/10 of the frames: repeated ceil(sqrt(0.5 / 0.1)) = 3 times; clear (9/10) once
    assert len(balanced) == 12
    assert [balanced.get_data_info(i)['name'] for i in range(9, 12)] == ['9.jpg'] * 3
