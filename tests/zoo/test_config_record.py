"""Every config keeps its resolved settings: a record of each config as mmengine resolves it,
compared on every run, so that restructuring the configs (inheritance, shared bases) cannot change a
setting.

The record lives in ``tests/data``:

- ``config_digests.json``: per config file (its path in the repository) the SHA-256 of its resolved
  settings, with a header saying where the record comes from; small and readable in a diff, it shows
  which configs a change touches.
- ``config_settings.json.xz``: the resolved settings themselves, one flat map per config
  (``{"model.backbone.depth": "50", ...}``), so that a failure names the keys that differ with their
  recorded and current values.

What is recorded: every ``*.py`` under ``configs/`` and under each task folder's ``configs/``, base
files included: they all resolve on their own (a base that did not would go in ``UNRESOLVABLE`` with
its reason). A config resolves as ``Config.fromfile(path, import_custom_modules=False)``: the
registries play no part in resolving, and the ``custom_imports`` list is itself a recorded setting.
Its settings are the whole resolved dict, helper variables (``train_pipeline``, ``swin_t``, ...)
included; nothing is dropped (the resolved dict holds no file path: mmengine keeps the file name and
text outside it). Containers are recorded with their type and length (``tuple[2]``), leaves with
``repr``, so a tuple turning into a list, or ``1`` into ``1.0``, is a change.

The record is updated only for a deliberate change of settings, naming the configs and the reason::

    .venv/bin/python tests/zoo/test_config_record.py --update det/configs/det/x.py --note "why"
    .venv/bin/python tests/zoo/test_config_record.py --update-all --note "mmdet 3.4 defaults"
    .venv/bin/python tests/zoo/test_config_record.py           # check, as the test does

(A new config file is added the same way, with ``--update``.) The resolved settings depend on the
pinned OpenMMLab packages (their base configs), whose versions the header keeps.
"""
import argparse
import copy
import datetime
import functools
import glob
import hashlib
import json
import lzma
import os.path as osp
import subprocess
import sys
import time
from typing import Any, Callable, Dict, Iterable, List, Optional

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
DIGESTS = osp.join(REPO_ROOT, 'tests', 'data', 'config_digests.json')
SETTINGS = osp.join(REPO_ROOT, 'tests', 'data', 'config_settings.json.xz')
#: The config files, relative to the repository (the globs of the basename test of tests/det).
PATTERNS = ('configs/**/*.py', '*/configs/**/*.py')
#: Config files that do not resolve on their own, with the reason (none at present).
UNRESOLVABLE: Dict[str, str] = {}
#: The packages whose base configs the resolved settings depend on.
PACKAGES = ('mmengine', 'mmdet', 'mmseg', 'mmpose', 'mmpretrain')
#: How many differing keys a failure shows per config.
SHOWN = 12


def config_files(root: str = REPO_ROOT) -> List[str]:
    """Every config file, as its path relative to ``root`` (posix), sorted."""
    paths = {osp.relpath(p, root).replace(osp.sep, '/')
             for pattern in PATTERNS for p in glob.glob(osp.join(root, pattern), recursive=True)}
    return sorted(p for p in paths if p not in UNRESOLVABLE)


def _key(key: Any) -> str:
    if isinstance(key, str) and key and not any(c in key for c in '.[]'):
        return key
    return f'[{key!r}]'


def flatten(node: Any, prefix: str = '', out: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """``{dotted.key: value}`` of a resolved config: containers as ``dict``, ``list[n]`` or
    ``tuple[n]``, leaves as their ``repr``; dict keys sorted."""
    out = {} if out is None else out
    if isinstance(node, dict):
        if prefix:
            out[prefix] = 'dict'
        for key in sorted(node, key=repr):
            name = _key(key)
            flatten(node[key], name if not prefix else
                    (f'{prefix}{name}' if name.startswith('[') else f'{prefix}.{name}'), out)
    elif isinstance(node, (list, tuple)):
        out[prefix] = f'{type(node).__name__}[{len(node)}]'
        for index, item in enumerate(node):
            flatten(item, f'{prefix}[{index}]', out)
    else:
        out[prefix] = repr(node)
    return out


def digest(settings: Dict[str, str]) -> str:
    """SHA-256 of a flat settings map in canonical JSON (sorted keys, no spaces, ASCII)."""
    text = json.dumps(settings, sort_keys=True, separators=(',', ':'), ensure_ascii=True)
    return hashlib.sha256(text.encode('ascii')).hexdigest()


def _cached_resolution(config_cls) -> Callable[[], None]:
    """Makes mmengine parse each base file once per process (a deep copy is handed out each time)
    and look each ``package::`` base up once (reading each metafile of the package once), instead
    of once per config that inherits it: ten times faster over the whole zoo, the same dicts
    (``test_the_cache_resolves_as_mmengine``). Returns the function that undoes it."""
    file2dict, cfg_path = config_cls.__dict__['_file2dict'], config_cls.__dict__['_get_cfg_path']
    parsed: Dict[tuple, Any] = {}

    def cached_file2dict(filename, use_predefined_variables=True, use_environment_variables=True,
                         lazy_import=None):
        key = (osp.abspath(filename), use_predefined_variables, use_environment_variables,
               lazy_import)
        if key not in parsed:
            parsed[key] = file2dict.__func__(*key)
        return copy.deepcopy(parsed[key])

    @functools.lru_cache(maxsize=None)
    def external_path(cfg_path_):  # where ``package::x.py`` is does not depend on who asks
        return cfg_path.__func__(cfg_path_, REPO_ROOT)

    def cached_cfg_path(cfg_path_, filename):
        if '::' in cfg_path_:
            return external_path(cfg_path_)
        return cfg_path.__func__(cfg_path_, filename)

    config_cls._file2dict = staticmethod(cached_file2dict)
    config_cls._get_cfg_path = staticmethod(cached_cfg_path)
    # each lookup of a ``package::`` base reads the package's every metafile: read each one once
    from mmengine.config import utils
    load = utils.load
    utils.load = functools.lru_cache(maxsize=None)(load)

    def undo() -> None:
        config_cls._file2dict, config_cls._get_cfg_path = file2dict, cfg_path
        utils.load = load
    return undo


def resolve(paths: Iterable[str], root: str = REPO_ROOT, cached: bool = True) -> Dict[str, Any]:
    """``{path: flat settings}``, or ``{path: the exception}`` of one that fails."""
    from mmengine.config import Config
    undo = _cached_resolution(Config) if cached else (lambda: None)
    resolved: Dict[str, Any] = {}
    try:
        for path in paths:
            try:
                cfg = Config.fromfile(osp.join(root, path), import_custom_modules=False)
                resolved[path] = flatten(cfg.to_dict())
            except Exception as err:  # noqa: BLE001  (reported per config)
                resolved[path] = err
    finally:
        undo()
    return resolved


def load_record() -> tuple:
    """``(header, {path: digest}, {path: flat settings})`` of the record in tests/data."""
    with open(DIGESTS, encoding='utf-8') as f:
        digests = json.load(f)
    with lzma.open(SETTINGS, 'rt', encoding='utf-8') as f:
        settings = json.load(f)
    return digests['record'], digests['digests'], settings


def versions() -> Dict[str, str]:
    import importlib
    return {name: importlib.import_module(name).__version__ for name in PACKAGES}


def compare(current: Dict[str, Any], recorded: Dict[str, str],
            settings: Dict[str, Dict[str, str]]) -> List[str]:
    """One message per config whose resolved settings are not the recorded ones (or that is not
    recorded, or no longer exists, or fails to resolve), naming the first differing keys."""
    problems = []
    for path in sorted(set(current) | set(recorded)):
        if path not in recorded:
            problems.append(f'{path}: not in the record (a new config: record it with --update)')
            continue
        if path not in current:
            problems.append(f'{path}: recorded but not found (configs keep their paths: mim finds '
                            'them by file name)')
            continue
        now = current[path]
        if isinstance(now, Exception):
            problems.append(f'{path}: does not resolve: {now!r}')
            continue
        if digest(now) == recorded[path]:
            continue
        before = settings.get(path, {})
        keys = sorted(k for k in set(now) | set(before) if now.get(k) != before.get(k))
        lines = [f'{path}: resolved settings differ from the record in {len(keys)} key(s):']
        for key in keys[:SHOWN]:
            lines.append(f'    {key}: recorded {before.get(key, "(absent)")}, '
                         f'now {now.get(key, "(absent)")}')
        if len(keys) > SHOWN:
            lines.append(f'    ... and {len(keys) - SHOWN} more')
        problems.append('\n'.join(lines))
    return problems


def version_note(header: Dict[str, Any]) -> str:
    recorded = header.get('packages', {})
    now = versions()
    if recorded == now:
        return ''
    return (f'\n(the record was taken with {recorded}, this environment has {now}: their base '
            'configs may explain the differences)')


# ------------------------------------------------------------------------------------------ tests

def test_every_config_resolves_to_its_recorded_settings():
    start = time.perf_counter()
    header, recorded, settings = load_record()
    current = resolve(config_files())
    problems = compare(current, recorded, settings)
    print(f'{len(current)} configs resolved and compared in {time.perf_counter() - start:.1f} s')
    assert not problems, ('\n'.join(problems) + version_note(header) +
                          '\nA deliberate setting change updates the record: '
                          'python tests/zoo/test_config_record.py --update <config> --note <why>')


def test_the_record_is_consistent():
    """Each recorded settings map has the recorded digest (the two files were updated together)."""
    _, recorded, settings = load_record()
    assert set(recorded) == set(settings)
    assert {p for p in recorded if digest(settings[p]) != recorded[p]} == set()


def test_the_cache_resolves_as_mmengine():
    """The per-process cache of parsed base files gives mmengine's own result, on the configs with
    the deepest inheritance and the ones that reach into their bases (``_base_.x``)."""
    paths = ['det/configs/det/faster_rcnn_swin-b_fpn_fp16_3x_strong_det_bdd100k.py',
             'det/configs/det/cascade_rcnn_convnext-b_fpn_fp16_3x_det_bdd100k.py',
             'sem_seg/configs/sem_seg/upernet_convnext-b_fp16_512x1024_80k_sem_seg_bdd100k.py',
             'pose/configs/pose/res50_udp_320x256_1x_pose_bdd100k.py',
             'tagging/configs/weather/resnet101_5x_weather_tag_bdd100k.py']
    paths = [p for p in paths if osp.exists(osp.join(REPO_ROOT, p))]
    assert paths
    twice = paths + paths  # the second round is served from the cache
    cached = resolve(twice)
    assert resolve(paths, cached=False) == cached


def test_flatten_keeps_types_and_orders_keys():
    flat = flatten({'b': (1, 2.0), 'a': [{'x.y': None, 'k': 'v'}], 'c': {}})
    assert list(flat) == ['a', 'a[0]', 'a[0].k', "a[0]['x.y']", 'b', 'b[0]', 'b[1]', 'c']
    assert flat['b'] == 'tuple[2]' and flat['b[1]'] == '2.0' and flat['a[0].k'] == "'v'"
    assert flat['c'] == 'dict'
    assert digest(flat) != digest(flatten({'b': [1, 2.0], 'a': [{'x.y': None, 'k': 'v'}], 'c': {}}))


# ------------------------------------------------------------------------------------ the writer

def _head() -> str:
    try:
        return subprocess.run(['git', 'rev-parse', 'HEAD'], cwd=REPO_ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return 'unknown'


def write_record(header: Dict[str, Any], digests: Dict[str, str],
                 settings: Dict[str, Dict[str, str]]) -> None:
    with open(DIGESTS, 'w', encoding='utf-8') as f:
        json.dump({'record': header, 'digests': dict(sorted(digests.items()))}, f, indent=1)
        f.write('\n')
    text = json.dumps(dict(sorted(settings.items())), sort_keys=True, indent=0)
    with lzma.open(SETTINGS, 'wt', encoding='utf-8', preset=9) as f:
        f.write(text)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description='Check the configs against the record of their resolved settings, or update '
                    'the record after a deliberate change of settings.')
    group = parser.add_mutually_exclusive_group()
    group.add_argument('--update', nargs='+', metavar='CONFIG',
                       help='record these configs again (paths relative to the repository)')
    group.add_argument('--update-all', action='store_true', help='take the whole record again')
    parser.add_argument('--note', help='why the settings changed (kept in the record header)')
    args = parser.parse_args(argv)

    start = time.perf_counter()
    if not (args.update or args.update_all):
        header, recorded, settings = load_record()
        problems = compare(resolve(config_files()), recorded, settings)
        print('\n'.join(problems) + (version_note(header) if problems else '') or
              f'{len(recorded)} configs: resolved settings as recorded '
              f'({time.perf_counter() - start:.1f} s)')
        return 1 if problems else 0
    if not args.note:
        parser.error('--note is required: say which deliberate change the new record holds')

    packages = versions()
    paths = config_files() if args.update_all else sorted(set(args.update))
    current = resolve(paths, cached=False)  # the writer resolves exactly as mmengine does
    failed = {p: v for p, v in current.items() if isinstance(v, Exception)}
    if failed:
        print('\n'.join(f'{p}: {e!r}' for p, e in failed.items()))
        return 1
    if args.update_all:
        header = {'taken': {'commit': _head(), 'note': args.note}, 'updates': []}
        digests, settings = {}, {}
    else:
        header, digests, settings = load_record()
        header.setdefault('updates', []).append(
            {'commit': _head(), 'configs': paths, 'note': args.note,
             'date': datetime.date.today().isoformat()})
    header['how'] = ('Config.fromfile(path, import_custom_modules=False) of every config under '
                     'configs/ and */configs/; SHA-256 of the flattened resolved dict; see '
                     'tests/zoo/test_config_record.py')
    header['regenerate'] = ('only for a deliberate change of settings: .venv/bin/python '
                            'tests/zoo/test_config_record.py --update <config>... --note <why>')
    header['packages'] = packages
    for path, flat in current.items():
        settings[path] = flat
        digests[path] = digest(flat)
    for path in [p for p in digests if not osp.exists(osp.join(REPO_ROOT, p))]:
        del digests[path], settings[path]
    write_record(header, digests, settings)
    print(f'recorded {len(current)} config(s) in {time.perf_counter() - start:.1f} s; the record '
          f'holds {len(digests)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
