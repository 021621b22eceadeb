"""Comparing a checkpoint's weights with a model's: missing, unexpected, reshaped ones by name.

The one comparison behind every path a checkpoint takes into a model of the zoo: ``load_from`` and
``--resume`` of the tools (:class:`~bdd100k_zoo.runtime.hooks.BDD100KCheckWeightsHook`),
``bdd100k-zoo infer`` on images (:func:`bdd100k_zoo.inference.model.load_weights`) and
``bdd100k-zoo check-weights``. Weights of the model that the checkpoint lacks, or holds with another
shape, fail the load unless partial loading is allowed (fine-tuning: those weights keep their
initial values); weights of the checkpoint the model does not use are reported and skipped.

The checkpoint is read as mmengine loads it: its ``state_dict`` (or the checkpoint itself when it is
a plain state dict), a leading ``module.`` stripped from every key, then seen as the model's own
loading code sees it (its load-state-dict pre-hooks and ``_load_from_state_dict`` methods convert
the keys of older checkpoints and resize position embeddings), and a missing BatchNorm
``num_batches_tracked`` counter is not counted as missing (mmengine ignores it as well).
"""
import copy
import logging
import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Type

import torch
from mmengine.logging import print_log

#: mmengine's default ``revise_keys``: the prefix model wrappers (DDP) add to every key.
WRAPPER_PREFIX = re.compile(r'^module\.')
#: Weights a checkpoint may lack without harm: BatchNorm's batch counter (mmengine ignores it too).
OPTIONAL_KEY = re.compile(r'(^|\.)num_batches_tracked$')
#: How many names (or groups of names) a report lists per kind by default.
LISTED = 10


class WeightsMismatchError(RuntimeError):
    """A checkpoint's weights do not fit a model: some of the model's weights are missing from it
    or have another shape there.

    Attributes:
        report: the comparison, with every name.
    """

    def __init__(self, report: 'WeightsReport', hint: str = '') -> None:
        self.report = report
        super().__init__(report.describe() + (f'\n{hint}' if hint else ''))


@dataclass(frozen=True)
class ShapeMismatch:
    """A weight the model and the checkpoint hold with different shapes.

    Attributes:
        key: the weight's name.
        model: its shape in the model.
        checkpoint: its shape in the checkpoint (None: the checkpoint holds no tensor there).
    """
    key: str
    model: Tuple[int, ...]
    checkpoint: Optional[Tuple[int, ...]]

    def __str__(self) -> str:
        held = 'no tensor' if self.checkpoint is None else list(self.checkpoint)
        return f'size mismatch for {self.key}: checkpoint {held}, model {list(self.model)}'


def _plural(count: int, singular: str, plural: str) -> str:
    return singular if count == 1 else plural


def shortened(names: Sequence[str], limit: Optional[int] = LISTED,
              details: Optional[Mapping[str, str]] = None) -> List[str]:
    """The lines that list ``names``: every name (or its line in ``details``) while there are at
    most ``limit`` of them (or ``limit`` is None), else the names grouped by their first two
    components (``backbone.layer1.* (30 weights)``), at most ``limit`` groups and a line counting
    the rest."""
    details = details or {}
    if limit is None or len(names) <= limit:
        return [details.get(name, name) for name in names]
    groups: Dict[str, List[str]] = OrderedDict()
    for name in names:
        groups.setdefault('.'.join(name.split('.')[:2]), []).append(name)
    lines = [details.get(members[0], members[0]) if len(members) == 1
             else f'{prefix}.* ({len(members)} weights)' for prefix, members in groups.items()]
    if len(lines) <= limit:
        return lines
    rest = sum(len(members) for members in list(groups.values())[limit:])
    others = len(groups) - limit
    return lines[:limit] + [f'... and {rest} more {_plural(rest, "weight", "weights")} under '
                            f'{others} other {_plural(others, "module", "modules")}']


@dataclass(frozen=True)
class WeightsReport:
    """How a checkpoint's weights compare with a model's, name by name.

    Attributes:
        checkpoint: how to name the checkpoint (its path or URL).
        model: how to name the model (its config).
        matched: the model's weights the checkpoint holds with the same shape, in the model's order.
        missing: the model's weights the checkpoint lacks, in the model's order.
        unexpected: the checkpoint's weights the model does not have, in the checkpoint's order.
        mismatched: the weights both hold, with different shapes, in the model's order.
    """
    checkpoint: str
    model: str
    matched: Tuple[str, ...]
    missing: Tuple[str, ...]
    unexpected: Tuple[str, ...]
    mismatched: Tuple[ShapeMismatch, ...]

    @property
    def fits(self) -> bool:
        """Every weight of the model is in the checkpoint, with its shape."""
        return not self.missing and not self.mismatched

    @property
    def exact(self) -> bool:
        """The checkpoint fits and holds nothing else."""
        return self.fits and not self.unexpected

    def headline(self) -> str:
        """One line: whether the checkpoint fits, and every count."""
        counts = [
            f'{len(self.matched)} {_plural(len(self.matched), "weight matches", "weights match")}',
            f'{len(self.missing)} of the model\'s weights '
            f'{_plural(len(self.missing), "is", "are")} missing from it',
            f'{len(self.mismatched)} {_plural(len(self.mismatched), "has", "have")} another shape '
            f'there',
            f'{len(self.unexpected)} of its weights {_plural(len(self.unexpected), "is", "are")} '
            f'not used by the model']
        verdict = 'fits' if self.fits else 'does not fit'
        return f'checkpoint {self.checkpoint} {verdict} the model of {self.model}: ' + \
            ', '.join(counts)

    def describe(self, limit: Optional[int] = LISTED) -> str:
        """The headline and, per kind, the names (see :func:`shortened`; None lists every one)."""
        shapes = {mismatch.key: str(mismatch) for mismatch in self.mismatched}
        sections = (('missing from the checkpoint', self.missing),
                    ('another shape in the checkpoint', tuple(shapes)),
                    ('in the checkpoint, not used by the model', self.unexpected))
        lines = [self.headline()]
        for title, names in sections:
            if names:
                lines.append(f'  {title} ({len(names)}):')
                lines.extend(f'    {line}' for line in shortened(names, limit, shapes))
        return '\n'.join(lines)

    def __str__(self) -> str:
        return self.describe()

    def check(self, allow_missing: bool = False, hint: str = '',
              error: Type[WeightsMismatchError] = WeightsMismatchError) -> None:
        """Fails unless the checkpoint fits; logs a warning about what does not match otherwise.

        Args:
            allow_missing: partial loading: missing and reshaped weights are a warning (they keep
                the model's initial values) instead of an error.
            hint: a line added to the error (e.g. how to allow partial loading).
            error: the class of the error (a subclass of :class:`WeightsMismatchError`).

        Raises:
            WeightsMismatchError: (or ``error``) weights of the model are missing from the
                checkpoint or have other shapes there, and ``allow_missing`` is false.
        """
        if not self.fits and not allow_missing:
            raise error(self, hint)
        if not self.exact:
            note = '' if self.fits else (
                '\npartial loading is allowed: the missing and reshaped weights keep the '
                'model\'s initial values')
            print_log(self.describe() + note, logger='current', level=logging.WARNING)


def checkpoint_state_dict(checkpoint: Mapping[str, Any]) -> 'OrderedDict[str, Any]':
    """The weights of a checkpoint as mmengine loads them: its ``state_dict`` (or the checkpoint
    itself, a plain state dict) with a leading ``module.`` stripped from every key.

    The result is a new dict (the checkpoint is not changed) keeping the state dict's
    ``_metadata`` (the module versions torch's loading reads).
    """
    state = checkpoint.get('state_dict', checkpoint)
    revised: 'OrderedDict[str, Any]' = OrderedDict(
        (WRAPPER_PREFIX.sub('', key), value) for key, value in state.items())
    revised._metadata = getattr(state, '_metadata', OrderedDict())  # type: ignore[attr-defined]
    return revised


def _stand_in(module: torch.nn.Module) -> torch.nn.Module:
    """A shallow copy of a module tree whose parameters and buffers are empty meta tensors of the
    same shapes: loading into it runs the modules' own loading code, copies nothing and leaves the
    module unchanged."""
    clone = copy.copy(module)
    clone._parameters = OrderedDict(
        (name, None if value is None else torch.nn.Parameter(
            torch.empty(value.shape, dtype=value.dtype, device='meta'), value.requires_grad))
        for name, value in module._parameters.items())
    clone._buffers = OrderedDict(
        (name, None if value is None else torch.empty(value.shape, dtype=value.dtype,
                                                       device='meta'))
        for name, value in module._buffers.items())
    clone._modules = OrderedDict((name, None if child is None else _stand_in(child))
                                 for name, child in module._modules.items())
    return clone


def _as_loaded(model: torch.nn.Module, state: 'OrderedDict[str, Any]') -> Dict[str, Any]:
    """``state`` as the model's loading sees it: after the load-state-dict pre-hooks and the
    ``_load_from_state_dict`` of its modules, which rename, resize or drop entries of older
    checkpoints (mmpose 0.x heads, mmpretrain position embeddings, mmdet's RPN/bbox heads, ...).

    Runs torch's loading recursion (each module's part of the state dict, the parent's version of
    it after the module's own loading) on a :func:`_stand_in` of the model.
    """
    metadata = getattr(state, '_metadata', {})

    def load(module: torch.nn.Module, local: Dict[str, Any], prefix: str) -> None:
        # assign: the stand-in takes the checkpoint's tensors as they are (no copy, no warning)
        local_metadata = dict(metadata.get(prefix[:-1], {}), assign_to_params_buffers=True)
        module._load_from_state_dict(local, prefix, local_metadata, False, [], [], [])
        for name, child in module._modules.items():
            if child is None:
                continue
            child_prefix = f'{prefix}{name}.'
            child_local = {key: value for key, value in local.items()
                           if key.startswith(child_prefix)}
            load(child, child_local, child_prefix)
            for key in [key for key in local if key.startswith(child_prefix)]:
                del local[key]
            local.update(child_local)

    revised = dict(state)
    with torch.no_grad():
        load(_stand_in(model), revised, '')
    return revised


def _shape(value: Any) -> Optional[Tuple[int, ...]]:
    return tuple(value.shape) if isinstance(value, torch.Tensor) else None


def compare_weights(model: torch.nn.Module, checkpoint: Mapping[str, Any],
                    checkpoint_name: str = 'the checkpoint',
                    model_name: Optional[str] = None) -> WeightsReport:
    """Compares the weights (parameters and persistent buffers) of a model with a checkpoint's.

    Args:
        model: the model (not a wrapper such as DDP: pass its ``module``).
        checkpoint: an mmengine checkpoint (weights under ``state_dict``) or a plain state dict.
        checkpoint_name: how reports name the checkpoint.
        model_name: how reports name the model (default: its class name).
    """
    own = model.state_dict()
    given = checkpoint_state_dict(checkpoint)
    state = _as_loaded(model, given)
    matched, missing, mismatched = [], [], []
    for key, value in own.items():
        if key not in state:
            if not OPTIONAL_KEY.search(key):
                missing.append(key)
        elif _shape(state[key]) != tuple(value.shape):
            mismatched.append(ShapeMismatch(key, tuple(value.shape), _shape(state[key])))
        else:
            matched.append(key)
    order = {key: index for index, key in enumerate(given)}
    unexpected = sorted((key for key in state if key not in own),
                        key=lambda key: order.get(key, len(order)))
    return WeightsReport(checkpoint_name, model_name or type(model).__name__, tuple(matched),
                         tuple(missing), tuple(unexpected), tuple(mismatched))
