"""multitask/configs/table6-9 and sample: the BDD100K paper's Tables 6-9 and the CPU sample pairs as
round-robin configs. Each loads, has the paper's stated settings (networks, classes, tasks, what is
shared), gives each task of a joint config the batches and learning rates of its alone config, and
builds into one multitask model whose fine-tuning checkpoints fit it by name."""
import copy
import functools
import glob
import os.path as osp
import re
from typing import Any, Dict, List

import pytest
import torch
from mmengine.config import Config, ConfigDict
from mmengine.registry import MODELS, init_default_scope

import bdd100k_zoo.det  # noqa: F401  (registers the sides the configs import)
import bdd100k_zoo.multitask  # noqa: F401
import bdd100k_zoo.seg  # noqa: F401
import bdd100k_zoo.track  # noqa: F401

FOLDERS = ('table6', 'table7', 'table8', 'table9', 'sample')
PAPER = '/work/shared/seeds/bdd100k-paper.md'

#: config -> (tasks in order, the alone config of each task it trains with the same batches).
CONFIGS = {
    'table6/mask_rcnn_r50_fpn_1x_ins_seg_alone_bdd100k.py': ['ins_seg'],
    'table6/mask_rcnn_r50_fpn_1x_ins_seg_det_bdd100k.py': ['ins_seg', 'det'],
    'table7/qdtrack-frcnn_dla34_fpn_12e_mot_alone_bdd100k.py': ['mot'],
    'table7/qdtrack-frcnn_dla34_fpn_12e_mot_det_bdd100k.py': ['mot', 'det'],
    'table8/dla34_512x1024_80k_sem_seg_alone_bdd100k.py': ['sem_seg'],
    'table8/dla34_512x1024_80k_sem_seg_det_bdd100k.py': ['sem_seg', 'det'],
    'table8/dla34_512x1024_80k_sem_seg_lane_drivable_bdd100k.py': ['sem_seg', 'lane_drivable'],
    'table9/qdtrack-mrcnn_dla34_fpn_12e_mots_alone_bdd100k.py': ['mots'],
    'table9/mask_rcnn_dla34_fpn_1x_ins_seg_alone_bdd100k.py': ['ins_seg'],
    'table9/qdtrack-mrcnn_dla34_fpn_12e_mots_from_ins_seg_bdd100k.py': ['mots'],
    'table9/qdtrack-mrcnn_dla34_fpn_12e_mots_from_mot_bdd100k.py': ['mots'],
    'table9/qdtrack-mrcnn_dla34_fpn_12e_det_mot_ins_seg_mots_bdd100k.py':
        ['mots', 'det', 'mot', 'ins_seg'],
    'sample/faster_rcnn_r18_fpn_det_alone_bdd100k_sample.py': ['det'],
    'sample/mask_rcnn_r18_fpn_ins_seg_alone_bdd100k_sample.py': ['ins_seg'],
    'sample/mask_rcnn_r18_fpn_det_ins_seg_bdd100k_sample.py': ['det', 'ins_seg'],
    'sample/faster_rcnn_dla34_fpn_det_alone_bdd100k_sample.py': ['det'],
    'sample/dla34_sem_seg_alone_bdd100k_sample.py': ['sem_seg'],
    'sample/dla34_det_sem_seg_bdd100k_sample.py': ['sem_seg', 'det'],
}
#: joint config -> task -> the alone config training that task with the same batches.
ALONE = {
    'table6/mask_rcnn_r50_fpn_1x_ins_seg_det_bdd100k.py':
        dict(ins_seg='table6/mask_rcnn_r50_fpn_1x_ins_seg_alone_bdd100k.py'),
    'table7/qdtrack-frcnn_dla34_fpn_12e_mot_det_bdd100k.py':
        dict(mot='table7/qdtrack-frcnn_dla34_fpn_12e_mot_alone_bdd100k.py'),
    'table8/dla34_512x1024_80k_sem_seg_det_bdd100k.py':
        dict(sem_seg='table8/dla34_512x1024_80k_sem_seg_alone_bdd100k.py'),
    'table8/dla34_512x1024_80k_sem_seg_lane_drivable_bdd100k.py':
        dict(sem_seg='table8/dla34_512x1024_80k_sem_seg_alone_bdd100k.py'),
    'table9/qdtrack-mrcnn_dla34_fpn_12e_det_mot_ins_seg_mots_bdd100k.py':
        dict(mots='table9/qdtrack-mrcnn_dla34_fpn_12e_mots_alone_bdd100k.py'),
    'sample/mask_rcnn_r18_fpn_det_ins_seg_bdd100k_sample.py':
        dict(det='sample/faster_rcnn_r18_fpn_det_alone_bdd100k_sample.py',
             ins_seg='sample/mask_rcnn_r18_fpn_ins_seg_alone_bdd100k_sample.py'),
    'sample/dla34_det_sem_seg_bdd100k_sample.py':
        dict(sem_seg='sample/dla34_sem_seg_alone_bdd100k_sample.py',
             det='sample/faster_rcnn_dla34_fpn_det_alone_bdd100k_sample.py'),
}


@functools.lru_cache(maxsize=None)
def _parsed(path: str) -> Config:
    return Config.fromfile(path)


def config(repo_root: str, name: str) -> Config:
    """A copy of the resolved config ``multitask/configs/<name>`` (each file parsed once)."""
    return copy.deepcopy(_parsed(osp.join(repo_root, 'multitask', 'configs', name)))


def backbone_of(task_model: dict) -> dict:
    """The backbone config of a task model (a tracker's is its detector's)."""
    return task_model.get('detector', task_model)['backbone']


def without_pretrained(node: Any) -> Any:
    """The config with every ``init_cfg`` set to None (nothing is downloaded here)."""
    if isinstance(node, dict):
        return {key: None if key == 'init_cfg' else without_pretrained(value)
                for key, value in node.items()}
    if isinstance(node, (list, tuple)):
        return type(node)(without_pretrained(item) for item in node)
    return node


def build(model_cfg: dict) -> torch.nn.Module:
    init_default_scope('mmdet')
    return MODELS.build(ConfigDict(without_pretrained(model_cfg.to_dict())))


def state_keys(module: torch.nn.Module) -> List[str]:
    return list(module.state_dict())


def test_one_config_per_row(repo_root):
    found = sorted(osp.relpath(p, osp.join(repo_root, 'multitask', 'configs'))
                   for folder in FOLDERS
                   for p in glob.glob(osp.join(repo_root, 'multitask', 'configs', folder, '*.py')))
    assert found == sorted(CONFIGS)


@pytest.mark.parametrize('name', sorted(CONFIGS))
def test_config_is_a_round_robin_of_its_tasks(repo_root, name):
    cfg = config(repo_root, name)
    tasks = CONFIGS[name]
    assert cfg.model.type == 'BDD100KMultiTaskModel'
    assert list(cfg.model.tasks) == tasks
    assert list(cfg.train_dataloader.tasks) == tasks
    for split in ('val_dataloader', 'test_dataloader', 'val_evaluator', 'test_evaluator'):
        assert list(cfg[split]) == tasks, split
    assert set(cfg.train_dataloader.ratio) <= set(tasks)
    assert all(cfg.train_dataloader.ratio.get(task, 1) == 1 for task in tasks)  # 1:1 everywhere
    assert cfg.train_cfg.type == 'BDD100KRoundRobinTrainLoop'
    assert cfg.randomness.seed == 0
    assert not [key for key in cfg if key.endswith('_task')]  # the task pieces are consumed
    # the seg tasks carry the mmseg scope; the mmdet ones are built under the default scope
    assert cfg.default_scope == 'mmdet'
    for task in tasks:
        seg = task in ('sem_seg', 'lane_drivable')
        assert cfg.model.tasks[task].get('_scope_', 'mmdet') == ('mmseg' if seg else 'mmdet')
        dataset = cfg.train_dataloader.tasks[task].dataset
        assert dataset.get('_scope_', 'mmdet') == ('mmseg' if seg else 'mmdet')


def test_table6_is_mask_rcnn_r50_with_the_det_set(repo_root):
    joint = config(repo_root, 'table6/mask_rcnn_r50_fpn_1x_ins_seg_det_bdd100k.py')
    ins_seg, det = joint.model.tasks.ins_seg, joint.model.tasks.det
    assert ins_seg.type == 'MaskRCNN' and backbone_of(ins_seg).depth == 50
    assert ins_seg.roi_head.bbox_head.num_classes == 8 and det.roi_head.bbox_head.num_classes == 10
    assert joint.train_dataloader.tasks.ins_seg.dataset.ann_file.startswith('labels/ins_seg/')
    assert joint.train_dataloader.tasks.det.dataset.ann_file == 'labels/det_20/det_train.json'
    assert joint.model.shared == ['backbone', 'neck', 'rpn_head', 'roi_head.bbox_head.shared_fcs']


def test_table7_shares_a_dla34_backbone_between_mot_and_det(repo_root):
    alone = config(repo_root, 'table7/qdtrack-frcnn_dla34_fpn_12e_mot_alone_bdd100k.py')
    joint = config(repo_root, 'table7/qdtrack-frcnn_dla34_fpn_12e_mot_det_bdd100k.py')
    for task in ('mot', 'det'):
        assert backbone_of(joint.model.tasks[task]).arch == 'dla34'
    assert joint.model.tasks.mot.detector.type == 'FasterRCNN' == joint.model.tasks.det.type
    assert joint.model.tasks.det.roi_head.bbox_head.num_classes == 10
    assert joint.model.shared == [dict(mot='detector.backbone', det='backbone')]
    # MOT alone trains on the tracking set only; the det images come in as a task of their own
    videos = alone.train_dataloader.tasks.mot.dataset.datasets
    assert [d.type for d in videos] == ['BDD100KBoxTrackDataset']


def test_table8_segments_with_dla34_and_finetunes_the_alone_model(repo_root):
    alone = 'table8/dla34_512x1024_80k_sem_seg_alone_bdd100k.py'
    for name, shared in (('table8/dla34_512x1024_80k_sem_seg_det_bdd100k.py', ['backbone']),
                         ('table8/dla34_512x1024_80k_sem_seg_lane_drivable_bdd100k.py',
                          ['backbone', 'neck'])):
        cfg = config(repo_root, name)
        assert all(backbone_of(m).arch == 'dla34' for m in cfg.model.tasks.values())
        assert cfg.model.shared == shared
        assert cfg.load_from == f'work_dirs/{osp.splitext(osp.basename(alone))[0]}/iter_80000.pth'


def test_table9_rows_start_from_the_upstream_models(repo_root):
    def final_checkpoint(name):
        cfg = config(repo_root, name)
        return f'work_dirs/{osp.splitext(osp.basename(name))[0]}/iter_{cfg.train_cfg.max_iters}.pth'

    from_ins_seg = config(repo_root, 'table9/qdtrack-mrcnn_dla34_fpn_12e_mots_from_ins_seg_bdd100k.py')
    init = from_ins_seg.model.tasks.mots.detector.init_cfg
    assert init.prefix == 'tasks.ins_seg.' and init.checkpoint == final_checkpoint(
        'table9/mask_rcnn_dla34_fpn_1x_ins_seg_alone_bdd100k.py')
    from_mot = config(repo_root, 'table9/qdtrack-mrcnn_dla34_fpn_12e_mots_from_mot_bdd100k.py')
    init = from_mot.model.tasks.mots.init_cfg
    assert init.prefix == 'tasks.mot.' and init.checkpoint == final_checkpoint(
        'table7/qdtrack-frcnn_dla34_fpn_12e_mot_alone_bdd100k.py')
    joint = config(repo_root, 'table9/qdtrack-mrcnn_dla34_fpn_12e_det_mot_ins_seg_mots_bdd100k.py')
    assert joint.load_from == final_checkpoint(
        'table7/qdtrack-frcnn_dla34_fpn_12e_mot_det_bdd100k.py')
    assert [d.type for d in joint.train_dataloader.tasks.mots.dataset.datasets] == \
        ['BDD100KSegTrackDataset']
    assert 'freeze' not in joint.model.tasks.mots  # every module trains, unlike PCAN's first stage


def test_single_task_schedules_are_the_epochs_the_readme_states():
    """Iterations of 12 epochs at the zoo's batch (hand computation from the paper's set sizes)."""
    assert 12 * 7000 / 16 == 5250  # ins_seg: 7K images, 8 GPUs x 2
    assert 12 * 278000 / 16 == 208500  # MOT: 278K frames, 8 GPUs x 2
    assert 12 * 12000 / 8 == 18000  # MOTS: 12K frames, 4 GPUs x 2


@pytest.mark.parametrize('alone,iters', [
    ('table6/mask_rcnn_r50_fpn_1x_ins_seg_alone_bdd100k.py', 5250),
    ('table7/qdtrack-frcnn_dla34_fpn_12e_mot_alone_bdd100k.py', 208500),
    ('table8/dla34_512x1024_80k_sem_seg_alone_bdd100k.py', 80000),
    ('table9/qdtrack-mrcnn_dla34_fpn_12e_mots_alone_bdd100k.py', 18000),
    ('sample/dla34_sem_seg_alone_bdd100k_sample.py', 80),
])
def test_alone_schedule_length(repo_root, alone, iters):
    assert config(repo_root, alone).train_cfg.max_iters == iters


def _per_task_batch(scheduler: Dict[str, Any], cycle: int) -> Dict[str, Any]:
    """A scheduler's iteration settings divided by the round-robin cycle length."""
    out = dict(scheduler)
    for key in ('begin', 'end'):
        out[key] = scheduler[key] / cycle
    if 'milestones' in scheduler:
        out['milestones'] = [m / cycle for m in scheduler['milestones']]
    return out


@pytest.mark.parametrize('joint', sorted(ALONE))
def test_each_task_gets_the_batches_and_learning_rates_of_its_alone_config(repo_root, joint):
    cfg = config(repo_root, joint)
    cycle = sum(cfg.train_dataloader.ratio.get(task, 1) for task in cfg.model.tasks)
    for task, alone_name in ALONE[joint].items():
        alone = config(repo_root, alone_name)
        share = cfg.train_dataloader.ratio.get(task, 1)
        assert cfg.train_cfg.max_iters * share / cycle == alone.train_cfg.max_iters
        assert cfg.optim_wrapper == alone.optim_wrapper
        assert len(cfg.param_scheduler) == len(alone.param_scheduler)
        for ours, theirs in zip(cfg.param_scheduler, alone.param_scheduler):
            ours = _per_task_batch(ours.to_dict(), cycle)
            theirs = theirs.to_dict()
            # a milestone of an odd alone iteration lands half an iteration later at most
            for key in ('begin', 'end'):
                assert theirs[key] <= ours.pop(key) <= theirs.pop(key) + 0.5
            for mine, reference in zip(ours.pop('milestones', []), theirs.pop('milestones', [])):
                assert reference <= mine <= reference + 0.5
            assert ours == theirs


@pytest.mark.parametrize('joint', sorted(ALONE))
def test_joint_task_models_are_those_of_their_alone_configs(repo_root, joint):
    cfg = config(repo_root, joint)
    for task, alone_name in ALONE[joint].items():
        alone = config(repo_root, alone_name)
        assert cfg.model.tasks[task] == alone.model.tasks[task]
        assert cfg.train_dataloader.tasks[task] == alone.train_dataloader.tasks[task]
        assert cfg.val_evaluator[task] == alone.val_evaluator[task]


@pytest.mark.parametrize('joint,shared', [
    ('sample/mask_rcnn_r18_fpn_det_ins_seg_bdd100k_sample.py',
     ['backbone', 'neck', 'rpn_head', 'roi_head.bbox_head.shared_fcs']),
    ('sample/dla34_det_sem_seg_bdd100k_sample.py', ['backbone']),
])
def test_sample_models_build_and_share(repo_root, joint, shared):
    model = build(config(repo_root, joint).model)
    first, *others = model.tasks.values()
    for path in shared:
        module = first.get_submodule(path)
        assert all(other.get_submodule(path) is module for other in others), path
    owned = 'roi_head.bbox_head.fc_cls'  # never shared: det has 10 classes, ins_seg 8
    if hasattr(first, 'roi_head') and all(hasattr(o, 'roi_head') for o in others):
        assert all(o.get_submodule(owned) is not first.get_submodule(owned) for o in others)


@pytest.mark.slow
@pytest.mark.parametrize('name', sorted(n for n in CONFIGS if not n.startswith('sample/')))
def test_table_models_build(repo_root, name):
    cfg = config(repo_root, name)
    model = build(cfg.model)
    assert list(model.tasks) == CONFIGS[name]
    for entry in cfg.model.shared:
        paths = entry if isinstance(entry, dict) else {t: entry for t in model.tasks}
        (first, path), *others = paths.items()
        module = model.tasks[first].get_submodule(path)
        assert all(model.tasks[t].get_submodule(p) is module for t, p in others)


def _loaded_names(checkpoint_model: torch.nn.Module, prefix: str) -> List[str]:
    return [key[len(prefix):] for key in state_keys(checkpoint_model) if key.startswith(prefix)]


@pytest.mark.slow
def test_finetuning_checkpoints_fit_by_name(repo_root):
    """The weights each fine-tuning row loads (built models stand for the checkpoints of the rows
    they come from) name modules of the model that loads them, with the same shapes."""
    def model(name):
        return build(config(repo_root, name).model)

    def fits(source: Dict[str, torch.Tensor], target: Dict[str, torch.Tensor]) -> bool:
        return all(key in target and target[key].shape == value.shape
                   for key, value in source.items())

    ins_seg = model('table9/mask_rcnn_dla34_fpn_1x_ins_seg_alone_bdd100k.py').state_dict()
    mots = model('table9/qdtrack-mrcnn_dla34_fpn_12e_mots_alone_bdd100k.py')
    detector = mots.tasks.mots.detector.state_dict()
    loaded = {k[len('tasks.ins_seg.'):]: v for k, v in ins_seg.items()
              if k.startswith('tasks.ins_seg.')}
    # the whole MOTS detector (backbone, FPN, RPN, box and mask heads) comes from ins_seg
    assert fits(loaded, detector) and set(loaded) == set(detector)

    mot = model('table7/qdtrack-frcnn_dla34_fpn_12e_mot_alone_bdd100k.py').state_dict()
    loaded = {k[len('tasks.mot.'):]: v for k, v in mot.items() if k.startswith('tasks.mot.')}
    tracker = mots.tasks.mots.state_dict()
    assert fits(loaded, tracker)
    assert all(re.search(r'mask_head|mask_roi_extractor', key)
               for key in set(tracker) - set(loaded))  # only the mask head starts from scratch

    joint7 = model('table7/qdtrack-frcnn_dla34_fpn_12e_mot_det_bdd100k.py').state_dict()
    joint9 = model('table9/qdtrack-mrcnn_dla34_fpn_12e_det_mot_ins_seg_mots_bdd100k.py')
    assert fits(joint7, joint9.state_dict())

    sem_seg = model('table8/dla34_512x1024_80k_sem_seg_alone_bdd100k.py').state_dict()
    for name in ('table8/dla34_512x1024_80k_sem_seg_det_bdd100k.py',
                 'table8/dla34_512x1024_80k_sem_seg_lane_drivable_bdd100k.py'):
        assert fits(sem_seg, model(name).state_dict())


def _paper_rows() -> Dict[str, List[str]]:
    """Table rows of the paper (first cell -> the other cells, bold marks removed)."""
    with open(PAPER, encoding='utf-8') as f:
        lines = f.read().splitlines()
    return {cells[0]: cells[1:] for cells in
            (re.sub(r'</?b>', '', line).split('\t') for line in lines if '\t' in line)}


#: README row label -> (the paper's row label, the columns the README gives of it).
README_ROWS = {
    'Inst-Seg': ('Inst-Seg', (0, 1, 2)),
    'Inst-Seg + Det': ('Inst-Seg + Det', (0, 1, 2)),
    'MOT': ('MOT', (0, 1, 2, 3)),
    'MOT + Det': ('MOT + Det', (0, 1, 2, 3)),
    'Sem-Seg': ('Sem-Seg', (19,)),
    'Sem-Seg + Det': ('Sem-Seg + Det', (19,)),
    'Sem-Seg + Lane + Driv': ('Sem-Seg + Lane + Driv', (19,)),
    'MOTS (S)': ('MOTS (S)', (0, 1, 2, 3, 4, 5)),
    'InstSeg (I) + MOTS': ('InstSeg (I) + MOTS', (0, 1, 2, 3, 4, 5)),
    'MOT (T) + MOTS': ('MOT (T) + MOTS', (0, 1, 2, 3, 4, 5)),
    'Det + T + I + S': ('Det + T + I + S', (0, 1, 2, 3, 4, 5)),
}


@pytest.mark.skipif(not osp.isfile(PAPER), reason='the paper seed is not on this machine')
def test_readme_gives_the_paper_numbers_beside_each_config(repo_root):
    with open(osp.join(repo_root, 'multitask', 'README.md'), encoding='utf-8') as f:
        readme = f.read()
    paper = _paper_rows()
    rows = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        if line.startswith('|') and cells[0] in README_ROWS:
            rows.setdefault(cells[0], []).append(cells)
    assert set(rows) == set(README_ROWS)
    for label, found in rows.items():
        paper_label, columns = README_ROWS[label]
        assert [found[0][1 + i] for i in range(len(columns))] == \
            [paper[paper_label][c] for c in columns], label
    linked = re.findall(r'\(\./configs/((?:table[6-9]|sample)/[^)]+\.py)\)', readme)
    assert sorted(set(linked)) == sorted(CONFIGS)
