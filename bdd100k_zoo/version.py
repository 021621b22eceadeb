"""Version of the bdd100k_zoo package (single source, read by setup.py)."""

__version__ = '0.1.0'
