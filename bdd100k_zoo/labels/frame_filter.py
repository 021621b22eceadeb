"""A dataset option keeping the frames of some Scalabel frame attributes, then a random number.

The BDD100K paper's domain study (its Table 4) trains one detector per domain on the same number of
images: ``frame_filter=dict(include=dict(scene=['city street']), num_frames=30000, seed=0)`` keeps
the city-street frames, ``exclude=`` everything else, and ``num_frames`` a random subset of what the
attributes keep (the same frames for the same seed and label file). A frame without an attribute
the filter names is in neither domain of it and is dropped, as the metrics' slices leave it out
(:mod:`bdd100k_zoo.evaluation.slicing`).
"""
import numbers
from dataclasses import dataclass, field
from typing import Any, Dict, FrozenSet, Mapping, Optional, Sequence

import numpy as np

from .categories import TAGGING_ATTRIBUTES

#: The name of the option in dataset configs (errors name it).
OPTION = 'frame_filter'
#: The keys the option accepts.
OPTION_KEYS = ('include', 'exclude', 'num_frames', 'seed')


@dataclass(frozen=True)
class FrameFilter:
    """Which frames a dataset keeps.

    Attributes:
        include: ``{attribute: values}``: a kept frame has one of the values of each attribute.
        exclude: ``{attribute: values}``: a kept frame has each attribute, with none of its values.
        num_frames: keep this many of the frames the attributes select, drawn at random (all if
            ``None``).
        seed: the seed of that draw.
        source: the label file it selects from, named in errors.
    """

    include: Mapping[str, FrozenSet[str]] = field(default_factory=dict)
    exclude: Mapping[str, FrozenSet[str]] = field(default_factory=dict)
    num_frames: Optional[int] = None
    seed: int = 0
    source: str = 'labels'

    def matches(self, attributes: Optional[Mapping[str, Any]]) -> bool:
        """Whether a frame with these frame ``attributes`` is in the selected domain (a frame
        without an attribute the filter names is not)."""
        attributes = attributes if isinstance(attributes, Mapping) else {}
        for chosen, wanted in ((self.include, True), (self.exclude, False)):
            for name, values in chosen.items():
                value = attributes.get(name)
                if not isinstance(value, str) or (value in values) != wanted:
                    return False
        return True

    def select(self, attribute_sets: Sequence[Optional[Mapping[str, Any]]],
               codes: Optional[np.ndarray] = None) -> np.ndarray:
        """The positions of the kept frames, in file order.

        Args:
            attribute_sets: each frame's attribute dict, or (with ``codes``) the distinct ones.
            codes: per frame, the index of its attribute dict in ``attribute_sets`` (e.g. a
                :class:`~.frame_table.FrameTable`'s ``frame_attributes``); default: one each.

        Raises:
            ValueError: no frame has the selected attributes, or fewer than ``num_frames`` (names
                the label file, the option and the counts).
        """
        in_domain = np.array([self.matches(item) for item in attribute_sets], dtype=bool)
        kept = np.flatnonzero(in_domain if codes is None else in_domain[codes])
        if not len(kept):
            raise ValueError(f'{self.source}: {OPTION}: no frame has the selected attributes '
                             f'(include {sorted_values(self.include)}, exclude '
                             f'{sorted_values(self.exclude)})')
        if self.num_frames is None:
            return kept
        if self.num_frames > len(kept):
            raise ValueError(f'{self.source}: {OPTION}: num_frames={self.num_frames} but only '
                             f'{len(kept)} frames have the selected attributes')
        drawn = np.random.default_rng(self.seed).choice(kept, size=self.num_frames, replace=False)
        return np.sort(drawn)


def parse_frame_filter(option: Mapping[str, Any], source: str) -> FrameFilter:
    """Checks a dataset's ``frame_filter`` option and builds its :class:`FrameFilter`.

    Args:
        option: ``dict(include={attribute: value(s)}, exclude={attribute: value(s)},
            num_frames=N, seed=S)``, every key optional; attributes are ``weather``, ``scene``
            and ``timeofday``, values their official values.
        source: the label file of the dataset, named in errors.

    Raises:
        ValueError: an unknown key, attribute or value, or a ``num_frames`` or ``seed`` that is
            not an integer (names ``source`` and the option).
    """
    place = f'{source}: {OPTION}'
    if not isinstance(option, Mapping):
        raise ValueError(f'{place}: expected a dict with keys {", ".join(OPTION_KEYS)}, got '
                         f'{option!r}')
    unknown = sorted(set(option) - set(OPTION_KEYS))
    if unknown:
        raise ValueError(f'{place}: unknown keys {unknown} (expected {", ".join(OPTION_KEYS)})')
    num_frames, seed = option.get('num_frames'), option.get('seed', 0)
    if num_frames is not None and not (is_integer(num_frames) and num_frames > 0):
        raise ValueError(f'{place}: num_frames must be a positive integer, got {num_frames!r}')
    if not is_integer(seed):
        raise ValueError(f'{place}: seed must be an integer, got {seed!r}')
    return FrameFilter(attribute_values(option.get('include') or {}, f'{place}.include'),
                       attribute_values(option.get('exclude') or {}, f'{place}.exclude'),
                       None if num_frames is None else int(num_frames), int(seed), source)


def attribute_values(chosen: Any, place: str) -> Dict[str, FrozenSet[str]]:
    """``{attribute: values}`` of an ``include`` or ``exclude`` (a value or a list of values)."""
    if not isinstance(chosen, Mapping):
        raise ValueError(f'{place}: expected a dict of attribute: value(s), got {chosen!r}')
    out = {}
    for name, values in chosen.items():
        known = TAGGING_ATTRIBUTES.get(name)
        if known is None:
            raise ValueError(f'{place}: unknown attribute {name!r} (expected one of '
                             f'{", ".join(TAGGING_ATTRIBUTES)})')
        values = [values] if isinstance(values, str) else values
        if (not isinstance(values, (list, tuple)) or not values
                or any(value not in known for value in values)):
            raise ValueError(f'{place}: {name} values must be some of {", ".join(known)}, got '
                             f'{values!r}')
        out[name] = frozenset(values)
    return out


def sorted_values(chosen: Mapping[str, FrozenSet[str]]) -> Dict[str, list]:
    """``{attribute: sorted values}``, for messages."""
    return {name: sorted(values) for name, values in chosen.items()}


def is_integer(value: Any) -> bool:
    """Whether ``value`` is an integer (``bool`` is not)."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)
