"""`bdd100k-zoo anomaly fit` on the generated sample: SML statistics equal numpy's on the plain
segmentor's logits, kNN bank and flow are usable by the scores, errors write nothing."""
import os.path as osp

import numpy as np
import pytest
import torch
from PIL import Image
from mmengine.dataset import pseudo_collate
from mmengine.registry import DATASETS, MODELS

from bdd100k_zoo.anomaly.fit import fit_statistics
from bdd100k_zoo.anomaly.statsfile import load_stats
from bdd100k_zoo.cli import main
from bdd100k_zoo.inference.errors import ConfigError
from bdd100k_zoo.runtime.launch import load_config

SAMPLE = 'sem_seg/configs/sem_seg/dla34_sem_seg_bdd100k_sample.py'
CONFIG = """_base_ = ['{base}']
model = dict(
    _delete_=True, type='BDD100KAnomalySegmentor', segmentor=_base_.model, primary='sml',
    scores=dict(
        sml=dict(type='BDD100KSMLScore', stats_file='{stats}'),
        knn=dict(type='BDD100KKNNScore', stats_file='{stats}', bank_size=500),
        flow=dict(type='BDD100KFlowScore', stats_file='{stats}', couplings=2, epochs=1,
                  reservoir=300),
        max_logit=dict(type='BDD100KMaxLogitScore')))
train_dataloader = dict(dataset=dict(data_root='{root}'))
test_dataloader = dict(dataset=dict(data_root='{root}'))
"""


@pytest.fixture
def setup(repo_root, make_split, tmp_path):
    """A 3-image training split (noise images, random masks with ignored pixels), the anomaly
    config on it, and a checkpoint of the plain segmentor."""
    rng = np.random.default_rng(0)
    masks = {f'img{i}': rng.choice([0, 1, 2, 13, 255], size=(72, 128)).astype(np.uint8)
             for i in range(3)}
    root = make_split('sem_seg', masks, split='train')
    for stem in masks:
        Image.fromarray(rng.integers(0, 255, (72, 128, 3), dtype=np.uint8)).save(
            osp.join(root, 'images', '10k', 'train', f'{stem}.jpg'))
    stats = str(tmp_path / 'out' / 'stats.pth')
    config = tmp_path / 'dla34_anomaly_fit_test.py'
    config.write_text(CONFIG.format(base=osp.join(repo_root, SAMPLE), stats=stats,
                                    root=root + '/'))
    plain_cfg = load_config(osp.join(repo_root, SAMPLE))
    plain_cfg.model.backbone.init_cfg = None
    torch.manual_seed(0)
    plain = MODELS.build(plain_cfg.model).eval()
    checkpoint = str(tmp_path / 'plain.pth')
    torch.save({'state_dict': plain.state_dict()}, checkpoint)
    return str(config), checkpoint, stats, plain, plain_cfg, root


@pytest.mark.slow
def test_fit_writes_statistics_the_scores_use(setup):
    config, checkpoint, stats_path, plain, plain_cfg, root = setup
    stats = fit_statistics(config, checkpoint, stats_path, split_images=2, seed=0)
    assert load_stats(stats_path)['images'] == 2 and len(stats['classes']) == 19
    # independent: the plain segmentor's logits of the same two images, numpy statistics
    dataset = DATASETS.build(dict(plain_cfg.train_dataloader.dataset, data_root=root,
                                  pipeline=plain_cfg.test_dataloader.dataset.pipeline))
    generator = torch.Generator().manual_seed(0)
    indices = sorted(torch.randperm(len(dataset), generator=generator)[:2].tolist())
    tops, classes = [], []
    with torch.no_grad():
        for index in indices:
            logits = plain.test_step(pseudo_collate([dataset[index]]))[0].seg_logits.data
            top, cls = logits.max(0)
            tops.append(top.double().flatten().numpy())
            classes.append(cls.flatten().numpy())
    tops, classes = np.concatenate(tops), np.concatenate(classes)
    sml = stats['scores']['sml']
    for c in range(19):
        values = tops[classes == c]
        assert int(sml['count'][c]) == len(values)
        if len(values) >= 2:
            assert float(sml['mean'][c]) == pytest.approx(values.mean(), rel=1e-9, abs=1e-9)
            assert float(sml['var'][c]) == pytest.approx(values.var(ddof=1), rel=1e-6)
    bank = stats['scores']['knn']['layers']['decode_head.conv_seg:in']['bank']
    assert bank.shape == (500, 128) and bank.dtype == torch.float16
    torch.testing.assert_close(bank.float().norm(dim=1), torch.ones(500), atol=2e-3, rtol=0)
    flow = stats['scores']['flow']['layers']['decode_head.conv_seg:in']
    assert np.isfinite(flow['mean_nll'])
    # the wrapper now scores with the file
    from bdd100k_zoo.inference.model import build_model, model_config
    _, cfg = model_config(config)
    model = build_model(cfg).eval()
    model.load_state_dict(plain.state_dict())
    with torch.no_grad():
        out = model.test_step(pseudo_collate([dataset[indices[0]]]))[0]
    for name in ('sml', 'knn', 'flow', 'max_logit'):
        value = getattr(out.pred_anomaly_maps, name)
        assert value.shape == out.pred_sem_seg.data.shape and torch.isfinite(value).all(), name


def test_fit_errors_write_nothing(setup, repo_root, tmp_path, capsys):
    checkpoint = setup[1]
    out = tmp_path / 'none' / 'stats.pth'
    with pytest.raises(ConfigError, match='not an anomaly segmentor'):
        fit_statistics(osp.join(repo_root, SAMPLE), checkpoint, str(out))
    assert main(['anomaly', 'fit', setup[0], checkpoint, '--out', str(out), '--score',
                 'nothing']) == 2
    assert 'unknown names' in capsys.readouterr().err
    assert not osp.exists(out.parent)
