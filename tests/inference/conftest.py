"""Fixtures of the inference tests: the KITTI frames, a random-weights det checkpoint and, trained
on demand, one checkpoint per image task (each sample config trained a few iterations, once per
session, the way tools/train.py trains)."""
import argparse
import os.path as osp

import pytest
import torch

#: The CPU-sized sample config of every image task.
SAMPLE_CONFIGS = {
    'det': 'det/configs/det/faster_rcnn_r18_fpn_det_bdd100k_sample.py',
    'ins_seg': 'ins_seg/configs/ins_seg/mask_rcnn_r18_fpn_ins_seg_bdd100k_sample.py',
    'sem_seg': 'sem_seg/configs/sem_seg/dla34_sem_seg_bdd100k_sample.py',
    'drivable': 'drivable/configs/drivable/dla34_drivable_bdd100k_sample.py',
    'tagging': 'tagging/configs/weather/resnet18_weather_tag_bdd100k_sample.py',
    'pose': 'pose/configs/pose/res18_128x96_pose_bdd100k_sample.py',
}
ITERS = 2
#: A few iterations with small batches in this process; no validation (inference is the test).
TRAIN_OPTIONS = {
    'train_cfg.max_iters': ITERS, 'default_hooks.checkpoint.interval': ITERS,
    'default_hooks.logger.interval': 1, 'randomness.seed': 0, 'train_dataloader.batch_size': 2,
    'train_dataloader.num_workers': 0, 'train_dataloader.persistent_workers': False,
}


@pytest.fixture(scope='session')
def kitti_dir(data_dir):
    """Real KITTI frames (1224x370 and 1242x375 PNGs)."""
    return osp.join(data_dir, 'kitti', 'detection')


@pytest.fixture(scope='session')
def sample_config(repo_root):
    """``sample_config(task)``: the path of the task's sample config."""
    return lambda task: osp.join(repo_root, SAMPLE_CONFIGS[task])


class SampleTrainer:
    """Trains each task's sample config on the tiny sample once, on first request."""

    def __init__(self, sample: str, work_root: str, config_of) -> None:
        self.sample = sample
        self.work_root = work_root
        self.config_of = config_of
        self.checkpoints = {}

    def checkpoint(self, task: str) -> str:
        """The checkpoint of ``task``'s sample config after a few training iterations."""
        if task not in self.checkpoints:
            from bdd100k_zoo.runtime.launch import build_runner, prepare_config
            work_dir = osp.join(self.work_root, task)
            cfg = prepare_config(argparse.Namespace(
                config=self.config_of(task), cfg_options=dict(TRAIN_OPTIONS), work_dir=work_dir,
                data_root=self.sample, launcher='none'))
            cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
            cfg.visualizer.name = f'inference_tests_{task}'  # one visualizer per parent library
            build_runner(cfg).train()
            self.checkpoints[task] = osp.join(work_dir, f'iter_{ITERS}.pth')
        return self.checkpoints[task]


@pytest.fixture(scope='session')
def trained(tiny_sample, tmp_path_factory, sample_config):
    """``trained.checkpoint(task)``: a checkpoint trained on the tiny sample (shared by tests)."""
    return SampleTrainer(tiny_sample, str(tmp_path_factory.mktemp('trained')), sample_config)


@pytest.fixture(scope='session')
def random_det_checkpoint(tmp_path_factory, sample_config):
    """A checkpoint of the det sample model with random weights and no meta (a plain state dict
    under ``state_dict``): for the paths that do not depend on training."""
    from mmengine.config import ConfigDict
    from mmengine.registry import MODELS, DefaultScope

    from bdd100k_zoo.runtime.launch import load_config
    from bdd100k_zoo.zoo.building import without_init
    cfg = load_config(sample_config('det'))
    with DefaultScope.overwrite_default_scope(cfg.default_scope):
        model = MODELS.build(ConfigDict(without_init(cfg.model.to_dict())))
    path = str(tmp_path_factory.mktemp('random') / 'det_random.pth')
    torch.save({'state_dict': model.state_dict()}, path)
    return path
