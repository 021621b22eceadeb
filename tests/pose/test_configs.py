"""The pose configs: one per published row of pose/README.md, its settings; they build and run."""
import glob
import os.path as osp
import time

import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.dataset import Compose, pseudo_collate
from mmengine.registry import DefaultScope

from bdd100k_zoo.zoo.building import ModelBuildChecker, without_init
from bdd100k_zoo.zoo.readme import parse_readme

CONFIG_DIR = 'pose/configs/pose'
SAMPLE_CONFIG = 'res18_128x96_pose_bdd100k_sample'


def published_rows(repo_root):
    """``(config name, method, backbone, (height, width))`` of every row of pose/README.md."""
    rows = []
    for method in parse_readme(osp.join(repo_root, 'pose', 'README.md')).methods:
        for table in method.tables:
            for row in table.rows:
                link = row.get('Config').links[0].url
                height, width = (int(v) for v in row.get('Input Size').text.split('*'))
                rows.append((osp.splitext(osp.basename(link))[0], method.name,
                             row.get('Backbone').text, (height, width)))
    return rows


ROWS = published_rows(osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))))
BACKBONES = {
    'ResNet-50': dict(type='ResNet', depth=50, checkpoint='torchvision://resnet50', channels=2048),
    'ResNet-101': dict(type='ResNet', depth=101, checkpoint='torchvision://resnet101',
                       channels=2048),
    'MobileNetV2': dict(type='MobileNetV2', checkpoint='mmcls://mobilenet_v2', channels=1280),
    'HRNet-w32': dict(type='HRNet', checkpoint='hrnet_w32-36af842e.pth', channels=32),
    'HRNet-w48': dict(type='HRNet', checkpoint='hrnet_w48-8ef0771d.pth', channels=48),
}


def config_path(name):
    return osp.join(CONFIG_DIR, f'{name}.py')


def test_every_published_row_has_its_config():
    assert len(ROWS) == 26
    names = {name for name, *_ in ROWS}
    shipped = {osp.splitext(osp.basename(path))[0]
               for path in glob.glob(osp.join(CONFIG_DIR, '*.py'))}
    assert shipped == names | {SAMPLE_CONFIG}


@pytest.mark.parametrize('name, method, backbone, size', ROWS, ids=[row[0] for row in ROWS])
def test_published_settings(name, method, backbone, size):
    cfg = Config.fromfile(config_path(name))
    height, width = size
    codec = cfg.codec
    assert codec.input_size == (width, height) and codec.sigma == 2
    assert codec.heatmap_size == (width // 4, height // 4)
    udp = method == 'UDP'
    assert codec.type == ('UDPHeatmap' if udp else 'MSRAHeatmap')
    assert codec.get('unbiased', False) == (method == 'DARK')
    model = cfg.model
    assert model.head.decoder == codec and model.head.out_channels == 18
    assert model.test_cfg == dict(flip_test=True, flip_mode='heatmap', shift_heatmap=not udp)
    assert model.data_preprocessor.bgr_to_rgb is False
    expected = BACKBONES[backbone]
    assert model.backbone.type == expected['type']
    assert model.backbone.get('depth') == expected.get('depth')
    assert model.backbone.init_cfg.checkpoint.endswith(expected['checkpoint'])
    assert model.head.in_channels == expected['channels']
    for loader, pipeline_length in (('train_dataloader', 8), ('val_dataloader', 4),
                                    ('test_dataloader', 4)):
        pipeline = cfg[loader].dataset.pipeline
        assert len(pipeline) == pipeline_length
        affine = next(step for step in pipeline if step.type == 'TopdownAffine')
        assert affine.input_size == codec.input_size and affine.get('use_udp', False) == udp
    train = cfg.train_dataloader
    assert [step.encoder for step in train.dataset.pipeline if step.type == 'GenerateTarget'] == [
        codec]
    assert train.batch_size == 64 and cfg.val_dataloader.batch_size == 32
    assert train.dataset.ann_file == 'labels/pose_21/pose_train.json'
    assert cfg.test_dataloader.dataset.ann_file == 'labels/pose_21/pose_val.json'
    assert cfg.test_evaluator.type == 'BDD100KPoseMetric'
    assert cfg.optim_wrapper.optimizer == dict(type='Adam', lr=5e-4)
    # the published batch: 64 crops x 4 GPUs (the earlier zoo's pose/README.md)
    assert cfg.train_cfg.max_epochs == 105 and cfg.auto_scale_lr.base_batch_size == 256
    assert cfg.param_scheduler[1].milestones == [85, 100]
    assert cfg.custom_imports.imports == ['bdd100k_zoo.pose'] and cfg.default_scope == 'mmpose'


@pytest.mark.slow
def test_every_config_builds_without_weights():
    checker = ModelBuildChecker()
    start = time.perf_counter()
    failures = {name: checker.check(config_path(name))
                for name in [row[0] for row in ROWS] + [SAMPLE_CONFIG]}
    print(f'27 pose configs loaded and built in {time.perf_counter() - start:.1f} s')
    assert not {name: why for name, why in failures.items() if why}


def predict(name, image, box):
    """The person a config's model (random weights) finds in ``box`` of ``image``."""
    import bdd100k_zoo.pose  # noqa: F401  (registers the pose side)
    from mmpose.datasets.datasets.utils import parse_pose_metainfo
    from mmpose.registry import MODELS

    from bdd100k_zoo.pose.metainfo import pose_dataset_info
    cfg = Config.fromfile(config_path(name))
    flip_indices = parse_pose_metainfo(pose_dataset_info())['flip_indices']
    with DefaultScope.overwrite_default_scope('mmpose'):
        model = MODELS.build(without_init(cfg.model.to_dict())).eval()
        sample = Compose(cfg.test_dataloader.dataset.pipeline)(dict(
            img=image, bbox=np.array([box], dtype=np.float32), id=0, img_id=0,
            bbox_score=np.ones(1, dtype=np.float32), flip_indices=flip_indices))
        with torch.no_grad():
            return model.test_step(pseudo_collate([sample]))[0]


@pytest.mark.slow
@pytest.mark.parametrize('name', [
    'res50_256x192_1x_pose_bdd100k', 'mobilenetv2_256x192_1x_pose_bdd100k',
    'hrnet_w32_256x192_1x_pose_bdd100k', 'res50_dark_256x192_1x_pose_bdd100k',
    'mobilenetv2_udp_320x256_1x_pose_bdd100k'])
def test_one_model_per_family_predicts_on_cpu(name):
    torch.manual_seed(0)
    image = np.random.default_rng(0).integers(0, 255, (360, 640, 3), dtype=np.uint8)
    box = [300.0, 100.0, 360.0, 260.0]
    result = predict(name, image, box)
    keypoints = result.pred_instances.keypoints
    assert keypoints.shape == (1, 18, 2) and result.pred_instances.keypoint_scores.shape == (1, 18)
    # decoded joints land in the crop (the padded box) the model saw, up to a heatmap pixel
    center, scale = result.metainfo['input_center'], result.metainfo['input_scale']
    assert np.all(np.abs(keypoints[0] - center) <= 0.5 * scale + scale / 32)
    assert np.allclose(result.pred_instances.bboxes, [box])
