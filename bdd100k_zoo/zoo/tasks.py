"""The task folders of the zoo and the results-table template of each (one place for all of them).

A results table has the task's setting columns (optional extra settings may be inserted among
them), then per split (``val``, ``test``) the metric columns and a scores link, then the config,
weights, predictions and visuals links::

    | Backbone | Lr schd | MS-train | Box AP-val | Scores-val | Box AP-test | Scores-test | ...
"""
import os.path as osp
from dataclasses import dataclass, field
from typing import Dict, Tuple

SPLITS: Tuple[str, ...] = ('val', 'test')
#: The link columns closing every results table.
LINK_COLUMNS: Tuple[str, ...] = ('Config', 'Weights', 'Preds', 'Visuals')
#: Setting columns whose cells are a check mark or empty (a yes/no setting).
FLAG_COLUMNS: Tuple[str, ...] = ('MS-train', 'FP16', 'Strong', 'Tricks', 'GN', 'Deform. Conv.')
CHECK_MARK = '✓'
#: The value of a metric cell when the number is not available.
MISSING = '-'
#: The columns of the table of configs built here without published weights (README section
#: ``## Configs built here (no published weights)``).
BUILT_COLUMNS: Tuple[str, ...] = ('Method', 'Paper', 'Config', 'About')
#: Every model is trained and evaluated on BDD100K (the ``Dataset`` of the metafile results).
DATASET = 'BDD100K'


@dataclass(frozen=True)
class TaskSpec:
    """One task folder: ``<name>/README.md``, ``<name>/configs/<dir>/``, ``<name>/metafile.yml``.

    Attributes:
        name: the folder name (``det``).
        title: the task's name in words; also the ``Task`` of its metafile results.
        settings: the setting columns of the template, in order.
        metrics: the metric names; the table has ``<metric>-val`` and ``<metric>-test`` columns.
        extra_settings: optional setting columns some published tables add.
        config_dirs: the folders under ``<name>/configs/`` that hold its configs.
        subtask_titles: the results ``Task`` per config folder, where it differs from ``title``.
    """
    name: str
    title: str
    settings: Tuple[str, ...]
    metrics: Tuple[str, ...]
    extra_settings: Tuple[str, ...] = ()
    config_dirs: Tuple[str, ...] = ()
    subtask_titles: Dict[str, str] = field(default_factory=dict)

    def metric_columns(self, split: str) -> Tuple[str, ...]:
        """The metric columns of one split (``Box AP-val``)."""
        return tuple(f'{metric}-{split}' for metric in self.metrics)

    @property
    def columns(self) -> Tuple[str, ...]:
        """Every column of the template, in order (without the optional extra settings)."""
        scored = sum((self.metric_columns(split) + (f'Scores-{split}',) for split in SPLITS), ())
        return self.settings + scored + LINK_COLUMNS

    @property
    def readme(self) -> str:
        """The README path relative to the repository root."""
        return f'{self.name}/README.md'

    @property
    def metafile(self) -> str:
        """The metafile path relative to the repository root."""
        return f'{self.name}/metafile.yml'

    def results_task(self, config_dir: str) -> str:
        """The metafile ``Task`` of a model whose config lives in ``configs/<config_dir>/``."""
        return self.subtask_titles.get(config_dir, self.title)


_SEG_EXTRAS = ('GN', 'Deform. Conv.', 'FP16')

#: Every task of the zoo, in the order of the model index.
TASKS: Dict[str, TaskSpec] = {spec.name: spec for spec in (
    TaskSpec('det', 'Object Detection', ('Backbone', 'Lr schd', 'MS-train'), ('Box AP',),
             extra_settings=('Network', 'FP16', 'Strong', 'Proposals', 'Tricks'),
             config_dirs=('det',)),
    TaskSpec('ins_seg', 'Instance Segmentation', ('Backbone', 'Lr schd', 'MS-train'),
             ('Mask AP', 'Box AP'), extra_settings=('Batch Size',), config_dirs=('ins_seg',)),
    TaskSpec('sem_seg', 'Semantic Segmentation', ('Backbone', 'Iters', 'Input'), ('mIoU',),
             extra_settings=_SEG_EXTRAS, config_dirs=('sem_seg',)),
    TaskSpec('drivable', 'Drivable Area', ('Backbone', 'Iters', 'Input'), ('mIoU',),
             extra_settings=_SEG_EXTRAS, config_dirs=('drivable',)),
    TaskSpec('pan_seg', 'Panoptic Segmentation', ('Backbone', 'Lr schd', 'MS-train'), ('PQ',),
             config_dirs=('pan_seg',)),
    TaskSpec('mot', 'Multiple Object Tracking', ('Detector',), ('mMOTA', 'mIDF1', 'ID Sw.'),
             config_dirs=('mot',)),
    TaskSpec('mots', 'Multiple Object Tracking and Segmentation', ('Detector',),
             ('mMOTSA', 'mIDF1', 'ID Sw.'), config_dirs=('mots',)),
    TaskSpec('pose', 'Pose Estimation', ('Backbone', 'Input Size'), ('Pose AP',),
             config_dirs=('pose',)),
    TaskSpec('tagging', 'Image Tagging', ('Backbone', 'Input'), ('Acc',),
             config_dirs=('weather', 'scene', 'timeofday'),
             subtask_titles={'weather': 'Weather Tagging', 'scene': 'Scene Tagging',
                             'timeofday': 'Time of Day Tagging'}),
    TaskSpec('lane', 'Lane Marking', ('Backbone', 'Iters', 'Input'),
             ('F1_pix1', 'F1_pix2', 'F1_pix5'), config_dirs=('lane',)),
    TaskSpec('anomaly', 'Anomaly Segmentation', ('Backbone', 'Iters', 'Input', 'Score'),
             ('AP', 'AUROC', 'FPR95'), config_dirs=('anomaly',)),
)}


def task_of_readme(path: str) -> TaskSpec:
    """The task of a README from its folder name (``.../det/README.md`` -> det).

    Raises:
        KeyError: the folder is not a task folder.
    """
    folder = osp.basename(osp.dirname(osp.abspath(path)))
    if osp.basename(path) != 'README.md' or folder not in TASKS:
        raise KeyError(f'{path} is not the README of a task folder ({", ".join(TASKS)})')
    return TASKS[folder]
