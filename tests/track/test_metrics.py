"""MOT and MOTS metrics: official numbers, output files, submissions, same numbers as the CLI."""
import io
import json
import os.path as osp
import zipfile

import numpy as np
import pytest
import torch
from mmdet.registry import DATA_SAMPLERS, DATASETS, METRICS
from mmdet.utils import register_all_modules
from mmengine.structures import InstanceData
from PIL import Image

import bdd100k_zoo.track  # noqa: F401  (registers the metrics)
from bdd100k_zoo.cli import main as cli_main
from bdd100k_zoo.evaluation import evaluate
from bdd100k_zoo.labels.frames import read_frames
from bdd100k_zoo.labels.masks import decode_bitmask, rle_decode

register_all_modules(init_default_scope=True)
META_KEYS = ('name', 'video_name', 'frame_index')


def val_dataset(root: str, task: str, **kwargs):
    """The val split of ``task`` as the metric sees it (frame by frame, in video order)."""
    with_mask = task == 'seg_track'
    if task == 'box_track':
        kwargs = dict(dict(type='BDD100KBoxTrackDataset', ann_file='labels/box_track_20/val/',
                           data_prefix=dict(img='images/track/val/')), **kwargs)
    else:
        kwargs = dict(dict(type='BDD100KSegTrackDataset', ann_file='labels/seg_track_20/rles/val/',
                           data_prefix=dict(img='images/seg_track_20/val/')), **kwargs)
    dataset = DATASETS.build(dict(kwargs, data_root=root, test_mode=True, pipeline=[
        dict(type='TransformBroadcaster', transforms=[
            dict(type='LoadImageFromFile'),
            dict(type='BDD100KLoadTrackAnnotations', with_mask=with_mask)]),
        dict(type='PackTrackInputs', meta_keys=META_KEYS)]))
    return dataset


def tracked_samples(dataset, masks: bool = False):
    """Predictions made from the ground truth: a few boxes dropped, two tracks swapping ids, and
    (masks) an overlapping lower-scored duplicate that painting removes."""
    sampler = DATA_SAMPLERS.build(dict(type='TrackImgSampler', dataset=dataset))
    for step, index in enumerate(sampler):
        track_sample = dataset[index]['data_samples']
        frame = track_sample[0]
        gt = frame.gt_instances
        keep = torch.arange(len(gt)) % 4 != 3
        ids = gt.instances_ids.long().clone()
        if frame.frame_id >= 2 and len(ids) > 1:
            ids[[0, 1]] = ids[[1, 0]]
        pred = InstanceData(bboxes=gt.bboxes[keep] + 0.5, labels=gt.labels[keep],
                            scores=torch.linspace(0.9, 0.6, len(gt))[keep], instances_id=ids[keep])
        if masks:
            pred.masks = torch.from_numpy(gt.masks.masks[keep.numpy()]).bool()
            if len(pred) and step == 1:
                pred = InstanceData.cat([pred, pred[:1]])
                pred.scores[-1], pred.instances_id[-1] = 0.1, 999
        frame.pred_track_instances = pred
        yield track_sample.to_dict()  # what mmengine's Evaluator hands to the metric


def run_metric(metric_type: str, dataset, out_dir=None, gt_dataset=None, **kwargs) -> dict:
    """The metric's numbers for the predictions of ``dataset``, against ``gt_dataset``'s labels."""
    metric = METRICS.build(dict(type=metric_type, output_dir=out_dir, **kwargs))
    metric.dataset_meta = (gt_dataset or dataset).metainfo
    for sample in tracked_samples(dataset, masks=metric_type == 'BDD100KSegTrackMetric'):
        metric.process(None, [sample])
    return metric.evaluate(len(dataset))


def cli_scores(task: str, gt: str, result: str, tmp_path) -> dict:
    out = tmp_path / f'cli_{osp.basename(result)}.json'
    assert cli_main(['eval', '-t', task, '-g', gt, '-r', result, '--quiet', '--out',
                     str(out)]) == 0
    return json.loads(out.read_text())['summary']


def test_box_track_metric_scores_writes_and_matches_the_cli(tiny_sample, tmp_path):
    dataset = val_dataset(tiny_sample, 'box_track')
    metrics = run_metric('BDD100KBoxTrackMetric', dataset, str(tmp_path))
    gt_folder = osp.join(tiny_sample, 'labels/box_track_20/val/')
    preds = json.loads((tmp_path / 'preds.json').read_text())
    assert len(preds) == dataset.num_all_imgs
    for frame in preds:
        assert set(frame) == {'name', 'videoName', 'frameIndex', 'labels'}
        assert all(label['id'].isdigit() and label['category'] in dataset.metainfo['classes']
                   for label in frame['labels'])
    scores = evaluate('box_track', read_frames(gt_folder), preds)
    assert metrics == {f'bdd100k/{k}': v for k, v in scores.summary.items()}
    assert 0 < metrics['bdd100k/mMOTA'] < 100 and metrics['bdd100k/IDSw'] > 0
    assert metrics['bdd100k/FN'] > 0
    report = json.loads((tmp_path / 'scores.json').read_text())
    assert set(report['extra']['super_categories']) == {'human', 'vehicle', 'bike'}
    assert set(report['per_class']) <= set(dataset.metainfo['classes'])

    with zipfile.ZipFile(tmp_path / 'submission.zip') as zf:
        videos = sorted(zf.namelist())
        assert videos == sorted(f'{dataset.get_data_info(i)["video_name"]}.json'
                                for i in range(len(dataset)))
        for name in videos:
            frames = json.loads(zf.read(name))
            assert [f['frameIndex'] for f in frames] == sorted(f['frameIndex'] for f in frames)
            assert {f['videoName'] for f in frames} == {name[:-5]}
    with zipfile.ZipFile(tmp_path / 'visuals.zip') as zf:
        assert len(zf.namelist()) == dataset.num_all_imgs
    for result in ('preds.json', 'submission.zip'):
        cli = cli_scores('box_track', gt_folder, str(tmp_path / result), tmp_path)
        assert cli == pytest.approx({k: v for k, v in scores.to_dict()['summary'].items()},
                                    nan_ok=True)


def test_metric_needs_the_frame_identity(tiny_sample):
    dataset = val_dataset(tiny_sample, 'box_track')
    dataset.pipeline.transforms[-1].meta_keys = dataset.pipeline.transforms[-1].meta_keys[:-3]
    metric = METRICS.build(dict(type='BDD100KBoxTrackMetric'))
    metric.dataset_meta = dataset.metainfo
    with pytest.raises(KeyError, match='PackTrackInputs'):
        metric.process(None, [next(tracked_samples(dataset))])


def test_seg_track_metric_rle_and_bitmask_submission_match_the_cli(tiny_sample, tmp_path):
    dataset = val_dataset(tiny_sample, 'seg_track')
    metrics = run_metric('BDD100KSegTrackMetric', dataset, str(tmp_path), max_visuals=2)
    gt_folder = osp.join(tiny_sample, 'labels/seg_track_20/rles/val/')
    preds = json.loads((tmp_path / 'preds.json').read_text())
    assert all('999' not in {label['id'] for label in frame['labels']} for frame in preds)
    scores = evaluate('seg_track', read_frames(gt_folder), preds)
    assert metrics == {f'bdd100k/{k}': v for k, v in scores.summary.items()}
    assert 0 < metrics['bdd100k/mMOTA'] < 100 and metrics['bdd100k/IDSw'] > 0

    with zipfile.ZipFile(tmp_path / 'bitmasks.zip') as zf:
        names = zf.namelist()
        assert len(names) == dataset.num_all_imgs
        numbering = {}
        for frame in preds:
            stem = frame['name'].rsplit('.', 1)[0]
            png = f'bitmasks/{frame["videoName"]}/{stem}.png'
            bitmask = decode_bitmask(np.asarray(Image.open(io.BytesIO(zf.read(png)))))
            assert (bitmask.attributes == 0).all()
            for label in frame['labels']:
                region = rle_decode(label['rle']).astype(bool)
                (number, ) = np.unique(bitmask.instances[region])
                (category, ) = np.unique(bitmask.categories[region])
                assert dataset.metainfo['classes'][category - 1] == label['category']
                # one instance number per track along its video
                key = (frame['videoName'], label['id'])
                assert numbering.setdefault(key, number) == number
    for result in ('preds.json', 'bitmasks.zip'):
        cli = cli_scores('seg_track', gt_folder, str(tmp_path / result), tmp_path)
        assert cli == pytest.approx(scores.to_dict()['summary'], nan_ok=True)


def test_seg_track_metric_scores_against_bitmask_ground_truth(tiny_sample):
    rle = val_dataset(tiny_sample, 'seg_track')
    bitmask = val_dataset(tiny_sample, 'seg_track', ann_file='', data_prefix=dict(
        img='images/seg_track_20/val/', seg='labels/seg_track_20/bitmasks/val/'))
    assert bitmask.metainfo['ann_file'].endswith('bitmasks/val/')
    assert run_metric('BDD100KSegTrackMetric', rle, gt_dataset=bitmask) == pytest.approx(
        run_metric('BDD100KSegTrackMetric', rle), nan_ok=True)
