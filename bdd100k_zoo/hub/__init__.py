"""Verified checkpoint download, the checkpoint cache and the ``bdd100k://`` checkpoint scheme.

* :func:`download_checkpoint`: a model name, config, URL or ``bdd100k://`` URI -> the path of a
  checkpoint whose MD5 was checked (downloaded into the cache or a given folder if needed).
* :func:`install_scheme`: makes ``load_from='bdd100k://<task>/<model name>'`` work in mmengine.

Depends on the standard library, requests, tqdm, torch and mmengine only.
"""
from .cache import ENV_CACHE, cache_root, checkpoint_path
from .download import download_checkpoint
from .errors import (ChecksumMismatchError, DownloadError, HTTPStatusError, HubError,
                     InvalidMD5Error, ModelIndexNotFoundError, ModelNotFoundError,
                     NotACheckpointError, SizeMismatchError)
from .index import ENV_MODEL_INDEX, ModelEntry, find_model, find_model_index, load_model_index
from .scheme import install_scheme, load_from_bdd100k
from .source import SCHEME, CheckpointSource, resolve_source

__all__ = [
    'ENV_CACHE', 'ENV_MODEL_INDEX', 'SCHEME', 'CheckpointSource', 'ChecksumMismatchError',
    'DownloadError', 'HTTPStatusError', 'HubError', 'InvalidMD5Error', 'ModelEntry',
    'ModelIndexNotFoundError', 'ModelNotFoundError', 'NotACheckpointError', 'SizeMismatchError',
    'cache_root', 'checkpoint_path', 'download_checkpoint', 'find_model', 'find_model_index',
    'install_scheme', 'load_from_bdd100k', 'load_model_index', 'resolve_source'
]
