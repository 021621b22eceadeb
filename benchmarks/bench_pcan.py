"""Inference time of PCAN vs its first stage (QDTrack + mask head) on the same video frames.

Both CPU sample configs (``mots/configs/mots/*_sample.py``) track the same frames (by default the
first seg_track_20 val video of the generated sample at ``data/bdd100k_sample``), one video at a time
as ``tools/test.py`` feeds them, with the same detector and track head weights: the given checkpoints,
or untrained weights (PCAN's random initialisation, copied into the first stage) when none is given.
The whole ``model.predict`` of each frame is timed (PCAN: frame memory, refine head, pasting); after
a warm-up pass, each model runs ``--repeats`` times (interleaved) and the median total is reported.
Torch runs single-threaded.

Usage: ``python benchmarks/bench_pcan.py [--frames DIR] [--first-stage CKPT] [--pcan CKPT]
[--repeats N]``; the last line reads ``bench_pcan: ratio=<pcan/first stage> (pcan X s, first stage
Y s)`` (the goal of issue 13: at most 1.3).
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


def run(model: torch.nn.Module, frames: list) -> tuple[float, int]:
    """Seconds to track ``frames`` (a new video), and the number of tracked detections."""
    seconds, tracked = 0.0, 0
    for image, metainfo in frames:
        track = TrackDataSample()
        track.video_data_samples = [DetDataSample(metainfo=metainfo)]
        batch = model.data_preprocessor(dict(inputs=[image[None]], data_samples=[track]), False)
        start = time.perf_counter()
        with torch.no_grad():
            (result, ) = model.predict(**batch)
        seconds += time.perf_counter() - start
        tracked += len(result[0].pred_track_instances)
    return seconds, tracked


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
    scale = Config.fromfile(osp.join(REPO_ROOT, CONFIGS['pcan'])).image_scale
    frames = load_frames(folder, scale)
    weights = 'checkpoints' if args.pcan else 'untrained weights'
    counts = {name: run(model, frames)[1] for name, model in
              (('pcan', pcan), ('first stage', first_stage))}
    print(f'{len(frames)} frames of {folder} at {tuple(frames[0][1]["img_shape"])}, {weights}; '
          f'tracked detections: ' + ', '.join(f'{name} {count}' for name, count in counts.items()))
    times: dict[str, list[float]] = dict(pcan=[], first_stage=[])
    for _ in range(args.repeats):
        times['first_stage'].append(run(first_stage, frames)[0])
        times['pcan'].append(run(pcan, frames)[0])
    pcan_time, first_time = statistics.median(times['pcan']), statistics.median(times['first_stage'])
    print(f'per frame: pcan {1e3 * pcan_time / len(frames):.1f} ms, '
          f'first stage {1e3 * first_time / len(frames):.1f} ms')
    print(f'bench_pcan: ratio={pcan_time / first_time:.3f} '
          f'(pcan {pcan_time:.3f} s, first stage {first_time:.3f} s)')


if __name__ == '__main__':
    main()
