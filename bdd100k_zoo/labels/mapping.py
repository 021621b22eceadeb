"""Mapping raw BDD100K category names onto a task's classes, as the official evaluation does.

The official configs first rename synonyms (``NAME_MAPPING``: bike -> bicycle, ...), then turn a few
categories into ignored regions of a class (``IGNORE_MAPPING``: "other person" -> ignored pedestrian,
...). Any other name outside the task's classes is an error.
"""
from typing import Dict, NamedTuple, Optional, Sequence

from .categories import IGNORE_MAPPING, NAME_MAPPING


class MappedCategory(NamedTuple):
    """A label's class after mapping: its name, its index in the class list, and whether ignored."""

    name: str
    index: int
    ignored: bool


class CategoryMapper:
    """Maps raw category names onto a class list (a lookup table built once).

    Args:
        classes: the task's classes, in model order.
    """

    def __init__(self, classes: Sequence[str]) -> None:
        self.classes = tuple(classes)
        index = {name: i for i, name in enumerate(self.classes)}
        self._table: Dict[str, MappedCategory] = {
            name: MappedCategory(name, i, False) for name, i in index.items()}
        for raw, name in NAME_MAPPING.items():
            if name in index and raw not in index:
                self._table[raw] = MappedCategory(name, index[name], False)
        for raw, name in IGNORE_MAPPING.items():
            if name in index and raw not in self._table:
                self._table[raw] = MappedCategory(name, index[name], True)

    def __call__(self, category: str) -> Optional[MappedCategory]:
        """The mapped class of ``category``, or ``None`` if it is unknown to this task."""
        return self._table.get(category)

    def known_names(self) -> Sequence[str]:
        """Every raw name this mapper accepts (classes, synonyms, ignored categories)."""
        return tuple(self._table)
