"""Publishing a trained checkpoint: strip it, write it with its MD5, and draft its README row.

The published file holds only what inference needs, in types that ``torch.load(weights_only=True)``
accepts without any allow-list::

    {'state_dict': {name: tensor},
     'meta': {'config_name': ..., 'task': ..., 'mmengine_version': ..., 'torch_version': ...,
              'dataset_meta': {'classes': [...], 'palette': [[r, g, b], ...]}}}

No optimizer, parameter scheduler or message hub. ``<name>.md5`` beside it holds md5sum's line
``<md5>  <name>.pth`` (``md5sum -c <name>.md5`` checks it; the hub also accepts a bare hash).
"""
import io
import os.path as osp
import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

import mmengine
import torch
import yaml

from ..export.atomic import write_bytes
from ..hub.md5 import md5_file_text, new_md5
from ..runtime.checkpoint import safe_load
from .tasks import DATASET, TASKS, TaskSpec

#: Where the earlier zoo published its files; a model's files live below ``<base>/<task>``.
DEFAULT_URL_BASE = 'https://dl.cv.ethz.ch/bdd100k'
PLACEHOLDER = '?'
_NAME = re.compile(r'[a-z0-9][a-z0-9_.-]*')


class PublishError(ValueError):
    """The checkpoint or the model name cannot be published."""


@dataclass(frozen=True)
class Published:
    """What :func:`publish` wrote and drafted.

    Attributes:
        checkpoint: the path of the stripped ``<name>.pth``.
        md5_path: the path of ``<name>.md5``.
        md5: the checkpoint's MD5.
        readme: the README the row belongs to (relative to the repository root).
        row: the README row, with ``?`` where the contributor fills in settings and numbers.
        entry: the model's metafile entry as ``bdd100k-zoo zoo-index`` will write it, minus the
            numbers and settings it takes from the row.
    """
    checkpoint: str
    md5_path: str
    md5: str
    readme: str
    row: str
    entry: str


def find_model_config(root: str, name: str, task: Optional[str] = None) -> Dict[str, str]:
    """Locates the config ``<task>/configs/<dir>/<name>.py`` of the repository at ``root``.

    Returns:
        ``{'task': ..., 'config_dir': ..., 'path': <relative to root>}``.

    Raises:
        PublishError: no such config (the model name is its config name), or several.
    """
    specs = [TASKS[task]] if task else list(TASKS.values())
    found = [{'task': spec.name, 'config_dir': config_dir,
              'path': f'{spec.name}/configs/{config_dir}/{name}.py'}
             for spec in specs for config_dir in spec.config_dirs
             if osp.isfile(osp.join(root, spec.name, 'configs', config_dir, f'{name}.py'))]
    if not found:
        where = f'{task}/configs/*/' if task else '<task>/configs/*/'
        raise PublishError(f'no config {where}{name}.py in {root}: a model is named after its '
                           f'config, write (or name) the config first')
    if len(found) > 1:
        raise PublishError(f'{name} names several configs: '
                           f'{", ".join(f["path"] for f in found)}; pass --task')
    return found[0]


def strip_checkpoint(checkpoint: Any, name: str, task: str) -> Dict[str, Any]:
    """The publishable content of a loaded mmengine checkpoint (see the module docstring).

    Raises:
        PublishError: the checkpoint holds no tensors.
    """
    state = checkpoint.get('state_dict', checkpoint) if isinstance(checkpoint, dict) else None
    if not isinstance(state, dict):
        raise PublishError('the checkpoint is not a dict with a state_dict')
    tensors = OrderedDict((key, value.detach().cpu()) for key, value in state.items()
                          if isinstance(value, torch.Tensor))
    if not tensors:
        raise PublishError('the checkpoint has no weights (its state_dict holds no tensors)')
    old_meta = checkpoint.get('meta') or {}
    meta: Dict[str, Any] = {
        'config_name': name, 'task': task,
        'mmengine_version': str(old_meta.get('mmengine_version') or mmengine.__version__),
        'torch_version': str(torch.__version__)}
    dataset_meta = _plain_dataset_meta(old_meta.get('dataset_meta') or {})
    if dataset_meta:
        meta['dataset_meta'] = dataset_meta
    return {'state_dict': tensors, 'meta': meta}


def _plain_dataset_meta(dataset_meta: Dict[str, Any]) -> Dict[str, Any]:
    """``classes`` and ``palette`` as lists of str / lists of int (numpy values converted)."""
    plain: Dict[str, Any] = {}
    if dataset_meta.get('classes') is not None:
        plain['classes'] = [str(name) for name in dataset_meta['classes']]
    if dataset_meta.get('palette') is not None:
        plain['palette'] = [[int(v) for v in color] for color in dataset_meta['palette']]
    return plain


def publish(checkpoint_path: str, name: str, out_dir: str, root: str, task: Optional[str] = None,
            url_base: Optional[str] = None) -> Published:
    """Writes ``<out_dir>/<name>.pth`` (stripped) and ``<name>.md5``, and drafts the README row.

    Args:
        checkpoint_path: the trained checkpoint (loaded safely, see
            :func:`bdd100k_zoo.runtime.checkpoint.safe_load`).
        name: the model name, which is the name of its config in this repository.
        out_dir: where to write the two files.
        root: the repository root (to find the config).
        task: the task folder, if the name alone is ambiguous.
        url_base: the folder URL the files will be uploaded to (the row's links point below it);
            default: the zoo's layout under :data:`DEFAULT_URL_BASE`.

    Raises:
        PublishError: bad name, no config, or a checkpoint without weights.
        bdd100k_zoo.runtime.checkpoint.CheckpointLoadError: the checkpoint holds objects that
            are not allowed, or is not readable by the safe loader (it is not executed).
    """
    if not _NAME.fullmatch(name):
        raise PublishError(f'model name {name!r}: use lower case letters, digits and _ . -')
    config = find_model_config(root, name, task)
    spec = TASKS[config['task']]
    content = strip_checkpoint(safe_load(checkpoint_path, map_location='cpu'), name, spec.name)
    buffer = io.BytesIO()
    torch.save(content, buffer)
    data = buffer.getvalue()
    digest = new_md5()
    digest.update(data)
    md5 = digest.hexdigest()
    checkpoint = osp.join(out_dir, f'{name}.pth')
    md5_path = osp.join(out_dir, f'{name}.md5')
    write_bytes(checkpoint, data)
    write_bytes(md5_path, md5_file_text(md5, f'{name}.pth').encode())
    base = (url_base or _default_url_base(spec, config['config_dir'])).rstrip('/')
    row = readme_row(spec, name, config['config_dir'], base)
    entry = _entry_text(spec, name, config, f'{base}/models/{name}.pth')
    return Published(checkpoint, md5_path, md5, spec.readme, row, entry)


def _default_url_base(spec: TaskSpec, config_dir: str) -> str:
    """``<base>/<task>``, plus ``/<config dir>`` for tasks with several config folders."""
    suffix = f'/{config_dir}' if len(spec.config_dirs) > 1 else ''
    return f'{DEFAULT_URL_BASE}/{spec.name}{suffix}'


def readme_row(spec: TaskSpec, name: str, config_dir: str, base: str) -> str:
    """A README row for a model, links filled in, ``?`` for settings and numbers."""
    links = {
        'Scores-val': f'[scores]({base}/scores-val/{name}.json)',
        'Scores-test': f'[scores]({base}/scores-test/{name}.json)',
        'Config': f'[config](./configs/{config_dir}/{name}.py)',
        'Weights': f'[model]({base}/models/{name}.pth) \\| [MD5]({base}/models/{name}.md5)',
        'Preds': f'[preds]({base}/preds/{name}.json)',
        'Visuals': f'[visuals]({base}/visuals/{name}.zip)'}
    cells: List[str] = [links.get(column, PLACEHOLDER) for column in spec.columns]
    return '| ' + ' | '.join(cells) + ' |'


def _entry_text(spec: TaskSpec, name: str, config: Dict[str, str], weights: str) -> str:
    """The metafile entry preview: what zoo-index takes from the row is left as a description."""
    task = spec.results_task(config['config_dir'])
    entry = {'Name': name, 'In Collection': f'<Method> ({spec.name})', 'Config': config['path'],
             'Metadata': '<the setting columns of the row>',
             'Results': f'<Task: {task}, Dataset: {DATASET}, Metrics: the val numbers of the '
                        f'row>',
             'Weights': weights}
    return yaml.safe_dump([entry], sort_keys=False, width=120)
