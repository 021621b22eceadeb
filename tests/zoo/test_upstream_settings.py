"""Our configs keep the settings that decided each published number.

The expected values are the upstream ones: ``tests/data/upstream_settings.json`` holds, for every
published config of the earlier zoo, the settings read from its own mmdet 2.x / mmseg 0.x /
mmcls 0.x / mmpose 0.x config by ``scripts/extract_upstream_settings.py``, with the repository,
commit and path of each (see ``tests/data/PROVENANCE.md``); for the tracking rows (mot, mots), from
the SysCV/qdtrack and SysCV/pcan configs that trained the published weights, with their test
thresholds, tracker, reference frames, refine head and starting checkpoint. Nothing there comes
from this repository.

Each of our configs is resolved with mmengine's ``Config`` (no model is built) and its settings are
read in the same names, undoing what the 3.x libraries renamed (``optimizer`` -> ``optim_wrapper``,
``data.samples_per_gpu`` -> ``train_dataloader.batch_size``, ``runner`` -> ``train_cfg``,
``lr_config`` -> ``param_scheduler``, ``img_scale`` -> ``scale``, ``use_gt_bbox``/``bbox_file`` ->
``bbox_file``). The number of GPUs of ours is ``auto_scale_lr.base_batch_size`` over the images per
GPU.

Every setting must equal upstream, except

- ``DIFFERENCES``: deliberate differences, each listed with its reason in the task README's section
  "Differences from the published configs" (checked below);
- ``PENDING``: differences found here that a config change will remove; the configs concerned
  xfail naming the fix, and fail once the fix is applied until the entry goes.
"""
import fnmatch
import glob
import json
import os.path as osp
import re
import sys
from typing import Any, Dict, Tuple

import pytest
from mmengine import Config

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
sys.path.insert(0, osp.join(REPO_ROOT, 'scripts'))  # the settings reader the extractor uses
from config_settings import (crop_settings, detection_test_settings,  # noqa: E402
                             find_transform, model_settings, pairs)

UPSTREAM = osp.join(REPO_ROOT, 'tests', 'data', 'upstream_settings.json')
SECTION = '## Differences from the published configs'

#: Type names the 3.x libraries changed, and our tracking models, ours -> upstream.
RENAMED_TYPES = {'TopdownPoseEstimator': 'TopDown', 'BDD100KDLA': 'DLA',
                 'BDD100KQDTrack': 'QDTrack', 'BDD100KPCAN': 'EMQuasiDenseMaskRCNNRefine'}
#: The repositories of the tracking rows' configs (the others are in SysCV/bdd100k-models).
TRACKING_REPOSITORIES = {'mot': 'SysCV/qdtrack', 'mots': 'SysCV/pcan'}
#: Our reference frame samplers -> upstream's ``ref_img_sampler.method``.
REF_SAMPLING = {'UniformRefFrameSample': 'uniform'}
#: Our refine head arguments -> the names of the table (upstream: pos_proto_num, stage_num, ...).
REFINE_KEYS = {'num_convs': 'refine.num_convs', 'num_pos_protos': 'refine.pos_protos',
               'num_neg_protos': 'refine.neg_protos', 'em_iters': 'refine.em_iters',
               'match_score_thr': 'refine.match_score_thr', 'with_ref_mask': 'refine.with_mask_ref',
               'with_key_mask': 'refine.with_mask_key'}

#: Deliberate differences: (config name pattern, setting) -> reason; each is a row of its README.
DIFFERENCES: Dict[Tuple[str, str], str] = {
    ('cascade_rcnn_swin-[bs]_fpn_fp16_3x_det_bdd100k', 'fp16'):
        'the name, and the Faster R-CNN twins of these rows, say mixed precision; the upstream '
        'file has no fp16 line, so it resolves to fp32',
    ('cascade_mask_rcnn_*3x*_ins_seg_bdd100k', 'train.scale'):
        'the published table marks these rows MS-train; the upstream files inherit the '
        'single-scale dataset base, unlike every other 3x ins_seg config',
    ('*_pose_bdd100k', 'pose.test_boxes'):
        'the published person detections are not distributed with BDD100K; '
        '`test_dataloader.dataset.bbox_file` takes a Scalabel JSON of pedestrian detections',
    ('*_pose_bdd100k', 'pose.det_bbox_thr'):
        'no detections without a detections file (see above); with one, every score is kept',
    ('pcan-frcnn_r50_fpn_12e_mots_bdd100k', 'load_from'):
        'the first stage\'s checkpoint (upstream `./ckpts/segtrack-fixed-new.pth`) is not '
        'published: train the first stage and pass its checkpoint with `--cfg-options load_from=`',
}

#: Differences a config change will remove: (config name pattern, setting) -> the fix.
PENDING: Dict[Tuple[str, str], str] = {}


def upstream() -> Dict[str, Any]:
    """The table of upstream settings."""
    with open(UPSTREAM, encoding='utf-8') as f:
        return json.load(f)


UPSTREAM_TABLE = upstream()
CONFIGS = UPSTREAM_TABLE['configs']


def our_config(name: str, task: str) -> str:
    """The path of our config with basename ``name``."""
    found = glob.glob(osp.join(REPO_ROOT, task, 'configs', '*', f'{glob.escape(name)}.py'))
    assert len(found) == 1, f'{name}: {len(found)} configs of that name under {task}/configs'
    return found[0]


# --- the settings of a 3.x config, in the names of the upstream table --------------------------

def _schedule(cfg: Config) -> Dict[str, Any]:
    wrapper = cfg.optim_wrapper
    optimizer = wrapper['optimizer']
    out: Dict[str, Any] = {'optimizer.type': optimizer['type'], 'optimizer.lr': optimizer['lr']}
    for key in ('momentum', 'weight_decay'):
        if key in optimizer:
            out[f'optimizer.{key}'] = optimizer[key]
    clip = wrapper.get('clip_grad')
    out['grad_clip'] = clip.get('max_norm') if clip else None
    out['fp16'] = wrapper.get('type') == 'AmpOptimWrapper'
    schedulers = cfg.param_scheduler
    schedulers = [schedulers] if isinstance(schedulers, dict) else list(schedulers)
    for step in schedulers:
        kind = step['type']
        if kind == 'MultiStepLR':
            out['lr.policy'] = 'step'
            out['lr.steps'] = list(step['milestones'])
        elif kind == 'PolyLR':
            out['lr.policy'] = 'poly'
            out['lr.power'] = step['power']
            out['lr.min_lr'] = step['eta_min']
        elif kind in ('LinearLR', 'ConstantLR') and not step.get('by_epoch', True):
            out['warmup.type'] = 'linear' if kind == 'LinearLR' else 'constant'
            out['warmup.iters'] = step['end']
            out['warmup.ratio'] = step['start_factor' if kind == 'LinearLR' else 'factor']
        else:
            out['lr.policy'] = kind
    train_cfg = cfg.train_cfg
    if 'max_iters' in train_cfg:
        out['max_iters'] = train_cfg['max_iters']
    else:
        out['max_epochs'] = train_cfg['max_epochs']
    return out


def _pipelines(cfg: Config, task: str) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    if task == 'pose':
        return out
    train = cfg.train_dataloader.dataset
    train_pipeline = train.get('pipeline') or train.get('dataset', {}).get('pipeline')
    test_pipeline = cfg.test_dataloader.dataset.pipeline
    resize = find_transform(train_pipeline, 'Resize', 'RandomChoiceResize', 'RandomResize')
    if resize is not None:
        out['train.scale'] = pairs(resize.get('scales', resize.get('scale')))
        if resize.get('ratio_range'):
            out['train.ratio_range'] = list(resize['ratio_range'])
        elif resize['type'] == 'RandomChoiceResize':
            out['train.multiscale'] = 'value'
        elif resize['type'] == 'RandomResize':
            out['train.multiscale'] = 'range'
    out.update(crop_settings(train_pipeline, test_pipeline))
    test_resize = find_transform(test_pipeline, 'Resize', 'ResizeEdge')
    if test_resize is not None:
        if test_resize['type'] == 'ResizeEdge' and test_resize.get('edge', 'short') == 'short':
            out['test.resize'] = [test_resize['scale'], -1]
        else:
            out['test.scale'] = pairs(test_resize['scale'])
    return out


def _pose(cfg: Config) -> Dict[str, Any]:
    codec = cfg.codec
    encoding = {'UDPHeatmap': 'udp'}.get(codec['type'],
                                         'dark' if codec.get('unbiased') else 'msra')
    dataset = cfg.test_dataloader.dataset
    bbox_file = dataset.get('bbox_file')
    return {
        'pose.input_size': list(codec['input_size']),
        'pose.heatmap_size': list(codec['heatmap_size']),
        'pose.encoding': encoding,
        'pose.sigma': codec.get('sigma', 2),
        'pose.flip_test': cfg.model.test_cfg.get('flip_test', False),
        'pose.test_boxes': f'detections {osp.basename(bbox_file)}' if bbox_file else 'ground truth',
        'pose.det_bbox_thr': (dataset.get('filter_cfg') or {}).get('bbox_score_thr', 0.0)
        if bbox_file else None,
    }


def _tracking(cfg: Config) -> Dict[str, Any]:
    model = cfg.model
    out = detection_test_settings(model.detector.test_cfg.rcnn)
    out.update({f'tracker.{key}': value for key, value in model.tracker.items() if key != 'type'})
    sampler = find_transform(cfg.train_dataloader.dataset.pipeline, *REF_SAMPLING)
    out['train.ref_frames'] = sampler['num_ref_imgs']
    out['train.ref_frame_range'] = sampler['frame_range']
    out['train.ref_sampling'] = REF_SAMPLING[sampler['type']]
    refine = model.get('refine_head')
    if refine:
        out.update({name: refine[key] for key, name in REFINE_KEYS.items()})
    out['load_from'] = osp.basename(cfg.load_from) if cfg.get('load_from') else None
    return out


def ours(path: str, task: str) -> Dict[str, Any]:
    """The deciding settings of one of our configs, in the names of the upstream table."""
    cfg = Config.fromfile(path, import_custom_modules=False)
    model = cfg.model
    out: Dict[str, Any] = {'model.type': RENAMED_TYPES.get(model['type'], model['type'])}
    out.update(model_settings(model, task, keypoint_head='head'))
    out['backbone.type'] = RENAMED_TYPES.get(out['backbone.type'], out['backbone.type'])
    out.update(_schedule(cfg))
    images = cfg.train_dataloader.batch_size
    total = (cfg.get('auto_scale_lr') or {}).get('base_batch_size')
    out['images_per_gpu'] = images
    out['total_batch'] = total
    out['gpus'] = total // images if total else None
    out.update(_pipelines(cfg, task))
    if task == 'pose':
        out.update(_pose(cfg))
    if task in TRACKING_REPOSITORIES:
        out.update(_tracking(cfg))
    return out


# --- the comparison ----------------------------------------------------------------------------

def _matching(table: Dict[Tuple[str, str], str], name: str) -> Dict[str, str]:
    """``{setting: text}`` of the entries of ``table`` whose pattern matches config ``name``."""
    return {key: text for (pattern, key), text in table.items()
            if fnmatch.fnmatchcase(name, pattern)}


@pytest.mark.parametrize('name', sorted(CONFIGS))
def test_config_keeps_the_published_settings(name):
    """Every setting equals upstream but the deliberate differences; the pending ones xfail with
    their fix, and fail once the fix makes them equal (the entry must then go)."""
    entry = CONFIGS[name]
    expected = entry['settings']
    found = ours(our_config(name, entry['task']), entry['task'])
    allowed = _matching(DIFFERENCES, name)
    pending = _matching(PENDING, name)
    wrong = {key: (found.get(key, '<missing>'), value) for key, value in expected.items()
             if key not in allowed and found.get(key, '<missing>') != value}
    source = entry['provenance']
    unexpected = {key: pair for key, pair in wrong.items() if key not in pending}
    assert not unexpected, (f'{name} differs from {source["repository"]}@{source["commit"][:7]}:'
                            f'{source["path"]} (setting: ours, upstream): {unexpected}')
    fixed = sorted(set(pending) - set(wrong))
    assert not fixed, f'{name}: {fixed} now equal upstream: remove their PENDING entries'
    if wrong:
        pytest.xfail('; '.join(f'{key} {wrong[key][0]!r} != {wrong[key][1]!r}: {pending[key]}'
                               for key in sorted(wrong)))


def test_every_difference_is_in_the_task_readme():
    """Each deliberate difference is a row ``| pattern | setting | ... |`` of its task README's
    section, and each row of those sections is a deliberate difference."""
    tasks = {entry['task'] for entry in CONFIGS.values()}
    rows = set()
    for task in sorted(tasks):
        with open(osp.join(REPO_ROOT, task, 'README.md'), encoding='utf-8') as f:
            text = f.read()
        assert SECTION in text, f'{task}/README.md has no section "{SECTION[3:]}"'
        section = text.split(SECTION, 1)[1].split('\n## ', 1)[0]
        for line in section.splitlines():
            cells = [c.strip().strip('`') for c in line.strip().strip('|').split('|')]
            if len(cells) >= 3 and cells[0] != 'Configs' and not set(cells[0]) <= set(':- '):
                rows.add((task, cells[0], cells[1]))
    documented = {(CONFIGS[next(n for n in CONFIGS if fnmatch.fnmatchcase(n, pattern))]['task'],
                   pattern, key) for pattern, key in DIFFERENCES}
    assert documented - rows == set(), 'deliberate differences missing from the READMEs'
    assert rows - documented == set(), 'README rows that are no deliberate difference of the test'


def test_every_difference_names_published_configs():
    for pattern, key in [*DIFFERENCES, *PENDING]:
        names = [n for n in CONFIGS if fnmatch.fnmatchcase(n, pattern)]
        assert names, f'{pattern}: matches no published config'
        assert any(key in CONFIGS[n]['settings'] for n in names), f'{pattern}: no setting {key}'


def test_table_records_its_provenance():
    """Every entry names the upstream repository, a full commit and the config's path (the
    tracking rows are named after their published weights, their configs otherwise)."""
    for name, entry in CONFIGS.items():
        source = entry['provenance']
        assert re.fullmatch(r'[0-9a-f]{40}', source['commit']), name
        if entry['task'] in TRACKING_REPOSITORIES:
            assert source['repository'] == TRACKING_REPOSITORIES[entry['task']], name
            assert re.fullmatch(r'configs/[\w/.-]+\.py', source['path']), name
        else:
            assert source['repository'] == 'SysCV/bdd100k-models'
            assert source['path'].endswith(f'/{name}.py'), name


def test_every_tracking_row_is_covered():
    assert UPSTREAM_TABLE['not_covered'] == {}
    assert {entry['task'] for entry in CONFIGS.values()} >= set(TRACKING_REPOSITORIES)
