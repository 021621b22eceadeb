"""Errors of :mod:`bdd100k_zoo.inference`: bad inputs, configs and checkpoints, each named."""
from ..runtime.weights import WeightsMismatchError


class InferenceError(ValueError):
    """Inference cannot run on the given inputs, config or checkpoint (the message says which)."""


class ImageReadError(InferenceError):
    """An input image cannot be read, or the test pipeline fails on it (the message names it)."""


class ConfigError(InferenceError):
    """The config lacks what inference needs: a test pipeline, a BDD100K metric of an image task."""


class CheckpointMismatchError(WeightsMismatchError, InferenceError):
    """The checkpoint's weights do not fit the config's model (missing keys, other shapes): the
    comparison's error, raised where inference errors are caught."""
