"""``evaluate_files``: official scores of label and prediction files, in the official tool's forms.

Ground truth and predictions may each be:

- a Scalabel JSON file, or a folder of them (tracking: one file per video);
- a folder (searched recursively) of PNGs: class masks (sem_seg, drivable) or bitmasks (ins_seg,
  pan_seg; seg_track: one sub-folder per video), paired with the other side by file stem;
- a zip of either, extracted safely (:func:`bdd100k_zoo.export.atomic.extract_zip`) into a
  temporary folder that is removed afterwards.

ins_seg predictions as bitmasks need their scores: ``score_file``, or the single JSON file beside
the PNGs (the official submission zip holds both). Bitmasks become RLE frames (:mod:`.bitmasks`) and
class masks are read where they are scored, so every format goes through the same evaluation.
"""
import contextlib
import os
import os.path as osp
import tempfile
import zipfile
from functools import partial
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..export.atomic import extract_zip
from ..labels import LabelError
from ..labels.frames import Frame, frames_of, load_json
from .api import score
from .bitmasks import bitmask_frame, score_table
from .configs import TASK_SPECS
from .inputs import Origin
from .mask_sources import MASK_FILE, MASK_NAME
from .matching import stem
from .parallel import parallel_map
from .scores import Scores

#: Tasks whose files may be PNGs, and how: masks read where they are scored (class masks, and the
#: ins_seg bitmasks given to sem_seg as ``instances``), or bitmasks decoded into RLE frames.
MASK_TASKS = ('sem_seg', 'drivable', 'instances', 'lane_mark')
BITMASK_TASKS = ('ins_seg', 'pan_seg', 'seg_track')


class Input:
    """An input path opened for reading: zips extracted, files listed.

    Args:
        stack: keeps the temporary folder of a zip until the evaluation ends.
        path: the path the user gave.
    """

    def __init__(self, stack: contextlib.ExitStack, path: str) -> None:
        if not osp.exists(path):
            raise FileNotFoundError(f'input not found: {path}')
        self.path = path
        self.root = path
        if osp.isfile(path) and path.lower().endswith('.zip'):
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix='bdd100k-eval-'))
            self.root = osp.join(folder, 'data')
            try:
                extract_zip(path, self.root)
            except (ValueError, zipfile.BadZipFile) as err:
                raise LabelError(f'{path}: cannot extract ({err})') from None
        files = [self.root] if osp.isfile(self.root) else sorted(
            osp.join(parent, name) for parent, _, names in os.walk(self.root) for name in names)
        self.pngs = [f for f in files if f.lower().endswith('.png')]
        self.jsons = [f for f in files if f.lower().endswith('.json')]
        if not self.pngs and not self.jsons:
            raise LabelError(f'{path}: holds no Scalabel .json or .png mask files')

    def shown(self, file: str) -> str:
        """How to name one of the input's files in messages (zip members as ``zip:member``)."""
        if self.root == self.path:
            return file
        return f'{self.path}:{osp.relpath(file, self.root)}'

    def relative(self, file: str) -> str:
        """A file's path relative to the input root."""
        return '' if file == self.root else osp.relpath(file, self.root)


def load_input_json(source: Input, file: str) -> Any:
    """Parses a JSON file of an input; errors name it as the user knows it (``zip:member``)."""
    try:
        return load_json(file)
    except LabelError as err:
        raise LabelError(str(err).replace(file, source.shown(file), 1)) from None


def json_frames(source: Input, files: Sequence[str]) -> Tuple[List[Frame], Origin]:
    """The frames of JSON files, each frame remembered with its file."""
    frames, origin = [], Origin(source.path)
    for file in files:
        for frame in frames_of(load_input_json(source, file), source.shown(file)):
            frames.append(frame)
            origin.files[id(frame)] = source.shown(file)
    return frames, origin


def video_fields(source: Input, gt_frames: Optional[Sequence[Frame]]) -> List[Dict[str, Any]]:
    """seg_track: ``videoName`` (the name of the PNG's folder) and ``frameIndex`` of each PNG.

    Ground-truth frames are numbered in file order per folder; prediction frames take the index
    of the ground-truth frame of the same stem (or one past the video's, to be reported).
    """
    known = {(frame.get('videoName'), stem(frame['name'])): frame.get('frameIndex')
             for frame in gt_frames or ()}
    fields, counts = [], {}
    for png in source.pngs:
        video = osp.basename(osp.dirname(source.relative(png)))
        if not video:
            raise LabelError(f'{source.shown(png)}: seg_track bitmasks must sit in one folder '
                             f'per video')
        name = osp.basename(png)
        index = counts.get(video, 0)
        counts[video] = index + 1
        if gt_frames is not None:
            index = known.get((video, stem(name)), len(known) + index)
        fields.append({'name': name, 'videoName': video, 'frameIndex': index})
    return fields


def png_frames(task: str, source: Input, nproc: int, progress: bool,
               scores: Optional[Dict[str, list]] = None,
               gt_frames: Optional[Sequence[Frame]] = None) -> Tuple[List[Frame], Origin]:
    """Frames standing for PNG files (class masks) or decoded from them (bitmasks)."""
    if task in MASK_TASKS:
        frames = [{'name': osp.basename(png), MASK_FILE: png, MASK_NAME: source.shown(png)}
                  for png in source.pngs]
    elif task in BITMASK_TASKS:
        if task == 'seg_track':
            fields = video_fields(source, gt_frames)
        else:
            fields = [{'name': osp.basename(png)} for png in source.pngs]
        if scores is not None:
            for png, field in zip(source.pngs, fields):
                if stem(field['name']) not in scores:
                    raise LabelError(f'{source.shown(png)}: no scores for this bitmask in the '
                                     f'score file')
                field['scores'] = scores[stem(field['name'])]
        items = [(png, dict(field, shown=source.shown(png)))
                 for png, field in zip(source.pngs, fields)]
        frames = parallel_map(partial(bitmask_frame, TASK_SPECS[task].classes), items, nproc,
                              progress, f'reading {source.path}')
    else:
        raise LabelError(f'{source.path}: {task} takes Scalabel JSON files, not PNG masks')
    origin = Origin(source.path, {id(frame): source.shown(png)
                                  for frame, png in zip(frames, source.pngs)})
    return frames, origin


def read_input(stack: contextlib.ExitStack, task: str, path: str, nproc: int, progress: bool,
               score_file: Optional[str] = None,
               gt_frames: Optional[Sequence[Frame]] = None) -> Tuple[List[Frame], Origin]:
    """The frames of one input (``gt_frames`` given: it is the predictions).

    Raises:
        LabelError: the input mixes JSON and PNG files (besides an ins_seg score file), or
            holds PNGs for a task scored from JSON only.
    """
    source = Input(stack, path)
    predictions = gt_frames is not None
    scored_pngs = task == 'ins_seg' and predictions and source.pngs
    if source.jsons and not source.pngs:
        return json_frames(source, source.jsons)
    if source.jsons and not scored_pngs:
        raise LabelError(f'{path}: holds both .json and .png files; give a JSON file (or folder '
                         f'of JSON files) or a folder of PNG masks')
    scores = None
    if scored_pngs:
        scores_source = source if score_file is None else Input(stack, score_file)
        if len(scores_source.jsons) != 1:
            raise LabelError(f'{path}: ins_seg bitmask predictions need their scores: give '
                             f'score_file (--score-file) or put one JSON score file beside them')
        frames, _ = json_frames(scores_source, scores_source.jsons)
        scores = score_table(frames, scores_source.shown(scores_source.jsons[0]))
    return png_frames(task, source, nproc, progress, scores, gt_frames)


def evaluate_files(task: str, gt_path: str, pred_path: str, nproc: int = 1,
                   **options: Any) -> Scores:
    """Official scores of a ground-truth input against a prediction input.

    Args:
        task: one of :data:`bdd100k_zoo.evaluation.TASKS`.
        gt_path: ground truth: JSON file, folder of JSON files, folder or zip of PNG masks.
        pred_path: predictions, in any of the same forms.
        nproc: processes.
        **options: as :func:`bdd100k_zoo.evaluation.evaluate`, plus ``score_file`` (ins_seg
            bitmask predictions) and, for sem_seg, ``instances`` as a path (ins_seg ground truth
            of the same images: RLE JSON, or folder/zip of bitmask PNGs).

    Raises:
        LabelError: bad input (names the file, frame and label where it can).
        FileNotFoundError: an input does not exist.
    """
    score_file = options.pop('score_file', None)
    instances = options.pop('instances', None)
    progress = bool(options.get('progress', False))
    with contextlib.ExitStack() as stack:
        gt_frames, gt_origin = read_input(stack, task, gt_path, nproc, progress)
        pred_frames, pred_origin = read_input(stack, task, pred_path, nproc, progress,
                                              score_file, gt_frames)
        if instances is not None:
            frames, origin = read_input(stack, 'instances', instances, nproc, progress)
            options.update(instances=frames, instances_origin=origin)
        return score(task, gt_frames, pred_frames, gt_origin, pred_origin, nproc, **options)
