"""Configs import their edits below ``_base_``, as CONTRIBUTING.md says: above it, mmengine reads
the file as a lazy-import config and refuses its ``_base_`` line."""
import ast
import glob
import os.path as osp

import pytest
from mmengine.config import Config
from mmengine.config.utils import ConfigParsingError

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
EDIT_MODULE = 'bdd100k_zoo.config_edits'


def configs_using_edits():
    paths = glob.glob(osp.join(REPO_ROOT, 'configs', '**', '*.py'), recursive=True)
    paths += glob.glob(osp.join(REPO_ROOT, '*', 'configs', '**', '*.py'), recursive=True)
    for path in sorted(paths):
        with open(path, encoding='utf-8') as f:
            tree = ast.parse(f.read(), path)
        if any(isinstance(node, ast.ImportFrom) and (node.module or '').startswith(EDIT_MODULE)
               for node in tree.body):
            yield path, tree


def test_every_config_imports_its_edits_below_its_base_line():
    checked = 0
    for path, tree in configs_using_edits():
        lines = [(node.lineno, 'base') for node in tree.body if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == '_base_' for t in node.targets)]
        lines += [(node.lineno, 'import') for node in tree.body
                  if isinstance(node, (ast.Import, ast.ImportFrom))]
        assert sorted(lines)[0][1] == 'base', f'{path}: import above the _base_ line'
        checked += 1
    assert checked > 30  # the anomaly, track, multitask and sample configs


def test_an_edit_imported_above_base_is_refused_by_mmengine(tmp_path):
    parent = osp.join(REPO_ROOT, 'anomaly', 'configs', 'anomaly',
                      'dla34_512x1024_80k_bdd_anomaly.py')
    config = tmp_path / 'wrong_order.py'
    config.write_text(f'from {EDIT_MODULE}.anomaly import void_classifier\n'
                      f'_base_ = {parent!r}\n'
                      'train_pipeline, train_dataloader, model, test_evaluator = '
                      'void_classifier(_base_, 17)\n')
    with pytest.raises(ConfigParsingError, match='lazy_import'):
        Config.fromfile(str(config))
    config.write_text(config.read_text().split('\n', 1)[1].replace(
        '\ntrain_pipeline', f'\nfrom {EDIT_MODULE}.anomaly import void_classifier\ntrain_pipeline'))
    assert Config.fromfile(str(config)).model.known_classes == 17
