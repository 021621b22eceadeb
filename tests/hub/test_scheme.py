"""The bdd100k:// checkpoint scheme through mmengine's loaders, into a real model."""
import argparse

import pytest
import torch
from mmengine.runner import load_checkpoint
from mmengine.runner.checkpoint import CheckpointLoader

from bdd100k_zoo.hub import ModelNotFoundError, install_safe_loading
from bdd100k_zoo.runtime.checkpoint import UnsafeCheckpointError

URI = 'bdd100k://det/tiny_det_bdd100k'


@pytest.fixture(autouse=True)
def scheme():
    install_safe_loading()


def test_checkpoint_loader_downloads_verifies_and_loads(zoo, checkpoint_file):
    zoo.serve()
    checkpoint = CheckpointLoader.load_checkpoint(URI, map_location='cpu')
    expected = torch.load(checkpoint_file, weights_only=False)
    assert checkpoint['meta'] == expected['meta']
    assert checkpoint['state_dict'].keys() == expected['state_dict'].keys()
    for name, tensor in expected['state_dict'].items():
        assert torch.equal(checkpoint['state_dict'][name], tensor)
    assert zoo.cached.read_bytes() == zoo.checkpoint


def test_runner_load_checkpoint_into_a_model(zoo, checkpoint_file, tiny_model_factory):
    zoo.serve()
    model = tiny_model_factory()
    load_checkpoint(model, URI, map_location='cpu', strict=True)
    state = torch.load(checkpoint_file, weights_only=False)['state_dict']
    for name, tensor in model.state_dict().items():
        assert torch.equal(tensor, state[name]), name
    load_checkpoint(tiny_model_factory(), URI, map_location='cpu', strict=True)
    assert len(zoo.server.requests(zoo.pth_path)) == 1  # the second load used the cache


def test_unknown_model_or_wrong_task(zoo):
    with pytest.raises(ModelNotFoundError, match='did you mean bdd100k://det/tiny_det_bdd100k'):
        CheckpointLoader.load_checkpoint('bdd100k://sem_seg/tiny_det_bdd100k')


def test_loads_through_the_allow_list(zoo, tmp_path):
    path = tmp_path / 'unsafe.pth'
    torch.save({'state_dict': {}, 'meta': {'args': argparse.Namespace(lr=0.1)}}, path)
    zoo.checkpoint = path.read_bytes()
    zoo.serve()
    with pytest.raises(UnsafeCheckpointError, match=f'(?s){URI}.*argparse.Namespace'):
        CheckpointLoader.load_checkpoint(URI)


def test_url_without_published_md5_is_trusted_on_first_use(zoo, hub_messages):
    """Backbone URLs of other projects publish no MD5: the first download's is recorded and
    every later use of the cached file is checked against it."""
    from bdd100k_zoo.hub import load_checkpoint_safely
    zoo.server.routes['/other/backbone.pth'] = zoo.serve()
    url = zoo.server.url('/other/backbone.pth')
    assert load_checkpoint_safely(url)['meta']['epoch'] == 12
    assert any(f'recorded the MD5 of this download, {zoo.md5}' in m for m in hub_messages)
    record = zoo.cache / 'checkpoints' / 'other' / 'backbone.md5'
    assert record.read_text() == f'{zoo.md5}  backbone.pth\n'
    load_checkpoint_safely(url)
    assert len(zoo.server.requests('/other/backbone.pth')) == 1  # the cached file, checked
    cached = zoo.cache / 'checkpoints' / 'other' / 'backbone.pth'
    cached.write_bytes(b'\x80' + cached.read_bytes()[1:-1])  # corrupted on disk
    assert load_checkpoint_safely(url)['meta']['epoch'] == 12
    assert len(zoo.server.requests('/other/backbone.pth')) == 2
