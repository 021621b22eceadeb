"""The ``bdd100k://<task>/<model name>`` checkpoint scheme of mmengine's ``CheckpointLoader``.

``load_from='bdd100k://det/faster_rcnn_r50_fpn_1x_det_bdd100k'`` downloads and verifies the
checkpoint through :func:`.download.download_checkpoint` (cached, locked, MD5-checked) and loads it
with :func:`bdd100k_zoo.runtime.checkpoint.safe_load` (weights only, exact allow-list).
"""
from typing import Any

from ..runtime.checkpoint import register_loader, safe_load
from .download import download_checkpoint
from .source import SCHEME


def load_from_bdd100k(filename: str, map_location: Any = None) -> Any:
    """mmengine ``CheckpointLoader`` backend for ``bdd100k://`` URIs.

    Args:
        filename: ``bdd100k://<task>/<model name>``.
        map_location: as in :func:`torch.load`.
    """
    return safe_load(download_checkpoint(filename), map_location, name=filename)


def install_scheme() -> None:
    """Registers the ``bdd100k://`` scheme with mmengine's ``CheckpointLoader`` (idempotent)."""
    register_loader(SCHEME, load_from_bdd100k)
