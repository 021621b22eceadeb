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
