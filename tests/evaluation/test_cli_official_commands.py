"""The official evaluation command lines run unchanged through ``bdd100k-zoo eval``.

Each case is a command line of ``python -m bdd100k.eval.run`` (or of ``python -m
scalabel.eval.<task>``, whose options are the same) with its option names as the official tools
spell them; only the program is replaced. The overall numbers it prints and writes must be the
official ones: the values the official toolkits' own tests assert (``EXPECTED.md`` of the shared
fixtures, written here as printed there), or, where no such value exists (box_track, drivable),
the numbers scalabel's own evaluator gives on the same files with the official config.
"""
import json
import math
import os.path as osp
import shlex
from typing import Tuple

import numpy as np
import pytest
from scalabel.eval.mot import acc_single_video_mot, evaluate_track
from scalabel.eval.sem_seg import evaluate_sem_seg
from scalabel.label.io import group_and_sort, load
from scalabel.label.typing import Category, Config, ImageSize

from bdd100k_zoo.cli import main
from bdd100k_zoo.evaluation.scores import format_number
from bdd100k_zoo.labels.masks import rle_encode

OFFICIAL = 'python -m bdd100k.eval.run'

#: (official command line, the overall numbers as EXPECTED.md prints them).
COMMANDS = [
    (f'{OFFICIAL} -t det -g {{S}}/box_track/track_sample_anns.json '
     f'-r {{S}}/det/bbox_predictions.json -c {{S}}/det/det_configs.toml --nproc 2 '
     f'--out-file {{OUT}} -q',
     {'AP': '34.029392668401016', 'AP50': '55.323900409039695', 'AP75': '34.93873359997877',
      'APs': '20.91624813537171', 'APm': '48.4364652499885', 'APl': '64.28530466767323',
      'AR1': '23.877338403079264', 'AR10': '38.050036781867405', 'AR100': '40.95160450224777',
      'ARs': '25.5530493279957', 'ARm': '58.38594871794871', 'ARl': '66.04261954261955'}),
    (f'{OFFICIAL} --task ins_seg --gt {{S}}/ins_seg/ins_seg_rle_sample.json '
     f'--result {{S}}/ins_seg/ins_seg_preds.json --config ins_seg --out-file {{OUT}} --quiet',
     {'AP': '48.77227722772277', 'AP50': '86.73267326732673', 'AP75': '36.83168316831682',
      'APs': '0.0', 'APm': '53.399339933993396', 'APl': '50.247524752475236'}),
    # the bitmask numbers are the ones bdd100k/eval/ins_seg_test.py asserts
    (f'{OFFICIAL} -t ins_seg -g {{B}}/ins_seg/gt -r {{B}}/ins_seg/pred '
     f'--score-file {{B}}/ins_seg/pred.json --out-file {{OUT}}',
     {'AP': '68.60561056105611', 'AP50': '89.68646864686468', 'AP75': '66.66666666666666'}),
    (f'{OFFICIAL} -t sem_seg -g {{S}}/sem_seg/sem_seg_sample.json '
     f'-r {{S}}/sem_seg/sem_seg_preds.json -c {{S}}/sem_seg/sem_seg_configs.toml '
     f'--out-file {{OUT}}',
     {'mIoU': '77.69367702513847', 'mAcc': '85.08073850792114', 'fIoU': '95.96580841723501',
      'pAcc': '97.59265266143856'}),
    (f'{OFFICIAL} -t sem_seg -g {{B}}/seg/gt -r {{B}}/seg/pred --nproc 2 --out-file {{OUT}}',
     {'mIoU': '61.73469387755102', 'mAcc': '81.27147766323024', 'fIoU': '90.91836734693878',
      'pAcc': '95.0'}),
    (f'{OFFICIAL} -t pan_seg -g {{S}}/pan_seg/pan_seg_sample.json '
     f'-r {{S}}/pan_seg/pan_seg_preds.json -c {{S}}/pan_seg/pan_seg_configs.toml '
     f'--out-file {{OUT}}',
     {'PQ': '26.671487325762055', 'PQ/STUFF': '32.04431646856032',
      'PQ/THING': '5.180170754569009', 'SQ': '30.815623929417264', 'RQ': '34.666666666666664'}),
    (f'{OFFICIAL} -t pan_seg -g {{B}}/pan_seg/gt -r {{B}}/pan_seg/pred --out-file {{OUT}}',
     {'PQ': '66.46278879162743', 'PQ/STUFF': '64.38602380902118',
      'PQ/THING': '82.03852616117427', 'SQ': '68.35183709387516', 'RQ': '85.29411764705883'}),
    (f'{OFFICIAL} -t pose -g {{S}}/pose/pose_sample.json -r {{S}}/pose/pose_preds.json '
     f'-c {{S}}/pose/pose_configs.toml --out-file {{OUT}}',
     {'AP': '14.059405940594061', 'AP50': '25.247524752475247', 'AP75': '12.871287128712872',
      'AR': '27.500000000000004', 'AR50': '50.0', 'AR75': '25.0'}),
    (f'{OFFICIAL} -t seg_track -g {{B}}/mots/gt -r {{B}}/mots/result --iou-thr 0.5 '
     f'--ignore-iof-thr 0.5 --nproc 2 --out-file {{OUT}}',
     {'MOTA': '66.667', 'MOTP': '75.0', 'IDF1': '80.0', 'mMOTA': '8.3333', 'mMOTP': '9.375',
      'mIDF1': '10.0'}),
    # tagging is scored by scalabel's tool (same options); its config picks weather and scene
    ('python -m scalabel.eval.tagging -g {S}/tagging/tag_gts.json '
     '-r {S}/tagging/tag_preds.json -c {S}/tagging/tag_configs.toml --out-file {OUT}',
     {'precision': '83.33333333333333', 'recall': '80.55555555555556',
      'f1_score': '81.66666666666666', 'accuracy': '90.0', 'precision/WEATHER': '66.67',
      'accuracy/WEATHER': '80.0', 'accuracy/SCENE': '100'}),
]


def as_ours(command: str, **paths: str) -> list:
    """The arguments of ``bdd100k-zoo`` for an official command line (program replaced)."""
    words = shlex.split(command.format(**paths))
    if words[:3] == ['python', '-m', 'bdd100k.eval.run']:
        return ['eval'] + words[3:]
    assert words[:2] == ['python', '-m'] and words[2].startswith('scalabel.eval.')
    return ['eval', '-t', words[2].rsplit('.', 1)[1]] + words[3:]


def printed(text: str):
    """``text`` as a number, compared to the precision it is printed with."""
    decimals = len(text.split('.')[1]) if '.' in text else 0
    return pytest.approx(float(text), abs=0.5 * 10 ** -decimals, rel=0)


def table_value(out: str, name: str) -> str:
    """The value the printed table shows for a summary entry."""
    return next(line.split()[-1] for line in out.splitlines()
                if line.split()[:1] == [name] and len(line.split()) == 2)


@pytest.mark.parametrize('command, expected', COMMANDS,
                         ids=[f'{c.split()[4 if "run" in c else 2]}-{i}'
                              for i, (c, _) in enumerate(COMMANDS)])
def test_official_command_lines_give_the_official_overall_numbers(
        capsys, tmp_path, scalabel_dir, bdd_dir, command, expected):
    out_file = tmp_path / 'out' / 'scores.json'
    code = main(as_ours(command, S=scalabel_dir, B=bdd_dir, OUT=str(out_file)))
    out, err = capsys.readouterr()
    assert code == 0, err
    summary = json.loads(out_file.read_text())['summary']
    for name, text in expected.items():
        assert summary[name] == printed(text), name
        assert table_value(out, name) == format_number(float(text)), name


def test_out_file_writes_what_out_writes(capsys, tmp_path, scalabel_dir):
    gt, pred = (osp.join(scalabel_dir, 'pose', name) for name in ('pose_sample.json',
                                                                  'pose_preds.json'))
    for option in ('--out', '--out-file'):
        assert main(['eval', '-q', '-t', 'pose', '-g', gt, '-r', pred, option,
                     str(tmp_path / f'{option}.json')]) == 0
    capsys.readouterr()
    assert (tmp_path / '--out.json').read_text() == (tmp_path / '--out-file.json').read_text()


def run_on_files(capsys, folder, command: str, gt: list, pred: list) -> Tuple[dict, str]:
    """Writes ``gt.json`` and ``pred.json`` into ``folder`` and runs an official command line
    (``{D}``: the folder, ``{OUT}``: the scores file) on them; returns the summary it writes and
    what it prints."""
    (folder / 'gt.json').write_text(json.dumps(gt))
    (folder / 'pred.json').write_text(json.dumps(pred))
    out_file = folder / 'scores.json'
    assert main(as_ours(command, D=str(folder), OUT=str(out_file))) == 0
    return json.loads(out_file.read_text())['summary'], capsys.readouterr().out


def assert_official_numbers(summary: dict, out: str, official: dict) -> None:
    """The summary holds the official numbers (NaN where they are) and the table prints them."""
    assert set(summary) == set(official)
    for name, value in official.items():
        assert summary[name] == pytest.approx(value, nan_ok=True), name
        if math.isfinite(value):
            assert table_value(out, name) == format_number(value), name


def jittered_tracks(frames: list) -> list:
    """Predictions from ground-truth track frames: every 5th box dropped, boxes shifted by 4
    pixels, track ids as integers, a score per box."""
    ids: dict = {}
    preds = []
    for frame in frames:
        labels = []
        for number, label in enumerate(frame.get('labels') or ()):
            if number % 5 == 4:
                continue
            box = {key: value + 4 for key, value in label['box2d'].items()}
            labels.append({'id': str(ids.setdefault(label['id'], len(ids) + 1)),
                           'category': label['category'], 'score': 0.9, 'box2d': box})
        preds.append({'name': frame['name'], 'videoName': frame['videoName'],
                      'frameIndex': frame['frameIndex'], 'labels': labels})
    return preds


#: The official BDD100K box_track config (bdd100k/configs/box_track.toml): the 8 classes under
#: human, vehicle and bike, 1280x720.
BOX_TRACK_CONFIG = Config(imageSize=ImageSize(height=720, width=1280), categories=[
    Category(name='human', subcategories=[Category(name=n) for n in ('pedestrian', 'rider')]),
    Category(name='vehicle', subcategories=[Category(name=n)
                                            for n in ('car', 'truck', 'bus', 'train')]),
    Category(name='bike', subcategories=[Category(name=n) for n in ('motorcycle', 'bicycle')])])


@pytest.mark.filterwarnings('ignore::RuntimeWarning')  # scalabel's NaN means of absent classes
def test_box_track_command_equals_scalabel(capsys, tmp_path, scalabel_dir):
    gt = osp.join(scalabel_dir, 'box_track', 'track_sample_anns.json')
    with open(gt, encoding='utf-8') as f:
        frames = json.load(f)
    frames = frames['frames'] if isinstance(frames, dict) else frames
    frames = [frame for frame in frames if frame['frameIndex'] < 40]
    command = (f'{OFFICIAL} -t box_track -g {{D}}/gt.json -r {{D}}/pred.json --iou-thr 0.5 '
               f'--ignore-iof-thr 0.5 --out-file {{OUT}} -q')
    summary, out = run_on_files(capsys, tmp_path, command, frames, jittered_tracks(frames))
    official = evaluate_track(acc_single_video_mot,
                              group_and_sort(load(str(tmp_path / 'gt.json')).frames),
                              group_and_sort(load(str(tmp_path / 'pred.json')).frames),
                              BOX_TRACK_CONFIG, iou_thr=0.5, ignore_iof_thr=0.5,
                              nproc=1).summary()
    assert_official_numbers(summary, out, official)


def drivable_frame(name: str, mask: np.ndarray) -> dict:
    """An RLE frame of a drivable mask (0 direct, 1 alternative, 2 background: not labelled)."""
    return {'name': name, 'labels': [
        {'id': str(i), 'category': category, 'rle': rle_encode(mask == i)}
        for i, category in enumerate(('direct', 'alternative')) if (mask == i).any()]}


def test_drivable_command_equals_scalabel(capsys, tmp_path):
    """The official run.py scores drivable RLE JSON with scalabel's sem_seg evaluation and the
    official drivable config (direct, alternative; 1280x720)."""
    rng = np.random.default_rng(0)
    gt, pred = [], []
    for index in range(2):
        blocks = rng.integers(0, 3, (2, 9, 16), dtype=np.uint8)  # 80x80-pixel blocks
        gt_mask, pred_mask = (np.kron(b, np.ones((80, 80), np.uint8)) for b in blocks)
        gt.append(drivable_frame(f'{index}.jpg', gt_mask))
        pred.append(drivable_frame(f'{index}.jpg', pred_mask))
    command = f'{OFFICIAL} -t drivable -g {{D}}/gt.json -r {{D}}/pred.json -c drivable ' \
              f'--out-file {{OUT}}'
    summary, out = run_on_files(capsys, tmp_path, command, gt, pred)
    config = Config(imageSize=ImageSize(height=720, width=1280),
                    categories=[Category(name='direct'), Category(name='alternative')])
    official = evaluate_sem_seg(load(str(tmp_path / 'gt.json')).frames,
                                load(str(tmp_path / 'pred.json')).frames, config,
                                nproc=1).summary()
    assert_official_numbers(summary, out, official)


def write_bdd100k_config(path, scalabel_toml: str, name_mapping: str) -> str:
    """A config in the BDD100K toolkit's layout: category mappings and a ``[scalabel]`` table
    (here the scalabel fixture's label config, indented under it)."""
    with open(scalabel_toml, encoding='utf-8') as f:
        label_config = f.read()
    label_config = label_config.replace('[imageSize]', '[scalabel.imageSize]').replace(
        '[[categories', '[[scalabel.categories')
    path.write_text('remove_ignored = false\nignored_as_class = false\n\n'
                    '[ignored_mapping]\n"other person" = "pedestrian"\n'
                    '"other vehicle" = "car"\n"trailer" = "truck"\n\n'
                    f'[name_mapping]\n{name_mapping}\n\n[scalabel]\n{label_config}\n')
    return str(path)


OFFICIAL_NAMES = ('bike = "bicycle"\ncaravan = "car"\nmotor = "motorcycle"\n'
                  'person = "pedestrian"\nvan = "car"')


def test_a_bdd100k_config_file_is_honoured_or_refused(capsys, tmp_path, scalabel_dir):
    det = osp.join(scalabel_dir, 'det', 'det_configs.toml')
    args = ['eval', '-q', '-t', 'det', '-g',
            osp.join(scalabel_dir, 'box_track', 'track_sample_anns.json'),
            '-r', osp.join(scalabel_dir, 'det', 'bbox_predictions.json'), '-c']
    official = write_bdd100k_config(tmp_path / 'det.toml', det, OFFICIAL_NAMES)
    assert main(args + [official]) == 0
    assert table_value(capsys.readouterr().out, 'AP') == '34.03'
    other = write_bdd100k_config(tmp_path / 'other.toml', det,
                                 OFFICIAL_NAMES.replace('\nvan = "car"', '\nvan = "truck"'))
    assert main(args + [other, '--out-file', str(tmp_path / 'scores.json')]) == 2
    out, err = capsys.readouterr()
    assert out == '' and not (tmp_path / 'scores.json').exists()
    assert err == f"error: {other}: maps 'van' to 'truck'; the official det config does not " \
                  f"('van' is not renamed to 'truck' here)\n"


@pytest.mark.parametrize('task, config, message', [
    ('det', 'box_track', 'error: --config box_track: the det evaluation uses the official det '
                         'config'),
    ('det', 'lane', 'error: --config lane: neither a .toml file nor a task'),
    ('det', 'pose/pose_configs.toml', 'pose_configs.toml: differs from the official det config '
                                      "in categories (['pedestrian'] instead of ['pedestrian', "
                                      "'rider', 'car'"),
    ('sem_seg', 'det/det_configs.toml', 'det_configs.toml: differs from the official sem_seg '
                                        'config in categories'),
    ('tagging', 'det/det_configs.toml', 'det_configs.toml: a tagging config lists frame '
                                        'attributes'),
])
def test_a_config_we_cannot_honour_is_refused(capsys, scalabel_dir, task, config, message):
    gt = osp.join(scalabel_dir, 'det', 'bbox_predictions_empty.json')
    path = osp.join(scalabel_dir, config) if config.endswith('.toml') else config
    assert main(['eval', '-q', '-t', task, '-g', gt, '-r', gt, '-c', path]) == 2
    out, err = capsys.readouterr()
    assert out == '' and message in err and err.count('\n') == 1


def test_tagging_config_and_attributes_must_agree(capsys, scalabel_dir):
    gt = osp.join(scalabel_dir, 'tagging', 'tag_gts.json')
    toml = osp.join(scalabel_dir, 'tagging', 'tag_configs.toml')
    assert main(['eval', '-q', '-t', 'tagging', '-g', gt, '-r', gt, '-c', toml,
                 '--attributes', 'weather']) == 2
    assert 'and the config' in capsys.readouterr().err
    assert main(['eval', '-q', '-t', 'tagging', '-g', gt, '-r', gt, '-c', toml,
                 '--attributes', 'weather', 'scene']) == 0
    assert 'TIMEOFDAY' not in capsys.readouterr().out
