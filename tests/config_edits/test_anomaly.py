"""The anomaly config edits on plain dicts: expected settings written out by hand."""
import pytest

from bdd100k_zoo.config_edits import anomaly

PACK = dict(type='PackSegInputs', meta_keys=('img_path',))
CROP = dict(type='RandomCrop', crop_size=(8, 16))


def segmentor(auxiliary: bool = False) -> dict:
    model = dict(type='EncoderDecoder', data_preprocessor=dict(type='SegDataPreProcessor'),
                 decode_head=dict(type='FCNHead', num_classes=19))
    if auxiliary:
        model['auxiliary_head'] = dict(type='FCNHead', num_classes=19, loss_decode=dict(
            type='CrossEntropyLoss', loss_weight=0.4))
    return model


def wrapper() -> dict:
    return dict(type='BDD100KAnomalySegmentor',
                scores=dict(msp=dict(type='BDD100KMaxSoftmaxScore')), primary='msp')


def test_insert_before_packing_puts_the_step_just_before_the_packing_step():
    step = dict(type='BDD100KRelabelVoid', value=17)
    assert anomaly.insert_before_packing([CROP, PACK, CROP], step) == [CROP, step, PACK, CROP]


def test_insert_before_packing_names_the_missing_step():
    with pytest.raises(ValueError, match=r"no PackSegInputs step to insert BDD100KRelabelVoid "
                                         r"before \(its steps: \['RandomCrop'\]\)"):
        anomaly.insert_before_packing([CROP], dict(type='BDD100KRelabelVoid', value=17))


def test_classifier_heads_lists_the_heads_the_segmentor_has():
    assert anomaly.classifier_heads(segmentor()) == ['decode_head']
    assert anomaly.classifier_heads(dict(segmentor(), auxiliary_head=None)) == ['decode_head']
    assert anomaly.classifier_heads(segmentor(auxiliary=True)) == ['decode_head', 'auxiliary_head']
    with pytest.raises(ValueError, match='list of auxiliary heads'):
        anomaly.classifier_heads(dict(segmentor(), auxiliary_head=[dict(), dict()]))


def test_anomaly_segmentor_wraps_the_parents_model_and_takes_the_helper_out():
    base = dict(model=segmentor(auxiliary=True), crop_size=(8, 16), anomaly_segmentor=wrapper())
    model = anomaly.anomaly_segmentor(base, known_classes=17)
    assert 'anomaly_segmentor' not in base
    assert model == dict(
        type='BDD100KAnomalySegmentor', scores=dict(msp=dict(type='BDD100KMaxSoftmaxScore')),
        primary='msp', _delete_=True,
        segmentor=dict(
            type='EncoderDecoder',
            data_preprocessor=dict(type='SegDataPreProcessor', size=(8, 16)),
            decode_head=dict(type='FCNHead', num_classes=17),
            auxiliary_head=dict(type='FCNHead', num_classes=17, loss_decode=dict(
                type='CrossEntropyLoss', loss_weight=0.4))))
    assert base['model'] == segmentor(auxiliary=True)  # the parents' model is not changed


def test_anomaly_segmentor_wraps_a_given_segmentor_keeping_its_classes():
    base = dict(model=segmentor(), crop_size=(8, 16), anomaly_segmentor=wrapper())
    model = anomaly.anomaly_segmentor(base, segmentor=dict(segmentor(), neck=dict(type='FPN')))
    assert model['segmentor'] == dict(
        type='EncoderDecoder', data_preprocessor=dict(type='SegDataPreProcessor', size=(8, 16)),
        decode_head=dict(type='FCNHead', num_classes=19), neck=dict(type='FPN'))


def test_anomaly_segmentor_names_the_missing_helper():
    with pytest.raises(ValueError, match="no 'anomaly_segmentor': list the base file"):
        anomaly.anomaly_segmentor(dict(model=segmentor(), crop_size=(8, 16)))


def test_anomaly_test_data_loads_the_maps_after_the_resize():
    base = dict(image_scale=(1280, 720), meta_keys=('img_path',))
    pipeline, dataloader, evaluator = anomaly.anomaly_test_data(
        base, batch_size=2, data_root='data/x/', split='anomaly')
    assert pipeline == [
        dict(type='LoadImageFromFile'),
        dict(type='Resize', scale=(1280, 720), keep_ratio=True),
        dict(type='BDD100KLoadAnomalyAnnotations'),
        dict(type='BDD100KPackAnomalyInputs', meta_keys=('img_path',))]
    assert dataloader == dict(
        batch_size=2, num_workers=2, persistent_workers=True,
        sampler=dict(type='DefaultSampler', shuffle=False),
        dataset=dict(type='BDD100KAnomalyDataset', test_mode=True, pipeline=pipeline,
                     data_root='data/x/', split='anomaly'))
    assert evaluator == dict(_delete_=True, type='BDD100KAnomalyMetric')


@pytest.mark.parametrize('auxiliary', [False, True])
def test_void_classifier_gives_every_head_the_void_class(auxiliary):
    base = dict(model=dict(wrapper(), segmentor=segmentor(auxiliary)),
                train_pipeline=[CROP, PACK])
    pipeline, dataloader, model, evaluator = anomaly.void_classifier(base, 17)
    relabel = dict(type='BDD100KRelabelVoid', value=17)
    assert pipeline == [CROP, relabel, PACK]
    assert dataloader == dict(dataset=dict(pipeline=[CROP, relabel, PACK]))
    heads = dict(decode_head=dict(num_classes=18))
    if auxiliary:
        heads['auxiliary_head'] = dict(num_classes=18)
    assert model == dict(segmentor=heads,
                         scores=dict(_delete_=True, void=dict(type='BDD100KVoidScore')),
                         primary='void', known_classes=17)
    assert evaluator == dict(unknown_index=17)


def dirichlet_base(auxiliary: bool) -> dict:
    loss = dict(type='BDD100KDirichletPriorLoss', out_label=254)
    return dict(
        model=dict(wrapper(), segmentor=segmentor(auxiliary)), train_pipeline=[CROP, PACK],
        dirichlet_loss=loss, relabel_out=dict(type='BDD100KRelabelVoid', value=254),
        dirichlet_head=dict(segmentor=dict(decode_head=dict(loss_decode=dict(loss, _delete_=True))),
                            primary='dirichlet'))


def test_dirichlet_prior_network_relabels_and_takes_the_helpers_out():
    base = dirichlet_base(auxiliary=False)
    head = base['dirichlet_head']
    pipeline, dataloader, model = anomaly.dirichlet_prior_network(base)
    relabel = dict(type='BDD100KRelabelVoid', value=254)
    assert pipeline == [CROP, relabel, PACK]
    assert dataloader == dict(dataset=dict(pipeline=pipeline))
    assert model == head
    assert {'dirichlet_head', 'dirichlet_loss', 'relabel_out'}.isdisjoint(base)


def test_dirichlet_prior_network_weights_the_auxiliary_loss_as_before():
    _, _, model = anomaly.dirichlet_prior_network(dirichlet_base(auxiliary=True))
    loss = dict(type='BDD100KDirichletPriorLoss', out_label=254, _delete_=True)
    assert model['segmentor'] == dict(decode_head=dict(loss_decode=loss),
                                      auxiliary_head=dict(loss_decode=dict(loss, loss_weight=0.4)))


def test_open_set_head_wraps_the_decode_head_with_the_known_classes():
    decode_head = dict(type='FCNHead', num_classes=18, channels=64)
    vca = dict(segmentor=dict(decode_head=dict(_delete_=True, type='BDD100KOpenSetPrototypeHead')),
               primary='unknown')
    base = dict(model=dict(segmentor=dict(decode_head=decode_head), known_classes=17),
                vca_head=vca)
    model = anomaly.open_set_head(base)
    assert 'vca_head' not in base
    assert model == dict(
        segmentor=dict(decode_head=dict(
            _delete_=True, type='BDD100KOpenSetPrototypeHead',
            head=dict(type='FCNHead', num_classes=17, channels=64))),
        primary='unknown')
    assert vca['segmentor']['decode_head'] == dict(_delete_=True,
                                                   type='BDD100KOpenSetPrototypeHead')
