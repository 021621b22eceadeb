"""mmpretrain side: BDD100K image tagging (weather, scene, timeofday) datasets and metric.

Importing this package registers them into mmpretrain's registries (configs: ``custom_imports``).
"""
