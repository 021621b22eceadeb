"""The zoo's model index: which checkpoint belongs to which model name and config.

``model-index.yml`` (mim's format) lists per-task metafiles under ``Import``; every entry of a
metafile's ``Models`` has a ``Name``, a ``Config`` and ``Weights`` (the checkpoint URL). A model's
task is the folder of its metafile: the models of ``det/metafile.yml`` are ``det`` models.
"""
import difflib
import os
import os.path as osp
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import List, Optional

import mmengine

from .errors import HubError, ModelIndexNotFoundError, ModelNotFoundError

#: Environment variable naming the ``model-index.yml`` to use instead of the installed one.
ENV_MODEL_INDEX = 'BDD100K_ZOO_MODEL_INDEX'
INDEX_NAME = 'model-index.yml'
_PACKAGE_DIR = osp.dirname(osp.dirname(osp.abspath(__file__)))


@dataclass(frozen=True)
class ModelEntry:
    """One model of the index.

    Attributes:
        name: the model name (``Name``).
        task: the folder of its metafile (``det``, ``ins_seg``, ``tagging``, ...).
        config: its config path relative to the index (``Config``; empty if missing).
        weights: its checkpoint URL (``Weights``; None if the model has none).
    """
    name: str
    task: str
    config: str
    weights: Optional[str]


def index_candidates() -> List[str]:
    """Where the model index is looked for: the installed copy (``bdd100k_zoo/.mim``), then the
    repository root next to the package (a source checkout)."""
    return [osp.join(_PACKAGE_DIR, '.mim', INDEX_NAME),
            osp.join(osp.dirname(_PACKAGE_DIR), INDEX_NAME)]


def find_model_index(path: Optional[str] = None) -> str:
    """The path of the model index: ``path``, else ``$BDD100K_ZOO_MODEL_INDEX``, else the first of
    :func:`index_candidates` that exists.

    Raises:
        ModelIndexNotFoundError: the given file does not exist, or no candidate exists.
    """
    explicit = path or os.environ.get(ENV_MODEL_INDEX)
    if explicit:
        if not osp.isfile(explicit):
            raise ModelIndexNotFoundError(f'model index {explicit} does not exist')
        return explicit
    for candidate in index_candidates():
        if osp.isfile(candidate):
            return candidate
    raise ModelIndexNotFoundError(
        f'no {INDEX_NAME} found (looked for {" and ".join(index_candidates())}); set '
        f'{ENV_MODEL_INDEX} to its path')


def load_model_index(path: Optional[str] = None) -> List[ModelEntry]:
    """Every model of the index found by :func:`find_model_index`, in file order."""
    index_path = find_model_index(path)
    root = osp.dirname(osp.abspath(index_path))
    index = mmengine.load(index_path) or {}
    entries: List[ModelEntry] = []
    for metafile in index.get('Import') or []:
        entries.extend(_read_metafile(root, metafile))
    return entries


def _read_metafile(root: str, metafile: str) -> List[ModelEntry]:
    """The models of one metafile (``<task>/metafile.yml``, relative to the index)."""
    parts = PurePosixPath(metafile).parts
    if len(parts) < 2:
        raise HubError(f'cannot tell the task of the models in {metafile}: metafiles are expected '
                       f'in <task>/metafile.yml')
    path = osp.join(root, metafile)
    models = (mmengine.load(path) or {}).get('Models') or []
    for model in models:
        if 'Name' not in model:
            raise HubError(f'{path}: a model has no Name: {model}')
    return [ModelEntry(name=model['Name'], task=parts[0], config=model.get('Config') or '',
                       weights=model.get('Weights')) for model in models]


def _config_stem(config: str) -> str:
    """``det/configs/det/x_det_bdd100k.py`` -> ``x_det_bdd100k``."""
    return osp.splitext(osp.basename(config))[0]


def find_model(target: str, path: Optional[str] = None) -> ModelEntry:
    """The model named ``target``, or whose config is ``target`` (a path or a basename).

    Args:
        target: a model name, a config path, or a config basename with or without ``.py``.
        path: the model index (see :func:`find_model_index`).

    Raises:
        ModelNotFoundError: no model matches (the message suggests close names), or several do.
    """
    entries = load_model_index(path)
    matches = [entry for entry in entries if entry.name == target]
    if not matches:
        stem = _config_stem(target)
        matches = [entry for entry in entries
                   if entry.name == stem or (entry.config and _config_stem(entry.config) == stem)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ModelNotFoundError(f'{target!r} matches several models: '
                                 f'{", ".join(entry.name for entry in matches)}')
    close = difflib.get_close_matches(_config_stem(target), [entry.name for entry in entries])
    hint = f'; did you mean {" or ".join(close)}?' if close else ''
    raise ModelNotFoundError(f'no model named {target!r} or with that config in '
                             f'{find_model_index(path)}{hint}')
