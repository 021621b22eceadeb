"""What to download: a model name, config, URL or ``bdd100k://`` URI, as a checkpoint URL."""
import posixpath
from dataclasses import dataclass
from typing import Optional
from urllib.parse import unquote, urlsplit

from .errors import HubError, ModelIndexNotFoundError, ModelNotFoundError
from .index import ModelEntry, find_model, load_model_index

#: The checkpoint scheme: ``bdd100k://<task>/<model name>``.
SCHEME = 'bdd100k://'
#: The task (cache folder) of a checkpoint given by a URL that the model index does not list.
OTHER_TASK = 'other'


@dataclass(frozen=True)
class CheckpointSource:
    """A checkpoint to download.

    Attributes:
        url: the checkpoint URL.
        task: the task it belongs to (its cache folder).
        filename: the file name it is saved under (the last part of the URL path).
        md5_url: where its MD5 is published: the URL with the extension replaced by ``.md5``.
        published: whether it is a published checkpoint of the zoo (listed in the model index),
            which mirrors hold under the same path.
    """
    url: str
    task: str
    filename: str
    md5_url: str
    published: bool = False


def is_url(target: str) -> bool:
    """Whether ``target`` is an HTTP(S) URL."""
    return target.startswith(('http://', 'https://'))


def checkpoint_source(url: str, task: str, published: bool = False) -> CheckpointSource:
    """The :class:`CheckpointSource` of a checkpoint URL.

    Raises:
        HubError: the URL path names no file, or names a ``.md5`` file.
    """
    parts = urlsplit(url)
    filename = unquote(posixpath.basename(parts.path))
    if not filename:
        raise HubError(f'{url} names no file to download')
    stem, extension = posixpath.splitext(parts.path)
    if extension == '.md5':
        raise HubError(f'{url} is an MD5 file, not a checkpoint: give the checkpoint URL (usually '
                       f'the same with .pth)')
    md5_url = parts._replace(path=f'{stem}.md5', fragment='').geturl()
    return CheckpointSource(url=url, task=task, filename=filename, md5_url=md5_url,
                            published=published)


def resolve_source(target: str, model_index: Optional[str] = None) -> CheckpointSource:
    """What ``target`` asks for.

    Args:
        target: a model name or config (looked up in the model index), a ``bdd100k://<task>/<name>``
            URI, or an HTTP(S) URL (its task is taken from the index when the index lists it,
            ``other`` otherwise).
        model_index: the ``model-index.yml`` to use (see :func:`.index.find_model_index`).

    Raises:
        ModelNotFoundError: the name, config or URI matches no model with weights.
        ModelIndexNotFoundError: a name, config or URI was given and there is no model index.
    """
    if is_url(target):
        task = _task_of_url(target, model_index)
        return checkpoint_source(target, task, published=task != OTHER_TASK)
    if target.startswith(SCHEME):
        entry = _find_scheme_model(target, model_index)
    else:
        entry = find_model(target, model_index)
    if not entry.weights:
        raise ModelNotFoundError(f'model {entry.name} has no Weights in the model index')
    return checkpoint_source(entry.weights, entry.task, published=True)


def _find_scheme_model(uri: str, model_index: Optional[str]) -> ModelEntry:
    """The model of a ``bdd100k://<task>/<name>`` URI, checking that it belongs to ``task``."""
    task, _, name = uri[len(SCHEME):].partition('/')
    if not task or not name or '/' in name:
        raise ModelNotFoundError(f'{uri} is not of the form {SCHEME}<task>/<model name>')
    entry = find_model(name, model_index)
    if entry.name != name or entry.task != task:
        raise ModelNotFoundError(f'{uri}: the model index has no {task} model named {name} '
                                 f'(did you mean {SCHEME}{entry.task}/{entry.name}?)')
    return entry


def _task_of_url(url: str, model_index: Optional[str]) -> str:
    """The task of the model whose weights are at ``url``; ``other`` if no index lists it."""
    try:
        entries = load_model_index(model_index)
    except ModelIndexNotFoundError:
        return OTHER_TASK
    return next((entry.task for entry in entries if entry.weights == url), OTHER_TASK)
