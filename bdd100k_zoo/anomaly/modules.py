"""The score modules a config names in ``model.scores`` (the seg side registers them as
``BDD100K<ClassName>``). Plain torch modules, holding no persistent state: what SML, kNN and flow
scores measured on training pixels is read from a statistics file (:mod:`.statsfile`) into
non-persistent buffers, so the segmentor's state dict (and its checkpoints) stays unchanged.

Three kinds, by what the segmentor hands them (:attr:`AnomalyScore.needs`):

- ``'logits'``: ``N x C x H x W`` logits at the image's original size -> ``N x H x W``;
- ``'features'``: ``{layer spec: N x D x h x w}`` features (cropped to the image, unflipped) ->
  ``N x h x w`` (resized to the image by the segmentor);
- ``'passes'``: an iterable of the logits of ``T`` stochastic (dropout) passes -> ``N x H x W``.
"""
import logging
from typing import Any, Dict, Iterable, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F
from mmengine.logging import print_log
from torch import Tensor, nn

from . import scores
from .dirichlet import concentrations, differential_entropy
from .flow import flow_from_state
from .knn import check_metric, knn_distance
from .smoothing import (BOUNDARY_ITERATIONS, BOUNDARY_WIDTH, dilated_smoothing,
                        suppress_boundaries)
from .statsfile import StatsFileError, load_stats, score_entry


class AnomalyScore(nn.Module):
    """A per-pixel anomaly score (higher = more anomalous)."""

    #: What the segmentor passes to ``forward``: ``'logits'``, ``'features'`` or ``'passes'``.
    needs = 'logits'
    #: The statistics kind it reads from a statistics file (None: it needs none).
    stats_kind: Optional[str] = None
    #: Its name in ``model.scores`` (set by the segmentor; names its statistics entry).
    name = ''

    @property
    def layers(self) -> Tuple[str, ...]:
        """The layer specs of the features it needs."""
        return ()


class MaxSoftmaxScore(AnomalyScore):
    """``1 - max softmax``."""

    def forward(self, logits: Tensor) -> Tensor:
        return scores.max_softmax(logits)


class EntropyScore(AnomalyScore):
    """The softmax entropy (``normalized``: divided by ``log C``)."""

    def __init__(self, normalized: bool = False) -> None:
        super().__init__()
        self.normalized = normalized

    def forward(self, logits: Tensor) -> Tensor:
        return scores.entropy(logits, self.normalized)


class MaxLogitScore(AnomalyScore):
    """``-max logit``."""

    def forward(self, logits: Tensor) -> Tensor:
        return scores.max_logit(logits)


class EnergyScore(AnomalyScore):
    """The free energy ``-T logsumexp(z / T)``."""

    def __init__(self, temperature: float = 1.0) -> None:
        super().__init__()
        if temperature <= 0:
            raise ValueError(f'the energy temperature must be positive, got {temperature}')
        self.temperature = temperature

    def forward(self, logits: Tensor) -> Tensor:
        return scores.energy(logits, self.temperature)


class ClassProbabilityScore(AnomalyScore):
    """``softmax(z)_index``: the void class of a void classifier, or the unknown class of the
    open-set head (default: the last channel)."""

    def __init__(self, index: int = -1) -> None:
        super().__init__()
        self.index = index

    def forward(self, logits: Tensor) -> Tensor:
        return scores.class_probability(logits, self.index)


class DirichletEntropyScore(AnomalyScore):
    """The differential entropy of ``Dir(exp(z))`` (a prior-network head)."""

    def forward(self, logits: Tensor) -> Tensor:
        return differential_entropy(concentrations(logits)).float()


class StatisticsScore(AnomalyScore):
    """A score reading its entry of a statistics file on first use.

    Args:
        stats_file: the file written by ``bdd100k-zoo anomaly fit``.
    """

    def __init__(self, stats_file: Optional[str] = None) -> None:
        super().__init__()
        self.stats_file = stats_file
        self._loaded = False

    def entry(self) -> Dict[str, Any]:
        """The score's statistics entry.

        Raises:
            StatsFileError: no file configured, or no fitting entry in it.
        """
        if not self.stats_file:
            raise StatsFileError(f'score {self.name!r} needs a statistics file: set '
                                 f'model.scores.{self.name}.stats_file (write it with '
                                 f'`bdd100k-zoo anomaly fit CONFIG CHECKPOINT --out FILE`)')
        return score_entry(load_stats(self.stats_file), self.stats_file, self.name,
                           self.stats_kind or '')

    def ensure_loaded(self, device: torch.device) -> None:
        """Reads the statistics into buffers on ``device`` once."""
        if not self._loaded:
            self.load_entry(self.entry(), device)
            self._loaded = True

    def load_entry(self, entry: Dict[str, Any], device: torch.device) -> None:
        """Keeps what the score needs of its entry."""
        raise NotImplementedError


class SMLScore(StatisticsScore):
    """Standardized Max Logit with boundary suppression and dilated smoothing (Jung et al.).

    Args:
        stats_file: the statistics file (per-class max-logit mean and variance).
        boundary_width: the suppressed boundary width (0: no suppression).
        boundary_iterations: its iterations (must divide ``boundary_width``).
        smoothing: apply the dilated Gaussian smoothing.
    """

    stats_kind = 'sml'

    def __init__(self, stats_file: Optional[str] = None, boundary_width: int = BOUNDARY_WIDTH,
                 boundary_iterations: int = BOUNDARY_ITERATIONS, smoothing: bool = True) -> None:
        super().__init__(stats_file)
        if boundary_width and (boundary_iterations <= 0
                               or boundary_width % boundary_iterations):
            raise ValueError(f'the boundary width ({boundary_width}) must be a multiple of the '
                             f'number of iterations ({boundary_iterations})')
        self.boundary_width = boundary_width
        self.boundary_iterations = boundary_iterations
        self.smoothing = smoothing
        self.register_buffer('mean', None, persistent=False)
        self.register_buffer('std', None, persistent=False)

    def load_entry(self, entry: Dict[str, Any], device: torch.device) -> None:
        mean, std = sml_mean_std(entry, self.stats_file or '')
        self.mean, self.std = mean.to(device), std.to(device)

    def forward(self, logits: Tensor) -> Tensor:
        self.ensure_loaded(logits.device)
        if logits.shape[1] != len(self.mean):
            raise StatsFileError(f'{self.stats_file}: SML statistics of {len(self.mean)} '
                                 f'classes, the model has {logits.shape[1]}')
        values, classes = scores.standardized_max_logit(logits, self.mean, self.std)
        if self.boundary_width:
            values = suppress_boundaries(values, classes, self.boundary_width,
                                         self.boundary_iterations)
        if self.smoothing:
            values = dilated_smoothing(values)
        return -values


def sml_mean_std(entry: Dict[str, Any], path: str) -> Tuple[Tensor, Tensor]:
    """Per-class mean and standard deviation of an SML entry; classes never predicted on the
    training pixels (count < 2) take the statistics of all pixels, with a warning.

    Raises:
        StatsFileError: no class has statistics.
    """
    count = entry['count'].double()
    mean, var = entry['mean'].double(), entry['var'].double()
    known = count >= 2
    if not known.any():
        raise StatsFileError(f'{path}: the SML statistics hold no class with 2 or more pixels')
    total = count[known].sum()
    pooled_mean = (count[known] * mean[known]).sum() / total
    pooled_var = (((count[known] - 1) * var[known]).sum()
                  + (count[known] * (mean[known] - pooled_mean) ** 2).sum()) / (total - 1)
    if not known.all():
        missing = [int(i) for i in torch.nonzero(~known).flatten()]
        print_log(f'{path}: classes {missing} were (almost) never predicted on the training '
                  f'pixels; SML uses the statistics of all pixels for them', logger='current',
                  level=logging.WARNING)
    mean = torch.where(known, mean, pooled_mean)
    var = torch.where(known, var, pooled_var)
    return mean.float(), var.clamp(min=1e-12).sqrt().float()


class KNNScore(StatisticsScore):
    """The mean distance to the ``k`` nearest training features of one layer (Fishyscapes eq. 5,
    distance form of dense-ood-knns).

    Args:
        layer: the layer spec, e.g. ``'decode_head.conv_seg:in'``.
        stats_file: the statistics file (the feature bank).
        k: the number of neighbours.
        metric: ``'cosine'`` or ``'euclidean'``.
        bank_size: the number of training features ``fit`` keeps.
        chunk: query features per matrix product.
    """

    needs = 'features'
    stats_kind = 'knn'

    def __init__(self, layer: str = 'decode_head.conv_seg:in', stats_file: Optional[str] = None,
                 k: int = 3, metric: str = 'cosine', bank_size: int = 100_000,
                 chunk: int = 1024) -> None:
        super().__init__(stats_file)
        check_metric(metric)
        self.layer, self.k, self.metric = layer, k, metric
        self.bank_size, self.chunk = bank_size, chunk
        self.register_buffer('bank', None, persistent=False)

    @property
    def layers(self) -> Tuple[str, ...]:
        return (self.layer,)

    def load_entry(self, entry: Dict[str, Any], device: torch.device) -> None:
        layer = entry['layers'].get(self.layer)
        if layer is None:
            raise StatsFileError(f'{self.stats_file}: no kNN bank of layer {self.layer!r} (it '
                                 f'has {sorted(entry["layers"])})')
        if layer['metric'] != self.metric:
            raise StatsFileError(f'{self.stats_file}: the bank of {self.layer!r} was prepared '
                                 f'for the {layer["metric"]} distance, the score uses '
                                 f'{self.metric}')
        self.bank = layer['bank'].float().to(device)

    def forward(self, features: Dict[str, Tensor]) -> Tensor:
        feature = features[self.layer]
        self.ensure_loaded(feature.device)
        batch, width, height, breadth = feature.shape
        if width != self.bank.shape[1]:
            raise StatsFileError(f'{self.stats_file}: the kNN bank of {self.layer!r} has '
                                 f'{self.bank.shape[1]} channels, the layer {width}')
        queries = feature.permute(0, 2, 3, 1).reshape(-1, width)
        distances = knn_distance(queries, self.bank, self.k, self.metric, self.chunk)
        return distances.reshape(batch, height, breadth)


class FlowScore(StatisticsScore):
    """Real-NVP negative log-likelihood of frozen features (Fishyscapes section 4.2): per layer
    the NLL minus the layer's mean training NLL; several layers -> their minimum (eq. 8).

    Args:
        layers: the layer specs.
        stats_file: the statistics file (the fitted flows).
        couplings, epochs, reservoir: what ``fit`` uses: coupling layers, Adam epochs, and the
            number of training features the flow is fitted on.
    """

    needs = 'features'
    stats_kind = 'flow'

    def __init__(self, layers: Sequence[str] = ('decode_head.conv_seg:in',),
                 stats_file: Optional[str] = None, couplings: int = 8, epochs: int = 10,
                 reservoir: int = 1_000_000) -> None:
        super().__init__(stats_file)
        if not layers:
            raise ValueError('the flow score needs at least one layer')
        self.layer_specs = tuple(layers)
        self.couplings, self.epochs = couplings, epochs
        self.reservoir = reservoir
        self.mean_nll: Dict[str, float] = {}

    @property
    def layers(self) -> Tuple[str, ...]:
        return self.layer_specs

    def load_entry(self, entry: Dict[str, Any], device: torch.device) -> None:
        for index, spec in enumerate(self.layer_specs):
            layer = entry['layers'].get(spec)
            if layer is None:
                raise StatsFileError(f'{self.stats_file}: no flow of layer {spec!r} (it has '
                                     f'{sorted(entry["layers"])})')
            flow = flow_from_state(layer['arch'], layer['state_dict']).to(device)
            # kept out of the state dict: the flows come from the statistics file
            object.__setattr__(self, f'_flow{index}', flow)
            self.mean_nll[spec] = float(layer['mean_nll'])

    def forward(self, features: Dict[str, Tensor]) -> Tensor:
        first = features[self.layer_specs[0]]
        self.ensure_loaded(first.device)
        size = max((features[spec].shape[-2:] for spec in self.layer_specs),
                   key=lambda shape: shape[0] * shape[1])
        maps = []
        for index, spec in enumerate(self.layer_specs):
            flow = getattr(self, f'_flow{index}')
            feature = features[spec]
            batch, width, height, breadth = feature.shape
            if width != flow.arch['dim']:
                raise StatsFileError(f'{self.stats_file}: the flow of {spec!r} takes '
                                     f'{flow.arch["dim"]} channels, the layer has {width}')
            with torch.no_grad():
                nll = flow.nll(feature.permute(0, 2, 3, 1).reshape(-1, width))
            nll = (nll - self.mean_nll[spec]).reshape(batch, 1, height, breadth)
            maps.append(F.interpolate(nll, size=tuple(size), mode='bilinear',
                                      align_corners=False))
        return torch.cat(maps, 1).amin(1).float()


class MCDropoutScore(AnomalyScore):
    """MC dropout over ``passes`` stochastic passes (dropout on): the predictive entropy or the
    mutual information (Fishyscapes eq. 1-2).

    Args:
        passes: the number of passes ``T``.
        output: ``'mutual_information'`` or ``'predictive_entropy'``.
        head_only: run the backbone once and only the decode head ``T`` times (valid when every
            dropout layer is in the decode head; the segmentor checks it).
    """

    needs = 'passes'
    OUTPUTS = ('mutual_information', 'predictive_entropy')

    def __init__(self, passes: int = 8, output: str = 'mutual_information',
                 head_only: bool = True) -> None:
        super().__init__()
        if passes < 1:
            raise ValueError(f'MC dropout needs at least one pass, got {passes}')
        if output not in self.OUTPUTS:
            raise ValueError(f'unknown MC dropout output {output!r}; use one of '
                             f'{", ".join(self.OUTPUTS)}')
        self.passes, self.output, self.head_only = passes, output, head_only

    def forward(self, logits_of_passes: Iterable[Tensor]) -> Tensor:
        mean_probs: Optional[Tensor] = None
        mean_entropy: Optional[Tensor] = None
        count = 0
        for logits in logits_of_passes:
            probs = logits.double().softmax(scores.CLASS_DIM)
            entropy = -torch.special.xlogy(probs, probs).sum(scores.CLASS_DIM)
            mean_probs = probs if mean_probs is None else mean_probs + probs
            mean_entropy = entropy if mean_entropy is None else mean_entropy + entropy
            count += 1
        if not count:
            raise ValueError('MC dropout got no pass')
        mean_probs = mean_probs / count
        predictive = -torch.special.xlogy(mean_probs, mean_probs).sum(scores.CLASS_DIM)
        if self.output == 'predictive_entropy':
            return predictive.float()
        return (predictive - mean_entropy / count).float()


#: Every score module, by the name the seg side registers with a ``BDD100K`` prefix (the void
#: classifier's and the open-set head's scores are both the probability of the last class).
SCORE_MODULES = {
    'MaxSoftmaxScore': MaxSoftmaxScore, 'EntropyScore': EntropyScore,
    'MaxLogitScore': MaxLogitScore, 'EnergyScore': EnergyScore,
    'VoidScore': ClassProbabilityScore, 'UnknownScore': ClassProbabilityScore,
    'DirichletEntropyScore': DirichletEntropyScore, 'SMLScore': SMLScore,
    'KNNScore': KNNScore, 'FlowScore': FlowScore, 'MCDropoutScore': MCDropoutScore}
