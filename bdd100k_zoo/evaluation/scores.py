"""The result of every evaluation: headline numbers, per-class rows and task-specific extras.

Numbers keep the official names and scale (percentages, as scalabel reports them) and are never
rounded; only :meth:`Scores.table` formats them.
"""
import math
import numbers
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Sequence

from scalabel.eval.result import Result


@dataclass
class Scores:
    """Official scores of one task.

    Attributes:
        task: the task name (one of :data:`bdd100k_zoo.evaluation.TASKS`).
        summary: the headline metrics, e.g. ``{'AP': 34.03, 'AP50': 55.32, ...}``.
        per_class: ``{class: {metric: value}}`` (NaN where a class is absent).
        extra: everything else of the task (super-categories, Cityscapes scores, ...).
    """

    task: str
    summary: Dict[str, float]
    per_class: Dict[str, Dict[str, float]] = field(default_factory=dict)
    extra: Dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> Dict[str, Any]:
        """A JSON-serialisable copy (the scores file): NaN and infinities become ``None``."""
        return {'task': self.task, 'summary': plain(self.summary),
                'per_class': plain(self.per_class), 'extra': plain(self.extra)}

    def table(self) -> str:
        """A printable text table: the summary, the per-class rows, then the extras."""
        lines = [f'{self.task} scores', '']
        lines += number_block(self.summary)
        if self.per_class:
            lines += [''] + row_table('class', self.per_class)
        for name, value in self.extra.items():
            render(name, value, lines)
        return '\n'.join(lines)


def plain(value: Any) -> Any:
    """Converts numpy scalars and containers to plain Python; non-finite floats become ``None``."""
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        value = float(value)
        return value if math.isfinite(value) else None
    return value


def format_number(value: Any) -> str:
    """Two decimals for floats, integers as they are, ``-`` for NaN/None."""
    if value is None or (isinstance(value, numbers.Real) and not math.isfinite(value)):
        return '-'
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return f'{float(value):.2f}'
    return str(value)


def is_number(value: Any) -> bool:
    """Whether ``value`` is a number (or ``None``, an undefined one) and not a bool."""
    return value is None or (isinstance(value, numbers.Real) and not isinstance(value, bool))


def number_block(values: Mapping[str, Any]) -> List[str]:
    """``name  value`` lines, names left-aligned."""
    if not values:
        return []
    width = max(len(str(name)) for name in values)
    return [f'{name:<{width}}  {format_number(value):>8}' for name, value in values.items()]


def row_table(corner: str, rows: Mapping[str, Mapping[str, Any]]) -> List[str]:
    """A table with one row per key of ``rows`` and one column per metric."""
    columns: List[str] = []
    for row in rows.values():
        columns += [name for name in row if name not in columns]
    name_width = max([len(corner)] + [len(str(name)) for name in rows])
    widths = [max(8, len(name)) for name in columns]
    header = f'{corner:<{name_width}}' + ''.join(
        f'  {name:>{width}}' for name, width in zip(columns, widths))
    lines = [header, '-' * len(header)]
    for name, row in rows.items():
        lines.append(f'{name:<{name_width}}' + ''.join(
            f'  {format_number(row.get(column)):>{width}}'
            for column, width in zip(columns, widths)))
    return lines


def render(title: str, value: Any, lines: List[str]) -> None:
    """Appends an extra to ``lines``: rows as a table, numbers as a block, dicts recursively."""
    if isinstance(value, Mapping) and value and all(
            isinstance(row, Mapping) and row and all(is_number(v) for v in row.values())
            for row in value.values()):
        lines += ['', f'[{title}]'] + row_table('name', value)
    elif isinstance(value, Mapping) and all(is_number(v) for v in value.values()):
        lines += ['', f'[{title}]'] + number_block(value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            render(f'{title}/{key}', item, lines)
    else:
        lines += ['', f'[{title}]', str(value)]


def from_result(task: str, result: Result, classes: Sequence[str]) -> Scores:
    """Turns a scalabel result into :class:`Scores`.

    Scalabel results hold, per metric, groups of ``{row name: value}``: the classes first, the
    dataset-level rows (``OVERALL``/``AVERAGE``) last, and optionally groups in between
    (super-categories, STUFF/THING, per-attribute averages). The headline numbers are scalabel's own
    ``summary()`` (which covers the dataset-level rows and the upper-case groups such as STUFF/THING
    or WEATHER); the class rows become ``per_class`` and super-category rows (tracking's human,
    vehicle, bike) become ``extra['super_categories']``.

    Args:
        task: the task name.
        result: the scalabel result.
        classes: the names of the per-class rows (other rows are never taken for classes).
    """
    summary = {name: value for name, value in result.summary().items()
               if name.split('/', 1)[-1] not in classes}
    per_class: Dict[str, Dict[str, float]] = {}
    super_categories: Dict[str, Dict[str, float]] = {}
    for metric, groups in result.dict().items():
        for group in groups if isinstance(groups, list) else ():
            for row, value in group.items():
                if row in classes:
                    per_class.setdefault(row, {})[metric] = value
                elif not row.isupper():
                    super_categories.setdefault(row, {})[metric] = value
    extra = {'super_categories': super_categories} if super_categories else {}
    return Scores(task, summary, {name: per_class[name] for name in classes if name in per_class},
                  extra)
