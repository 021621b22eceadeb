"""Reviewing a contribution: the checks of ``bdd100k-zoo check-contribution``.

On top of the README format rules (:mod:`bdd100k_zoo.zoo.rules`) a reviewer checks that every row's
config exists, loads and builds (:mod:`bdd100k_zoo.zoo.building`), that model names are unique, and
that the generated metafiles match the READMEs. Every finding names the README line it is about.
"""
import os.path as osp
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from .building import ModelBuildChecker
from .entries import TaskModels, ZooModel
from .index import (INDEX_FILE, ZooIndexError, collection_entry, collection_name, display_path,
                    dump_yaml, generate, load_tasks, metafile_content, model_entry, read_file,
                    read_metafile)
from .tasks import TASKS, TaskSpec, task_of_readme

ERROR = 'error'
NOTE = 'note'
_FIX_INDEX = 'run `bdd100k-zoo zoo-index`'


@dataclass(frozen=True)
class Issue:
    """A finding at a line of a file (``path`` as shown to the user)."""
    path: str
    line: int
    message: str
    level: str = ERROR

    def __str__(self) -> str:
        prefix = 'note: ' if self.level == NOTE else ''
        return f'{self.path}:{self.line}: {prefix}{self.message}'


@dataclass
class ReviewReport:
    """The outcome of a review.

    Attributes:
        issues: every finding, sorted by file and line.
        models: how many models (rows) were reviewed.
        built: how many distinct configs were built.
    """
    issues: List[Issue] = field(default_factory=list)
    models: int = 0
    built: int = 0

    @property
    def errors(self) -> List[Issue]:
        """The findings that fail the review."""
        return [issue for issue in self.issues if issue.level == ERROR]

    @property
    def external(self) -> List[Issue]:
        """The notes about models whose config is external (not built here)."""
        return [issue for issue in self.issues if issue.level == NOTE]


def review(root: str, readmes: Optional[Sequence[str]] = None,
           checker: Optional[ModelBuildChecker] = None) -> ReviewReport:
    """Reviews task READMEs of the repository at ``root``.

    Args:
        root: the repository root.
        readmes: README paths (absolute or relative to the current folder) to review; default:
            every task README.
        checker: builds the configs; None skips building (``--no-build``).

    Raises:
        KeyError: a path is not the README of a task folder of ``root``.
        FileNotFoundError: a given README does not exist.
    """
    specs = _specs(root, readmes)
    everything = {task.spec.name: task for task in load_tasks(root)}
    tasks = [everything[spec.name] for spec in specs]
    report = ReviewReport()
    for task in tasks:
        show = display_path(root, task.spec.readme)
        report.issues += [Issue(show, p.line, p.message) for p in task.problems]
        issues, built = _config_issues(root, show, task.models, checker)
        report.issues += issues
        report.built += built
        report.issues += _metafile_issues(root, show, task)
        report.models += len(task.models)
    report.issues += _name_issues(root, everything.values(), {t.spec.name for t in tasks})
    report.issues += _index_issues(root, everything.values())
    report.issues.sort(key=lambda issue: (issue.path, issue.line, issue.message))
    return report


def _specs(root: str, readmes: Optional[Sequence[str]]) -> List[TaskSpec]:
    if not readmes:
        return [spec for spec in TASKS.values() if osp.isfile(osp.join(root, spec.readme))]
    specs = []
    for path in readmes:
        spec = task_of_readme(osp.abspath(path))
        if osp.abspath(path) != osp.abspath(osp.join(root, spec.readme)):
            raise KeyError(f'{path} is not a task README of the repository at {root}')
        if not osp.isfile(path):
            raise FileNotFoundError(f'{path} does not exist')
        if spec not in specs:
            specs.append(spec)
    return specs


def _config_issues(root: str, show: str, models: Iterable[ZooModel],
                   checker: Optional[ModelBuildChecker]) -> Tuple[List[Issue], int]:
    """Configs exist (and build); external configs are noted. Returns the issues and how many
    configs were built."""
    issues, built = [], 0
    for model in models:
        if model.external:
            issues.append(Issue(show, model.line, f'{model.name}: external config '
                                                  f'{model.config} (not built here)', NOTE))
            continue
        path = osp.join(root, model.config)
        if not osp.isfile(path):
            issues.append(Issue(show, model.line, f'config {model.config} does not exist'))
        elif checker is not None:
            built += 1
            error = checker.check(path)
            if error:
                issues.append(Issue(show, model.line, f'{model.config}: {error}'))
    return issues, built


def _metafile_issues(root: str, show: str, task: TaskModels) -> List[Issue]:
    """The task's metafile has an up-to-date entry for every row, and nothing else."""
    metafile = task.spec.metafile
    on_disk = read_metafile(root, task.spec)
    if not on_disk:
        return [Issue(show, 1, f'{metafile} is missing: {_FIX_INDEX}')]
    entries = {entry.get('Name'): entry for entry in on_disk.get('Models') or []}
    collections = {entry.get('Name'): entry for entry in on_disk.get('Collections') or []}
    issues = []
    for model in task.models:
        entry = entries.pop(model.name, None)
        if entry is None:
            issues.append(Issue(show, model.line, f'{metafile} has no entry for {model.name}: '
                                                  f'{_FIX_INDEX}'))
            continue
        fields = _differences(model_entry(model), entry)
        collection = collections.get(collection_name(model))
        if collection != collection_entry(model):
            fields.append(f'collection {collection_name(model)!r}')
        if fields:
            issues.append(Issue(show, model.line, f'the entry for {model.name} in {metafile} '
                                                  f'differs from this row ({", ".join(fields)}): '
                                                  f'{_FIX_INDEX}'))
    if not task.problems:
        issues += [Issue(show, 1, f'{metafile} lists {name}, which has no row here: {_FIX_INDEX}')
                   for name in entries]
        expected = dump_yaml(metafile_content(task.models), task.spec.readme)
        if not issues and read_file(osp.join(root, metafile)) != expected:
            issues.append(Issue(show, 1, f'{metafile} is out of date: {_FIX_INDEX}'))
    return issues


def _differences(expected: Dict[str, Any], actual: Dict[str, Any]) -> List[str]:
    keys = list(expected) + [key for key in actual if key not in expected]
    return [key for key in keys if expected.get(key) != actual.get(key)]


def _name_issues(root: str, tasks: Iterable[TaskModels], reviewed: Iterable[str]) -> List[Issue]:
    """Model names are unique across the zoo (mim finds configs by name)."""
    first: Dict[str, ZooModel] = {}
    issues = []
    for model in (model for task in tasks for model in task.models):
        if model.name in first and model.task in reviewed:
            other = first[model.name]
            issues.append(Issue(display_path(root, model.readme), model.line,
                                f'model name {model.name} is already used at '
                                f'{display_path(root, other.readme)}:{other.line}'))
        first.setdefault(model.name, model)
    return issues


def _index_issues(root: str, tasks: Iterable[TaskModels]) -> List[Issue]:
    """model-index.yml imports every metafile (checked when all READMEs are well-formed)."""
    if any(task.problems for task in tasks):
        return []
    try:
        expected = generate(root)[INDEX_FILE]
    except ZooIndexError:
        return []  # duplicate names: reported by _name_issues
    if read_file(osp.join(root, INDEX_FILE)) != expected:
        return [Issue(display_path(root, INDEX_FILE), 1, f'{INDEX_FILE} is missing or out of '
                                                         f'date: {_FIX_INDEX}')]
    return []
