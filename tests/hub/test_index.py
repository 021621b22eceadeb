"""The model index resolver and turning targets into checkpoint URLs."""
import pytest

from bdd100k_zoo.hub import (ENV_MODEL_INDEX, HubError, ModelIndexNotFoundError,
                             ModelNotFoundError, find_model, find_model_index, load_model_index,
                             resolve_source)
from bdd100k_zoo.hub.index import index_candidates

DL = 'https://dl.cv.ethz.ch/bdd100k'
MODELS = {
    'det': [{'Name': 'faster_rcnn_r50_fpn_1x_det_bdd100k',
             'Config': 'det/configs/det/faster_rcnn_r50_fpn_1x_det_bdd100k.py',
             'Weights': f'{DL}/det/models/faster_rcnn_r50_fpn_1x_det_bdd100k.pth'},
            {'Name': 'no_weights_det_bdd100k', 'Config': 'det/configs/det/no_weights.py'}],
    'tagging': [{'Name': 'vgg11_5x_224x224_weather_tag_bdd100k',
                 'Config': 'tagging/configs/weather/vgg11_5x_224x224_weather_tag_bdd100k.py',
                 'Weights': f'{DL}/tagging/weather/models/'
                            f'vgg11_5x_224x224_weather_tag_bdd100k.pth'}],
}


@pytest.fixture
def index(tmp_path, index_writer, monkeypatch):
    monkeypatch.delenv(ENV_MODEL_INDEX, raising=False)
    return str(index_writer(tmp_path / 'zoo', MODELS))


def test_loads_every_model_with_its_task(index):
    entries = load_model_index(index)
    assert [(e.name, e.task) for e in entries] == [
        ('faster_rcnn_r50_fpn_1x_det_bdd100k', 'det'), ('no_weights_det_bdd100k', 'det'),
        ('vgg11_5x_224x224_weather_tag_bdd100k', 'tagging')]
    assert entries[1].weights is None


@pytest.mark.parametrize('target', [
    'faster_rcnn_r50_fpn_1x_det_bdd100k', 'faster_rcnn_r50_fpn_1x_det_bdd100k.py',
    'det/configs/det/faster_rcnn_r50_fpn_1x_det_bdd100k.py',
    '/elsewhere/checkout/det/configs/det/faster_rcnn_r50_fpn_1x_det_bdd100k.py'])
def test_finds_by_name_or_config(index, target):
    assert find_model(target, index).name == 'faster_rcnn_r50_fpn_1x_det_bdd100k'


def test_resolves_names_to_urls_tasks_and_md5_urls(index):
    source = resolve_source('vgg11_5x_224x224_weather_tag_bdd100k', index)
    assert source.task == 'tagging'
    assert source.filename == 'vgg11_5x_224x224_weather_tag_bdd100k.pth'
    assert source.url == f'{DL}/tagging/weather/models/vgg11_5x_224x224_weather_tag_bdd100k.pth'
    assert source.md5_url == f'{DL}/tagging/weather/models/vgg11_5x_224x224_weather_tag_bdd100k.md5'


def test_scheme_uris(index):
    source = resolve_source('bdd100k://det/faster_rcnn_r50_fpn_1x_det_bdd100k', index)
    assert (source.task, source.filename) == ('det', 'faster_rcnn_r50_fpn_1x_det_bdd100k.pth')
    with pytest.raises(ModelNotFoundError, match='did you mean '
                                                 'bdd100k://det/faster_rcnn_r50_fpn_1x_det'):
        resolve_source('bdd100k://ins_seg/faster_rcnn_r50_fpn_1x_det_bdd100k', index)
    with pytest.raises(ModelNotFoundError, match='not of the form'):
        resolve_source('bdd100k://faster_rcnn_r50_fpn_1x_det_bdd100k', index)


def test_urls_take_their_task_from_the_index(index):
    listed = resolve_source(f'{DL}/det/models/faster_rcnn_r50_fpn_1x_det_bdd100k.pth', index)
    assert listed.task == 'det'
    unlisted = resolve_source('https://example.org/files/my%20model.pth?sig=1', index)
    assert (unlisted.task, unlisted.filename) == ('other', 'my model.pth')
    assert unlisted.md5_url == 'https://example.org/files/my%20model.md5?sig=1'


def test_url_of_the_md5_file_is_refused(index):
    with pytest.raises(HubError, match='is an MD5 file, not a checkpoint'):
        resolve_source(f'{DL}/det/models/faster_rcnn_r50_fpn_1x_det_bdd100k.md5', index)


def test_model_without_weights(index):
    with pytest.raises(ModelNotFoundError, match='no_weights_det_bdd100k has no Weights'):
        resolve_source('no_weights_det_bdd100k', index)


def test_unknown_and_ambiguous(tmp_path, index, index_writer):
    with pytest.raises(ModelNotFoundError, match="no model named 'retinanet'"):
        find_model('retinanet', index)
    twice = index_writer(tmp_path / 'twice', {'det': [
        {'Name': 'a', 'Config': 'det/configs/x/same.py'},
        {'Name': 'b', 'Config': 'det/configs/y/same.py'}]})
    with pytest.raises(ModelNotFoundError, match="'same.py' matches several models: a, b"):
        find_model('same.py', str(twice))


def test_index_from_environment_and_errors(index, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_MODEL_INDEX, index)
    assert find_model_index() == index
    assert find_model('faster_rcnn_r50_fpn_1x_det_bdd100k').task == 'det'
    with pytest.raises(ModelIndexNotFoundError, match='missing.yml does not exist'):
        find_model_index(str(tmp_path / 'missing.yml'))


def test_installed_index_then_repository_root(repo_root):
    installed, checkout = index_candidates()
    assert installed.endswith('bdd100k_zoo/.mim/model-index.yml')
    assert checkout == f'{repo_root}/model-index.yml'


def test_metafile_outside_a_task_folder(tmp_path):
    (tmp_path / 'metafile.yml').write_text('Models: []\n')
    (tmp_path / 'model-index.yml').write_text('Import:\n  - metafile.yml\n')
    with pytest.raises(HubError, match='cannot tell the task'):
        load_model_index(str(tmp_path / 'model-index.yml'))
