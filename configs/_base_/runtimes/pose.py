"""Runtime of every mmpose-scope config of the zoo (pose): mmpose's defaults + our pose side."""
_base_ = 'mmpose::_base_/default_runtime.py'

custom_imports = dict(imports=['bdd100k_zoo.pose'], allow_failed_imports=False)
