"""mmpose side: BDD100K pose_21 dataset and metric.

Importing this package registers them into mmpose's registries (configs: ``custom_imports``).
"""
