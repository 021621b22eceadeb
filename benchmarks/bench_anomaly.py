"""Anomaly scores: the cost of each post-hoc score over the plain segmentor forward, and our pooled
metric against sklearn on 10M pixels, in one run.

1. The DLA-34 of ``dla34_anomaly_bdd100k_sample.py`` (random weights: the cost does not depend on
   them) predicts one 640x360 image through ``test_step``: plain, then wrapped with one score at a
   time. Rounds alternate the order. SML reads a statistics file of unit statistics, kNN a bank of
   10,000 random unit features, flow an untrained 8-coupling Real-NVP (all made here, timing only).
2. Pooled AP and AUROC of 10M float32 scores (1 % positives): ours
   (``bdd100k_zoo.evaluation.anomaly.exact_metrics``) and sklearn's ``average_precision_score`` +
   ``roc_auc_score`` on the same arrays; the numbers are checked equal.

The last line reads ``bench_anomaly: ratio=<max logit wrapper / plain forward> metric_speedup=
<sklearn time / ours> ...`` with median times.
"""
import argparse
import os.path as osp
import statistics
import tempfile
import time
from typing import Callable, Dict, List

import numpy as np
import torch
from mmengine.config import ConfigDict
from mmengine.registry import init_default_scope
from mmseg.registry import MODELS
from mmseg.structures import SegDataSample
from sklearn.metrics import average_precision_score, roc_auc_score

import bdd100k_zoo.seg  # noqa: F401  (registers the wrapper and the scores)
from bdd100k_zoo.anomaly.flow import RealNVP
from bdd100k_zoo.anomaly.knn import prepare_bank
from bdd100k_zoo.anomaly.statsfile import new_stats, write_stats
from bdd100k_zoo.evaluation.anomaly import exact_metrics
from bdd100k_zoo.runtime.launch import load_config

CONFIG = osp.join(osp.dirname(osp.abspath(__file__)), '..', 'anomaly', 'configs', 'anomaly',
                  'dla34_anomaly_bdd100k_sample.py')
LAYER = 'decode_head.conv_seg:in'


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--warmup', type=int, default=2, help='untimed runs per model')
    parser.add_argument('--runs', type=int, default=7, help='timed runs per model (median)')
    parser.add_argument('--pixels', type=int, default=10_000_000, help='pixels of the metric part')
    parser.add_argument('--threads', type=int, default=1, help='torch intra-op threads (fixed)')
    return parser.parse_args()


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of ``fn`` takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def write_bench_stats(path: str, classes: int, width: int) -> None:
    """A statistics file for timing: unit SML statistics, a random bank, an untrained flow."""
    stats = new_stats('bench', 'random', [str(c) for c in range(classes)], 0, 0)
    stats['scores']['sml'] = {'kind': 'sml', 'count': torch.full((classes,), 100),
                              'mean': torch.zeros(classes, dtype=torch.float64),
                              'var': torch.ones(classes, dtype=torch.float64)}
    bank = prepare_bank(torch.randn(10_000, width), 'cosine').half()
    stats['scores']['knn'] = {'kind': 'knn', 'layers': {LAYER: {'bank': bank,
                                                                'metric': 'cosine'}}}
    flow = RealNVP(width, couplings=8).eval()
    stats['scores']['flow'] = {'kind': 'flow', 'layers': {LAYER: {
        'arch': dict(flow.arch), 'state_dict': flow.state_dict(), 'mean_nll': 0.0}}}
    write_stats(path, stats)


def score_configs(stats: str) -> Dict[str, dict]:
    """The score of each timed wrapper (MC dropout: 4 passes; kNN: k = 3 of 10,000 features)."""
    return {'max_logit': dict(type='BDD100KMaxLogitScore'),
            'msp': dict(type='BDD100KMaxSoftmaxScore'),
            'entropy': dict(type='BDD100KEntropyScore'),
            'energy': dict(type='BDD100KEnergyScore'),
            'sml': dict(type='BDD100KSMLScore', stats_file=stats),
            'mc_dropout': dict(type='BDD100KMCDropoutScore', passes=4),
            'knn': dict(type='BDD100KKNNScore', layer=LAYER, stats_file=stats),
            'flow': dict(type='BDD100KFlowScore', layers=(LAYER,), stats_file=stats)}


def forward_costs(args: argparse.Namespace, folder: str) -> Dict[str, float]:
    """Median ``test_step`` seconds of the plain model and of each wrapper."""
    init_default_scope('mmseg')
    cfg = load_config(CONFIG).model.to_dict()
    segmentor = cfg['segmentor']
    stats = osp.join(folder, 'stats.pth')
    write_bench_stats(stats, segmentor['decode_head']['num_classes'],
                      segmentor['decode_head']['channels'])
    torch.manual_seed(0)
    plain = MODELS.build(ConfigDict(segmentor)).eval()
    models = {'plain': plain}
    for name, score in score_configs(stats).items():
        wrapper = MODELS.build(dict(type='BDD100KAnomalySegmentor', segmentor=segmentor,
                                    scores={name: score}, primary=name)).eval()
        wrapper.load_state_dict(plain.state_dict())
        models[name] = wrapper
    image = torch.randint(0, 255, (3, 360, 640), dtype=torch.uint8)
    meta = dict(img_shape=(360, 640), ori_shape=(360, 640))

    def batch() -> dict:
        return dict(inputs=[image], data_samples=[SegDataSample(metainfo=meta)])

    times: Dict[str, List[float]] = {name: [] for name in models}
    with torch.no_grad():
        for model in models.values():
            for _ in range(args.warmup):
                model.test_step(batch())
        for round_index in range(args.runs):
            names = list(models)
            for name in names if round_index % 2 == 0 else names[::-1]:
                times[name].append(timed(lambda: models[name].test_step(batch())))
    return {name: statistics.median(values) for name, values in times.items()}


def metric_costs(args: argparse.Namespace) -> Dict[str, float]:
    """Median seconds of ours and sklearn on the same pooled scores (numbers checked equal)."""
    rng = np.random.default_rng(0)
    labels = (rng.random(args.pixels) < 0.01).astype(np.uint8)
    scores = (rng.standard_normal(args.pixels) + 1.5 * labels).astype(np.float32)
    times: Dict[str, List[float]] = {'ours': [], 'sklearn': []}
    results = {}
    for _ in range(3):
        start = time.perf_counter()
        ours = exact_metrics(scores[labels == 1].copy(), scores[labels == 0].copy())
        times['ours'].append(time.perf_counter() - start)
        start = time.perf_counter()
        peer = (average_precision_score(labels, scores), roc_auc_score(labels, scores))
        times['sklearn'].append(time.perf_counter() - start)
        results = dict(ours=(ours.ap, ours.auroc), sklearn=peer)
    np.testing.assert_allclose(results['ours'], results['sklearn'], rtol=1e-9)
    print(f'metric on {args.pixels} px (1 % positives): AP {results["ours"][0]:.6f}, AUROC '
          f'{results["ours"][1]:.6f} (ours = sklearn)')
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    args = parse_args()
    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as folder:
        costs = forward_costs(args, folder)
    print(f'DLA-34 sample model, one 640x360 image, {args.threads} thread(s), median of '
          f'{args.runs} runs after {args.warmup} warm-up runs')
    plain = costs.pop('plain')
    print(f'plain test_step: {plain:.3f} s')
    for name, seconds in costs.items():
        print(f'{name}: {seconds:.3f} s, ratio {seconds / plain:.3f}')
    metric = metric_costs(args)
    print(f'metric: ours {metric["ours"]:.3f} s, sklearn {metric["sklearn"]:.3f} s')
    others = ' '.join(f'{name}={seconds / plain:.2f}' for name, seconds in costs.items()
                      if name != 'max_logit')
    print(f'bench_anomaly: ratio={costs["max_logit"] / plain:.3f} '
          f'metric_speedup={metric["sklearn"] / metric["ours"]:.2f} ({others})')


if __name__ == '__main__':
    main()
