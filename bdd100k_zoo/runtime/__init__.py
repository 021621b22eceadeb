"""Runtime support shared by every side: environment report, safe checkpoint loading, the check of
a checkpoint's weights against the model.

Depends on mmengine and torch only, never on a task library.
"""
