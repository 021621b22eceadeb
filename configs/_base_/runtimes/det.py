"""Runtime of every mmdet-scope config of the zoo (det, ins_seg): mmdet's defaults + our mmdet side."""
_base_ = 'mmdet::_base_/default_runtime.py'

custom_imports = dict(imports=['bdd100k_zoo.det'], allow_failed_imports=False)
