"""A zoo model ready for inference: config, safely loaded weights, test pipeline, classes, metric.

Only mmengine is imported here: loading the config imports its ``custom_imports`` (our side of the
parent library), and everything is built through the registries of its ``default_scope``.
"""
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

import torch
from mmengine.config import Config, ConfigDict
from mmengine.dataset import Compose, pseudo_collate
from mmengine.evaluator import BaseMetric
from mmengine.registry import DATASETS, METRICS, MODELS, DefaultScope

from ..runtime.launch import configure_device, load_config
from ..runtime.weights import checkpoint_state_dict, compare_weights
from ..zoo.building import without_init
from ..zoo.configs import find_config
from .errors import CheckpointMismatchError, ConfigError, ImageReadError, InferenceError

#: Transforms that load ground truth (``LoadAnnotations``, ``BDD100KLoadInsSegAnnotations``, ...):
#: dropped from the test pipeline, the images of inference have none.
ANNOTATION_LOADER = re.compile(r'Load\w*Annotations$')


@dataclass
class InferenceModel:
    """A model of the zoo with what it takes to run it on image files.

    Attributes:
        config: the config file.
        model: the model, in eval mode, on its device.
        pipeline: the config's test pipeline without annotation loading.
        metric: the config's BDD100K metric; its ``task`` and output conversion are the task's.
        dataset_meta: the config's test dataset metainfo, with the ``classes`` and ``palette``
            of the checkpoint when it has them.
    """
    config: str
    model: torch.nn.Module
    pipeline: Compose
    metric: BaseMetric
    dataset_meta: Dict[str, Any]

    @property
    def task(self) -> str:
        """The BDD100K task of the model (the metric's)."""
        return self.metric.task

    def predict(self, data_infos: Sequence[Dict[str, Any]], batch_size: int = 1
                ) -> List[Dict[str, Any]]:
        """The model's outputs for data infos (``img_path`` and what the pipeline needs), as the
        dicts mmengine's evaluator hands to metrics, in order.

        Inputs are batched with inputs of the same shape only (mmseg cannot batch others).

        Raises:
            ImageReadError: the test pipeline fails on an image (names it).
        """
        items = [self.prepare(info) for info in data_infos]
        by_shape: Dict[Tuple[int, ...], List[int]] = defaultdict(list)
        for index, item in enumerate(items):
            by_shape[tuple(item['inputs'].shape)].append(index)
        outputs: List[Dict[str, Any]] = [{} for _ in items]
        for indices in by_shape.values():
            for start in range(0, len(indices), batch_size):
                batch = indices[start:start + batch_size]
                with torch.no_grad():
                    samples = self.model.test_step(pseudo_collate([items[i] for i in batch]))
                for index, sample in zip(batch, samples):
                    outputs[index] = sample.to_dict()
        return outputs

    def prepare(self, data_info: Dict[str, Any]) -> Dict[str, Any]:
        """Runs the test pipeline on one data info."""
        try:
            return self.pipeline(dict(data_info))
        except Exception as err:  # noqa: BLE001 - any transform may fail on a user's image
            raise ImageReadError(f'{data_info["img_path"]}: the test pipeline of {self.config} '
                                 f'failed: {type(err).__name__}: {err}') from err


def load_model(config: str, checkpoint: str, device: str = 'cpu',
               cfg_options: Optional[Dict[str, Any]] = None) -> InferenceModel:
    """Builds the model of a config and loads a checkpoint into it.

    Args:
        config: a config file or the name of a zoo config.
        checkpoint: a local file, an HTTP(S) URL or ``bdd100k://<task>/<model name>`` (downloads
            are MD5-verified); loaded by the zoo's safe loader.
        device: ``'cpu'`` or ``'cuda'`` (``'cuda:N'``).
        cfg_options: config overrides (``--cfg-options``).

    Raises:
        FileNotFoundError: no such config or checkpoint.
        ConfigError: the config has no test pipeline or no BDD100K metric.
        CheckpointMismatchError: the weights do not fit the model.
        InferenceError: CUDA asked for but not available.
    """
    if device.startswith('cuda') and not torch.cuda.is_available():
        raise InferenceError(f'device {device!r} asked for, but no CUDA device is available')
    path, cfg = model_config(config, cfg_options)
    weights = read_checkpoint(checkpoint)
    model = build_model(cfg)
    with DefaultScope.overwrite_default_scope(cfg.get('default_scope')):
        load_weights(model, weights, checkpoint, path)
        pipeline = Compose(inference_pipeline(cfg, path))
        meta = dataset_meta(cfg, weights, path)
        metric = official_metric(cfg, meta, path)
    return InferenceModel(path, model.to(device).eval(), pipeline, metric, meta)


def model_config(config: str, cfg_options: Optional[Dict[str, Any]] = None) -> Tuple[str, Config]:
    """The path and the contents of a config file or zoo config name, with its side imported
    (``custom_imports``) and set up for one process on this machine (SyncBN as BN without CUDA).

    Raises:
        FileNotFoundError: no such config.
    """
    path = find_config(config)
    cfg = load_config(path, cfg_options)
    configure_device(cfg, 'none')
    return path, cfg


def build_model(cfg: Config) -> torch.nn.Module:
    """The model of a config, built through the registries of its ``default_scope`` with every
    ``init_cfg`` and ``pretrained`` off: nothing is downloaded, the weights come from a
    checkpoint."""
    with DefaultScope.overwrite_default_scope(cfg.get('default_scope')):
        return MODELS.build(ConfigDict(without_init(cfg.model.to_dict())))


def read_checkpoint(checkpoint: str) -> Dict[str, Any]:
    """The contents of a checkpoint (a file, URL, ``bdd100k://`` URI or model name of the zoo),
    downloaded and verified if needed and read through the safe loader.

    Raises:
        FileNotFoundError: neither a file nor a URL, URI or model name.
        InferenceError: the file holds no dict (not an mmengine checkpoint or state dict).
    """
    from ..hub import load_checkpoint_safely
    content = load_checkpoint_safely(checkpoint, map_location='cpu')
    if not isinstance(content, dict):
        raise InferenceError(f'{checkpoint} holds a {type(content).__name__}, not a checkpoint')
    return content


def load_weights(model: torch.nn.Module, checkpoint: Dict[str, Any], name: str,
                 config: str) -> None:
    """Loads a checkpoint's ``state_dict`` (or a plain state dict) into the model, after
    comparing them (:func:`~bdd100k_zoo.runtime.weights.compare_weights`): weights of the checkpoint
    the model does not use are logged by name.

    Raises:
        CheckpointMismatchError: weights of the model are missing from the checkpoint, or have
            other shapes there (names them, the checkpoint and the config); the model is unchanged.
    """
    compare_weights(model, checkpoint, name, config).check(error=CheckpointMismatchError)
    model.load_state_dict(checkpoint_state_dict(checkpoint), strict=False)


def dataset_of_test(cfg: Config) -> Optional[Dict[str, Any]]:
    """The config of the test dataset (inside dataset wrappers), or None."""
    node = (cfg.get('test_dataloader') or {}).get('dataset')
    while isinstance(node, dict) and 'pipeline' not in node and isinstance(
            node.get('dataset'), dict):
        node = node['dataset']
    return node


def inference_pipeline(cfg: Config, config: str) -> List[Dict[str, Any]]:
    """The test pipeline of a config without its annotation-loading transforms.

    Raises:
        ConfigError: the config has none (``test_dataloader.dataset.pipeline``, ``test_pipeline``).
    """
    pipeline = (dataset_of_test(cfg) or {}).get('pipeline') or cfg.get('test_pipeline')
    if not pipeline:
        raise ConfigError(f'{config} has no test pipeline (test_dataloader.dataset.pipeline or '
                          f'test_pipeline): inference does not know how to prepare images')
    return [transform for transform in pipeline
            if not ANNOTATION_LOADER.search(getattr(transform['type'], '__name__',
                                                    str(transform['type'])))]


def dataset_meta(cfg: Config, checkpoint: Dict[str, Any], config: str) -> Dict[str, Any]:
    """The metainfo of the config's test dataset (built without reading any data), updated with
    the checkpoint's ``meta['dataset_meta']``: its class names and palette win.

    mmengine saves the training dataset's metainfo in checkpoints; published checkpoints keep its
    ``classes`` and ``palette`` only, so what else the task needs (the tagged attribute, the pose
    joints' flip indices, ...) comes from the config. A test dataset whose metainfo needs a file
    of its data root (BDD-Anomaly's ``bdd_anomaly.json``) is skipped when that file is missing
    and the checkpoint names the classes: inference needs no dataset.

    Raises:
        ConfigError: neither the checkpoint nor the config's test dataset gives the class names.
    """
    meta: Dict[str, Any] = {}
    saved = (checkpoint.get('meta') or {}).get('dataset_meta') or {}
    dataset = dataset_of_test(cfg)
    if isinstance(dataset, dict) and 'type' in dataset:
        try:
            meta.update(DATASETS.build(dict(dataset, pipeline=[], lazy_init=True)).metainfo)
        except FileNotFoundError as err:
            if not saved.get('classes'):
                raise ConfigError(f'the checkpoint has no dataset_meta and the test dataset of '
                                  f'{config} cannot give the class names: {err}') from None
    meta.update(saved)
    if not meta.get('classes'):
        raise ConfigError(f'the checkpoint has no dataset_meta and {config} no test dataset '
                          f'with classes: the class names are unknown')
    return meta


def official_metric(cfg: Config, meta: Dict[str, Any], config: str) -> BaseMetric:
    """The config's BDD100K test metric, given the dataset meta (it converts the task's outputs).

    Raises:
        ConfigError: the config's test_evaluator has no BDD100K metric.
    """
    evaluators = cfg.get('test_evaluator') or []
    evaluators = evaluators if isinstance(evaluators, list) else [evaluators]
    matched = [e for e in evaluators if str(e.get('type', '')).startswith('BDD100K')]
    if not matched:
        raise ConfigError(f'{config} has no BDD100K metric in test_evaluator: it is what tells '
                          f'the task and how outputs become predictions')
    metric = METRICS.build(matched[0])
    metric.dataset_meta = meta
    return metric
