"""The BDD100K paper's segmentation network in mmseg: DLA backbone, DLA-up neck, a small conv head.

BDD100K paper, section 5.1: "We employ DLA-34 as the base model for the segmentation tasks. We
implement the segmentation head with four 3x3 convolution blocks followed by an 1x1 convolution to
produce segmentation maps in a 4x down-sampled scale, and use bilinear interpolation to upsample
the output to the original scale." In mmseg's ``EncoderDecoder``: backbone ``BDD100KDLA`` (levels
2-5), neck ``BDD100KDLAUp`` (one map at stride 4), decode head ``BDD100KDLASegHead``; mmseg's
decode head upsamples the logits bilinearly to the input size (loss and inference).

Importing this module imports ``mmseg.models``; :mod:`bdd100k_zoo.seg.registration` registers the
classes so that importing the side does not.
"""
from typing import Sequence, Tuple

from mmseg.models.decode_heads import FCNHead
from torch import Tensor

from ..backbones import DLAUp


class BDD100KDLAUp(DLAUp):
    """:class:`~bdd100k_zoo.backbones.DLAUp` as an mmseg neck: its stride-4 map in a 1-tuple.

    mmseg heads pick their input from a sequence of maps (``in_index``), hence the tuple.
    Arguments as :class:`~bdd100k_zoo.backbones.DLAUp`.
    """

    def forward(self, feats: Sequence[Tensor]) -> Tuple[Tensor]:
        """Aggregates the backbone levels (finest first) into ``(map,)`` at the finest scale."""
        return (super().forward(feats),)


class BDD100KDLASegHead(FCNHead):
    """The BDD100K paper's segmentation head: ``num_convs`` 3x3 conv-norm-ReLU blocks, a 1x1 conv.

    Reads the single DLA-up map (stride 4) and predicts logits at that scale; mmseg upsamples them
    bilinearly to the input size.

    Args:
        in_channels: channels of the DLA-up output (64 for DLA-34).
        channels: width of the conv blocks (the paper does not state it).
        num_convs: number of 3x3 conv blocks (four in the paper).
        **kwargs: as :class:`mmseg.models.decode_heads.BaseDecodeHead` (``num_classes``,
            ``norm_cfg``, ``dropout_ratio``, ``loss_decode``, ``align_corners``, ...).
    """

    def __init__(self, in_channels: int = 64, channels: int = 256, num_convs: int = 4,
                 **kwargs) -> None:
        for fixed in ('kernel_size', 'concat_input', 'in_index', 'input_transform'):
            if fixed in kwargs:
                raise TypeError(f'BDD100KDLASegHead has a fixed {fixed}')
        super().__init__(in_channels=in_channels, channels=channels, num_convs=num_convs,
                         kernel_size=3, concat_input=False, in_index=0, **kwargs)
