"""``bdd100k-zoo anomaly fit``: runs a trained model over training images and writes the
statistics file its SML, kNN and flow scores read (:mod:`.statsfile`).

The images go through the config's **test** pipeline (no augmentation; the annotation loader kept,
kNN and flow only take features of labelled pixels, as dense-ood-knns does), in dataset order, or a
seeded random subset of them. Measured per score (see the score classes in :mod:`.modules`):

- SML: per predicted class, count, mean and unbiased variance of the max logit over every pixel
  of the full-resolution logits (parallel update in float64: nothing per pixel is kept);
- kNN: a uniform random sample (:class:`.knn.Reservoir`) of ``bank_size`` features of the layer;
- flow: a uniform random sample of ``reservoir`` features per layer, a Real-NVP fitted to them,
  and its mean NLL on them.

The model is duck-typed (no side is imported): the config's model must be an anomaly segmentor
(``BDD100KAnomalySegmentor``), with ``scores``, ``infer`` and ``to_image``.
"""
import os.path as osp
from typing import Any, Dict, List, Optional, Sequence

import torch
import torch.nn.functional as F
from mmengine.dataset import pseudo_collate
from mmengine.logging import print_log
from mmengine.registry import DATASETS, DefaultScope
from torch import Tensor

from ..inference.errors import ConfigError
from ..inference.model import (build_model, dataset_of_test, load_weights, model_config,
                               read_checkpoint)
from .flow import fit_flow
from .knn import Reservoir, prepare_bank
from .statsfile import new_stats, write_stats


class ClassMoments:
    """Count, mean and sum of squared deviations of values per class, merged batch by batch
    (Chan et al.'s parallel update, float64)."""

    def __init__(self, classes: int) -> None:
        self.count = torch.zeros(classes, dtype=torch.float64)
        self.mean = torch.zeros(classes, dtype=torch.float64)
        self.m2 = torch.zeros(classes, dtype=torch.float64)

    def add(self, values: Tensor, classes: Tensor) -> None:
        """Adds ``values`` of pixels predicted as ``classes`` (same shape)."""
        values, classes = values.flatten().double().cpu(), classes.flatten().long().cpu()
        size = len(self.count)
        count = torch.bincount(classes, minlength=size).double()
        total = torch.bincount(classes, values, minlength=size)
        mean = total / count.clamp(min=1)
        m2 = torch.bincount(classes, (values - mean[classes]) ** 2, minlength=size)
        merged = self.count + count
        delta = mean - self.mean
        safe = merged.clamp(min=1)
        self.mean = self.mean + delta * count / safe
        self.m2 = self.m2 + m2 + delta ** 2 * self.count * count / safe
        self.count = merged

    def entry(self) -> Dict[str, Any]:
        """The SML entry of a statistics file (unbiased variances; 0 below 2 pixels)."""
        var = torch.where(self.count >= 2, self.m2 / (self.count - 1).clamp(min=1),
                          torch.zeros_like(self.m2))
        return {'kind': 'sml', 'count': self.count.long(), 'mean': self.mean.clone(),
                'var': var}


def fit_statistics(config: str, checkpoint: str, out: str, split_images: Optional[int] = None,
                   seed: int = 0, names: Sequence[str] = (),
                   cfg_options: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """Measures the statistics of an anomaly config's scores and writes them to ``out``.

    Args:
        config: the anomaly config (file or zoo name).
        checkpoint: the trained weights.
        out: the statistics file to write (atomically; nothing is written on failure).
        split_images: use a seeded random subset of this many training images (None: all).
        seed: the seed of every random choice.
        names: the scores to fit (default: every score that reads statistics).
        cfg_options: config overrides.

    Returns:
        The statistics written.

    Raises:
        ConfigError: not an anomaly config, no score to fit, unknown names, no training set.
        CheckpointMismatchError: the weights do not fit the model.
    """
    path, cfg = model_config(config, cfg_options)
    weights = read_checkpoint(checkpoint)
    model = build_model(cfg)
    if not hasattr(model, 'scores') or not hasattr(model, 'infer'):
        raise ConfigError(f'{path}: its model ({type(model).__name__}) is not an anomaly '
                          f'segmentor (type="BDD100KAnomalySegmentor")')
    fitted = {name: score for name, score in model.scores.items()
              if score.stats_kind and (not names or name in names)}
    unknown = sorted(set(names) - set(model.scores))
    if unknown or not fitted:
        raise ConfigError(f'{path}: nothing to fit: the scores reading statistics are '
                          f'{[n for n, s in model.scores.items() if s.stats_kind] or "none"}'
                          + (f', unknown names {unknown}' if unknown else ''))
    with DefaultScope.overwrite_default_scope(cfg.get('default_scope')):
        load_weights(model, weights, checkpoint, path)
        dataset = training_dataset(cfg, path)
    model.eval()
    indices = image_indices(len(dataset), split_images, seed)
    collectors = {name: Collector(score, seed) for name, score in fitted.items()}
    layers = tuple(dict.fromkeys(spec for score in fitted.values() for spec in score.layers))
    for number, index in enumerate(indices):
        with torch.no_grad():
            data = model.data_preprocessor(pseudo_collate([dataset[index]]), False)
            samples, logits, features = model.infer(data['inputs'], data['data_samples'], layers)
        for sample in samples:
            crops = {spec: model.to_image(feature, sample.metainfo, logits.shape[-2:])
                     for spec, feature in features.items()}
            truth = sample.gt_sem_seg.data if 'gt_sem_seg' in sample else None
            for collector in collectors.values():
                collector.add(sample.seg_logits.data, crops, truth)
        if (number + 1) % 50 == 0:
            print_log(f'anomaly fit: {number + 1}/{len(indices)} images', logger='current')
    classes = list(dataset.metainfo.get('classes') or ())
    stats = new_stats(osp.basename(path), osp.basename(checkpoint), classes, len(indices), seed)
    stats['scores'] = {name: collector.entry() for name, collector in collectors.items()}
    write_stats(out, stats)
    return stats


def training_dataset(cfg: Any, path: str) -> Any:
    """The training dataset of a config with its test pipeline (annotation loading kept).

    Raises:
        ConfigError: no training dataset or no test pipeline.
    """
    node = (cfg.get('train_dataloader') or {}).get('dataset')
    while isinstance(node, dict) and 'pipeline' not in node and isinstance(
            node.get('dataset'), dict):
        node = node['dataset']
    pipeline = (dataset_of_test(cfg) or {}).get('pipeline') or cfg.get('test_pipeline')
    if not isinstance(node, dict) or not pipeline:
        raise ConfigError(f'{path} needs train_dataloader.dataset and a test pipeline to fit '
                          f'anomaly statistics on training images')
    return DATASETS.build(dict(node, pipeline=pipeline))


def image_indices(size: int, count: Optional[int], seed: int) -> List[int]:
    """All indices, or a seeded random subset of ``count`` of them (in order)."""
    if count is None or count >= size:
        return list(range(size))
    generator = torch.Generator().manual_seed(seed)
    return sorted(torch.randperm(size, generator=generator)[:count].tolist())


class Collector:
    """What one score needs of the training images, then its statistics entry."""

    def __init__(self, score: Any, seed: int) -> None:
        self.score = score
        self.seed = seed
        self.moments: Optional[ClassMoments] = None
        size = score.bank_size if score.stats_kind == 'knn' else getattr(score, 'reservoir', 0)
        self.reservoirs = {spec: Reservoir(size, seed) for spec in score.layers}

    def add(self, logits: Tensor, features: Dict[str, Tensor], truth: Optional[Tensor]) -> None:
        """Adds an image: its ``C x H x W`` logits, ``{spec: 1 x D x h x w}`` features on the
        image, its ``1 x H x W`` ground truth (None: every pixel counts)."""
        if self.score.stats_kind == 'sml':
            if self.moments is None:
                self.moments = ClassMoments(logits.shape[0])
            top, classes = logits.max(0)
            self.moments.add(top, classes)
            return
        for spec, reservoir in self.reservoirs.items():
            feature = features[spec][0]
            rows = feature.permute(1, 2, 0)
            if truth is not None:
                labels = F.interpolate(truth[None].float(), size=tuple(feature.shape[-2:]),
                                       mode='nearest')[0, 0]
                rows = rows[labels != 255]
            else:
                rows = rows.reshape(-1, feature.shape[0])
            reservoir.add(rows)

    def entry(self) -> Dict[str, Any]:
        """The score's statistics entry."""
        kind = self.score.stats_kind
        if kind == 'sml':
            if self.moments is None:
                raise ConfigError('anomaly fit: no training image was read')
            return self.moments.entry()
        layers = {}
        for spec, reservoir in self.reservoirs.items():
            sample = reservoir.sample()
            if kind == 'knn':
                layers[spec] = {'bank': prepare_bank(sample, self.score.metric).half(),
                                'metric': self.score.metric}
            else:
                flow, mean_nll = fit_flow(sample, self.score.couplings, self.score.epochs,
                                          seed=self.seed)
                layers[spec] = {'arch': dict(flow.arch), 'state_dict': flow.state_dict(),
                                'mean_nll': mean_nll}
        return {'kind': kind, 'layers': layers}
