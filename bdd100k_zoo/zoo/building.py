"""Checking that a config loads and its model builds, the way the tools build it, without weights.

The config is read with mmengine, the modules of its ``custom_imports`` are imported (they register
the ``BDD100K...`` classes), every ``init_cfg`` and ``pretrained`` of the model is set to None (no
download), and the model is built through the registry of the config's ``default_scope`` (mmdet,
mmseg, mmpretrain, mmpose). Only mmengine is imported here; the parent libraries are imported by
mmengine when their scope is used.
"""
import gc
import json
import warnings
from typing import Any, Dict, Optional

#: Keys of a model config that would load pretrained weights.
INIT_KEYS = ('init_cfg', 'pretrained')
_MAX_DETAIL = 400


def without_init(cfg: Any) -> Any:
    """A copy of a config (nested dicts/lists) with every ``init_cfg`` and ``pretrained`` None."""
    if isinstance(cfg, dict):
        return {key: None if key in INIT_KEYS else without_init(value)
                for key, value in cfg.items()}
    if isinstance(cfg, (list, tuple)):
        return type(cfg)(without_init(value) for value in cfg)
    return cfg


def _detail(err: BaseException) -> str:
    """``Type: message`` of an exception, on one line and shortened."""
    text = ' '.join(f'{type(err).__name__}: {err}'.split())
    return text if len(text) <= _MAX_DETAIL else text[:_MAX_DETAIL - 3] + '...'


class ModelBuildChecker:
    """Loads configs and builds their models, once per distinct model.

    Configs that differ only in data or schedule (``..._1x_...`` and ``..._3x_...``) describe the
    same model: it is built once, the result is shared.
    """

    def __init__(self) -> None:
        self._by_path: Dict[str, Optional[str]] = {}
        self._by_model: Dict[str, Optional[str]] = {}

    def check(self, path: str) -> Optional[str]:
        """Why the config at ``path`` does not load or its model does not build, or None if it
        builds."""
        if path not in self._by_path:
            self._by_path[path] = self._check(path)
        return self._by_path[path]

    def _check(self, path: str) -> Optional[str]:
        from mmengine.config import Config
        from mmengine.utils import import_modules_from_strings
        try:
            cfg = Config.fromfile(path, import_custom_modules=False)
        except Exception as err:  # noqa: BLE001 - any failure is the contributor's to see
            return f'the config does not load: {_detail(err)}'
        if 'model' not in cfg:
            return 'the config has no model'
        custom_imports = cfg.get('custom_imports')
        model = without_init(cfg.model.to_dict())
        key = json.dumps([cfg.get('default_scope'), custom_imports, model], sort_keys=True,
                         default=repr)
        if key in self._by_model:
            return self._by_model[key]
        try:
            if custom_imports:
                import_modules_from_strings(**custom_imports)
        except Exception as err:  # noqa: BLE001
            result: Optional[str] = f'its custom_imports fail: {_detail(err)}'
        else:
            result = _build(model, cfg.get('default_scope'))
        self._by_model[key] = result
        return result


def _build(model: Dict[str, Any], scope: Optional[str]) -> Optional[str]:
    """Builds ``model`` in the registry of ``scope``; the error, or None."""
    from mmengine.config import ConfigDict
    from mmengine.registry import MODELS, DefaultScope
    try:
        with DefaultScope.overwrite_default_scope(scope), warnings.catch_warnings():
            warnings.simplefilter('ignore')  # the libraries' deprecation notes are not ours to fix
            built = MODELS.build(ConfigDict(model))
    except Exception as err:  # noqa: BLE001
        return f'the model does not build: {_detail(err)}'
    del built
    gc.collect()
    return None
