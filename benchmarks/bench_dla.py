"""DLA-34 inference: bdd100k_zoo's DLA vs timm's DLA (the peer), same weights and input, in one run.

Both models run in eval mode without gradients on the same batch; their rounds alternate (ours
first in even rounds, the peer first in odd ones) so load changes on the machine hit both alike.
The last line reads ``bench_dla: ratio=<ours/peer> (ours X s, peer Y s)`` with median times.
"""
import argparse
import statistics
import time
from typing import Callable, Dict

import timm
import torch

from bdd100k_zoo.backbones import DLA


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--batch', type=int, default=2, help='images per batch')
    parser.add_argument('--size', type=int, default=512, help='image height and width')
    parser.add_argument('--warmup', type=int, default=2, help='untimed runs per model')
    parser.add_argument('--runs', type=int, default=11, help='timed runs per model (median)')
    parser.add_argument('--threads', type=int, default=1, help='torch intra-op threads (fixed)')
    return parser.parse_args()


def timed(fn: Callable[[], torch.Tensor]) -> float:
    """Seconds one call of ``fn`` takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    peer = timm.create_model('dla34', pretrained=False).eval()
    ours = DLA('dla34', num_classes=1000).eval()
    ours.load_state_dict(peer.state_dict(), strict=True)
    x = torch.randn(args.batch, 3, args.size, args.size)
    models = {'ours': ours, 'peer': peer}

    with torch.inference_mode():
        diff = (ours(x)[0] - peer(x)).abs().max().item()
        for _ in range(args.warmup):
            for model in models.values():
                model(x)
        times: Dict[str, list] = {name: [] for name in models}
        for i in range(args.runs):
            order = ('ours', 'peer') if i % 2 == 0 else ('peer', 'ours')
            for name in order:
                times[name].append(timed(lambda: models[name](x)))

    ours_s, peer_s = (statistics.median(times[name]) for name in ('ours', 'peer'))
    print(f'dla34, input {args.batch}x3x{args.size}x{args.size}, {args.threads} thread(s), '
          f'median of {args.runs} runs after {args.warmup} warm-up runs')
    print(f'max |ours - peer| of the logits: {diff:.3g}')
    for name in ('ours', 'peer'):
        print(f'{name} (s): ' + ' '.join(f'{t:.3f}' for t in times[name])
              + f'; fastest {min(times[name]):.3f}')
    print(f'bench_dla: ratio={ours_s / peer_s:.3f} (ours {ours_s:.3f} s, peer {peer_s:.3f} s)')


if __name__ == '__main__':
    main()
