"""Inference on your own images for every image task: official-format predictions and visuals.

:func:`infer` (``bdd100k-zoo infer``) builds a model from its config, loads a checkpoint through the
safe loader, runs the config's test pipeline on image files and converts the outputs with the task's
metric, as ``tools/test.py`` does for its submission files. Only mmengine is imported here; the
config's ``custom_imports`` bring in the side of its parent library.
"""
from .api import DEFAULT_SCORE_THR, InferenceSummary, infer
from .errors import CheckpointMismatchError, ConfigError, ImageReadError, InferenceError
from .images import InputImage, collect_images
from .model import InferenceModel, load_model

__all__ = [
    'DEFAULT_SCORE_THR', 'CheckpointMismatchError', 'ConfigError', 'ImageReadError',
    'InferenceError', 'InferenceModel', 'InferenceSummary', 'InputImage', 'collect_images',
    'infer', 'load_model'
]
