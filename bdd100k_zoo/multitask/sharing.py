"""Sharing modules between task models: one module object (one set of weights) in every task."""
from typing import Dict, Sequence, Tuple, Union

from torch import nn


def _parent_and_name(model: nn.Module, path: str, task: str) -> Tuple[nn.Module, str]:
    """The module holding the last attribute of the dotted ``path`` of ``model``, and that name.

    Raises:
        ValueError: ``path`` does not name a module of ``model``.
    """
    *parents, name = path.split('.')
    owner = model
    for depth, attribute in enumerate(parents + [name]):
        child = getattr(owner, attribute, None)
        if not isinstance(child, nn.Module):
            walked = '.'.join((parents + [name])[:depth + 1])
            raise ValueError(f'shared module {path!r}: the {task!r} model ({type(model).__name__}) '
                             f'has no module {walked!r}')
        if depth < len(parents):
            owner = child
    return owner, name


def _shapes(module: nn.Module) -> Dict[str, Tuple[int, ...]]:
    """Name -> shape of every tensor of the module's state dict."""
    return {key: tuple(value.shape) for key, value in module.state_dict().items()}


def _shape_mismatch(expected: Dict[str, tuple], actual: Dict[str, tuple], source: str,
                    task: str) -> str:
    """A short description of how the state-dict shapes of ``source``'s module (``expected``) and
    ``task``'s (``actual``) differ ('' when they agree)."""
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    reshaped = [f'{key} {actual[key]} vs {expected[key]}' for key in expected
                if key in actual and actual[key] != expected[key]]
    parts = [f'{label}: {", ".join(items[:3])}{" ..." if len(items) > 3 else ""}'
             for label, items in ((f'only in {source!r}', missing), (f'only in {task!r}', extra),
                                  ('other shapes', reshaped)) if items]
    return '; '.join(parts)


def _task_paths(entry: Union[str, Dict[str, str]], tasks: Sequence[str]) -> Dict[str, str]:
    """Task -> dotted path of one ``shared`` entry: a path (the same in every task) or a dict
    naming the path in each task that shares the module, in the order of ``tasks``.

    Raises:
        ValueError: the dict names a task the model does not have, or fewer than two tasks.
    """
    if isinstance(entry, str):
        return {task: entry for task in tasks}
    unknown = sorted(set(entry) - set(tasks))
    if unknown or len(entry) < 2:
        raise ValueError(f'shared entry {dict(entry)}: a dict names the module\'s path in two or '
                         f'more of the model\'s tasks {list(tasks)}')
    return {task: entry[task] for task in tasks if task in entry}


def share_modules(models: Dict[str, nn.Module],
                  entries: Sequence[Union[str, Dict[str, str]]]) -> None:
    """Sets a module of one task model into other task models, in place, for each entry.

    Args:
        models: task name -> task model.
        entries: dotted attribute paths shared by every task, e.g. ``['backbone', 'neck']``, the
            first task's module going into every other task; or dicts task -> path for modules
            at other paths in different tasks (e.g. ``dict(mot='detector.backbone',
            det='backbone')``), the module of the first of the named tasks (in the order of
            ``models``) going into the others.

    Raises:
        ValueError: a path names no module of its task model, or that task's module has other
            weights (names or shapes) than the sharing task's, so the two could not be one module.
    """
    for entry in entries:
        (first, first_path), *others = _task_paths(entry, list(models)).items()
        owner, name = _parent_and_name(models[first], first_path, first)
        shared = getattr(owner, name)
        for task, path in others:
            target_owner, target_name = _parent_and_name(models[task], path, task)
            mismatch = _shape_mismatch(_shapes(shared), _shapes(getattr(target_owner, target_name)),
                                       first, task)
            if mismatch:
                raise ValueError(f'shared module {path!r}: the {task!r} model\'s weights do not '
                                 f'match those of {first!r} ({mismatch})')
            setattr(target_owner, target_name, shared)
