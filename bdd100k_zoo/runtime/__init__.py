"""Runtime support shared by every side: environment report, safe checkpoint loading.

Depends on mmengine and torch only, never on a task library.
"""
