"""mmseg side: BDD100K semantic segmentation and drivable area datasets, metrics and heads.

Importing this package registers them into mmseg's registries (configs: ``custom_imports``).
"""
