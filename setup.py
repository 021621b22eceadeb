"""Packaging of bdd100k_zoo.

Besides the Python package, an OpenMMLab extension ships its configs, tools and model index inside the
package under ``bdd100k_zoo/.mim/`` so that ``mim train/test/search bdd100k_zoo ...`` find them:
symlinks for editable installs, copies for wheels and sdists.
"""
import os
import os.path as osp
import shutil
import sys

from setuptools import find_packages, setup

ROOT = osp.dirname(osp.abspath(__file__))
TASK_FOLDERS = ('det', 'ins_seg', 'sem_seg', 'drivable', 'pan_seg', 'mot', 'mots', 'pose',
                'tagging', 'lane', 'anomaly', 'multitask')
MIM_ITEMS = ('configs', 'tools', 'model-index.yml') + TASK_FOLDERS


def read_version() -> str:
    namespace: dict = {}
    with open(osp.join(ROOT, 'bdd100k_zoo', 'version.py'), encoding='utf-8') as f:
        exec(f.read(), namespace)
    return namespace['__version__']


def read_requirements(name: str) -> list:
    """Reads the pinned requirements a user of the package needs (not torch: installed first)."""
    path = osp.join(ROOT, 'requirements', name)
    with open(path, encoding='utf-8') as f:
        lines = [line.split('#')[0].strip() for line in f]
    return [line for line in lines if line and not line.startswith('-')]


def add_mim_extension() -> None:
    """Mirrors configs, tools, task folders and model-index.yml into ``bdd100k_zoo/.mim``."""
    if {'develop', 'editable_wheel'} & set(sys.argv):
        mode = 'symlink'
    elif {'sdist', 'bdist_wheel', 'build', 'build_py'} & set(sys.argv):
        mode = 'copy'
    else:
        return
    mim_root = osp.join(ROOT, 'bdd100k_zoo', '.mim')
    os.makedirs(mim_root, exist_ok=True)
    for item in MIM_ITEMS:
        src = osp.join(ROOT, item)
        if not osp.exists(src):
            continue
        dst = osp.join(mim_root, item)
        if osp.islink(dst) or osp.isfile(dst):
            os.remove(dst)
        elif osp.isdir(dst):
            shutil.rmtree(dst)
        if mode == 'symlink':
            os.symlink(osp.relpath(src, mim_root), dst)
        elif osp.isdir(src):
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns('__pycache__', '*.pyc'))
        else:
            shutil.copyfile(src, dst)


if __name__ == '__main__':
    add_mim_extension()
    setup(
        name='bdd100k_zoo',
        version=read_version(),
        description='BDD100K model zoo: datasets, official metrics and models as an OpenMMLab 3.x '
        'extension',
        long_description=open(osp.join(ROOT, 'README.md'), encoding='utf-8').read(),
        long_description_content_type='text/markdown',
        license='Apache License 2.0',
        python_requires='>=3.8',
        packages=find_packages(include=['bdd100k_zoo', 'bdd100k_zoo.*']),
        include_package_data=True,
        package_data={'bdd100k_zoo': ['.mim/**/*', '.mim/*']},
        install_requires=read_requirements('runtime.txt'),
        entry_points={'console_scripts': ['bdd100k-zoo=bdd100k_zoo.cli:main']},
        zip_safe=False,
    )
