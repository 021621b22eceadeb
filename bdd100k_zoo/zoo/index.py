"""The model index for mim and the hub, generated from the task READMEs.

``<task>/metafile.yml`` holds mim's ``Collections`` (one per method: Name, Paper as
``{Title, URL}``, README) and ``Models`` (Name, In Collection, Config, Paper, Metadata, Results,
Weights; a config built here has no Metadata, Results or Weights); ``model-index.yml`` imports the
metafiles. Both are generated: edit the READMEs and run ``bdd100k-zoo zoo-index``.

A model's own ``Paper`` is its paper's title: ``mim search`` shows the model's Paper before its
collection's, and shows a ``{Title, URL}`` mapping as its keys (``Title,URL``), so the title is
what it prints; the URL stays in the collection.
"""
import os
import os.path as osp
from typing import Any, Dict, List, Sequence

import yaml

from ..export.atomic import atomic_open
from .entries import TaskModels, ZooModel, load_task
from .tasks import DATASET, TASKS, TaskSpec

INDEX_FILE = 'model-index.yml'
_HEADER = ('# Generated from {source} by `bdd100k-zoo zoo-index`: do not edit, change {source} '
           'and run it again.\n')


class ZooIndexError(ValueError):
    """The READMEs cannot be turned into a model index (their problems are in the message)."""


def default_root() -> str:
    """The repository the package was installed from (editable install), else the current folder."""
    source = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
    return source if osp.isfile(osp.join(source, 'setup.py')) else os.getcwd()


def display_path(root: str, path: str) -> str:
    """How to show ``path`` (relative to ``root``) in messages: relative to the current folder
    when below it, else absolute."""
    full = osp.abspath(osp.join(root, path))
    relative = osp.relpath(full)
    return full if relative.startswith('..') else relative


def collection_name(model: ZooModel) -> str:
    """The collection of a model's method; unique across tasks (``HRNet (det)``)."""
    return f'{model.method} ({model.task})'


def model_entry(model: ZooModel) -> Dict[str, Any]:
    """A model's entry in its metafile (its val numbers are the results)."""
    entry: Dict[str, Any] = {'Name': model.name, 'In Collection': collection_name(model),
                             'Config': model.config, 'Paper': model.paper.title}
    if model.settings:
        entry['Metadata'] = dict(model.settings)
    if model.metrics['val']:
        entry['Results'] = [{'Task': model.results_task, 'Dataset': DATASET,
                             'Metrics': dict(model.metrics['val'])}]
    if model.weights:
        entry['Weights'] = model.weights
    return entry


def collection_entry(model: ZooModel) -> Dict[str, Any]:
    """The collection entry of a model's method."""
    return {'Name': collection_name(model),
            'Paper': {'Title': model.paper.title, 'URL': model.paper.url},
            'README': model.readme}


def metafile_content(models: Sequence[ZooModel]) -> Dict[str, Any]:
    """A task's metafile: its collections in method order, then its models in README order."""
    collections: Dict[str, Dict[str, Any]] = {}
    for model in models:
        collections.setdefault(collection_name(model), collection_entry(model))
    return {'Collections': list(collections.values()),
            'Models': [model_entry(model) for model in models]}


def dump_yaml(content: Dict[str, Any], source: str) -> str:
    """YAML text of a generated file, with a header naming its source."""
    body = yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=120)
    return _HEADER.format(source=source) + body


def load_tasks(root: str) -> List[TaskModels]:
    """Every task whose README exists under ``root``, in index order."""
    return [load_task(root, spec) for spec in TASKS.values()
            if osp.isfile(osp.join(root, spec.readme))]


def problems_text(root: str, tasks: Sequence[TaskModels]) -> str:
    """The format problems of ``tasks`` as ``path:line: message`` lines."""
    return '\n'.join(f'{display_path(root, task.spec.readme)}:{p.line}: {p.message}'
                     for task in tasks for p in task.problems)


def generate(root: str) -> Dict[str, str]:
    """The text of every generated file, by path relative to ``root``.

    Raises:
        ZooIndexError: a README has format problems (listed in the message) or two rows give the
            same model name.
    """
    tasks = load_tasks(root)
    problems = problems_text(root, tasks)
    if problems:
        raise ZooIndexError(f'fix the READMEs first:\n{problems}')
    _check_unique_names(root, tasks)
    files = {task.spec.metafile: dump_yaml(metafile_content(task.models), task.spec.readme)
             for task in tasks}
    index = {'Import': [task.spec.metafile for task in tasks]}
    files[INDEX_FILE] = dump_yaml(index, 'the task READMEs')
    return files


def _check_unique_names(root: str, tasks: Sequence[TaskModels]) -> None:
    seen: Dict[str, ZooModel] = {}
    for model in (model for task in tasks for model in task.models):
        if model.name in seen:
            first = seen[model.name]
            raise ZooIndexError(f'{display_path(root, model.readme)}:{model.line}: model name '
                                f'{model.name} is already used at {first.readme}:{first.line}')
        seen[model.name] = model


def stale_files(root: str) -> List[str]:
    """The generated files (relative to ``root``) that are missing or differ from the READMEs.

    Raises:
        ZooIndexError: see :func:`generate`.
    """
    return [path for path, text in generate(root).items()
            if read_file(osp.join(root, path)) != text]


def write_index(root: str) -> List[str]:
    """Writes the generated files that changed (atomically); returns their paths relative to root.

    Raises:
        ZooIndexError: see :func:`generate` (nothing is written then).
    """
    written = []
    for path, text in generate(root).items():
        target = osp.join(root, path)
        if read_file(target) != text:
            with atomic_open(target) as f:
                f.write(text)
            written.append(path)
    return written


def read_metafile(root: str, spec: TaskSpec) -> Dict[str, Any]:
    """The metafile of a task as written on disk (empty if missing)."""
    text = read_file(osp.join(root, spec.metafile))
    return (yaml.safe_load(text) or {}) if text else {}


def read_file(path: str) -> str:
    """The text of a file, or '' if it does not exist."""
    if not osp.isfile(path):
        return ''
    with open(path, encoding='utf-8') as f:
        return f.read()
