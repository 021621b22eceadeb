"""Reads the settings that decide each published number from the earlier zoo's own configs.

The earlier BDD100K model zoo (SysCV/bdd100k-models) trained its models with mmdet 2.x, mmseg 0.x,
mmcls 0.x and mmpose 0.x configs; every config inherits only bases of its own repository
(``<task>/configs/_base_/...``). For every published row of the zoo's tables (the config named in
the row), this script

1. finds the config in a git mirror of that repository: the last version of the file (the file at
   ``HEAD``, or, for a config deleted later, its version before the deletion) and the commit that
   first published it;
2. writes that commit's ``<task>/configs`` tree into a temporary folder and resolves the config with
   mmengine's ``Config`` (old-style configs are plain python with ``_base_`` lists, which mmengine
   reads); a ``_base_`` naming a file that never existed (three published configs drop the task from
   the name: ``./retinanet_pvt-t_fpn_3x_bdd100k.py``) is read from the file with the task in the
   name, and the repair is recorded;
3. extracts the deciding settings (model, backbone size, pretrained weights, optimizer, lr,
   momentum, weight decay, images per GPU, GPUs, schedule and steps, warmup, train scale and crop,
   test scale, sliding window, classes, and for pose the person boxes tested on) in the names the
   test of our configs uses (``tests/zoo/test_upstream_settings.py``), which undoes the 3.x
   libraries' renames on our side;
4. records, when the first published version resolved to other settings, those settings and the
   commit, so that a later edit of an upstream config is visible.

The number of GPUs is not in the configs: it is read from the sentence of the task's README
("trained on ... 8 ... GPUs"), whose line is recorded.

The tracking rows (mot, mots) name configs of other repositories, read from their own git mirrors
(``--tracking-mirror``) at the commits of :data:`TRACKING`, keyed by the zoo's model name (the name
of the published weights): SysCV/qdtrack's BDD100K config at the version whose checkpoint layout the
published MOT weights have, and the SysCV/pcan config that trained the published PCAN model (the
row links its first stage's base file). Besides the settings above they record the test thresholds,
the tracker's settings, the reference frame sampling, PCAN's refine head and the checkpoint a
stage starts from; the number of GPUs comes from the training script that names the config, when
there is one.

Usage (mirrors made with ``git clone --mirror https://github.com/SysCV/<name>``)::

    .venv/bin/python scripts/extract_upstream_settings.py --mirror /path/to/bdd100k-models.git \
        --tracking-mirror SysCV/qdtrack=/path/to/qdtrack.git \
        --tracking-mirror SysCV/pcan=/path/to/pcan.git --out tests/data/upstream_settings.json

Expected values come from upstream only: nothing of this repository's configs is read.
"""
import argparse
import ast
import json
import os
import os.path as osp
import re
import subprocess
import sys
import tempfile
from typing import Any, Dict, List, Optional, Tuple

from mmengine import Config

from bdd100k_zoo.export.atomic import atomic_open
from config_settings import (crop_settings, detection_test_settings, find_transform,
                             model_settings, pairs)

REPOSITORY = 'SysCV/bdd100k-models'
REPO_ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
TABLES = osp.join(REPO_ROOT, 'tests', 'data', 'zoo', 'bdd100k_models_zoo_tables.json')
#: Tasks whose published configs live in this repository.
TASKS = ('det', 'ins_seg', 'sem_seg', 'drivable', 'pan_seg', 'pose', 'tagging')
#: The README sentence giving the number of GPUs.
GPUS = re.compile(r'trained on (?:either )?(\d+) [^.]*GPUs')
#: Keys of a model dict giving the number of classes.
#: The tracking rows: the zoo's model name -> the upstream config that trained its weights.
TRACKING: Dict[str, Dict[str, Any]] = {
    'qdtrack-frcnn_r50_fpn_12e_mot_bdd100k': {
        'task': 'mot', 'repository': 'SysCV/qdtrack',
        # the last commit before the 2022 rewrite (640e366): the published checkpoint has this
        # version's key layout (SysCV/qdtrack issues #125, #137), and the zoo row (2021-10-10) is
        # older than the rewrite
        'commit': 'b28af06c7fdb6ce99b967302c0c7e9a557d508bf',
        'path': 'configs/bdd100k/qdtrack-frcnn_r50_fpn_12e_bdd100k.py',
        'gpus_from': None,  # no script or document of the repository gives it
    },
    'pcan-frcnn_r50_fpn_12e_mots_bdd100k': {
        'task': 'mots', 'repository': 'SysCV/pcan',
        # the repository's last commit (it was published after the zoo row, configs unchanged
        # since 2021-11-28); the published model is the second stage that scripts/train_pcan.sh,
        # test_pcan.sh and convert_to_bdd.sh run
        'commit': '281e3a7f513c98349477c547a3d125d3a7512774',
        'path': 'configs/segtrack-frcnn_r50_fpn_12e_bdd10k_fixed_pcan.py',
        'gpus_from': 'scripts/train_pcan.sh',
    },
}
#: The number of GPUs in a training script: ``dist_train.sh <config> <gpus>``.
SCRIPT_GPUS = re.compile(r'dist_train\.sh \S+ (\d+)')
#: PCAN's refine head arguments that decide the model -> their names in the table.
REFINE_KEYS = {'num_convs': 'refine.num_convs', 'pos_proto_num': 'refine.pos_protos',
               'neg_proto_num': 'refine.neg_protos', 'stage_num': 'refine.em_iters',
               'match_score_thr': 'refine.match_score_thr', 'with_mask_ref': 'refine.with_mask_ref',
               'with_mask_key': 'refine.with_mask_key'}


def git(mirror: str, *args: str) -> str:
    """The standard output of ``git -C mirror args``."""
    return subprocess.run(['git', '-C', mirror, *args], check=True, capture_output=True,
                          text=True).stdout


def last_version(mirror: str, path: str) -> str:
    """The commit whose tree holds the last version of ``path`` and of its bases: ``HEAD`` when the
    file is there, else the parent of the commit that deleted it."""
    if git(mirror, 'ls-tree', '--name-only', 'HEAD', '--', path).strip():
        return git(mirror, 'rev-parse', 'HEAD').strip()
    deleted = git(mirror, 'log', '-1', '--format=%H', 'HEAD', '--', path).strip()
    if not deleted:
        raise FileNotFoundError(f'{path}: in no commit of the mirror')
    return git(mirror, 'rev-parse', f'{deleted}^').strip()


def first_version(mirror: str, path: str) -> str:
    """The commit that added ``path``."""
    return git(mirror, 'log', '--diff-filter=A', '--format=%H', 'HEAD', '--', path).split()[-1]


def checkout(mirror: str, commit: str, folder: str, into: str) -> None:
    """Writes ``folder`` as of ``commit`` under ``into``."""
    archive = subprocess.run(['git', '-C', mirror, 'archive', commit, folder], check=True,
                             capture_output=True).stdout
    subprocess.run(['tar', '-x', '-C', into], input=archive, check=True)


def base_names(path: str) -> List[str]:
    """The ``_base_`` entries of a config file (a string or a list of strings)."""
    with open(path, encoding='utf-8') as f:
        tree = ast.parse(f.read(), filename=path)
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and getattr(node.targets[0], 'id', None) == '_base_'):
            value = ast.literal_eval(node.value)
            return [value] if isinstance(value, str) else list(value)
    return []


def resolve_bases(path: str, root: str) -> Tuple[List[str], Dict[str, str]]:
    """Every base file ``path`` reads (relative to ``root``), repairing a missing one.

    A missing ``x_bdd100k.py`` is copied from the existing ``x_<task>_bdd100k.py`` of its folder.

    Returns:
        The base files in reading order, and ``{missing name: file read instead}``.
    """
    used: List[str] = []
    repaired: Dict[str, str] = {}
    for name in base_names(path):
        target = osp.normpath(osp.join(osp.dirname(path), name))
        if not osp.exists(target):
            stem = osp.basename(target)[:-len('_bdd100k.py')]
            candidates = [f for f in os.listdir(osp.dirname(target))
                          if f.startswith(stem + '_') and f.endswith('_bdd100k.py')
                          and f[len(stem) + 1:-len('_bdd100k.py')].isidentifier()]
            if len(candidates) != 1:
                raise FileNotFoundError(f'{path}: base {name} not found and not repairable')
            source = osp.join(osp.dirname(target), candidates[0])
            with open(source, encoding='utf-8') as f, open(target, 'w', encoding='utf-8') as g:
                g.write(f.read())
            repaired[osp.relpath(target, root)] = osp.relpath(source, root)
        used.append(osp.relpath(target, root))
        more, fixed = resolve_bases(target, root)
        used += more
        repaired.update(fixed)
    return used, repaired


def readme_gpus(mirror: str, commit: str, task: str) -> Dict[str, Any]:
    """The number of GPUs stated by the task README at ``commit``, with its line."""
    path = f'{task}/README.md'
    for number, line in enumerate(git(mirror, 'show', f'{commit}:{path}').splitlines(), 1):
        match = GPUS.search(line)
        if match:
            return {'gpus': int(match.group(1)), 'path': path, 'commit': commit, 'line': number}
    raise ValueError(f'{path}@{commit}: no sentence stating the number of GPUs')


# --- the settings of an old-style (mmdet 2.x / mmseg 0.x / mmcls 0.x / mmpose 0.x) config -------

def schedule_settings(cfg: Config) -> Dict[str, Any]:
    """Optimizer, lr policy, warmup and length of training."""
    optimizer = cfg.optimizer
    out: Dict[str, Any] = {'optimizer.type': optimizer['type'], 'optimizer.lr': optimizer['lr']}
    for key in ('momentum', 'weight_decay'):
        if key in optimizer:
            out[f'optimizer.{key}'] = optimizer[key]
    hook = cfg.get('optimizer_config') or {}
    clip = hook.get('grad_clip')
    out['grad_clip'] = clip.get('max_norm') if clip else None
    out['fp16'] = bool(cfg.get('fp16')) or hook.get('type') == 'Fp16OptimizerHook'
    lr = cfg.lr_config
    out['lr.policy'] = lr['policy']
    if lr['policy'] == 'step':
        out['lr.steps'] = list(lr['step'])
    if lr['policy'] == 'poly':  # mmcv's PolyLrUpdaterHook defaults: power 1, min_lr 0
        out['lr.power'] = lr.get('power', 1.)
        out['lr.min_lr'] = lr.get('min_lr', 0.)
    if lr.get('warmup'):  # mmcv's LrUpdaterHook defaults: 0 iterations, ratio 0.1
        out['warmup.type'] = lr['warmup']
        out['warmup.iters'] = lr.get('warmup_iters', 0)
        out['warmup.ratio'] = lr.get('warmup_ratio', 0.1)
    runner = cfg.get('runner') or {}
    if 'max_iters' in runner:
        out['max_iters'] = runner['max_iters']
    else:
        out['max_epochs'] = runner.get('max_epochs', cfg.get('total_epochs'))
    return out


def pipeline_settings(cfg: Config, task: str) -> Dict[str, Any]:
    """Train scale and crop, test scale."""
    train = cfg.data.train
    if isinstance(train, (list, tuple)):  # the tracking configs: datasets sharing one pipeline
        train = train[0]
    train = train.get('dataset', train)  # a wrapped dataset (RepeatDataset, ...)
    train_pipeline = train.get('pipeline') or cfg.get('train_pipeline')
    test_pipeline = cfg.data.test.get('pipeline') or cfg.get('test_pipeline')
    out: Dict[str, Any] = {}
    if task == 'pose':
        return out
    resize = find_transform(train_pipeline, 'Resize', 'SeqResize')
    if resize is not None and resize.get('img_scale') is not None:
        out['train.scale'] = pairs(resize['img_scale'])
        mode = resize.get('multiscale_mode', 'range')
        if resize.get('ratio_range'):
            out['train.ratio_range'] = list(resize['ratio_range'])
        elif len(out['train.scale']) > 1:
            out['train.multiscale'] = mode
    out.update(crop_settings(train_pipeline, test_pipeline))
    flip = find_transform(test_pipeline, 'MultiScaleFlipAug')
    if flip is not None:
        out['test.scale'] = pairs(flip['img_scale'])
    test_resize = find_transform(test_pipeline, 'Resize')
    if task == 'tagging' and test_resize is not None:
        out['test.resize'] = list(test_resize['size'])
    return out


def pose_settings(cfg: Config) -> Dict[str, Any]:
    """Input and heatmap size, target encoding, and the person boxes of the test."""
    data_cfg = cfg.data_cfg
    test_cfg = cfg.model.test_cfg
    target = find_transform(cfg.data.train.pipeline, 'TopDownGenerateTarget')
    encoding = 'udp' if target.get('encoding') == 'UDP' else (
        'dark' if target.get('unbiased_encoding') else 'msra')
    boxes = cfg.data.test.get('data_cfg', data_cfg)
    return {
        'pose.input_size': list(data_cfg['image_size']),
        'pose.heatmap_size': list(data_cfg['heatmap_size']),
        'pose.encoding': encoding,
        'pose.sigma': target.get('sigma', 2),
        'pose.flip_test': test_cfg.get('flip_test', False),
        'pose.test_boxes': ('ground truth' if boxes['use_gt_bbox']
                            else f"detections {osp.basename(boxes['bbox_file'])}"),
        'pose.det_bbox_thr': None if boxes['use_gt_bbox'] else boxes['det_bbox_thr'],
    }


def settings(cfg: Config, task: str, gpus: Optional[int]) -> Dict[str, Any]:
    """The deciding settings of a resolved old-style config (``gpus`` None: not recorded)."""
    model = cfg.model
    out: Dict[str, Any] = {'model.type': model['type']}
    out.update(model_settings(model, task, keypoint_head='keypoint_head'))
    out.update(schedule_settings(cfg))
    out['images_per_gpu'] = cfg.data.samples_per_gpu
    if gpus is not None:
        out['gpus'] = gpus
        out['total_batch'] = cfg.data.samples_per_gpu * gpus
    out.update(pipeline_settings(cfg, task))
    if task == 'pose':
        out.update(pose_settings(cfg))
    return out


# --- the tracking rows (SysCV/qdtrack, SysCV/pcan) ---------------------------------------------

def tracking_settings(cfg: Config) -> Dict[str, Any]:
    """Test thresholds, tracker, reference frames, refine head and starting checkpoint of a
    QDTrack / PCAN config."""
    model = cfg.model
    out = detection_test_settings(model['test_cfg']['rcnn'])
    out.update({f'tracker.{key}': value for key, value in model['tracker'].items()
                if key != 'type'})
    sampler = cfg.data.train[0]['ref_img_sampler']
    out['train.ref_frames'] = sampler['num_ref_imgs']
    out['train.ref_frame_range'] = sampler['scope']
    out['train.ref_sampling'] = sampler['method']
    refine = model['roi_head'].get('refine_head')
    if refine:
        out.update({name: refine[key] for key, name in REFINE_KEYS.items()})
    out['load_from'] = osp.basename(cfg.load_from) if cfg.get('load_from') else None
    return out


def script_gpus(mirror: str, commit: str, path: str) -> Dict[str, Any]:
    """The number of GPUs a training script passes to ``dist_train.sh``, with its line."""
    for number, line in enumerate(git(mirror, 'show', f'{commit}:{path}').splitlines(), 1):
        match = SCRIPT_GPUS.search(line)
        if match:
            return {'gpus': int(match.group(1)), 'path': path, 'line': number}
    raise ValueError(f'{path}@{commit}: no dist_train.sh line')


def tracking_entry(mirror: str, source: Dict[str, Any], workdir: str) -> Dict[str, Any]:
    """The table entry of one tracking row, read from its repository's mirror."""
    commit, path = source['commit'], source['path']
    root = osp.join(workdir, commit[:12])
    if not osp.isdir(root):
        os.makedirs(root)
        checkout(mirror, commit, 'configs', root)
    bases, _ = resolve_bases(osp.join(root, path), root)
    cfg = Config.fromfile(osp.join(root, path), import_custom_modules=False)
    gpus = script_gpus(mirror, commit, source['gpus_from']) if source['gpus_from'] else None
    found = settings(cfg, source['task'], gpus['gpus'] if gpus else None)
    found.update(tracking_settings(cfg))
    provenance = {'repository': source['repository'], 'commit': commit, 'path': path,
                  'bases': sorted(set(bases)),
                  'gpus_from': {k: gpus[k] for k in ('path', 'line')} if gpus else None}
    return {'task': source['task'], 'provenance': provenance, 'settings': found}


# --- the published configs ----------------------------------------------------------------------

def published(tables: str) -> List[Tuple[str, str]]:
    """``(task, config link)`` of every published row, in table order, without repeats."""
    with open(tables, encoding='utf-8') as f:
        rows = json.load(f)
    seen: Dict[str, str] = {}
    for row in rows:
        for link in row['row'].get('Config', {}).get('links', ()):
            seen.setdefault(link, row['task'])
    return [(task, link) for link, task in seen.items()]


class Resolver:
    """Resolves configs of the mirror at given commits (one checkout per commit and task)."""

    def __init__(self, mirror: str, workdir: str):
        self.mirror = mirror
        self.workdir = workdir
        self._trees: Dict[Tuple[str, str], str] = {}

    def tree(self, commit: str, task: str) -> str:
        """A folder holding ``<task>/configs`` as of ``commit``."""
        key = (commit, task)
        if key not in self._trees:
            root = osp.join(self.workdir, f'{commit[:12]}-{task}')
            os.makedirs(root)
            checkout(self.mirror, commit, f'{task}/configs', root)
            self._trees[key] = root
        return self._trees[key]

    def resolve(self, commit: str, task: str, path: str) -> Tuple[Config, List[str], dict]:
        """The resolved config at ``commit``, its base files and the repaired base names."""
        root = self.tree(commit, task)
        bases, repaired = resolve_bases(osp.join(root, path), root)
        return Config.fromfile(osp.join(root, path), import_custom_modules=False), bases, repaired


def entry(resolver: Resolver, task: str, path: str) -> Dict[str, Any]:
    """The table entry of one published config."""
    mirror = resolver.mirror
    commit = last_version(mirror, path)
    cfg, bases, repaired = resolver.resolve(commit, task, path)
    gpus = readme_gpus(mirror, commit, task)
    found = settings(cfg, task, gpus['gpus'])
    provenance = {'repository': REPOSITORY, 'commit': commit, 'path': path,
                  'bases': sorted(set(bases)), 'gpus_from': {k: gpus[k] for k in ('path', 'line')}}
    if repaired:
        provenance['repaired_bases'] = repaired
    result: Dict[str, Any] = {'task': task, 'provenance': provenance, 'settings': found}
    first = first_version(mirror, path)
    if first != commit:
        try:
            old, _, _ = resolver.resolve(first, task, path)
        except (SyntaxError, FileNotFoundError) as error:  # fixed upstream by the last version
            reason = (f'{osp.basename(error.filename)}, line {error.lineno}: {error.msg}'
                      if isinstance(error, SyntaxError)
                      else str(error).split(f'{task}/configs/')[-1])
            result['first_published'] = {'commit': first, 'unreadable': reason}
            return result
        before = settings(old, task, readme_gpus(mirror, first, task)['gpus'])
        changed = {k: before.get(k) for k in sorted(set(before) | set(found))
                   if before.get(k) != found.get(k)}
        if changed:
            result['first_published'] = {'commit': first, 'settings': changed}
    return result


def build(mirror: str, tables: str, tracking_mirrors: Dict[str, str]) -> Dict[str, Any]:
    """The whole table: a header and one entry per published config.

    Args:
        mirror: the git directory of SysCV/bdd100k-models.
        tables: the zoo tables (JSON).
        tracking_mirrors: repository (``SysCV/qdtrack``) -> its git directory; the tracking rows of
            a repository without a mirror are listed as not covered.
    """
    head = git(mirror, 'rev-parse', 'HEAD').strip()
    configs: Dict[str, Any] = {}
    skipped: Dict[str, str] = {}
    with tempfile.TemporaryDirectory() as workdir:
        resolver = Resolver(mirror, workdir)
        for task, link in published(tables):
            name = osp.basename(link)[:-len('.py')]
            if task not in TASKS or not link.startswith('./'):
                skipped[name] = f'{task}: config of another repository ({link})'
                continue
            configs[name] = entry(resolver, task, f'{task}/{link[2:]}')
        for name, source in TRACKING.items():
            if source['repository'] in tracking_mirrors:
                configs[name] = tracking_entry(tracking_mirrors[source['repository']], source,
                                               workdir)
                skipped = {old: why for old, why in skipped.items()
                           if f'/{source["repository"]}/' not in why}
    return {
        'about': ('Deciding settings of every published config of the earlier BDD100K zoo, read '
                  'from its own configs by scripts/extract_upstream_settings.py; see '
                  'tests/data/PROVENANCE.md.'),
        'repository': REPOSITORY, 'head': head,
        'not_covered': skipped, 'configs': configs,
    }


def to_json(table: Dict[str, Any]) -> str:
    """``table`` as indented JSON, each list of plain values on one line (small, readable diffs)."""
    text = json.dumps(table, indent=1, sort_keys=True)
    return re.sub(r'\[[^\[\]{}]*\]', lambda m: json.dumps(json.loads(m.group(0))), text) + '\n'


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--mirror', required=True, help='git directory of SysCV/bdd100k-models')
    parser.add_argument('--tables', default=TABLES, help='the zoo tables (JSON)')
    parser.add_argument('--tracking-mirror', action='append', default=[], metavar='REPO=DIR',
                        help='git directory of a tracking row\'s repository (SysCV/qdtrack=DIR, '
                        'SysCV/pcan=DIR); repeat for each')
    parser.add_argument('--out', required=True, help='the JSON file to write')
    args = parser.parse_args(argv)
    tracking_mirrors = dict(item.split('=', 1) for item in args.tracking_mirror)
    unknown = set(tracking_mirrors) - {source['repository'] for source in TRACKING.values()}
    if unknown:
        parser.error(f'--tracking-mirror: no tracking row of {", ".join(sorted(unknown))}')
    table = build(args.mirror, args.tables, tracking_mirrors)
    with atomic_open(args.out) as f:
        f.write(to_json(table))
    print(f'{len(table["configs"])} configs written to {args.out}; '
          f'not covered: {", ".join(table["not_covered"]) or "none"}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
