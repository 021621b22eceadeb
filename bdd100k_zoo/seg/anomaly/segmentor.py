"""``BDD100KAnomalySegmentor``: any mmseg segmentor plus per-pixel anomaly maps, post hoc.

The wrapped segmentor's sub-modules become the wrapper's own (``data_preprocessor``, ``backbone``,
``neck``, ``decode_head``, ``auxiliary_head``), so its state dict has exactly the segmentor's keys:
every checkpoint of the zoo loads unchanged, and the same config trains (``loss`` is the
segmentor's). ``predict`` adds, to each ``SegDataSample``:

- ``pred_anomaly_map``: ``PixelData(data=1 x H x W float32)``, the ``primary`` score;
- ``pred_anomaly_maps``: ``PixelData`` with one ``1 x H x W`` float32 field per score name.

Logit scores are computed on the full-resolution ``seg_logits``; feature scores (kNN, flow) on
hooked features cropped to the image (:meth:`BDD100KAnomalySegmentor.to_image`) then resized
bilinearly to the original size; MC dropout on the logits of each stochastic pass, brought to the
original size like ``seg_logits`` (:meth:`BDD100KAnomalySegmentor.to_original`).
"""
import contextlib
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

import torch.nn.functional as F
from mmengine.config import ConfigDict
from mmengine.model import BaseModel
from mmengine.structures import PixelData
from mmseg.registry import MODELS
from mmseg.structures import SegDataSample
from torch import Tensor, nn

from ...anomaly.features import capture
from ...anomaly.modules import AnomalyScore, MCDropoutScore

#: The input of an image's metainfo when predicting without data samples.
Meta = Dict[str, Any]


@MODELS.register_module()
class BDD100KAnomalySegmentor(BaseModel):
    """Wraps a segmentor config and scores every pixel with each of ``scores``.

    Args:
        segmentor: the segmentor config (any zoo segmentor, e.g. ``_base_.model``).
        scores: ``{name: score config}`` (``type='BDD100KMaxLogitScore'`` etc.).
        primary: the score written as ``pred_anomaly_map``.
        known_classes: for heads with an extra void/unknown output: the number ``K`` of known
            classes (the class map is the argmax of the first ``K`` channels); None: all.
        data_preprocessor, init_cfg: unused (the segmentor's own are kept); accepted so configs
            may keep them.

    Raises:
        ValueError: no scores, or ``primary`` not among them.
    """

    def __init__(self, segmentor: Dict[str, Any], scores: Dict[str, Dict[str, Any]],
                 primary: str = 'max_logit', known_classes: Optional[int] = None,
                 data_preprocessor: Optional[Dict[str, Any]] = None,
                 init_cfg: Optional[Dict[str, Any]] = None) -> None:
        del data_preprocessor  # the segmentor's
        super().__init__(init_cfg=init_cfg)
        if not scores:
            raise ValueError('BDD100KAnomalySegmentor needs at least one score in `scores`')
        if primary not in scores:
            raise ValueError(f'the primary score {primary!r} is not among the scores '
                             f'{sorted(scores)}')
        inner = MODELS.build(ConfigDict(segmentor))
        for name, module in inner.named_children():
            self.add_module(name, module)
        object.__setattr__(self, '_segmentor', inner)
        self.primary = primary
        self.known_classes = known_classes
        self.scores = nn.ModuleDict()
        for name, cfg in scores.items():
            score = MODELS.build(cfg)
            if not isinstance(score, AnomalyScore):
                raise ValueError(f'score {name!r}: {type(score).__name__} is not an anomaly score')
            score.name = name
            self.scores[name] = score

    @property
    def segmentor(self) -> nn.Module:
        """The wrapped segmentor (its modules are the wrapper's)."""
        return self._segmentor

    @property
    def layers(self) -> Tuple[str, ...]:
        """The layer specs the feature scores need."""
        return tuple(dict.fromkeys(spec for score in self.scores.values()
                                   for spec in score.layers))

    def init_weights(self) -> None:
        """Initialises the segmentor's weights."""
        self.segmentor.init_weights()

    def forward(self, inputs: Tensor, data_samples: Optional[List[SegDataSample]] = None,
                mode: str = 'tensor') -> Any:
        """``'loss'``/``'tensor'``: the segmentor's; ``'predict'``: :meth:`predict`."""
        if mode == 'loss':
            return self.segmentor.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        if mode == 'tensor':
            return self.segmentor._forward(inputs, data_samples)
        raise RuntimeError(f'Invalid mode "{mode}". Only supports loss, predict and tensor mode')

    def predict(self, inputs: Tensor, data_samples: Optional[List[SegDataSample]] = None
                ) -> List[SegDataSample]:
        """The segmentor's predictions with the anomaly maps of every score."""
        samples, logits, features = self.infer(inputs, data_samples, self.layers)
        metas = [sample.metainfo for sample in samples]
        passes = self._dropout_maps(inputs, metas)
        for index, sample in enumerate(samples):
            maps = {}
            seg_logits = sample.seg_logits.data[None]
            if self.known_classes is not None:
                sample.pred_sem_seg = PixelData(
                    data=seg_logits[0, :self.known_classes].argmax(0, keepdim=True))
            ori_shape = tuple(sample.metainfo['ori_shape'][:2])
            for name, score in self.scores.items():
                if score.needs == 'logits':
                    maps[name] = score(seg_logits)[0]
                elif score.needs == 'features':
                    crops = {spec: self.to_image(feature[index:index + 1], sample.metainfo,
                                                 logits.shape[-2:])
                             for spec, feature in features.items()}
                    maps[name] = self._resize(score(crops)[None], ori_shape)[0, 0]
                else:
                    maps[name] = self.to_original(passes[name][index:index + 1, None],
                                                  sample.metainfo)[0, 0]
            maps = {name: value.float()[None] for name, value in maps.items()}
            sample.pred_anomaly_map = PixelData(data=maps[self.primary])
            sample.pred_anomaly_maps = PixelData(**maps)
        return samples

    def infer(self, inputs: Tensor, data_samples: Optional[List[SegDataSample]],
              layers: Sequence[str] = ()
              ) -> Tuple[List[SegDataSample], Tensor, Dict[str, Tensor]]:
        """The segmentor's predictions, its logits at the input size and the features of
        ``layers`` (``{spec: N x D x h x w}``).

        Raises:
            ValueError: features asked for with sliding-window inference (one map per window).
        """
        segmentor = self.segmentor
        if data_samples is None:
            data_samples = [SegDataSample(metainfo=meta) for meta in self._default_metas(inputs)]
        metas = [sample.metainfo for sample in data_samples]
        if layers and segmentor.test_cfg.get('mode', 'whole') != 'whole':
            raise ValueError(f'feature scores ({", ".join(layers)}) need test_cfg.mode="whole", '
                             f'the segmentor uses {segmentor.test_cfg.get("mode")!r}')
        with capture(self, layers) as features:
            logits = segmentor.inference(inputs, metas)
        missing = [spec for spec in layers if spec not in features]
        if missing:
            raise ValueError(f'layer specs {missing}: the modules were not run by the forward '
                             f'pass')
        return segmentor.postprocess_result(logits, data_samples), logits, dict(features)

    @staticmethod
    def _default_metas(inputs: Tensor) -> List[Meta]:
        """The metas mmseg assumes without data samples (no padding, no resize)."""
        shape = tuple(inputs.shape[2:])
        return [dict(ori_shape=shape, img_shape=shape, pad_shape=shape,
                     padding_size=[0, 0, 0, 0]) for _ in range(len(inputs))]

    def to_image(self, maps: Tensor, meta: Meta, input_size: Sequence[int]) -> Tensor:
        """``1 x D x h x w`` maps over the padded input (of ``input_size``) cropped to the image
        (padding removed at the map's scale) and unflipped, as ``postprocess_result`` does."""
        height, width = maps.shape[-2:]
        left, right, top, bottom = meta.get('img_padding_size',
                                            meta.get('padding_size', [0] * 4))
        scale_y, scale_x = height / input_size[0], width / input_size[1]
        top, bottom = round(top * scale_y), round(bottom * scale_y)
        left, right = round(left * scale_x), round(right * scale_x)
        maps = maps[..., top:height - bottom, left:width - right]
        if meta.get('flip'):
            maps = maps.flip(dims=(3,) if meta.get('flip_direction') == 'horizontal' else (2,))
        return maps

    def to_original(self, maps: Tensor, meta: Meta) -> Tensor:
        """``1 x D x H x W`` maps at the input size -> the original image size, exactly as the
        segmentor's ``postprocess_result`` brings its logits there."""
        maps = self.to_image(maps, meta, maps.shape[-2:])
        return self._resize(maps, tuple(meta['ori_shape'][:2]))

    def _resize(self, maps: Tensor, size: Tuple[int, int]) -> Tensor:
        """Bilinear resize with the segmentor's ``align_corners``."""
        if tuple(maps.shape[-2:]) == tuple(size):
            return maps
        return F.interpolate(maps, size=size, mode='bilinear',
                             align_corners=self.segmentor.align_corners)

    def _dropout_maps(self, inputs: Tensor, metas: List[Meta]) -> Dict[str, Tensor]:
        """``{name: N x H x W}`` at the input size for each MC dropout score."""
        maps = {}
        for name, score in self.scores.items():
            if isinstance(score, MCDropoutScore):
                maps[name] = score(self.dropout_passes(inputs, metas, score.passes,
                                                       score.head_only))
        return maps

    def dropout_passes(self, inputs: Tensor, metas: List[Meta], passes: int,
                       head_only: bool = True) -> Iterator[Tensor]:
        """The input-size logits of ``passes`` forward passes with dropout on.

        With ``head_only`` (and whole-image inference, every dropout layer in the decode head)
        the backbone and neck run once and only the decode head ``passes`` times.

        Raises:
            ValueError: the segmentor has no dropout layer.
        """
        segmentor = self.segmentor
        dropouts = {name: module for name, module in segmentor.named_modules()
                    if isinstance(module, nn.modules.dropout._DropoutNd)}
        if not dropouts:
            raise ValueError('MC dropout: the segmentor has no dropout layer')
        shortcut = (head_only and segmentor.test_cfg.get('mode', 'whole') == 'whole'
                    and all(name.startswith('decode_head.') for name in dropouts))
        features = segmentor.extract_feat(inputs) if shortcut else None
        for _ in range(passes):
            with _train_mode(dropouts.values()):
                if shortcut:
                    yield segmentor.decode_head.predict(features, metas, segmentor.test_cfg)
                else:
                    yield segmentor.inference(inputs, metas)


@contextlib.contextmanager
def _train_mode(modules: Sequence[nn.Module]) -> Iterator[None]:
    """Puts ``modules`` in training mode for the block, then back."""
    modes = [module.training for module in modules]
    try:
        for module in modules:
            module.train()
        yield
    finally:
        for module, mode in zip(modules, modes):
            module.train(mode)
