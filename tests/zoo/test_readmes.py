"""The task READMEs of the repository: every published row, kept exactly, well-formed."""
import collections
import os
import os.path as osp

import pytest

from bdd100k_zoo.zoo.entries import load_task
from bdd100k_zoo.zoo.readme import parse_readme
from bdd100k_zoo.zoo.rules import is_https_url, parse_number
from bdd100k_zoo.zoo.tasks import TASKS

#: Published rows per task (the earlier zoo's tables).
ROWS = {'det': 64, 'ins_seg': 26, 'sem_seg': 53, 'drivable': 56, 'pan_seg': 5, 'mot': 1,
        'mots': 1, 'pose': 26, 'tagging': 28, 'lane': 0, 'anomaly': 0}
#: The folders of task configs that are no model (inherited pieces).
NOT_MODELS = ('_base_',)
#: Our configs for the published tracking models (the earlier zoo linked the QDTrack and PCAN
#: repositories).
OUR_CONFIGS = {'mot': './configs/mot/qdtrack-frcnn_r50_fpn_12e_mot_bdd100k.py',
               'mots': './configs/mots/pcan-frcnn_r50_fpn_12e_mots_bdd100k.py'}


@pytest.fixture(scope='module')
def tasks(repo_root):
    return {name: load_task(repo_root, spec) for name, spec in TASKS.items()}


def test_every_readme_is_well_formed(tasks):
    problems = [f'{task.spec.readme}:{p.line}: {p.message}'
                for task in tasks.values() for p in task.problems]
    assert problems == []


def test_every_published_row_is_a_model(tasks):
    published = {name: [m for m in task.models if m.weights] for name, task in tasks.items()}
    assert {name: len(models) for name, models in published.items()} == ROWS
    models = [model for models in published.values() for model in models]
    assert len(models) == 260
    # all configs of this repository (258 published task configs + our QDTrack and PCAN)
    assert [m.name for m in models if m.external] == []


def test_model_names_and_configs_are_unique(tasks):
    models = [model for task in tasks.values() for model in task.models]
    names = collections.Counter(m.name for m in models)
    configs = collections.Counter(osp.basename(m.config) for m in models)
    assert [n for n, c in names.items() if c > 1] == []
    assert [n for n, c in configs.items() if c > 1] == []
    for model in models:
        if not model.external:
            assert model.config == f'{model.task}/configs/{model.config_dir}/{model.name}.py'


def test_every_number_parses_and_every_link_is_https(tasks):
    for task in tasks.values():
        for method in task.readme.methods:
            assert is_https_url(method.paper.url), method.name
            for table in method.tables:
                for row in table.rows:
                    for column in row.header:
                        cell = row.get(column)
                        if column in task.spec.metric_columns('val') + \
                                task.spec.metric_columns('test'):
                            assert parse_number(cell.text) is not None, (row.line, column)
                        for link in cell.links:
                            if column != 'Config':
                                assert is_https_url(link.url), (row.line, link)


def _cells(row) -> dict:
    """A row of the reference JSON as the README shows it (links joined like in the table)."""
    cells = {}
    for column, value in row['row'].items():
        if isinstance(value, str):
            cells[column] = value.replace('\\*', '*')
        else:
            texts = [t.strip() for t in value['text'].split('|')]
            cells[column] = ' | '.join(f'[{t}]({u})' for t, u in zip(texts, value['links']))
    return cells


def test_readmes_keep_the_published_tables_exactly(repo_root, reference):
    """Same rows in the same order, same cells (numbers, settings, links), same papers; only the
    tracking config links point to our configs."""
    for name, spec in TASKS.items():
        readme = parse_readme(osp.join(repo_root, spec.readme))
        ours = [(method, row) for method in readme.methods for table in method.tables
                for row in table.rows]
        published = [row for row in reference if row['task'] == name]
        if name == 'tagging':  # published per attribute; here per method, weather table first
            order = {m.name: i for i, m in enumerate(readme.methods)}
            published.sort(key=lambda r: order[r['method']])
        assert len(ours) == len(published), name
        for (method, row), expected in zip(ours, published):
            cells = {column: row.get(column).text for column in row.header}
            want = _cells(expected)
            if name in OUR_CONFIGS:
                want['Config'] = f'[config]({OUR_CONFIGS[name]})'
            assert cells == want, (spec.readme, row.line)
            assert method.name == expected['method']
            paper = expected['paper']
            assert (method.paper.title, method.paper.url, f'[{method.paper.venue}]') == \
                (paper['title'], paper['url'], paper['venue'])


def test_methods_have_authors_abstract_code_and_usage(tasks):
    for task in tasks.values():
        for method in task.readme.methods:
            assert method.authors and method.abstract, method.name
            assert method.code and method.usage, method.name


def test_every_config_of_a_task_folder_is_a_model_of_its_readme(tasks, repo_root):
    """Published rows and the configs built here cover every config file, each once: every
    model is findable in the index (and by mim)."""
    for name, task in tasks.items():
        root = osp.join(repo_root, name, 'configs')
        files = sorted(osp.relpath(osp.join(folder, file), repo_root)
                       for folder, _, names in os.walk(root) for file in names
                       if file.endswith('.py') and not set(folder.split(os.sep)) & set(NOT_MODELS))
        listed = sorted(model.config for model in task.models if not model.external)
        assert listed == files, name


def test_configs_built_here_have_no_weights_nor_numbers(tasks):
    built = {name: [m.name for m in task.models if m.weights is None]
             for name, task in tasks.items()}
    assert {name: len(models) for name, models in built.items()} == {
        'det': 1, 'ins_seg': 1, 'sem_seg': 2, 'drivable': 2, 'pan_seg': 1, 'mot': 2, 'mots': 3,
        'pose': 1, 'tagging': 17, 'lane': 4, 'anomaly': 24}
    assert 'dla34_512x1024_80k_drivable_bdd100k' in built['drivable']
    assert len([m for m in built['tagging'] if '_timeofday_' in m]) == 15
    for task in tasks.values():
        for model in task.models:
            if model.weights is None:
                assert model.md5 is None and model.metrics == {'val': {}, 'test': {}}
                assert model.paper.title and is_https_url(model.paper.url), model.name


def test_time_of_day_configs_inherit_the_published_weather_recipe_they_name(tasks, repo_root):
    tagging = tasks['tagging']
    published = {m.name for m in tagging.models if m.weights}
    [table] = tagging.readme.built_tables
    rows = [row for row in table.rows if '/timeofday/' in row.get('Config').links[0].url
            and 'weather_tag_bdd100k`' in row.get('About').text]
    assert len(rows) == 14
    for row in rows:
        weather = row.get('About').text.split('`')[1]
        assert weather in published, row.line
        config = osp.join(repo_root, 'tagging', row.get('Config').links[0].url)
        with open(config, encoding='utf-8') as f:
            assert f"_base_ = '../weather/{weather}.py'" in f.read(), row.line
