"""QDTrack for BDD100K: mmdet 3.3's ``QDTrack`` with its multi-class training bug fixed.

mmdet 3.3's ``QDTrack.loss`` sets the key frame's ground-truth labels to zero *in place* to train the
class-agnostic RPN (mmdetection issue #11409). The same data sample then goes to the RoI head, so
the box classifier only ever sees class 0: a multi-class model (BDD100K's 8 classes) trains as a
one-class detector. Here the RPN gets class-agnostic copies of the key frames' samples and the RoI
head the real labels, as mmdet's two-stage detectors do.

Parts of the model can be frozen by name (``freeze``): their weights get no gradient and they stay
in eval mode whenever the model is put in training mode (mmengine calls ``model.train()`` every
epoch, while mmdet's ``freeze_module`` sets eval mode once), so their batch-norm statistics do not
move.

The published mmdet 2.x checkpoints (SysCV/qdtrack, SysCV/pcan) load as they are: their keys are
renamed while loading (:mod:`bdd100k_zoo.track.checkpoints`).
"""
from typing import Dict, List, Optional, Sequence, Tuple

import torch
from mmdet.models.mot import QDTrack
from mmdet.registry import MODELS
from mmdet.structures import DetDataSample, TrackSampleList
from mmdet.utils import OptConfigType, OptMultiConfig
from mmengine.structures import InstanceData
from torch import Tensor, nn

from .checkpoints import convert_mmdet2_keys

#: The tracker used when none is configured (its defaults are the published BDD100K settings).
DEFAULT_TRACKER = dict(type='BDD100KQuasiDenseTracker')


def class_agnostic(sample: DetDataSample) -> DetDataSample:
    """A copy of a frame's sample whose ground-truth labels are all 0 (for the RPN).

    The copy shares every other field (boxes, ignored instances, metainfo) with ``sample``, which
    is left untouched.
    """
    copy = DetDataSample(metainfo=sample.metainfo)
    gt = sample.gt_instances
    copy.gt_instances = InstanceData(metainfo=gt.metainfo, **dict(gt.items()))
    copy.gt_instances.labels = torch.zeros_like(gt.labels)
    if 'ignored_instances' in sample:
        copy.ignored_instances = sample.ignored_instances
    return copy


def key_and_ref_frames(inputs: Tensor, data_samples: TrackSampleList, model: str
                       ) -> Tuple[Tensor, Tensor, List[DetDataSample], List[DetDataSample]]:
    """Splits a training batch of frame pairs into its key and its reference frames.

    Args:
        inputs: (N, 2, C, H, W) images, one key and one reference frame per sample.
        data_samples: one ``TrackDataSample`` per sample, with ``key_frames_inds`` and
            ``ref_frames_inds``; left unchanged.
        model: the model's name, for the error message.

    Returns:
        The (N, C, H, W) key images, the (N, C, H, W) reference images, and the key and reference
        frames' samples.

    Raises:
        ValueError: ``inputs`` is not (N, 2, C, H, W).
    """
    if inputs.dim() != 5 or inputs.size(1) != 2:
        raise ValueError(f'{model} trains on one key and one reference frame per sample: '
                         f'inputs must be (N, 2, C, H, W), got {tuple(inputs.shape)}')
    batch = torch.arange(len(inputs))
    key_inds = torch.tensor([sample.key_frames_inds[0] for sample in data_samples])
    ref_inds = torch.tensor([sample.ref_frames_inds[0] for sample in data_samples])
    return (inputs[batch, key_inds].contiguous(), inputs[batch, ref_inds].contiguous(),
            [sample.get_key_frames()[0] for sample in data_samples],
            [sample.get_ref_frames()[0] for sample in data_samples])


@MODELS.register_module()
class BDD100KQDTrack(QDTrack):
    """QDTrack (Faster R-CNN + quasi-dense embedding head + tracker) that trains all classes.

    Args:
        detector: the two-stage detector config (with an RPN).
        track_head: the quasi-dense track head config.
        tracker: the tracker config; ``None`` means :class:`~bdd100k_zoo.track.tracker.
            BDD100KQuasiDenseTracker` with the published BDD100K settings.
        freeze_detector: freeze the detector's weights (mmdet's option: eval mode is set once).
        freeze: dotted names of submodules to freeze (e.g. ``'detector.backbone'``,
            ``'track_head'``): no gradient, and eval mode kept through ``train()``.
        data_preprocessor: a ``TrackDataPreprocessor`` config.
        init_cfg: initialisation config.

    Raises:
        ValueError: a name in ``freeze`` is not a submodule of the model.
    """

    def __init__(self,
                 detector: Optional[dict] = None,
                 track_head: Optional[dict] = None,
                 tracker: Optional[dict] = None,
                 freeze_detector: bool = False,
                 freeze: Sequence[str] = (),
                 data_preprocessor: OptConfigType = None,
                 init_cfg: OptMultiConfig = None) -> None:
        super().__init__(detector=detector, track_head=track_head,
                         tracker=DEFAULT_TRACKER if tracker is None else tracker,
                         freeze_detector=freeze_detector, data_preprocessor=data_preprocessor,
                         init_cfg=init_cfg)
        self.freeze = tuple(freeze)
        for module in self.frozen_modules():
            module.requires_grad_(False)
            module.eval()

    def frozen_modules(self) -> Sequence[nn.Module]:
        """The submodules named in ``freeze``, in that order.

        Raises:
            ValueError: a name is not a submodule of the model.
        """
        modules = []
        for name in self.freeze:
            try:
                modules.append(self.get_submodule(name))
            except AttributeError as error:
                raise ValueError(f'{type(self).__name__}: cannot freeze {name!r}: no such '
                                 f'submodule ({error})') from None
        return modules

    def train(self, mode: bool = True) -> 'BDD100KQDTrack':
        """Sets training mode, keeping the frozen submodules in eval mode.

        Args:
            mode: True for training mode, False for eval mode.

        Returns:
            The model itself.
        """
        super().train(mode)
        for module in self.frozen_modules():
            module.eval()
        return self

    def _load_from_state_dict(self, state_dict: dict, prefix: str, local_metadata: dict,
                              strict: bool, missing_keys: List[str], unexpected_keys: List[str],
                              error_msgs: List[str]) -> None:
        """Renames the keys of mmdet 2.x checkpoints (in place, before any part of the model reads
        them), then loads as torch does."""
        convert_mmdet2_keys(state_dict, prefix)
        super()._load_from_state_dict(state_dict, prefix, local_metadata, strict, missing_keys,
                                      unexpected_keys, error_msgs)

    def loss(self, inputs: Tensor, data_samples: TrackSampleList, **kwargs) -> Dict[str, Tensor]:
        """Detection (RPN + RoI head) losses on the key frames and tracking losses on key and
        reference frames.

        Args:
            inputs: (N, 2, C, H, W) images, one key and one reference frame per sample.
            data_samples: one ``TrackDataSample`` per sample, with ``key_frames_inds`` and
                ``ref_frames_inds``; left unchanged.

        Returns:
            The losses (RPN ones prefixed ``rpn_``).

        Raises:
            ValueError: ``inputs`` is not (N, 2, C, H, W).
        """
        key_images, ref_images, key_samples, ref_samples = key_and_ref_frames(
            inputs, data_samples, 'QDTrack')
        feats = self.detector.extract_feat(key_images)
        ref_feats = self.detector.extract_feat(ref_images)

        proposal_cfg = self.detector.train_cfg.get('rpn_proposal', self.detector.test_cfg.rpn)
        rpn_losses, proposals = self.detector.rpn_head.loss_and_predict(
            feats, [class_agnostic(sample) for sample in key_samples], proposal_cfg=proposal_cfg,
            **kwargs)
        ref_proposals = self.detector.rpn_head.predict(ref_feats, ref_samples, **kwargs)
        losses = {(key if 'rpn' in key or 'loss' not in key else f'rpn_{key}'): value
                  for key, value in rpn_losses.items()}
        losses.update(self.detector.roi_head.loss(feats, proposals, key_samples, **kwargs))
        losses.update(self.track_head.loss(feats, ref_feats, proposals, ref_proposals,
                                           data_samples, **kwargs))
        return losses
