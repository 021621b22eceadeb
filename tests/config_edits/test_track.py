"""The segmentation tracking config edits on plain dicts: expected settings written out by hand."""
import pytest

from bdd100k_zoo.config_edits import track

LOAD = dict(type='BDD100KLoadTrackAnnotations')
PACK = dict(type='PackTrackInputs')


def qdtrack(channels: int) -> dict:
    return dict(model=dict(detector=dict(neck=dict(type='FPN', out_channels=channels))))


def test_load_masks_edits_the_loading_step_inside_a_broadcaster_too():
    broadcaster = dict(type='TransformBroadcaster', transforms=[dict(type='LoadImageFromFile'), LOAD])
    pipeline = [broadcaster, LOAD, PACK]
    assert track.load_masks(pipeline) == [
        dict(type='TransformBroadcaster', transforms=[
            dict(type='LoadImageFromFile'), dict(type='BDD100KLoadTrackAnnotations',
                                                 with_mask=True)]),
        dict(type='BDD100KLoadTrackAnnotations', with_mask=True), PACK]
    assert 'with_mask' not in LOAD  # the parents' steps are not changed


def test_load_masks_names_the_missing_step():
    with pytest.raises(ValueError, match=r"no BDD100KLoadTrackAnnotations step .* "
                                         r"\['PackTrackInputs'\]"):
        track.load_masks([PACK])


def box_track_base(sets: int = 2) -> dict:
    return dict(
        train_pipeline=[LOAD, PACK], test_pipeline=[LOAD, PACK],
        train_dataloader=dict(dataset=dict(datasets=[
            dict(type='BDD100KVideoDataset', ann_file=f'box/{i}.json', data_root='data/')
            for i in range(sets)])),
        seg_train_sets=[dict(type='BDD100KSegTrackDataset', ann_file='seg/'),
                        dict(type='BDD100KInsSegVideoDataset', ann_file='ins.json')],
        seg_val_set=dict(type='BDD100KSegTrackDataset', ann_file='seg/val/'))


def test_seg_track_data_merges_the_seg_track_sets_into_the_parents():
    base = box_track_base()
    train_pipeline, test_pipeline, train_loader, val_loader, evaluator = track.seg_track_data(base)
    masks = [dict(type='BDD100KLoadTrackAnnotations', with_mask=True), PACK]
    assert train_pipeline == test_pipeline == masks
    assert train_loader == dict(dataset=dict(pipeline=masks, datasets=[
        dict(type='BDD100KSegTrackDataset', ann_file='seg/', data_root='data/'),
        dict(type='BDD100KInsSegVideoDataset', ann_file='ins.json', data_root='data/')]))
    assert val_loader == dict(dataset=dict(type='BDD100KSegTrackDataset', ann_file='seg/val/',
                                           pipeline=masks))
    assert evaluator == dict(type='BDD100KSegTrackMetric')
    assert {'seg_train_sets', 'seg_val_set'}.isdisjoint(base)


def test_seg_track_data_names_the_missing_base_file():
    base = box_track_base()
    del base['seg_val_set']
    with pytest.raises(ValueError, match='list bdd100k_seg_track_masks.py after'):
        track.seg_track_data(base)


def test_seg_track_data_wants_one_seg_track_set_per_training_set():
    with pytest.raises(ValueError, match='train on 1 sets, segmentation tracking on 2'):
        track.seg_track_data(box_track_base(sets=1))


def test_mask_head_is_as_wide_as_the_fpn():
    detector = track.mask_head(qdtrack(64), score_thr=0.5)
    roi_head = detector['roi_head']
    assert roi_head['mask_roi_extractor']['out_channels'] == 64
    assert roi_head['mask_roi_extractor']['featmap_strides'] == [4, 8, 16, 32]
    assert roi_head['mask_head']['in_channels'] == roi_head['mask_head']['conv_out_channels'] == 64
    assert roi_head['mask_head']['num_classes'] == 8
    assert detector['train_cfg'] == dict(rcnn=dict(mask_size=28))
    assert detector['test_cfg'] == dict(rcnn=dict(score_thr=0.5, mask_thr_binary=0.5))


def test_pcan_is_as_wide_as_the_fpn_and_takes_more_refine_settings():
    model = track.pcan(qdtrack(256), with_key_mask=True)
    assert model['type'] == 'BDD100KPCAN'
    assert model['freeze'] == ('detector', 'track_head')
    assert model['frame_memory'] == dict(type='BDD100KPrototypeMemory', channels=256,
                                         num_protos=30, em_iters=3, levels=(0, 1))
    refine = model['refine_head']
    assert refine['in_channels'] == refine['conv_out_channels'] == 256
    assert (refine['num_pos_protos'], refine['num_neg_protos'], refine['em_iters']) == (10, 10, 6)
    assert refine['with_key_mask'] is True


def test_the_track_edits_name_a_parent_without_an_fpn():
    with pytest.raises(ValueError, match='model.detector.neck.out_channels'):
        track.mask_head(dict(model=dict(detector=dict())))
