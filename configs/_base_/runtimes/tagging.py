"""Runtime of every mmpretrain-scope config of the zoo (tagging): mmpretrain's defaults + our tagging side."""
_base_ = 'mmpretrain::_base_/default_runtime.py'

custom_imports = dict(imports=['bdd100k_zoo.tagging'], allow_failed_imports=False)
