"""The state of every random number generator a training process draws from.

mmengine seeds the generators once when a run starts and, on ``--resume``, seeds them again from
the checkpoint's seed: the resumed run draws other random numbers than the run it continues
(e.g. the anchors mmdet's ``RandomSampler`` picks). Saving this state with a checkpoint and
restoring it makes the resumed run draw the same numbers.
"""
import random
from typing import Any, Dict

import numpy as np
import torch


def capture_random_state() -> Dict[str, Any]:
    """The state of Python's, NumPy's and torch's global generators (and of the current CUDA
    device's), in types a weights-only ``torch.load`` accepts."""
    state = {
        'python': random.getstate(),
        'numpy': np.random.get_state(),
        'torch': torch.get_rng_state(),
    }
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        state['cuda'] = torch.cuda.get_rng_state()
    return state


def check_random_state(state: Any, where: str) -> None:
    """Raises ``ValueError`` naming ``where`` unless ``state`` is a state that
    :func:`restore_random_state` accepts (the generators are left as they were)."""
    saved = capture_random_state()
    try:
        restore_random_state(state)
    except (TypeError, ValueError, KeyError, IndexError, RuntimeError) as err:
        raise ValueError(f'{where}: not a random state saved by bdd100k_zoo '
                         f'({type(err).__name__}: {err})') from None
    finally:
        restore_random_state(saved)


def restore_random_state(state: Dict[str, Any]) -> None:
    """Sets the global generators to a state :func:`capture_random_state` returned."""
    version, internal, gauss = state['python']
    random.setstate((version, tuple(internal), gauss))
    np.random.set_state(state['numpy'])
    torch.set_rng_state(state['torch'])
    if 'cuda' in state and torch.cuda.is_available():
        torch.cuda.set_rng_state(state['cuda'])
