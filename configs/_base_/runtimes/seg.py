"""Runtime of every mmseg-scope config of the zoo (seg): mmseg's defaults + our seg side."""
_base_ = 'mmseg::_base_/default_runtime.py'

custom_imports = dict(imports=['bdd100k_zoo.seg'], allow_failed_imports=False)
