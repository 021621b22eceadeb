"""Verified checkpoints: download (from mirrors or the published host, resumable), copies the user
already has, the checkpoint cache, and safe loading of every checkpoint mmengine reads.

* :func:`download_checkpoint`: a model name, config, URL or ``bdd100k://`` URI -> the path of a
  checkpoint whose MD5 was checked (downloaded into the cache or a given folder if needed).
* :func:`install_checkpoint`: a local copy -> verified and put into the cache.
* :func:`install_safe_loading`: every mmengine checkpoint loader (paths, URLs, ``bdd100k://``,
  model names, ``torchvision://`` ...) goes through the verified cache and the allow-list loader.

Depends on the standard library, requests, tqdm, torch, mmengine and :mod:`bdd100k_zoo.runtime`.
"""
from .cache import ENV_CACHE, cache_root, checkpoint_path
from .download import download_checkpoint, install_checkpoint
from .errors import (ChecksumMismatchError, DownloadError, HTTPStatusError, HubError,
                     IncompleteDownloadError, InvalidMD5Error, ModelIndexNotFoundError,
                     ModelNotFoundError, NotACheckpointError, SizeMismatchError,
                     UnreachableError)
from .index import ENV_MODEL_INDEX, ModelEntry, find_model, find_model_index, load_model_index
from .loaders import checkpoint_file, install_safe_loading, load_checkpoint_safely
from .mirrors import ENV_MIRROR, use_mirrors
from .source import SCHEME, CheckpointSource, resolve_source

__all__ = [
    'ENV_CACHE', 'ENV_MIRROR', 'ENV_MODEL_INDEX', 'SCHEME', 'CheckpointSource',
    'ChecksumMismatchError', 'DownloadError', 'HTTPStatusError', 'HubError',
    'IncompleteDownloadError', 'InvalidMD5Error', 'ModelEntry', 'ModelIndexNotFoundError',
    'ModelNotFoundError', 'NotACheckpointError', 'SizeMismatchError', 'UnreachableError',
    'cache_root', 'checkpoint_file', 'checkpoint_path', 'download_checkpoint', 'find_model',
    'find_model_index', 'install_checkpoint', 'install_safe_loading', 'load_checkpoint_safely',
    'load_model_index', 'resolve_source', 'use_mirrors'
]
