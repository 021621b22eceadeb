"""Safe checkpoint loading: ``torch.load(weights_only=True)`` with an explicit allow-list.

mmengine 0.10.7 calls ``torch.load`` without ``weights_only``. From torch 2.6 on that means
``weights_only=True``, which refuses the numpy scalars/arrays and mmengine objects (``HistoryBuffer``)
every mmengine checkpoint carries in ``meta`` and ``message_hub``. Turning the check off would let a
downloaded checkpoint run arbitrary code, so instead we allow exactly the types our checkpoints hold
and refuse anything else with an error naming the file and the offending global.

Every checkpoint loader of mmengine is routed through :func:`safe_load` by
:func:`bdd100k_zoo.hub.install_safe_loading`.
"""
import pickle
import struct
import zipfile
from typing import Any, BinaryIO, List, NoReturn, Union

import numpy as np
import torch
from mmengine.logging import HistoryBuffer


class CheckpointLoadError(pickle.UnpicklingError):
    """A file was refused by :func:`safe_load`: catch this for both reasons below."""


class UnsafeCheckpointError(CheckpointLoadError):
    """A checkpoint holds a pickled object outside the allow-list (it could run code when loaded)."""


class UnreadableCheckpointError(CheckpointLoadError):
    """A file the safe loader cannot read: empty, truncated, another kind of file, or pickled with
    a protocol whose opcodes torch's weights-only unpickler does not read (then it may hold
    anything, and nothing of it was run)."""


#: What torch's loaders raise on bytes that are not a checkpoint (an empty or truncated file, text,
#: a zip archive that is not torch's).
_UNREADABLE = (EOFError, KeyError, IndexError, ValueError, struct.error, zipfile.BadZipFile)
#: Torch's weights-only unpickler reports a byte that is no pickle opcode it reads this way (random
#: bytes, or the frames of pickle protocol 4 and above); every other error of it refuses a global, a
#: call or a class.
_BAD_OPCODE = 'Unsupported operand'


def _numpy_globals() -> List[Any]:
    """The numpy callables and classes needed to rebuild arrays, dtypes and scalars."""
    from numpy.core.multiarray import _reconstruct, scalar  # numpy < 2 module path
    dtype_classes = [type(np.dtype(name)) for name in (
        'bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64',
        'float16', 'float32', 'float64')]
    return [_reconstruct, scalar, np.ndarray, np.dtype] + dtype_classes


#: The statistics methods HistoryBuffer registers by default (custom ones are looked up at load time).
HISTORY_BUFFER_METHODS = ('min', 'max', 'current', 'mean')


def _history_buffer_method(owner: Any, name: str) -> Any:
    """Stands in for ``getattr`` while unpickling: only resolves HistoryBuffer statistics methods.

    ``HistoryBuffer`` pickles its statistics methods as ``getattr(HistoryBuffer, 'mean')``; allowing
    the real ``getattr`` would hand any attribute of any allowed object to the pickle.
    """
    if owner is HistoryBuffer and (name in HISTORY_BUFFER_METHODS
                                   or name in HistoryBuffer._statistics_methods):
        return getattr(owner, name)
    raise pickle.UnpicklingError(f'getattr({owner!r}, {name!r}) is not allowed: only '
                                 f'HistoryBuffer statistics methods may be looked up')


def safe_globals() -> List[Any]:
    """Every non-torch global an mmengine checkpoint of this zoo may contain.

    ``meta`` holds numpy scalars (e.g. seeds, scores) and ``message_hub`` holds ``HistoryBuffer``
    objects with numpy arrays and their statistics methods (an empty array pickles its data as
    ``bytes``); everything else is tensors, dicts, lists, tuples and strings, which torch's
    weights-only unpickler accepts by itself.
    """
    return _numpy_globals() + [bytes, HistoryBuffer,
                               (_history_buffer_method, 'builtins.getattr')]


def safe_load(source: Union[str, BinaryIO], map_location: Any = None, name: str = '') -> Any:
    """Loads a checkpoint with ``weights_only=True`` and the zoo's allow-list.

    Args:
        source: a file path or a binary file object.
        map_location: as in :func:`torch.load`.
        name: how to name the checkpoint in errors (defaults to ``source`` when it is a path).

    Raises:
        UnsafeCheckpointError: the file holds another pickled global; the message names the file
            and the global, and the file is not executed.
        UnreadableCheckpointError: the file is empty, truncated, not a PyTorch checkpoint, or
            pickled with a protocol above 2; the message names the file.
    """
    name = name or (source if isinstance(source, str) else getattr(source, 'name', '<stream>'))
    try:
        with torch.serialization.safe_globals(safe_globals()):
            return torch.load(source, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as err:
        detail = _unpickler_reason(str(err))
        if detail.startswith(_BAD_OPCODE):
            _refuse_unreadable(name, detail)
        raise UnsafeCheckpointError(
            f'refused to load checkpoint {name}: it contains a pickled object that is not on the '
            f'allow-list of tensors, containers, numpy arrays/scalars and mmengine HistoryBuffer, '
            f'so loading it could run arbitrary code. Only load it if you trust its origin, and '
            f'then convert it to a plain state dict. Details: {detail}') from None
    except _UNREADABLE as err:
        _refuse_unreadable(name, f'{type(err).__name__}: {err}'.rstrip(': '))
    except RuntimeError as err:
        if 'zip archive' not in str(err) and 'corrupted' not in str(err):
            raise  # e.g. CUDA tensors on a machine without CUDA: torch's message says it
        _refuse_unreadable(name, ' '.join(str(err).split()))


def _refuse_unreadable(name: str, detail: str) -> NoReturn:
    """Raises :class:`UnreadableCheckpointError` for checkpoint ``name``, with torch's ``detail``."""
    raise UnreadableCheckpointError(
        f'cannot read checkpoint {name} with the safe loader: it is empty, truncated, not a '
        f'PyTorch checkpoint, or pickled with a protocol above torch.save\'s default 2 (nothing '
        f'in it was run). A file of the last kind that you trust can be saved again with '
        f'torch.save\'s default protocol. Details: {detail}') from None


def _unpickler_reason(message: str) -> str:
    """The part of torch's weights-only error that names the refused global (drops its boilerplate).

    torch phrases it either as ``... WeightsUnpickler error: <reason>`` or as a paragraph of its
    own between its advice and a pointer to the documentation.
    """
    marker = 'WeightsUnpickler error:'
    if marker in message:
        tail = message.split(marker, 1)[1].strip()
        return ' '.join(tail.split('\n\n')[0].split()) or message
    reasons = [p.strip() for p in message.split('\n\n') if p.strip() and not p.strip().startswith(
        ('Weights only load failed', 'Check the documentation'))]
    return ' '.join(reasons) or message
