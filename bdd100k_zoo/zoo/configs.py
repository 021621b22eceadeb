"""Finding the zoo's config files, wherever the package is installed (like mim does: by basename)."""
import os
import os.path as osp
from typing import Dict, List

import bdd100k_zoo

PACKAGE_ROOT = osp.dirname(osp.abspath(bdd100k_zoo.__file__))
#: The configs, tools, task folders and model index shipped with the package (links when editable).
MIM_ROOT = osp.join(PACKAGE_ROOT, '.mim')


def all_configs() -> Dict[str, str]:
    """Maps every config basename (without ``.py``) of the task folders to its real path.

    Raises:
        RuntimeError: the package ships no configs (the .mim extension is missing) or a basename
            appears twice (mim could not resolve it).
    """
    if not osp.isdir(MIM_ROOT):
        raise RuntimeError(f'{MIM_ROOT} is missing: reinstall bdd100k_zoo (pip install -e . or '
                           f'pip install .) so that its configs are linked or copied there')
    found: Dict[str, List[str]] = {}
    for folder, _, files in os.walk(MIM_ROOT, followlinks=True):
        parts = folder.split(os.sep)
        if 'configs' not in parts or '_base_' in parts or '__pycache__' in parts:
            continue
        for name in files:
            if name.endswith('.py'):
                found.setdefault(name[:-3], []).append(osp.realpath(osp.join(folder, name)))
    duplicates = {name: paths for name, paths in found.items() if len(set(paths)) > 1}
    if duplicates:
        raise RuntimeError(f'config basenames are not unique: {duplicates}')
    return {name: paths[0] for name, paths in found.items()}


def find_config(name_or_path: str) -> str:
    """Resolves a config path, or a config name (basename with or without ``.py``) of the zoo.

    Raises:
        FileNotFoundError: neither an existing file nor a known config name.
    """
    if osp.isfile(name_or_path):
        return name_or_path
    name = osp.basename(name_or_path)
    name = name[:-3] if name.endswith('.py') else name
    configs = all_configs()
    if name not in configs:
        raise FileNotFoundError(f'no config file {name_or_path!r} and no zoo config named {name!r}')
    return configs[name]
