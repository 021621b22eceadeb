"""mmdet side: BDD100K detection and instance segmentation datasets, metrics and models.

Importing this package registers them into mmdet's registries (configs: ``custom_imports``).
"""
