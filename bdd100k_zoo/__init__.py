"""bdd100k_zoo: the BDD100K model zoo as an OpenMMLab 3.x extension.

Importing the top-level package is cheap and pulls in no OpenMMLab library; each side registers into its
parent library when imported (``bdd100k_zoo.det``, ``bdd100k_zoo.track``, ``bdd100k_zoo.seg``,
``bdd100k_zoo.tagging``, ``bdd100k_zoo.pose``), usually through a config's ``custom_imports``.
"""
from .version import __version__

__all__ = ['__version__']
