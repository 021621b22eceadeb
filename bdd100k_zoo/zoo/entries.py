"""The models of a task README: one :class:`ZooModel` per results row, and one per row of the
configs built here without published weights (no weights, no results).

A model's name is the stem of its weights file, which for a config of this repository is the config
name (``faster_rcnn_r50_fpn_1x_det_bdd100k``); it is what ``bdd100k-zoo download``, ``mim`` and the
metafiles call the model.
"""
import os.path as osp
import posixpath
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from .readme import Method, Paper, Readme, Row, parse_readme
from .rules import (Problem, built_paper, config_link, local_config, parse_number,
                    readme_all_problems, url_filename, weights_links)
from .tasks import CHECK_MARK, FLAG_COLUMNS, SPLITS, TaskSpec


@dataclass(frozen=True)
class ZooModel:
    """One model of the zoo: a published row of a task README, or a config built here.

    Attributes:
        name: the model name (the weights file stem).
        task: the task folder (``det``).
        method: the method section it belongs to (``Faster R-CNN``).
        paper: the method's paper.
        readme: the README path relative to the repository root (``det/README.md``).
        line: the row's line in the README.
        config: the config path relative to the repository root
            (``det/configs/det/<name>.py``), or the URL of a config of another repository.
        config_dir: the folder under ``<task>/configs/`` (None for an external config).
        weights: the checkpoint URL (None for a config built here).
        md5: the URL of the checkpoint's ``.md5`` file (None for a config built here).
        settings: the setting cells (check marks as booleans, whole numbers as ints).
        metrics: per split (``val``, ``test``) the numbers by metric name (``Box AP``); metrics
            given as ``-`` are left out (none for a config built here).
        results_task: the metafile ``Task`` of its results.
    """
    name: str
    task: str
    method: str
    paper: Paper
    readme: str
    line: int
    config: str
    config_dir: Optional[str]
    weights: Optional[str]
    md5: Optional[str]
    settings: Dict[str, Any]
    metrics: Dict[str, Dict[str, float]]
    results_task: str

    @property
    def external(self) -> bool:
        """Whether the config belongs to another repository (the model is not built here)."""
        return self.config_dir is None


def setting_value(column: str, text: str) -> Any:
    """A setting cell as metadata: a flag as a boolean, a whole number as an int, else the text."""
    if column in FLAG_COLUMNS:
        return text == CHECK_MARK
    return int(text) if text.isdigit() else text


def model_from_row(spec: TaskSpec, readme_path: str, method: Method, row: Row) -> ZooModel:
    """The model of a results row that passed :func:`~bdd100k_zoo.zoo.rules.row_problems`.

    Args:
        spec: the task of the README.
        readme_path: the README path relative to the repository root.
        method: the method section holding the row (with a paper).
        row: the row.
    """
    model_link, md5_link = weights_links(row.get('Weights'))
    config_url = config_link(row.get('Config')).url
    local = local_config(config_url)
    if local:
        config = posixpath.normpath(posixpath.join(posixpath.dirname(readme_path), config_url))
        config_dir: Optional[str] = local[0]
    else:
        config, config_dir = config_url, None
    settings = {column: setting_value(column, row.get(column).text) for column in row.header
                if column in spec.settings or column in spec.extra_settings}
    metrics = {split: _split_metrics(spec, row, split) for split in SPLITS}
    return ZooModel(
        name=url_filename(model_link.url)[:-len('.pth')], task=spec.name, method=method.name,
        paper=method.paper, readme=readme_path, line=row.line, config=config,
        config_dir=config_dir, weights=model_link.url, md5=md5_link.url, settings=settings,
        metrics=metrics, results_task=spec.results_task(config_dir or ''))


def model_from_built_row(spec: TaskSpec, readme: Readme, readme_path: str, row: Row) -> ZooModel:
    """The model of a built-here row that passed :func:`~bdd100k_zoo.zoo.rules.built_problems`:
    named after its config, without weights or results."""
    config_dir, name = local_config(config_link(row.get('Config')).url)
    config = posixpath.join(posixpath.dirname(readme_path), 'configs', config_dir, f'{name}.py')
    return ZooModel(
        name=name, task=spec.name, method=row.get('Method').text, paper=built_paper(readme, row),
        readme=readme_path, line=row.line, config=config, config_dir=config_dir, weights=None,
        md5=None, settings={}, metrics={split: {} for split in SPLITS},
        results_task=spec.results_task(config_dir))


def _split_metrics(spec: TaskSpec, row: Row, split: str) -> Dict[str, float]:
    values = {metric: parse_number(row.get(f'{metric}-{split}').text) for metric in spec.metrics}
    return {metric: value for metric, value in values.items() if value is not None}


@dataclass
class TaskModels:
    """A parsed task README with its models and its format problems.

    Attributes:
        spec: the task.
        readme: the parsed README.
        models: the models of the rows without problems, in README order (the published ones,
            then the configs built here).
        problems: every format problem (see :mod:`bdd100k_zoo.zoo.rules`).
    """
    spec: TaskSpec
    readme: Readme
    models: List[ZooModel]
    problems: List[Problem]


def load_task(root: str, spec: TaskSpec) -> TaskModels:
    """Parses ``<root>/<task>/README.md`` into models, keeping its problems.

    Raises:
        FileNotFoundError: the README does not exist.
    """
    readme = parse_readme(osp.join(root, spec.readme))
    problems = readme_all_problems(readme, spec)
    bad_lines = {problem.line for problem in problems}
    models = [model_from_row(spec, spec.readme, method, row)
              for method in readme.methods if method.paper is not None
              for table in method.tables if table.line not in bad_lines
              for row in table.rows if row.line not in bad_lines]
    models += [model_from_built_row(spec, readme, spec.readme, row)
               for table in readme.built_tables if table.line not in bad_lines
               and readme.built_line not in bad_lines
               for row in table.rows if row.line not in bad_lines]
    return TaskModels(spec, readme, models, problems)
