"""Runtime of the video (MOT, MOTS) configs: mmdet's defaults + our track side (tracking in mmdet)."""
_base_ = 'mmdet::_base_/default_runtime.py'

custom_imports = dict(imports=['bdd100k_zoo.track'], allow_failed_imports=False)
