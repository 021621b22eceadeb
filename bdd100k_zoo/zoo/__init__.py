"""The zoo itself: where configs live, the model index (task READMEs -> metafiles), contributions.

* :mod:`~bdd100k_zoo.zoo.tasks`: the task folders and their results-table templates.
* :mod:`~bdd100k_zoo.zoo.readme`: parsing a task README (methods, papers, tables, line numbers).
* :mod:`~bdd100k_zoo.zoo.rules`: the README format rules; :mod:`~bdd100k_zoo.zoo.entries`: rows
  -> :class:`~bdd100k_zoo.zoo.entries.ZooModel`.
* :mod:`~bdd100k_zoo.zoo.index`: ``<task>/metafile.yml`` and ``model-index.yml`` (``zoo-index``).
* :mod:`~bdd100k_zoo.zoo.review` and :mod:`~bdd100k_zoo.zoo.building`: ``check-contribution``.
* :mod:`~bdd100k_zoo.zoo.publish`: ``publish`` (stripped checkpoint + MD5 + README row).
* :mod:`~bdd100k_zoo.zoo.configs`: finding configs by name, like mim.
"""
