"""The ``--config`` of the official evaluation tools, checked against the config we evaluate with.

``python -m bdd100k.eval.run -c`` takes a task name (its ``bdd100k/configs/<task>.toml``) or a toml
file: a BDD100K config (category mappings and a ``[scalabel]`` table) or a plain scalabel label
config (as ``python -m scalabel.eval.<task> -c`` takes). We always evaluate with the official
config of the task (:func:`.configs.scalabel_config`), so a given config is accepted when it says
the same thing, and refused with the first difference otherwise; a tagging config also chooses the
attributes to score (its categories), as it does for the official tool.

The category mappings and flags of a BDD100K config are compared for the tasks whose official
configs rename and ignore categories (:data:`MAPPED_TASKS`); the other tasks' official configs
either have none or (pan_seg) carry the detection tables, which name no category of theirs: there
they are not read.
"""
import os.path as osp
import tomllib
from typing import Any, Dict, List, Mapping, Optional, Sequence

from scalabel.label.typing import Config

from ..labels import LabelError
from ..labels.categories import TAGGING_ATTRIBUTES
from .configs import TASK_SPECS, scalabel_config
from .tasks import TASKS

#: The tasks whose official configs map category names (renamed, or ignored regions).
MAPPED_TASKS = ('det', 'ins_seg', 'box_track', 'seg_track')
#: The spellings of the BDD100K config keys across the toolkit's versions.
NAME_MAPPING_KEYS = ('name_mapping',)
IGNORED_MAPPING_KEYS = ('ignored_mapping', 'ignore_mapping')
REMOVE_IGNORED_KEYS = ('remove_ignored', 'remove_ignore')
IGNORED_AS_CLASS_KEYS = ('ignored_as_class', 'ignore_as_class')


def config_options(task: str, config: str,
                   attributes: Optional[Sequence[str]] = None) -> Dict[str, Any]:
    """The evaluation options a ``--config`` implies, after checking it is the official one.

    Args:
        task: the task being evaluated.
        config: a task name or the path of a ``.toml`` file.
        attributes: tagging: the attributes asked for on the command line, if any.

    Returns:
        tagging: ``{'attributes': [...]}`` (the attributes of the config); other tasks: ``{}``.

    Raises:
        LabelError: the config names another task, cannot be read, or differs from the official
            config of ``task`` (the message names the file and the difference).
        FileNotFoundError: the toml file does not exist.
    """
    if not config.endswith('.toml'):
        if config not in TASKS:
            raise LabelError(f'--config {config}: neither a .toml file nor a task '
                             f'({", ".join(TASKS)})')
        if config != task:
            raise LabelError(f'--config {config}: the {task} evaluation uses the official '
                             f'{task} config')
        return {}
    if not osp.isfile(config):
        raise FileNotFoundError(f'input not found: {config}')
    try:
        with open(config, 'rb') as f:
            content = tomllib.load(f)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise LabelError(f'{config}: malformed toml ({err})') from None
    if task in MAPPED_TASKS:
        check_mappings(task, config, content)
    label_config = content.get('scalabel', content)
    if task == 'tagging':
        return {'attributes': tagging_attributes(config, label_config, attributes)}
    differences = config_differences(scalabel_config(task), label_config)
    if differences:
        raise LabelError(f'{config}: differs from the official {task} config in '
                         f'{differences[0]} (this tool evaluates with the official config only)')
    return {}


def tagging_attributes(path: str, label_config: Mapping[str, Any],
                       asked: Optional[Sequence[str]]) -> List[str]:
    """The attributes a tagging config scores (its categories), checked against the official values.
    """
    names = [category.get('name') for category in label_config.get('categories') or ()]
    unknown = [name for name in names if name not in TAGGING_ATTRIBUTES]
    if not names or unknown:
        raise LabelError(f'{path}: a tagging config lists frame attributes among '
                         f'{", ".join(TAGGING_ATTRIBUTES)} as categories, got {names}')
    differences = config_differences(scalabel_config('tagging', names), label_config)
    if differences:
        raise LabelError(f'{path}: differs from the official tagging config in '
                         f'{differences[0]}')
    if asked is not None and list(asked) != names:
        raise LabelError(f'--attributes {" ".join(asked)} and the config {path} (attributes '
                         f'{" ".join(names)}) disagree')
    return names


def config_differences(official: Config, given: Mapping[str, Any]) -> List[str]:
    """What a scalabel label config (a toml table) says differently from ``official``; the image
    size and pose sigmas are compared only where the file gives them."""
    try:
        parsed = Config(**given)
    except (TypeError, ValueError) as err:
        return [f'its label config ({" ".join(str(err).split())})']
    differences = []
    if parsed.categories != official.categories:
        differences.append(f'categories ({category_names(parsed)} instead of '
                           f'{category_names(official)})')
    size = given.get('imageSize') or given.get('image_size')
    if size is not None and (size.get('height'), size.get('width')) != (
            official.imageSize.height, official.imageSize.width):
        differences.append(f'image size ({size} instead of {official.imageSize})')
    if 'poseSigmas' in given and parsed.poseSigmas != official.poseSigmas:
        differences.append('poseSigmas')
    return differences


def category_names(config: Config) -> List[str]:
    """The leaf category names of a scalabel config, in order."""
    names: List[str] = []
    for category in config.categories:
        names += [sub.name for sub in category.subcategories] if category.subcategories \
            else [category.name]
    return names


def check_mappings(task: str, path: str, content: Mapping[str, Any]) -> None:
    """The category handling of a BDD100K config is the official one of ``task`` (one of
    :data:`MAPPED_TASKS`; what :data:`.configs.TASK_SPECS` applies).

    Raises:
        LabelError: a mapping or flag differs (the message names it).
    """
    categories = TASK_SPECS[task].categories
    for keys, ignored in ((NAME_MAPPING_KEYS, False), (IGNORED_MAPPING_KEYS, True)):
        for raw, target in (first_of(content, keys) or {}).items():
            if categories.get(raw) != (target, ignored):
                kind = 'ignored region of' if ignored else 'renamed to'
                raise LabelError(f'{path}: maps {raw!r} to {target!r}; the official {task} '
                                 f'config does not ({raw!r} is not {kind} {target!r} here)')
    if first_of(content, IGNORED_AS_CLASS_KEYS):
        raise LabelError(f'{path}: ignored_as_class = true is not the official {task} '
                         f'evaluation (ignored labels are regions, never a class)')
    if first_of(content, REMOVE_IGNORED_KEYS):
        raise LabelError(f'{path}: remove_ignored = true is not the official {task} evaluation '
                         f'(ignored labels are kept as regions that excuse predictions)')


def first_of(content: Mapping[str, Any], keys: Sequence[str]) -> Any:
    """The value of the first of ``keys`` present in ``content`` (None if none is)."""
    return next((content[key] for key in keys if key in content), None)
