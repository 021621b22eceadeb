"""Every way mmengine loads a checkpoint, through the verified cache and the safe loader.

mmengine's ``CheckpointLoader`` picks a loader by prefix. Its own loaders for URLs (``http://``,
``https://``) and for the names that stand for URLs (``torchvision://``, ``modelzoo://``,
``open-mmlab://``, ``openmmlab://``, ``mmcls://``) download into torch's hub folder and unpickle
with ``weights_only=False``: a checkpoint from a link could run any code (its object-storage
loaders use torch's default, which allows that before torch 2.6). :func:`install_safe_loading`
replaces them, and the local one, by :func:`load_checkpoint_safely`: a URL, ``bdd100k://`` URI or
model name of the zoo is downloaded into the zoo's cache (MD5-verified, see :mod:`.download`), and
every file is read by :func:`bdd100k_zoo.runtime.checkpoint.safe_load` (weights only, exact
allow-list). A downloaded file the safe loader refuses is removed from the cache. Every load of
``load_from``, ``--resume``, ``tools/test.py CONFIG CHECKPOINT``, ``init_cfg=dict(type='Pretrained')``
and ``bdd100k-zoo infer`` goes through here.
"""
import io
import os.path as osp
from typing import Any, Callable, Tuple

from mmengine.fileio import get_file_backend
from mmengine.runner.checkpoint import (CheckpointLoader, _get_mmengine_home,
                                        _process_mmcls_checkpoint, get_deprecated_model_names,
                                        get_external_models, get_mmcls_models,
                                        get_torchvision_models)

from ..runtime.checkpoint import CheckpointLoadError, UnsafeCheckpointError, safe_load
from .download import download_checkpoint, evict
from .errors import ModelNotFoundError
from .index import find_model
from .source import SCHEME, is_url

#: mmengine's own prefixes that name a checkpoint by a short name standing for a URL.
TORCHVISION_PREFIXES = ('torchvision://', 'modelzoo://')
OPENMMLAB_PREFIXES = ('open-mmlab://', 'openmmlab://')
MMCLS_PREFIX = 'mmcls://'


def checkpoint_file(target: str) -> Tuple[str, bool]:
    """The local file of a checkpoint, downloaded and verified if needed.

    Args:
        target: a file path, an HTTP(S) URL, a ``bdd100k://<task>/<name>`` URI or a model name of
            the zoo.

    Returns:
        The path, and whether it was fetched into the cache (or ``--dest``) by the hub.

    Raises:
        FileNotFoundError: ``target`` is neither an existing file nor a model name.
        ModelNotFoundError: it looks like a model name (no folder, no extension) that the index
            does not list.
    """
    if is_url(target):
        return download_checkpoint(target, require_md5=False), True
    if target.startswith(SCHEME):
        return download_checkpoint(target), True
    path = osp.expanduser(target)
    if osp.isfile(path):
        return path, False
    if osp.basename(target) == target and not osp.splitext(target)[1]:
        try:
            find_model(target)
        except ModelNotFoundError as err:
            raise ModelNotFoundError(f'checkpoint {target} is not a file, and {err}') from None
        return download_checkpoint(target), True
    raise FileNotFoundError(f'checkpoint not found: {target} (give a file, an http(s) URL, '
                            f'{SCHEME}<task>/<model name> or a model name of the zoo)')


def load_checkpoint_safely(target: str, map_location: Any = None) -> Any:
    """Loads a checkpoint given as in :func:`checkpoint_file` through the safe loader.

    Raises:
        CheckpointLoadError: the checkpoint holds a pickled object outside the allow-list
            (``UnsafeCheckpointError``) or is not a readable checkpoint; if the
            hub had downloaded it, it is removed from the cache.
    """
    path, fetched = checkpoint_file(target)
    try:
        return safe_load(path, map_location, name=target)
    except CheckpointLoadError:
        if fetched:
            evict(path)
        raise


def load_from_zoo_cache(filename: str, map_location: Any = None) -> Any:
    """mmengine loader of paths, URLs, ``bdd100k://`` URIs and model names (mmengine logs the
    part of a loader's name after ``load_from_``): :func:`load_checkpoint_safely`."""
    return load_checkpoint_safely(filename, map_location)


def load_from_torchvision_safely(filename: str, map_location: Any = None) -> Any:
    """``torchvision://<name>`` (and the deprecated ``modelzoo://``): torchvision's URL."""
    name = filename.split('://', 1)[1]
    return load_checkpoint_safely(_lookup(get_torchvision_models(), name, filename), map_location)


def load_from_openmmlab_safely(filename: str, map_location: Any = None) -> Any:
    """``open-mmlab://<name>``: the URL (or file under mmengine's home) mmengine lists for it."""
    name = filename.split('://', 1)[1]
    name = get_deprecated_model_names().get(name, name)
    location = _lookup(get_external_models(), name, filename)
    if not is_url(location):
        location = osp.join(_get_mmengine_home(), location)
    return load_checkpoint_safely(location, map_location)


def load_from_mmcls_safely(filename: str, map_location: Any = None) -> Any:
    """``mmcls://<name>``: the mmcls URL, with its keys renamed as mmengine does."""
    name = filename[len(MMCLS_PREFIX):]
    checkpoint = load_checkpoint_safely(_lookup(get_mmcls_models(), name, filename), map_location)
    return _process_mmcls_checkpoint(checkpoint)


def load_from_object_storage_safely(filename: str, map_location: Any = None) -> Any:
    """``s3://`` and ``petrel://`` (as mmengine reads them), unpickled by the safe loader."""
    backend = get_file_backend(filename, backend_args={'backend': 'petrel'})
    with io.BytesIO(backend.get(filename)) as buffer:
        return safe_load(buffer, map_location, name=filename)


def load_from_pavi_refused(filename: str, map_location: Any = None) -> Any:
    """``pavi://``: mmengine unpickles it without the allow-list, so the zoo does not load it."""
    raise UnsafeCheckpointError(f'refused to load {filename}: pavi:// checkpoints are not read by '
                                f'the zoo\'s safe loader; download the file and give its path')


def _lookup(table: dict, name: str, filename: str) -> str:
    """The URL ``table`` lists for ``name``; a clear error when it lists none."""
    if name not in table:
        raise ModelNotFoundError(f'{filename}: mmengine knows no checkpoint named {name!r}')
    return table[name]


#: The loader of each prefix (``''`` is local files and model names).
LOADERS: Tuple[Tuple[Any, Callable[..., Any]], ...] = (
    ('', load_from_zoo_cache),
    (('http://', 'https://', SCHEME), load_from_zoo_cache),
    (TORCHVISION_PREFIXES, load_from_torchvision_safely),
    (OPENMMLAB_PREFIXES, load_from_openmmlab_safely),
    (MMCLS_PREFIX, load_from_mmcls_safely),
    ((r'(\S+\:)?s3://', r'(\S+\:)?petrel://'), load_from_object_storage_safely),
    ('pavi://', load_from_pavi_refused),
)


def install_safe_loading() -> None:
    """Routes every mmengine checkpoint loader that reads a file or a URL through
    :func:`load_checkpoint_safely` (idempotent)."""
    for prefixes, loader in LOADERS:
        CheckpointLoader.register_scheme(prefixes=prefixes, loader=loader, force=True)
