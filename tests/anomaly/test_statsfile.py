"""The statistics file: round trip, safe loading, checks that name the file, atomic writing."""
import os
import pickle

import pytest
import torch

from bdd100k_zoo.anomaly.modules import KNNScore, SMLScore
from bdd100k_zoo.anomaly.statsfile import (StatsFileError, load_stats, new_stats, score_entry,
                                           write_stats)
from bdd100k_zoo.runtime.checkpoint import CheckpointLoadError, UnsafeCheckpointError


def sml_stats(classes=('road', 'car', 'sky')):
    stats = new_stats('cfg.py', 'ckpt.pth', classes, images=4, seed=0)
    stats['scores']['sml'] = {'kind': 'sml', 'count': torch.tensor([10, 5, 0]),
                              'mean': torch.tensor([2.0, 4.0, 0.0], dtype=torch.float64),
                              'var': torch.tensor([4.0, 1.0, 0.0], dtype=torch.float64)}
    stats['scores']['knn'] = {'kind': 'knn', 'layers': {'head:in': {
        'bank': torch.eye(4).half(), 'metric': 'cosine'}}}
    return stats


def test_round_trip_and_entry_checks(tmp_path):
    path = str(tmp_path / 'stats.pth')
    write_stats(path, sml_stats())
    stats = load_stats(path)
    assert stats['classes'] == ['road', 'car', 'sky'] and stats['images'] == 4
    assert torch.equal(score_entry(stats, path, 'sml', 'sml')['count'], torch.tensor([10, 5, 0]))
    with pytest.raises(StatsFileError, match=r'stats\.pth has no statistics of score .energy'):
        score_entry(stats, path, 'energy', 'sml')
    with pytest.raises(StatsFileError, match='kind .knn., the score needs .sml.'):
        score_entry(stats, path, 'knn', 'sml')
    with pytest.raises(StatsFileError, match='stats.pth was measured on a model of 3 classes'):
        score_entry(stats, path, 'sml', 'sml', classes=['road', 'car'])


def test_unsafe_missing_and_foreign_files(tmp_path):
    evil = tmp_path / 'evil.pth'
    with open(evil, 'wb') as f:
        torch.save({'format': 'bdd100k-zoo-anomaly-stats', 'x': os.getcwd}, f,
                   pickle_protocol=pickle.HIGHEST_PROTOCOL)
    with pytest.raises(CheckpointLoadError, match='evil.pth'):  # protocol 5: unreadable
        load_stats(str(evil))
    torch.save({'format': 'bdd100k-zoo-anomaly-stats', 'x': os.getcwd}, evil)  # protocol 2
    with pytest.raises(UnsafeCheckpointError, match='evil.pth.*getcwd'):
        load_stats(str(evil))
    with pytest.raises(StatsFileError, match='no such statistics file.*anomaly fit'):
        load_stats(str(tmp_path / 'missing.pth'))
    torch.save({'state_dict': {}}, tmp_path / 'ckpt.pth')
    with pytest.raises(StatsFileError, match='ckpt.pth is not an anomaly statistics file'):
        load_stats(str(tmp_path / 'ckpt.pth'))


def test_scores_check_the_model_against_the_file(tmp_path):
    path = str(tmp_path / 'stats.pth')
    write_stats(path, sml_stats())
    sml = SMLScore(path, boundary_width=0, smoothing=False)
    sml.name = 'sml'
    logits = torch.tensor([[3.0, 0.0], [1.0, 5.0], [0.0, 0.0]])[:, :, None][None]  # 1x3x2x1
    # pixel 0 -> class 0: -(3 - 2) / 2; pixel 1 -> class 1: -(5 - 4) / 1
    torch.testing.assert_close(sml(logits)[0, :, 0], torch.tensor([-0.5, -1.0]))
    assert 'mean' not in sml.state_dict()  # nothing persistent: checkpoints keep their keys
    with pytest.raises(StatsFileError, match='stats.pth: SML statistics of 3 classes'):
        sml(logits[:, :2])
    knn = KNNScore('head:in', path, k=1)
    knn.name = 'knn'
    with pytest.raises(StatsFileError, match='stats.pth: the kNN bank .* 4 channels, the layer 3'):
        knn({'head:in': torch.randn(1, 3, 2, 2)})
    unset = SMLScore()
    unset.name = 'sml'
    with pytest.raises(StatsFileError, match='model.scores.sml.stats_file'):
        unset(logits)


def test_nothing_is_written_when_saving_fails(tmp_path):
    path = tmp_path / 'stats.pth'
    with pytest.raises(Exception):
        write_stats(str(path), {'format': 'x', 'bad': lambda: None})
    assert os.listdir(tmp_path) == []
