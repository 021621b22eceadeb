"""Packaging: the .mim extension mim relies on, unique config basenames, wheel contents, side isolation."""
import collections
import os
import os.path as osp
import shutil
import subprocess
import sys
import zipfile

import pytest

import bdd100k_zoo

PACKAGE_ROOT = osp.dirname(osp.abspath(bdd100k_zoo.__file__))
MIM_ROOT = osp.join(PACKAGE_ROOT, '.mim')
SIDES = ('det', 'track', 'seg', 'tagging', 'pose')


def config_files(root: str):
    """Every config file mim can reach under ``root`` (following the .mim links, as mim does)."""
    for folder, _, files in os.walk(root, followlinks=True):
        if '__pycache__' in folder:
            continue
        yield from (osp.join(folder, f) for f in files if f.endswith('.py'))


def test_mim_extension_links_configs_tools_and_task_folders():
    for item in ('configs', 'tools', 'det'):
        assert osp.exists(osp.join(MIM_ROOT, item)), f'.mim/{item} missing'
    assert osp.isfile(osp.join(MIM_ROOT, 'tools', 'train.py'))
    assert osp.isfile(osp.join(MIM_ROOT, 'tools', 'test.py'))


def test_config_basenames_are_unique_across_the_package():
    """mim finds a config by basename anywhere in the installed package: one match per name."""
    mim_configs = [path for path in config_files(MIM_ROOT)
                   if f'{os.sep}configs{os.sep}' in path and '_base_' not in path]
    everything = collections.Counter(osp.basename(p) for p in config_files(PACKAGE_ROOT))
    duplicates = sorted(name for name in {osp.basename(p) for p in mim_configs}
                        if everything[name] > 1)
    assert not duplicates, f'config basenames found more than once by mim: {duplicates}'


def imported_after(module: str, candidates) -> set:
    """Which of ``candidates`` are in ``sys.modules`` after importing ``module`` in a fresh process."""
    code = (f'import sys, {module}; '
            f'print(" ".join(m for m in {sorted(candidates)!r} if m in sys.modules))')
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_detection_and_pose_sides_do_not_import_each_other():
    """Importing the detection part never imports mmpose, and the pose part never imports mmdet."""
    assert not imported_after('bdd100k_zoo.det', {'mmpose'})
    assert not imported_after('bdd100k_zoo.track', {'mmpose'})
    assert not imported_after('bdd100k_zoo.pose', {'mmdet'})


def test_no_side_imports_another_side():
    sides = {f'bdd100k_zoo.{side}' for side in SIDES}
    for side in sides:
        assert not imported_after(side, sides - {side}), side


@pytest.mark.slow
def test_wheel_ships_the_mim_extension(tmp_path, repo_root):
    """``pip install .`` path: the wheel carries .mim/ with copies of configs, tools and task folders."""
    source = tmp_path / 'src'
    tracked = subprocess.run(['git', 'ls-files', '--cached', '--others', '--exclude-standard'],
                             cwd=repo_root, capture_output=True, text=True, check=True).stdout
    for rel in tracked.split():
        if osp.isfile(osp.join(repo_root, rel)):
            os.makedirs(source / osp.dirname(rel), exist_ok=True)
            shutil.copy2(osp.join(repo_root, rel), source / rel)
    subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation',
                    '-q', '-w', str(tmp_path / 'dist'), str(source)], check=True)
    wheel = next((tmp_path / 'dist').glob('bdd100k_zoo-*.whl'))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert 'bdd100k_zoo/.mim/tools/train.py' in names
    assert 'bdd100k_zoo/.mim/tools/test.py' in names
    assert any(n.startswith('bdd100k_zoo/.mim/configs/_base_/') for n in names)
    assert any(n.startswith('bdd100k_zoo/.mim/det/configs/') for n in names)

    # Installed (not editable), mim resolves the package to the installed copy with its .mim.
    target = tmp_path / 'site'
    subprocess.run([sys.executable, '-m', 'pip', 'install', '--no-deps', '-q', '--target',
                    str(target), str(wheel)], check=True)
    code = ('import warnings; warnings.simplefilter("ignore"); '
            'from mim.utils import get_installed_path; print(get_installed_path("bdd100k_zoo"))')
    env = dict(os.environ, PYTHONPATH=str(target))
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, env=env,
                         check=True, cwd=tmp_path).stdout.strip()
    assert out == str(target / 'bdd100k_zoo')
    assert osp.isfile(target / 'bdd100k_zoo' / '.mim' / 'tools' / 'train.py')
