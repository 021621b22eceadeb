"""``bdd100k-zoo demo`` learns, is reproducible (the same seed and thread count give the same
weights and numbers), says so first, and draws the ground truth beside the predictions above the
display threshold."""
import json
import os
import shutil
import zipfile

import pytest
import torch
from PIL import Image

from bdd100k_zoo.cli import build_parser, main
from bdd100k_zoo.cli.demo import DEMO_CONFIG
from bdd100k_zoo.labels.frames import read_frames
from bdd100k_zoo.runtime.launch import build_runner, configure_device, load_config, set_data_root
from bdd100k_zoo.zoo.configs import find_config

ITERS = 2
#: Training iterations of the learning test (the demo's schedule, stretched onto them).
LEARN_ITERS = 30
#: Box AP50 points the trained model must gain over the untrained one on the images it trained on
#: (measured with seed 0 and one thread: 2.7 after training; per class, pedestrian 11.4, traffic
#: sign 11.9, car 3.5).
LEARN_MARGIN = 2.0


@pytest.fixture
def torch_settings():
    """The demo pins the torch threads and enforces deterministic algorithms: restored after."""
    threads, deterministic = torch.get_num_threads(), torch.are_deterministic_algorithms_enabled()
    yield
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(deterministic)


def run_demo(sample, work_dir, *options):
    """Runs the demo for a few iterations; returns its checkpoint's weights."""
    assert main(['demo', '--work-dir', str(work_dir), '--data-root', sample, '--iters', str(ITERS),
                 *options]) == 0
    return torch.load(work_dir / f'iter_{ITERS}.pth', map_location='cpu',
                      weights_only=False)['state_dict']


def same_weights(first, second):
    return first.keys() == second.keys() and all(torch.equal(first[k], second[k]) for k in first)


def test_defaults_and_bad_options():
    args = build_parser().parse_args(['demo'])
    assert (args.seed, args.threads, args.show_score_thr) == (0, 1, None)  # None: 0.3, mmdet's
    for bad in (['--threads', '0'], ['--iters', '0'], ['--show-score-thr', '1.5'],
                ['--show-score-thr', '-0.1']):
        with pytest.raises(SystemExit):
            build_parser().parse_args(['demo', *bad])


@pytest.mark.slow
def test_the_same_seed_and_threads_give_the_same_weights_and_numbers(tiny_sample, tmp_path, capsys,
                                                                     torch_settings):
    first = run_demo(tiny_sample, tmp_path / 'first')
    printed = capsys.readouterr().out
    assert printed.startswith('[demo] seed 0, 1 torch thread(s)')
    second = run_demo(tiny_sample, tmp_path / 'second')
    other_seed = run_demo(tiny_sample, tmp_path / 'other', '--seed', '1')

    assert same_weights(first, second)
    for name in ('scores.json', 'preds.json'):  # every official number and every predicted box
        assert (tmp_path / 'first' / name).read_bytes() == (tmp_path / 'second' / name).read_bytes()
    assert not same_weights(first, other_seed)  # the comparison can tell runs apart
    scored = [label['score'] for frame in read_frames(str(tmp_path / 'first' / 'preds.json'))
              for label in frame['labels']]
    assert len(set(scored)) > 10  # real predictions to compare, not an empty file

    # visuals: each val image, ground truth beside the predictions (twice the width)
    val = read_frames(f'{tiny_sample}/labels/det_20/det_val.json')
    with zipfile.ZipFile(tmp_path / 'first' / 'visuals.zip') as zf:
        assert sorted(zf.namelist()) == sorted(frame['name'] for frame in val)
        with zf.open(zf.namelist()[0]) as f, Image.open(f) as visual:
            assert visual.width == 2 * 1280


def train_split_as_val(sample, root):
    """A copy of the sample's det_20 part whose val split is its train split (images linked)."""
    images, labels = root / 'images' / '100k', root / 'labels' / 'det_20'
    images.mkdir(parents=True)
    labels.mkdir(parents=True)
    for split in ('train', 'val'):
        (images / split).symlink_to(os.path.join(sample, 'images', '100k', 'train'))
        shutil.copy(os.path.join(sample, 'labels', 'det_20', 'det_train.json'),
                    labels / f'det_{split}.json')
    return str(root)


def untrained_box_ap50(data_root, work_dir):
    """Box AP50 of the demo's model as built, before any training, on ``data_root``'s val split."""
    cfg = load_config(find_config(DEMO_CONFIG))
    cfg.work_dir = str(work_dir)
    set_data_root(cfg, data_root)
    configure_device(cfg, 'none')
    cfg.randomness = dict(seed=0)
    return build_runner(cfg).test()['bdd100k/AP50']


@pytest.mark.slow
def test_the_demo_learns_the_images_it_trains_on(tiny_sample, tmp_path, torch_settings):
    """A short demo training (the tiny sample's 4 train images, LEARN_ITERS iterations) scores at
    least LEARN_MARGIN box AP50 points more than the untrained model on those images."""
    data_root = train_split_as_val(tiny_sample, tmp_path / 'sample')
    untrained = untrained_box_ap50(data_root, tmp_path / 'untrained')
    assert main(['demo', '--work-dir', str(tmp_path / 'demo'), '--data-root', data_root,
                 '--iters', str(LEARN_ITERS)]) == 0
    with open(tmp_path / 'demo' / 'scores.json') as f:
        trained = json.load(f)['summary']['AP50']
    assert trained >= untrained + LEARN_MARGIN, (trained, untrained)
