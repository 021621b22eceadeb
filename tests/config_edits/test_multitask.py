"""The multitask config edits: a single-task config made a task piece, and task pieces added to a
round-robin config with its schedule stretched over the longer cycle. Plain dicts in, expected
values worked out by hand (Table 6's and the sample's numbers in multitask/README.md); and a config
calling an edit resolves through mmengine to exactly the settings written out by hand."""
import ast
import copy
import glob
import os.path as osp
import re
import sys
import textwrap
from typing import Any, Dict

import pytest
from mmengine.config import Config

from bdd100k_zoo.config_edits import multitask
from bdd100k_zoo.config_edits.multitask import add_tasks, as_task


def single_task(name: str) -> Dict[str, Any]:
    """The resolved settings of a single-task config named ``name``."""
    return dict(model=dict(type=f'{name}Model'),
                train_dataloader=dict(batch_size=2, dataset=dict(type=f'{name}Train')),
                val_dataloader=dict(batch_size=1, dataset=dict(type=f'{name}Val')),
                val_evaluator=dict(type=f'{name}Metric'),
                test_dataloader=dict(batch_size=1, dataset=dict(type=f'{name}Test')),
                optim_wrapper=dict(optimizer=dict(type='SGD', lr=0.02)))


def piece(name: str) -> Dict[str, Any]:
    """The task piece of ``single_task(name)``, written out."""
    return dict(model=dict(type=f'{name}Model'),
                train_dataloader=dict(batch_size=2, dataset=dict(type=f'{name}Train')),
                val_dataloader=dict(batch_size=1, dataset=dict(type=f'{name}Val')),
                val_evaluator=dict(type=f'{name}Metric'))


def round_robin(**pieces: Dict[str, Any]) -> Dict[str, Any]:
    """A round-robin config without a task on the sample schedule (80 iterations, warmup over 10,
    cosine decay), with the given task pieces among its bases."""
    return dict(model=dict(type='BDD100KMultiTaskModel', tasks=dict(), shared=[]),
                train_dataloader=dict(tasks=dict(), ratio=dict()),
                train_cfg=dict(type='BDD100KRoundRobinTrainLoop', max_iters=80, val_interval=80),
                param_scheduler=[
                    dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0, end=10),
                    dict(type='CosineAnnealingLR', by_epoch=False, begin=10, end=80,
                         eta_min=1e-5)],
                randomness=dict(seed=0),
                **{f'{task}_task': value for task, value in pieces.items()})


def test_as_task_takes_the_model_loaders_and_metric_and_empties_the_config():
    base = single_task('Det')
    assert as_task(base) == piece('Det')
    assert base == {}  # the piece resolves to the task alone


def test_as_task_scopes_the_model_datasets_and_each_metric():
    base = dict(single_task('Seg'), val_evaluator=[dict(type='Lane'), dict(type='Drivable')])
    task = as_task(base, scope='mmseg')
    assert task['model'] == dict(type='SegModel', _scope_='mmseg')
    assert task['train_dataloader'] == dict(batch_size=2,
                                            dataset=dict(type='SegTrain', _scope_='mmseg'))
    assert task['val_dataloader'] == dict(batch_size=1,
                                          dataset=dict(type='SegVal', _scope_='mmseg'))
    assert task['val_evaluator'] == [dict(type='Lane', _scope_='mmseg'),
                                     dict(type='Drivable', _scope_='mmseg')]
    assert as_task(single_task('Seg'), scope='mmseg')['val_evaluator'] == dict(
        type='SegMetric', _scope_='mmseg')


def test_as_task_names_what_a_config_lacks():
    base = single_task('Det')
    del base['val_evaluator']
    with pytest.raises(ValueError, match=r"no \['val_evaluator'\]"):
        as_task(base)


def test_the_first_task_keeps_the_schedule():
    base = round_robin(det=piece('Det'))
    settings = add_tasks(base, 'det')
    assert settings.model == dict(type='BDD100KMultiTaskModel',
                                  tasks=dict(det=dict(type='DetModel')), shared=[])
    assert settings.train_dataloader == dict(tasks=dict(det=piece('Det')['train_dataloader']),
                                             ratio=dict())
    assert settings.val_dataloader == settings.test_dataloader == dict(
        det=piece('Det')['val_dataloader'])
    assert settings.val_evaluator == settings.test_evaluator == dict(det=dict(type='DetMetric'))
    assert settings.train_cfg == round_robin()['train_cfg']
    assert settings.param_scheduler == round_robin()['param_scheduler']
    # the piece is consumed; the rest of the config is left as it was
    assert base == round_robin()


def joint(*tasks: str, **pieces: Dict[str, Any]) -> Dict[str, Any]:
    """The resolved settings of the round-robin config training ``tasks`` (ratio 1 each), with
    ``pieces`` among its bases."""
    base = round_robin(**{task: piece(task) for task in tasks}, **pieces)
    return dict(base, **add_tasks(base, *tasks)._asdict())


def test_a_second_task_comes_after_the_first_and_stretches_the_schedule_over_two_batches():
    base = joint('det', ins_seg=piece('InsSeg'))
    shared = ['backbone', 'neck', 'rpn_head', 'roi_head.bbox_head.shared_fcs']
    settings = add_tasks(base, 'ins_seg', shared=shared, ratio=dict(det=1, ins_seg=1))
    assert list(settings.model['tasks']) == ['det', 'ins_seg']
    assert settings.model['tasks']['ins_seg'] == dict(type='InsSegModel')
    assert settings.model['shared'] == shared
    assert settings.train_dataloader['ratio'] == dict(det=1, ins_seg=1)
    for split in ('val_dataloader', 'test_dataloader', 'val_evaluator', 'test_evaluator'):
        assert list(getattr(settings, split)) == ['det', 'ins_seg'], split
    # the sample schedule over the cycle of two batches: 160 iterations, warmup over 20
    assert settings.train_cfg == dict(type='BDD100KRoundRobinTrainLoop', max_iters=160,
                                      val_interval=160)
    assert settings.param_scheduler == [
        dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0, end=20),
        dict(type='CosineAnnealingLR', by_epoch=False, begin=20, end=160, eta_min=1e-5)]
    # the parent's settings are copied, not changed
    assert list(base['model']['tasks']) == ['det'] and base['train_cfg']['max_iters'] == 80


def test_milestones_stretch_with_the_cycle_as_in_table_6():
    base = joint('ins_seg', det=piece('Det'), mot=piece('Mot'), mots=piece('Mots'))
    base['train_cfg'] = dict(max_iters=5250, val_interval=5250)
    base['param_scheduler'] = [
        dict(type='LinearLR', by_epoch=False, begin=0, end=500),
        dict(type='MultiStepLR', by_epoch=False, begin=0, end=5250, milestones=[3500, 4813])]
    table6 = add_tasks(copy.deepcopy(base), 'det', ratio=dict(ins_seg=1, det=1))
    assert table6.train_cfg == dict(max_iters=10500, val_interval=10500)
    assert [s['end'] for s in table6.param_scheduler] == [1000, 10500]
    assert table6.param_scheduler[1]['milestones'] == [7000, 9626]
    four = add_tasks(base, 'det', 'mot', 'mots')  # four tasks, one batch each: 4 times
    assert four.train_cfg == dict(max_iters=21000, val_interval=21000)
    assert four.param_scheduler[1]['milestones'] == [14000, 19252]


def test_the_stretch_is_the_new_cycle_over_the_old():
    base = joint('det', ins_seg=piece('InsSeg'))
    assert add_tasks(base, 'ins_seg', ratio=dict(det=2, ins_seg=1)).train_cfg['max_iters'] == 240
    two = joint('det', 'ins_seg', sem_seg=piece('SemSeg'), lane=piece('Lane'))
    assert two['train_cfg']['max_iters'] == 160  # two tasks from none: one batch each, 80 each
    assert add_tasks(two, 'sem_seg', 'lane').train_cfg['max_iters'] == 320  # cycle 2 -> 4
    two = joint('det', 'ins_seg', sem_seg=piece('SemSeg'))
    with pytest.raises(ValueError, match='no whole multiple'):
        add_tasks(two, 'sem_seg')  # cycle 2 -> 3


@pytest.mark.parametrize('call,message', [
    (lambda base: add_tasks(base, 'sem_seg'), r"no task piece \['sem_seg_task'\]"),
    (lambda base: add_tasks(base, 'det'), r"\['det'\] added twice"),
    (lambda base: add_tasks(base, 'ins_seg', 'ins_seg'), r"\['ins_seg'\] added twice"),
    (lambda base: add_tasks(base, 'ins_seg', ratio=dict(det=1, seg=1)), r"ratio names \['seg'\]"),
    (lambda base: add_tasks(dict(base, model=dict(type='MaskRCNN')), 'ins_seg'),
     'no multitask model'),
    (lambda base: add_tasks(dict(base, param_scheduler=[dict(type='MultiStepLR')]), 'ins_seg'),
     r"\['MultiStepLR'\] count epochs"),
    (lambda base: add_tasks(dict(base, param_scheduler=[
        dict(type='StepLR', by_epoch=False, step_size=30)]), 'ins_seg'),
     r"cannot stretch \['StepLR'\]"),
    (lambda base: add_tasks(dict(base, param_scheduler=[
        dict(type='CosineAnnealingLR', by_epoch=False, begin=0, end=80, T_max=80)]), 'ins_seg'),
     r"cannot stretch \['CosineAnnealingLR'\]"),
    (lambda base: add_tasks({k: v for k, v in base.items() if k != 'train_cfg'}, 'ins_seg'),
     'no train_cfg and list of param_scheduler'),
    (lambda base: add_tasks(base, 'ins_seg', ratio=dict(det=1, ins_seg=0)),
     r"ratio \{'ins_seg': 0\}"),
])
def test_bad_additions_are_refused_naming_the_task(call, message):
    base = joint('det', ins_seg=piece('InsSeg'))
    with pytest.raises(ValueError, match=message):
        call(base)


@pytest.mark.parametrize('module', sorted(glob.glob(osp.join(osp.dirname(multitask.__file__),
                                                           '*.py'))), ids=osp.basename)
def test_the_edits_import_the_standard_library_only(module):
    """Every module of config_edits: parsing a config loads no OpenMMLab library."""
    with open(module, encoding='utf-8') as f:
        tree = ast.parse(f.read())
    imported = {alias.name.split('.')[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split('.')[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.level == 0}
    assert imported <= set(sys.stdlib_module_names)


def write(folder, name: str, text: str) -> str:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding='utf-8')
    return str(path)


def test_a_config_calling_the_edits_resolves_to_the_settings_written_out(tmp_path):
    """mmengine reads a config importing an edit after its ``_base_`` as a plain config, drops the
    imported function, and resolves it like the config that writes the same settings by hand."""
    write(tmp_path, 'det.py', """
        model = dict(type='FasterRCNN')
        train_dataloader = dict(batch_size=2, dataset=dict(type='Det'))
        val_dataloader = dict(batch_size=1, dataset=dict(type='DetVal'))
        val_evaluator = dict(type='DetMetric')
        optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.02))
        """)
    write(tmp_path, 'task_det.py', """
        _base_ = './det.py'
        from bdd100k_zoo.config_edits.multitask import as_task  # noqa: E402
        det_task = as_task(_base_)
        """)
    write(tmp_path, 'round_robin.py', """
        model = dict(type='BDD100KMultiTaskModel', tasks=dict(), shared=[])
        train_dataloader = dict(tasks=dict(), ratio=dict())
        train_cfg = dict(type='BDD100KRoundRobinTrainLoop', max_iters=80, val_interval=80)
        param_scheduler = [dict(type='LinearLR', by_epoch=False, begin=0, end=10)]
        """)
    edited = write(tmp_path, 'edited.py', """
        _base_ = ['./round_robin.py', './task_det.py']
        from bdd100k_zoo.config_edits.multitask import add_tasks  # noqa: E402
        (model, train_dataloader, val_dataloader, test_dataloader, val_evaluator, test_evaluator,
         train_cfg, param_scheduler) = add_tasks(_base_, 'det')
        """)
    by_hand = write(tmp_path, 'by_hand.py', """
        _base_ = ['./round_robin.py']
        _det = dict(model=dict(type='FasterRCNN'),
                    train_dataloader=dict(batch_size=2, dataset=dict(type='Det')),
                    val_dataloader=dict(batch_size=1, dataset=dict(type='DetVal')),
                    val_evaluator=dict(type='DetMetric'))
        model = dict(tasks=dict(det=_det['model']))
        train_dataloader = dict(tasks=dict(det=_det['train_dataloader']))
        val_dataloader = test_dataloader = dict(det=_det['val_dataloader'])
        val_evaluator = test_evaluator = dict(det=_det['val_evaluator'])
        del _det
        """)
    assert Config.fromfile(edited).to_dict() == Config.fromfile(by_hand).to_dict()
    assert 'add_tasks' not in Config.fromfile(edited)


def test_the_readme_quotes_the_call_of_table_6(repo_root):
    def one_line(text: str) -> str:
        return ' '.join(text.split()).replace('[ ', '[')

    with open(osp.join(repo_root, 'multitask', 'README.md'), encoding='utf-8') as f:
        quoted = re.search(r"\(Table 6: `(add_tasks\(.*?\))`\)", f.read()).group(1)
    with open(osp.join(repo_root, 'multitask', 'configs', 'table6',
                       'mask_rcnn_r50_fpn_1x_ins_seg_det_bdd100k.py'), encoding='utf-8') as f:
        assert quoted in one_line(f.read())
