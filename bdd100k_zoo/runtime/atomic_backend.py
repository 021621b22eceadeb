"""An mmengine file backend for local folders that writes every file atomically.

mmengine's ``LocalBackend`` opens the final path and writes into it, so a process killed during a
save leaves a truncated checkpoint behind. :class:`AtomicLocalBackend` writes through
:mod:`bdd100k_zoo.export.atomic` instead (a temporary file in the same folder, fsync, rename): the
file appears complete or not at all.
:class:`~bdd100k_zoo.runtime.checkpoint_hook.BDD100KCheckpointHook` saves checkpoints through it.
"""
from pathlib import Path
from typing import Union

from mmengine.fileio import LocalBackend, register_backend

from ..export.atomic import atomic_open, write_bytes

#: The name the backend is registered under (``backend_args=dict(backend=ATOMIC_LOCAL_BACKEND)``).
ATOMIC_LOCAL_BACKEND = 'bdd100k_atomic_local'


@register_backend(ATOMIC_LOCAL_BACKEND)
class AtomicLocalBackend(LocalBackend):
    """``LocalBackend`` whose ``put`` and ``put_text`` replace the file atomically."""

    def put(self, obj: bytes, filepath: Union[str, Path]) -> None:
        """Writes bytes to ``filepath`` atomically (its folder is created if missing)."""
        write_bytes(str(filepath), obj)

    def put_text(self, obj: str, filepath: Union[str, Path], encoding: str = 'utf-8') -> None:
        """Writes text to ``filepath`` atomically (its folder is created if missing)."""
        with atomic_open(str(filepath), 'w', encoding=encoding) as f:
            f.write(obj)
