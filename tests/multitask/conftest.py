"""A tiny det + sem_seg multitask config on the generated sample, built from the zoo's own sample
configs (det: Faster R-CNN R-18-FPN; sem_seg: the same backbone and neck under a semantic FPN head),
at small sizes so a few iterations run in seconds on a CPU."""
import copy
import functools
import os.path as osp
from typing import Any, Callable, Dict

import pytest
from mmengine.config import Config

DET_SAMPLE_CONFIG = 'det/configs/det/faster_rcnn_r18_fpn_det_bdd100k_sample.py'
SEG_SAMPLE_CONFIG = 'sem_seg/configs/sem_seg/dla34_sem_seg_bdd100k_sample.py'
DET_SCALE = (320, 180)
SEG_CROP = (128, 256)


def _loader(loader: Dict[str, Any], scope: str, pipeline: list, shuffle: bool,
            data_root: str) -> Dict[str, Any]:
    """A sample dataloader of one task at batch 1, no workers, under ``scope``."""
    loader = copy.deepcopy(loader)
    loader.update(batch_size=1, num_workers=0, persistent_workers=False,
                  sampler=dict(type='DefaultSampler', shuffle=shuffle))
    loader['dataset'].update(_scope_=scope, pipeline=pipeline, data_root=data_root)
    return loader


def _resized(pipeline: list, **changes: Any) -> list:
    """``pipeline`` with the arguments of its steps changed by type, random steps left out."""
    steps = []
    for step in pipeline:
        if step['type'] in ('RandomFlip', 'PhotoMetricDistortion'):
            continue
        steps.append(dict(step, **changes.get(step['type'], {})))
    return steps


def tiny_multitask_config(repo_root: str, data_root: str, work_dir: str) -> Config:
    """A det + sem_seg multitask config sharing backbone and neck, 4 iterations, ratio 1:1."""
    det = Config.fromfile(osp.join(repo_root, DET_SAMPLE_CONFIG))
    seg = Config.fromfile(osp.join(repo_root, SEG_SAMPLE_CONFIG))
    det_model = det.model.to_dict()
    det_model['_scope_'] = 'mmdet'
    seg_model = dict(
        _scope_='mmseg', type='EncoderDecoder',
        data_preprocessor=dict(seg.model.data_preprocessor.to_dict(), size=SEG_CROP),
        backbone=copy.deepcopy(det_model['backbone']),
        neck=dict(copy.deepcopy(det_model['neck']), num_outs=4),
        decode_head=dict(
            type='FPNHead', in_channels=[128] * 4, in_index=[0, 1, 2, 3],
            feature_strides=[4, 8, 16, 32], channels=32, dropout_ratio=0, num_classes=19,
            norm_cfg=dict(type='BN', requires_grad=True), align_corners=False,
            loss_decode=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0)),
        train_cfg=dict(), test_cfg=dict(mode='whole'))
    det_train = _resized(det.train_pipeline, Resize=dict(scale=DET_SCALE))
    det_test = _resized(det.test_pipeline, Resize=dict(scale=DET_SCALE))
    seg_train = _resized(seg.train_pipeline, RandomResize=dict(scale=(320, 180)),
                         RandomCrop=dict(crop_size=SEG_CROP))
    seg_test = _resized(seg.test_pipeline, Resize=dict(scale=(320, 180)))
    cfg = dict(
        custom_imports=dict(imports=['bdd100k_zoo.det', 'bdd100k_zoo.seg', 'bdd100k_zoo.multitask'],
                            allow_failed_imports=False),
        default_scope='mmdet',
        work_dir=work_dir,
        model=dict(type='BDD100KMultiTaskModel', tasks=dict(det=det_model, sem_seg=seg_model),
                   shared=['backbone', 'neck']),
        train_dataloader=dict(
            tasks=dict(det=_loader(det.train_dataloader, 'mmdet', det_train, True, data_root),
                       sem_seg=_loader(seg.train_dataloader, 'mmseg', seg_train, True, data_root)),
            ratio=dict(det=1, sem_seg=1)),
        train_cfg=dict(type='BDD100KRoundRobinTrainLoop', max_iters=4, val_interval=4),
        val_dataloader=dict(
            det=_loader(det.val_dataloader, 'mmdet', det_test, False, data_root),
            sem_seg=_loader(seg.val_dataloader, 'mmseg', seg_test, False, data_root)),
        val_evaluator=dict(det=dict(det.val_evaluator.to_dict(), _scope_='mmdet'),
                           sem_seg=dict(seg.val_evaluator.to_dict(), _scope_='mmseg')),
        val_cfg=dict(type='BDD100KMultiTaskValLoop'),
        optim_wrapper=dict(optimizer=dict(type='SGD', lr=0.01, momentum=0.9)),
        default_hooks=dict(
            timer=dict(type='IterTimerHook'), logger=dict(type='LoggerHook', interval=1),
            param_scheduler=dict(type='ParamSchedulerHook'),
            checkpoint=dict(type='CheckpointHook', by_epoch=False, interval=2),
            sampler_seed=dict(type='DistSamplerSeedHook')),
        log_processor=dict(by_epoch=False),
        env_cfg=dict(dist_cfg=dict(backend='gloo')),
        randomness=dict(seed=0),
        model_wrapper_cfg=dict(type='MMDistributedDataParallel', find_unused_parameters=True),
    )
    cfg['test_dataloader'] = copy.deepcopy(cfg['val_dataloader'])
    cfg['test_evaluator'] = copy.deepcopy(cfg['val_evaluator'])
    cfg['test_cfg'] = dict(type='BDD100KMultiTaskTestLoop')
    return Config(cfg)


@pytest.fixture(scope='session')
def make_multitask_config(repo_root, tiny_sample) -> Callable[[str], Config]:
    """``work_dir -> `` the tiny det + sem_seg multitask config on the tiny sample."""
    import bdd100k_zoo.det  # noqa: F401  (custom_imports of the config, for configs built in code)
    import bdd100k_zoo.multitask  # noqa: F401
    import bdd100k_zoo.seg  # noqa: F401
    return functools.partial(tiny_multitask_config, repo_root, tiny_sample)
