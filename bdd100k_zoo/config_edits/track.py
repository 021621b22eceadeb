"""Config edits of segmentation tracking: the seg_track_20 data applied to a box-tracking data
config (``configs/_base_/datasets/bdd100k_seg_track*.py``), QDTrack's detector with a mask head
(PCAN's first stage) and PCAN's second stage (``mots/configs``), each sized to the FPN of whichever
QDTrack a config starts from.
"""
from typing import Any, Dict, List, Mapping, MutableMapping, Sequence, Tuple

Settings = Dict[str, Any]
#: The pipeline step that loads a frame's track labels (boxes, and masks with ``with_mask``).
LOAD_STEP = 'BDD100KLoadTrackAnnotations'


def load_masks(pipeline: Sequence[Settings]) -> List[Settings]:
    """``pipeline`` with every ``BDD100KLoadTrackAnnotations`` step, at its top level or in a
    step's ``transforms`` (a ``TransformBroadcaster``), loading instance masks too.

    Raises:
        ValueError: the pipeline has no such step.
    """
    loaders = []

    def edit(step: Settings) -> Settings:
        if step.get('type') == LOAD_STEP:
            loaders.append(step)
            return dict(step, with_mask=True)
        if isinstance(step.get('transforms'), (list, tuple)):
            return dict(step, transforms=[edit(item) for item in step['transforms']])
        return step

    edited = [edit(step) for step in pipeline]
    if not loaders:
        raise ValueError(f'the pipeline has no {LOAD_STEP} step to load masks with (its steps: '
                         f'{[step.get("type") for step in pipeline]})')
    return edited


def seg_track_data(base: MutableMapping[str, Any]
                   ) -> Tuple[List[Settings], List[Settings], Settings, Settings, Settings]:
    """A box-tracking data config made a segmentation tracking one: both pipelines load masks, the
    training sets and the val set of ``bdd100k_seg_track_masks.py`` (``seg_train_sets`` and
    ``seg_val_set``, taken out of ``base``) merged into the parents' (the parents' paths and
    sizes stay), scored with ``BDD100KSegTrackMetric``.

    Args:
        base: the parents' settings: a box-tracking data config's and the seg_track_20 sets.

    Returns:
        ``(train_pipeline, test_pipeline, train_dataloader, val_dataloader, val_evaluator)``;
        the test split is the val one.

    Raises:
        ValueError: the parents do not include ``bdd100k_seg_track_masks.py``.
        ValueError: the parents' training sets are not as many as the seg_track_20 ones.
    """
    if not {'seg_train_sets', 'seg_val_set'} <= set(base):
        raise ValueError('the parent configs have no seg_train_sets and seg_val_set: list '
                         'bdd100k_seg_track_masks.py after the box-tracking data config')
    train_pipeline = load_masks(base['train_pipeline'])
    test_pipeline = load_masks(base['test_pipeline'])
    seg_train_sets, seg_val_set = base.pop('seg_train_sets'), base.pop('seg_val_set')
    box_sets = base['train_dataloader']['dataset']['datasets']
    if len(box_sets) != len(seg_train_sets):
        raise ValueError(f'the parents train on {len(box_sets)} sets, segmentation tracking on '
                         f'{len(seg_train_sets)}: each box-tracking set needs its seg_track one')
    train_dataloader = dict(dataset=dict(pipeline=train_pipeline, datasets=[
        dict(box, **masks) for box, masks in zip(box_sets, seg_train_sets)]))
    val_dataloader = dict(dataset=dict(seg_val_set, pipeline=test_pipeline))
    return (train_pipeline, test_pipeline, train_dataloader, val_dataloader,
            dict(type='BDD100KSegTrackMetric'))


def fpn_channels(base: Mapping[str, Any]) -> int:
    """The output channels of the FPN of the parents' QDTrack detector
    (``model.detector.neck.out_channels``).

    Raises:
        ValueError: the parents' model has no detector neck with output channels.
    """
    try:
        return base['model']['detector']['neck']['out_channels']
    except (KeyError, TypeError) as err:
        raise ValueError('the parent configs have no model.detector.neck.out_channels: the track '
                         'edits apply to a QDTrack with an FPN') from err


def mask_head(base: Mapping[str, Any], **rcnn_test_cfg: Any) -> Settings:
    """The changes that give the parents' QDTrack detector an FCN mask head (Mask R-CNN's: 14x14
    RoIAlign on the 4 FPN strides, 4 convs as wide as the FPN, 28x28 masks of the 8 tracked
    classes, mask cross entropy, masks binarised at 0.5).

    Args:
        base: the parents' settings (a QDTrack model).
        **rcnn_test_cfg: more test settings of the detector's RoI head (score threshold, NMS).

    Returns:
        The ``detector`` of the config's ``model``, merged into the parents'.
    """
    channels = fpn_channels(base)
    return dict(
        roi_head=dict(
            mask_roi_extractor=dict(
                type='SingleRoIExtractor',
                roi_layer=dict(type='RoIAlign', output_size=14, sampling_ratio=0),
                out_channels=channels,
                featmap_strides=[4, 8, 16, 32]),
            mask_head=dict(
                type='FCNMaskHead',
                num_convs=4,
                in_channels=channels,
                conv_out_channels=channels,
                num_classes=8,
                loss_mask=dict(type='CrossEntropyLoss', use_mask=True, loss_weight=1.0))),
        train_cfg=dict(rcnn=dict(mask_size=28)),
        test_cfg=dict(rcnn=dict(rcnn_test_cfg, mask_thr_binary=0.5)))


def pcan(base: Mapping[str, Any], **refine_head: Any) -> Settings:
    """The changes that make the parents' QDTrack with a mask head PCAN's second stage (the
    published settings of SysCV/pcan's ``segtrack-frcnn_r50_fpn_12e_bdd10k_fixed_pcan.py``, as
    wide as the parents' FPN): the frame-level prototype memory on FPN levels 0 and 1 (30
    prototypes, 3 EM iterations), the refine mask head (4 convs, 10 foreground and 10 background
    prototypes by 6 EM iterations, momentum 0.95, matches at cosine similarity 0.5, sigmoid cross
    entropy), the tracker that keeps mask features; everything but the refine head frozen.

    Args:
        base: the parents' settings (a QDTrack model with a mask head).
        **refine_head: more settings of the refine head.

    Returns:
        The config's ``model``, merged into the parents'.
    """
    channels = fpn_channels(base)
    return dict(
        type='BDD100KPCAN',
        freeze=('detector', 'track_head'),
        frame_memory=dict(type='BDD100KPrototypeMemory', channels=channels, num_protos=30,
                          em_iters=3, levels=(0, 1)),
        refine_head=dict(
            type='BDD100KPCANRefineHead',
            in_channels=channels,
            conv_out_channels=channels,
            num_convs=4,
            num_pos_protos=10,
            num_neg_protos=10,
            em_iters=6,
            momentum=0.95,
            match_score_thr=0.5,
            loss_mask=dict(type='CrossEntropyLoss', use_sigmoid=True, loss_weight=1.0),
            **refine_head),
        tracker=dict(type='BDD100KPCANTracker'))
