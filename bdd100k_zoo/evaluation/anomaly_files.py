"""``evaluate_anomaly_files``: anomaly metrics of a folder of label PNGs and a folder of score maps.

Ground truth: ``<rel>/<name>.png``, uint8, 0 = known, 1 = anomaly, 255 = ignored. Scores:
``<rel>/<name>.npy``, a 2-D float array (float16/32/64, read as float32) of the label's size,
higher = more anomalous. Either may be a folder or a zip (extracted safely into a temporary
folder). Every label needs its score file and every score file its label. Two passes over the
files: the pooled curves first (:class:`.anomaly.AnomalyAccumulator`), then the component metrics
at the curve's F1-optimal threshold (:mod:`.anomaly_components`).
"""
import contextlib
import os
import os.path as osp
import tempfile
import zipfile
from typing import List, Tuple

import numpy as np

from ..export.atomic import extract_zip
from ..labels import LabelError
from ..labels.masks import read_class_mask
from .anomaly import AnomalyAccumulator, f1_threshold
from .anomaly_components import ComponentStats, image_components
from .scores import Scores

LABEL_SUFFIX, SCORE_SUFFIX = '.png', '.npy'


class Folder:
    """A folder or zip of files with one suffix, keyed by relative path without the suffix.

    Args:
        stack: keeps the temporary folder of a zip until the evaluation ends.
        path: the folder or zip the user gave.
        suffix: the suffix of the files to list.
    """

    def __init__(self, stack: contextlib.ExitStack, path: str, suffix: str) -> None:
        if not osp.exists(path):
            raise FileNotFoundError(f'input not found: {path}')
        self.path = self.root = path
        if osp.isfile(path):
            if not zipfile.is_zipfile(path):
                raise LabelError(f'{path}: expected a folder or a zip of {suffix} files')
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix='bdd100k-eval-'))
            self.root = osp.join(folder, 'data')
            try:
                extract_zip(path, self.root)
            except (ValueError, zipfile.BadZipFile) as err:
                raise LabelError(f'{path}: cannot extract ({err})') from None
        self.files = {osp.relpath(osp.join(parent, name), self.root)[:-len(suffix)]:
                      osp.join(parent, name)
                      for parent, _, names in os.walk(self.root) for name in names
                      if name.lower().endswith(suffix)}
        if not self.files:
            raise LabelError(f'{path}: holds no {suffix} files')

    def shown(self, key: str) -> str:
        """How to name a file in messages (zip members as ``zip:member``)."""
        file = self.files[key]
        return file if self.root == self.path else f'{self.path}:{osp.relpath(file, self.root)}'


def pair_files(labels: Folder, scores: Folder) -> List[str]:
    """The sorted keys present in both; raises LabelError naming a file without its partner."""
    for key in sorted(set(labels.files) ^ set(scores.files)):
        if key in labels.files:
            raise LabelError(f'{labels.shown(key)}: no score map {key}{SCORE_SUFFIX} in '
                             f'{scores.path}')
        raise LabelError(f'{scores.shown(key)}: no ground truth {key}{LABEL_SUFFIX} in '
                         f'{labels.path}')
    return sorted(labels.files)


def read_score_map(path: str, shown: str) -> np.ndarray:
    """A 2-D float score map from a ``.npy`` file (no pickles), as float32."""
    try:
        score = np.load(path, allow_pickle=False)
    except (ValueError, OSError, EOFError) as err:  # EOFError: an empty or truncated file
        raise LabelError(f'{shown}: not a plain .npy array ({err})') from None
    if score.ndim != 2 or not np.issubdtype(score.dtype, np.floating):
        raise LabelError(f'{shown}: a score map must be a 2-D float array, got shape '
                         f'{score.shape} of {score.dtype}')
    return score.astype(np.float32, copy=False)


def read_pair(labels: Folder, scores: Folder, key: str) -> Tuple[np.ndarray, np.ndarray]:
    """The checked label and score maps of one key (errors name the score file for sizes)."""
    label = read_class_mask(labels.files[key], 2, labels.shown(key))
    score = read_score_map(scores.files[key], scores.shown(key))
    if score.shape != label.shape:
        raise LabelError(f'{scores.shown(key)}: score map of size {score.shape}, ground truth '
                         f'{label.shape}')
    return label, score


def evaluate_anomaly_files(gt_path: str, score_path: str, mode: str = 'exact', bits: int = 20,
                           fpr_rule: str = 'fishyscapes', per_image: bool = False,
                           track: str = 'anomaly') -> Scores:
    """Anomaly metrics of a label folder/zip against a score folder/zip.

    Args:
        gt_path: ``<name>.png`` labels (0/1/255), folder or zip.
        score_path: ``<name>.npy`` float score maps, folder or zip.
        mode, bits, fpr_rule, per_image: as :class:`.anomaly.AnomalyAccumulator`.
        track: component size rules, ``'anomaly'`` or ``'obstacle'``.

    Returns:
        Scores of task ``anomaly``: summary ``AP``, ``AUROC``, ``FPR95`` (and ``_img`` means),
        ``sIoU``, ``sIoU_pred``, ``PPV``, ``mean_F1``, ``CA_IoU`` (percent); extra: rule, mode,
        counts, bounds,
        the F1-optimal ``threshold``.

    Raises:
        LabelError: a label value outside 0/1/255, a score map of another size, not 2-D float,
            with NaN or pickled, a file without its partner (the message names the file).
        FileNotFoundError: an input does not exist.
    """
    accumulator = AnomalyAccumulator(mode, bits, fpr_rule, per_image)
    with contextlib.ExitStack() as stack:
        labels = Folder(stack, gt_path, LABEL_SUFFIX)
        scores = Folder(stack, score_path, SCORE_SUFFIX)
        keys = pair_files(labels, scores)
        for key in keys:
            accumulator.add(*read_pair(labels, scores, key), scores.shown(key))
        levels = accumulator.levels()
        summary, extra = accumulator.result(levels)
        threshold = f1_threshold(levels)
        stats = ComponentStats()
        for key in keys:
            label, score = read_pair(labels, scores, key)
            stats.update(image_components(label, score >= threshold, track))
    summary.update(stats.summary())
    extra.update(threshold=threshold, track=track, gt_components=len(stats.siou),
                 pred_components=len(stats.ppv))
    return Scores('anomaly', summary, extra=extra)

