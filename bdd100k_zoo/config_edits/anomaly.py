"""Config edits of the anomaly configs (``anomaly/configs``): the anomaly wrapper around a
segmentor, the void classifier, the Dirichlet prior network and the open-set head, each applied to
the parents' settings of whichever segmentor a config starts from.

An edit that applies a helper one of the config's bases holds as data (``anomaly_segmentor``,
``dirichlet_head``, ``vca_head``) takes it out of ``base`` (``pop``), as a config does by hand, so
that no helper stays in the resolved settings.
"""
from typing import Any, Dict, List, MutableMapping, Optional, Sequence, Tuple

#: The step that ends an mmseg training pipeline: an edit inserts its steps before it.
PACKING_STEP = 'PackSegInputs'
#: The heads of an mmseg segmentor that classify pixels (a segmentor may have no auxiliary head).
CLASSIFIER_HEADS = ('decode_head', 'auxiliary_head')

Settings = Dict[str, Any]


def _setting(base: MutableMapping[str, Any], key: str, pop: bool = False) -> Any:
    """``base[key]`` (taken out of ``base`` with ``pop``), or a ``ValueError`` naming the setting
    the config has to list."""
    if key not in base:
        raise ValueError(f'the parent configs have no {key!r}: list the base file that defines it '
                         'before applying this edit')
    return base.pop(key) if pop else base[key]


def classifier_heads(segmentor: Settings) -> List[str]:
    """The names of the pixel-classifying heads a segmentor has (``decode_head``, and
    ``auxiliary_head`` when it has one).

    Raises:
        ValueError: an auxiliary head given as a list of heads (no edit here handles several).
    """
    if isinstance(segmentor.get('auxiliary_head'), (list, tuple)):
        raise ValueError('the segmentor has a list of auxiliary heads: the anomaly edits handle '
                         'one auxiliary head at the most')
    return [name for name in CLASSIFIER_HEADS if segmentor.get(name) is not None]


def insert_before_packing(pipeline: Sequence[Settings], step: Settings) -> List[Settings]:
    """``pipeline`` with ``step`` inserted just before its packing step (``PackSegInputs``), so
    that the step sees the cropped and flipped maps.

    Raises:
        ValueError: the pipeline has no packing step.
    """
    types = [item.get('type') for item in pipeline]
    if PACKING_STEP not in types:
        raise ValueError(f'the training pipeline has no {PACKING_STEP} step to insert '
                         f'{step.get("type")} before (its steps: {types})')
    index = types.index(PACKING_STEP)
    return [*pipeline[:index], step, *pipeline[index:]]


def train_with_step(base: Settings, step: Settings) -> Tuple[List[Settings], Settings]:
    """The parents' training pipeline with ``step`` before its packing step, and the training
    dataloader that uses it: ``(train_pipeline, train_dataloader)``."""
    train_pipeline = insert_before_packing(_setting(base, 'train_pipeline'), step)
    return train_pipeline, dict(dataset=dict(pipeline=train_pipeline))


def anomaly_test_data(base: Settings, batch_size: int, **dataset: Any
                      ) -> Tuple[List[Settings], Settings, Settings]:
    """The test data of an anomaly data config: a ``BDD100KAnomalyDataset`` split read in order,
    its images resized as the parents' (``image_scale``), both ground-truth maps (classes and
    anomalies) loaded after the resize so that they stay at full size, where predictions are
    scored, and every anomaly score evaluated by ``BDD100KAnomalyMetric``.

    Args:
        base: the parents' settings: a sem_seg data config's (``image_scale``, ``meta_keys``).
        batch_size: images per test batch.
        **dataset: the split's settings (``data_root``, ``split``, ...).

    Returns:
        ``(anomaly_test_pipeline, test_dataloader, test_evaluator)``, merged into the parents'.
    """
    anomaly_test_pipeline = [
        dict(type='LoadImageFromFile'),
        dict(type='Resize', scale=_setting(base, 'image_scale'), keep_ratio=True),
        dict(type='BDD100KLoadAnomalyAnnotations'),
        dict(type='BDD100KPackAnomalyInputs', meta_keys=_setting(base, 'meta_keys')),
    ]
    test_dataloader = dict(
        batch_size=batch_size,
        num_workers=2,
        persistent_workers=True,
        sampler=dict(type='DefaultSampler', shuffle=False),
        dataset=dict(type='BDD100KAnomalyDataset', test_mode=True, pipeline=anomaly_test_pipeline,
                     **dataset))
    return anomaly_test_pipeline, test_dataloader, dict(_delete_=True, type='BDD100KAnomalyMetric')


def anomaly_segmentor(base: MutableMapping[str, Any], segmentor: Optional[Settings] = None,
                      known_classes: Optional[int] = None) -> Settings:
    """The model of an anomaly config: a segmentor wrapped by ``anomaly_segmentor``
    (``bdd_anomaly_segmentor.py``, taken out of ``base``), replacing the parents' model.

    Args:
        base: the parents' settings, with ``anomaly_segmentor``, ``model`` and ``crop_size``.
        segmentor: the segmentor to wrap; the parents' ``model`` by default.
        known_classes: when given, the number of classes of every classifier head (the known
            classes); otherwise the heads keep theirs.

    Returns:
        The model, its data preprocessor padding to the parents' ``crop_size``.
    """
    wrapper = _setting(base, 'anomaly_segmentor', pop=True)
    segmentor = _setting(base, 'model') if segmentor is None else segmentor
    segmentor = dict(segmentor, data_preprocessor=dict(segmentor['data_preprocessor'],
                                                       size=_setting(base, 'crop_size')))
    if known_classes is not None:
        segmentor.update({name: dict(segmentor[name], num_classes=known_classes)
                          for name in classifier_heads(segmentor)})
    return dict(wrapper, _delete_=True, segmentor=segmentor)


def void_classifier(base: Settings, void_label: int
                    ) -> Tuple[List[Settings], Settings, Settings, Settings]:
    """An anomaly model as a void classifier (Fishyscapes section 4.1): every classifier head gets
    one more output, the void class ``void_label`` (the number of known classes), trained on the
    unlabelled pixels that ``BDD100KRelabelVoid`` relabels after the crop and flip; the anomaly
    score is the void probability, CA-IoU's unknown index the void class.

    Args:
        base: the parents' settings: an anomaly config's (``model.segmentor``,
            ``train_pipeline``).
        void_label: the void class, the number of known classes.

    Returns:
        ``(train_pipeline, train_dataloader, model, test_evaluator)``, merged into the parents'.
    """
    train_pipeline, train_dataloader = train_with_step(
        base, dict(type='BDD100KRelabelVoid', value=void_label))
    heads = classifier_heads(_setting(base, 'model')['segmentor'])
    model = dict(segmentor={name: dict(num_classes=void_label + 1) for name in heads},
                 scores=dict(_delete_=True, void=dict(type='BDD100KVoidScore')),
                 primary='void', known_classes=void_label)
    return train_pipeline, train_dataloader, model, dict(unknown_index=void_label)


def dirichlet_prior_network(base: MutableMapping[str, Any]
                            ) -> Tuple[List[Settings], Settings, Settings]:
    """An anomaly model as a Dirichlet prior network (``bdd_anomaly_dirichlet_head.py``, whose
    ``dirichlet_head``, ``dirichlet_loss`` and ``relabel_out`` are taken out of ``base``): the
    training pipeline relabels the unlabelled pixels with ``relabel_out`` before packing, and an
    auxiliary head, when the segmentor has one, trains with the Dirichlet loss too, weighted as its
    own loss was.

    Returns:
        ``(train_pipeline, train_dataloader, model)``, merged into the parents'.
    """
    model = _setting(base, 'dirichlet_head', pop=True)
    loss = _setting(base, 'dirichlet_loss', pop=True)
    relabel_out = _setting(base, 'relabel_out', pop=True)
    train_pipeline, train_dataloader = train_with_step(base, relabel_out)
    segmentor = _setting(base, 'model')['segmentor']
    if 'auxiliary_head' in classifier_heads(segmentor):
        weight = segmentor['auxiliary_head']['loss_decode']['loss_weight']
        model = dict(model, segmentor=dict(model['segmentor'], auxiliary_head=dict(
            loss_decode=dict(loss, _delete_=True, loss_weight=weight))))
    return train_pipeline, train_dataloader, model


def open_set_head(base: MutableMapping[str, Any]) -> Settings:
    """A void classifier's model with the open-set head of the VCA paper (``vca_head`` of
    ``bdd_anomaly_vca_head.py``, taken out of ``base``) in place of its decode head's classifier:
    the head wraps the parents' decode head, classifying the known classes only.

    Args:
        base: the parents' settings: a void classifier's (``model.known_classes``,
            ``model.segmentor.decode_head``) and ``vca_head``.

    Returns:
        The model, merged into the parents'.
    """
    vca_head = _setting(base, 'vca_head', pop=True)
    parent = _setting(base, 'model')
    head = dict(parent['segmentor']['decode_head'], num_classes=parent['known_classes'])
    return dict(vca_head, segmentor=dict(vca_head['segmentor'], decode_head=dict(
        vca_head['segmentor']['decode_head'], head=head)))
