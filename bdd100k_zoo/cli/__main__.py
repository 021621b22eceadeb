"""``python -m bdd100k_zoo.cli`` runs the ``bdd100k-zoo`` command line."""
import sys

from . import main

sys.exit(main())
