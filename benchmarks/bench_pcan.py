"""Inference time of PCAN vs its first stage (QDTrack + mask head) on the same video frames.

Both CPU sample configs (``mots/configs/mots/*_sample.py``) track the same frames (by default the
first seg_track_20 val video of the generated sample at ``data/bdd100k_sample``), one video at a time
as ``tools/test.py`` feeds them, with the same detector and track head weights: a first-stage
checkpoint (``--first-stage``, loaded into both models, as PCAN's ``load_from`` does; PCAN's refine
head stays untrained unless ``--pcan`` gives its own checkpoint), or untrained weights (PCAN's random
initialisation, copied into the first stage) when none is given.
The whole ``model.predict`` of each frame is timed (PCAN: frame memory, refine head, pasting); after
a warm-up pass, each model runs ``--repeats`` times (interleaved) and the median total is reported.
Torch runs single-threaded, so the main thread's CPU time is the models' compute time; the ratio is
of CPU times, which other processes on a shared machine barely change (wall-clock times, which they
do, are printed too).

Usage: ``python benchmarks/bench_pcan.py [--frames DIR] [--first-stage CKPT] [--pcan CKPT]
[--repeats N]``; the last line reads ``bench_pcan: ratio=<pcan/first stage> (pcan X s, first stage
Y s)`` in CPU seconds, after a line with the wall-clock times (the goal of issue 13: at most 1.3).
"""
import argparse
import os
import os.path as osp
import statistics
import time

import mmcv
import torch
from mmdet.registry import MODELS
from mmdet.structures import DetDataSample, TrackDataSample
from mmdet.utils import register_all_modules
from mmengine.config import Config, ConfigDict
from mmengine.runner import load_checkpoint

import bdd100k_zoo.track  # noqa: F401  (registers the models)
from bdd100k_zoo.zoo.building import without_init

REPO_ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
CONFIGS = dict(first_stage='mots/configs/mots/qdtrack-mrcnn_r18_fpn_mots_bdd100k_sample.py',
               pcan='mots/configs/mots/pcan-mrcnn_r18_fpn_mots_bdd100k_sample.py')
SAMPLE_VAL = osp.join(REPO_ROOT, 'data', 'bdd100k_sample', 'images', 'seg_track_20', 'val')


def build(name: str, checkpoint: str = None) -> torch.nn.Module:
    """The model of a sample config, with a checkpoint's weights or untrained (seed 0)."""
    cfg = Config.fromfile(osp.join(REPO_ROOT, CONFIGS[name]))
    torch.manual_seed(0)
    model = MODELS.build(ConfigDict(without_init(cfg.model.to_dict())))
    if checkpoint:
        load_checkpoint(model, checkpoint, map_location='cpu')
    return model.eval()


def load_frames(folder: str, scale: tuple[int, int]) -> list[tuple[torch.Tensor, dict]]:
    """The folder's images in name order, resized to fit ``scale`` (w, h), with their metainfo."""
    names = sorted(name for name in os.listdir(folder) if name.endswith(('.jpg', '.png')))
    frames = []
    for frame_id, name in enumerate(names):
        image = mmcv.imread(osp.join(folder, name))
        resized = mmcv.imrescale(image, scale)
        w_scale, h_scale = resized.shape[1] / image.shape[1], resized.shape[0] / image.shape[0]
        frames.append((torch.from_numpy(resized).permute(2, 0, 1).contiguous(),
                       dict(frame_id=frame_id, img_shape=resized.shape[:2], ori_shape=image.shape[:2],
                            scale_factor=(w_scale, h_scale))))
    return frames


def run(model: torch.nn.Module, frames: list) -> tuple[float, float, int]:
    """CPU and wall-clock seconds to track ``frames`` (a new video), and the number of tracked
    detections."""
    cpu, wall, tracked = 0.0, 0.0, 0
    for image, metainfo in frames:
        track = TrackDataSample()
        track.video_data_samples = [DetDataSample(metainfo=metainfo)]
        batch = model.data_preprocessor(dict(inputs=[image[None]], data_samples=[track]), False)
        cpu_start, wall_start = time.thread_time(), time.perf_counter()
        with torch.no_grad():
            (result, ) = model.predict(**batch)
        cpu += time.thread_time() - cpu_start
        wall += time.perf_counter() - wall_start
        tracked += len(result[0].pred_track_instances)
    return cpu, wall, tracked


def main() -> None:
    """Run the benchmark and print the ratio last."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--frames', help='folder of one video\'s frames (default: the first '
                        'seg_track_20 val video of data/bdd100k_sample)')
    parser.add_argument('--first-stage', help='first-stage checkpoint (default: untrained)')
    parser.add_argument('--pcan', help='PCAN checkpoint (default: untrained)')
    parser.add_argument('--repeats', type=int, default=3, help='timed runs per model after warm-up')
    args = parser.parse_args()
    torch.set_num_threads(1)
    register_all_modules(init_default_scope=True)
    folder = args.frames or osp.join(SAMPLE_VAL, sorted(os.listdir(SAMPLE_VAL))[0])
    pcan = build('pcan', args.pcan)
    first_stage = build('first_stage', args.first_stage)
    if not args.first_stage:  # untrained: the same detector and track head weights as PCAN
        first_stage.load_state_dict(pcan.state_dict(), strict=False)
    elif not args.pcan:  # PCAN's stage 2 starts from the first stage (refine head untrained)
        pcan.load_state_dict(first_stage.state_dict(), strict=False)
    scale = Config.fromfile(osp.join(REPO_ROOT, CONFIGS['pcan'])).image_scale
    frames = load_frames(folder, scale)
    weights = (f'pcan {args.pcan or "first stage + untrained refine head"}, first stage '
               f'{args.first_stage}' if args.first_stage or args.pcan else 'untrained weights')
    counts = {name: run(model, frames)[2] for name, model in
              (('pcan', pcan), ('first stage', first_stage))}
    print(f'{len(frames)} frames of {folder} at {tuple(frames[0][1]["img_shape"])}, {weights}; '
          f'tracked detections: ' + ', '.join(f'{name} {count}' for name, count in counts.items()))
    runs: dict[str, list[tuple[float, float, int]]] = dict(pcan=[], first_stage=[])
    for _ in range(args.repeats):
        runs['first_stage'].append(run(first_stage, frames))
        runs['pcan'].append(run(pcan, frames))
    (pcan_cpu, first_cpu), (pcan_wall, first_wall) = (
        [statistics.median(times[clock] for times in runs[name]) for name in ('pcan', 'first_stage')]
        for clock in (0, 1))
    print(f'cpu per frame: pcan {1e3 * pcan_cpu / len(frames):.1f} ms, '
          f'first stage {1e3 * first_cpu / len(frames):.1f} ms')
    print(f'wall clock: ratio {pcan_wall / first_wall:.3f} (pcan {pcan_wall:.3f} s, first stage '
          f'{first_wall:.3f} s)')
    print(f'bench_pcan: ratio={pcan_cpu / first_cpu:.3f} (pcan {pcan_cpu:.3f} s, first stage '
          f'{first_cpu:.3f} s)')


if __name__ == '__main__':
    main()
