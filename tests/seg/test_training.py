"""The DLA configs (the paper's model and the CPU sample ones) train a few iterations on the
generated sample and test on it, writing the official submission, on CPU."""
import os
import os.path as osp
import zipfile

import pytest

from bdd100k_zoo.evaluation import evaluate_files
from bdd100k_zoo.runtime.launch import (build_runner, configure_device, load_config,
                                        set_data_root, set_output_dir, set_work_dir)

LOADERS = ('train_dataloader', 'val_dataloader', 'test_dataloader')


def quick(batch_size):
    """Overrides for a short in-process run: 2 iterations, no worker processes."""
    options = {'train_cfg.max_iters': 2, 'train_cfg.val_interval': 2,
               'default_hooks.checkpoint.interval': 2, 'default_hooks.logger.interval': 1,
               'train_dataloader.batch_size': batch_size}
    for loader in LOADERS:
        options.update({f'{loader}.num_workers': 0, f'{loader}.persistent_workers': False})
    return options


@pytest.mark.slow
@pytest.mark.parametrize('task, config, batch_size', [
    ('sem_seg', 'dla34_sem_seg_bdd100k_sample.py', 2),
    ('drivable', 'dla34_drivable_bdd100k_sample.py', 2),
    ('sem_seg', 'dla34_512x1024_80k_sem_seg_bdd100k.py', 1),
    ('drivable', 'dla34_512x1024_80k_drivable_bdd100k.py', 1),
])
def test_dla_trains_and_tests_on_the_sample(repo_root, tiny_sample, tmp_path, task, config,
                                            batch_size):
    path = osp.join(repo_root, task, 'configs', task, config)
    cfg = load_config(path, quick(batch_size))
    cfg.model.backbone.init_cfg = None  # no ImageNet download here
    cfg.visualizer.name = f'visualizer_{task}_{config}'
    set_work_dir(cfg, str(tmp_path / 'work'), path)
    set_data_root(cfg, tiny_sample)
    configure_device(cfg, 'none')
    out_dir = tmp_path / 'out'
    set_output_dir(cfg, str(out_dir))
    runner = build_runner(cfg)
    runner.train()
    assert osp.isfile(tmp_path / 'work' / 'iter_2.pth')
    metrics = runner.test()
    assert sorted(os.listdir(out_dir)) == ['masks.zip', 'preds.json', 'scores.json', 'visuals.zip']
    image_dir = osp.join(tiny_sample, 'images', '10k' if task == 'sem_seg' else '100k', 'val')
    with zipfile.ZipFile(out_dir / 'masks.zip') as zf:
        assert sorted(zf.namelist()) == sorted(n.replace('.jpg', '.png')
                                               for n in os.listdir(image_dir))
    official = evaluate_files(task, osp.join(tiny_sample, 'labels', task, 'masks', 'val'),
                              str(out_dir / 'masks.zip'))
    for name, value in official.summary.items():
        assert metrics[f'bdd100k/{name}'] == pytest.approx(value)
