"""Features of named sub-modules, captured by forward hooks during one forward pass.

A layer spec is ``'<module path>:in'`` (the module's first input) or ``'<module path>:out'`` (its
output), e.g. ``'decode_head.conv_seg:in'`` is the feature the classifier of an mmseg head sees.
"""
import contextlib
from typing import Dict, Iterator, Sequence, Tuple

from torch import Tensor, nn

#: The two places of a module a feature is taken from.
PLACES = ('in', 'out')


def parse_spec(spec: str) -> Tuple[str, str]:
    """``(module path, 'in' | 'out')`` of a layer spec.

    Raises:
        ValueError: not ``<path>:in`` or ``<path>:out``.
    """
    path, _, place = spec.rpartition(':')
    if not path or place not in PLACES:
        raise ValueError(f'bad layer spec {spec!r}: expected "<module path>:in" or '
                         f'"<module path>:out", e.g. "decode_head.conv_seg:in"')
    return path, place


def find_module(model: nn.Module, spec: str) -> nn.Module:
    """The sub-module a layer spec names.

    Raises:
        ValueError: bad spec, or no such module (the message lists a few valid paths).
    """
    path, _ = parse_spec(spec)
    modules = dict(model.named_modules())
    if path not in modules:
        prefix = path.rpartition('.')[0]
        near = [name for name in modules if name and name.startswith(prefix)][:8]
        raise ValueError(f'layer spec {spec!r}: the model has no module {path!r} (e.g. '
                         f'{", ".join(near)})')
    return modules[path]


def _as_tensor(value: object, spec: str) -> Tensor:
    """The feature tensor of a hook's input tuple or output."""
    if isinstance(value, (tuple, list)):
        value = value[0] if value else None
    if not isinstance(value, Tensor) or value.dim() != 4:
        raise ValueError(f'layer spec {spec!r}: the module does not see an N x D x H x W tensor '
                         f'there')
    return value


@contextlib.contextmanager
def capture(model: nn.Module, specs: Sequence[str]) -> Iterator[Dict[str, Tensor]]:
    """Captures the features of ``specs`` while the block runs (the last call of each module).

    Yields:
        ``{spec: N x D x h x w tensor}``, filled by the forward passes inside the block.

    Raises:
        ValueError: a bad spec or module path (before anything runs).
    """
    found: Dict[str, Tensor] = {}
    handles = []
    try:
        for spec in dict.fromkeys(specs):
            module = find_module(model, spec)
            if parse_spec(spec)[1] == 'in':
                handles.append(module.register_forward_hook(
                    lambda _m, args, _out, spec=spec: found.__setitem__(
                        spec, _as_tensor(args, spec).detach())))
            else:
                handles.append(module.register_forward_hook(
                    lambda _m, _args, out, spec=spec: found.__setitem__(
                        spec, _as_tensor(out, spec).detach())))
        yield found
    finally:
        for handle in handles:
            handle.remove()
