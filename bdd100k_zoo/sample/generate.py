"""``generate_sample``: the whole sample dataset, written atomically.

Everything is generated into a temporary folder beside the output and renamed into place at the end
(:func:`export.atomic.atomic_dir`): a failure leaves nothing behind. An existing non-empty output
folder is refused unless ``overwrite`` is set; it is then replaced as a whole, and only once the new
sample is complete.
"""
import os
import os.path as osp
import time
from dataclasses import dataclass
from typing import Dict, List

from ..export.atomic import atomic_dir
from ..version import __version__
from .anomalies import SPLIT as ANOMALY_SPLIT, write_anomaly_split
from .lanes import write_lane_split
from .scales import SCALES, SPLITS
from .stills import write_100k_split, write_10k_split
from .videos import write_box_track_split, write_seg_track_split
from .writer import SampleWriter

#: File at the sample root describing how it was generated.
INFO_FILE = 'sample_info.json'
PUBLIC_FOLDER_MODE = 0o755

Counts = Dict[str, Dict[str, Dict[str, int]]]


@dataclass(frozen=True)
class SampleSummary:
    """What :func:`generate_sample` wrote.

    Attributes:
        root: the dataset root.
        seed: the seed used.
        scale: the scale name.
        counts: ``{task: {split: {'images'|'videos'|'frames'|'labels': n}}}``.
        bytes_written: total size of the files.
        seconds: generation time.
    """

    root: str
    seed: int
    scale: str
    counts: Counts
    bytes_written: int
    seconds: float

    def lines(self) -> List[str]:
        """A human-readable report, one line per task and split."""
        lines = [f'BDD100K sample (scale {self.scale}, seed {self.seed}) at {self.root}: '
                 f'{self.bytes_written / 1e6:.1f} MB in {self.seconds:.1f} s']
        for task, splits in self.counts.items():
            for split, numbers in splits.items():
                detail = ', '.join(f'{value} {key}' for key, value in numbers.items())
                lines.append(f'  {task:<13} {split:<5} {detail}')
        return lines


def _check_output(out_dir: str, overwrite: bool) -> None:
    if osp.exists(out_dir) and not osp.isdir(out_dir):
        raise FileExistsError(f'{out_dir} exists and is not a folder')
    if osp.isdir(out_dir) and os.listdir(out_dir) and not overwrite:
        raise FileExistsError(
            f'{out_dir} exists and is not empty: choose another folder, or overwrite '
            f'it as a whole (overwrite=True, --overwrite)')


def generate_sample(out_dir: str, seed: int = 0, scale: str = 'small',
                    overwrite: bool = False) -> SampleSummary:
    """Generates the BDD100K sample dataset (every task, official layout) into ``out_dir``.

    The same ``seed`` and ``scale`` always give byte-identical files.

    Args:
        out_dir: the dataset root to create.
        seed: non-negative random seed.
        scale: ``'small'`` or ``'tiny'`` (see :data:`scales.SCALES`).
        overwrite: replace an existing non-empty ``out_dir`` (as a whole, once the new sample is
            done).

    Raises:
        ValueError: unknown scale or negative seed.
        FileExistsError: ``out_dir`` is a file, or a non-empty folder and ``overwrite`` is not set.
    """
    if scale not in SCALES:
        raise ValueError(f'unknown scale {scale!r} (expected one of {", ".join(SCALES)})')
    if seed < 0:
        raise ValueError(f'the seed must be non-negative, got {seed}')
    _check_output(out_dir, overwrite)
    counts: Counts = {}
    sizes = SCALES[scale]
    start = time.perf_counter()
    with atomic_dir(out_dir) as root:
        writer = SampleWriter(root, sizes.jpeg_quality)
        for split in SPLITS:
            parts = (write_100k_split(writer, seed, split, sizes.images_100k[split]),
                     write_lane_split(writer, seed, split, sizes.images_100k[split]),
                     write_10k_split(writer, seed, split, sizes.images_10k[split]),
                     write_box_track_split(writer, seed, split, sizes.track_videos[split],
                                           sizes.track_frames),
                     write_seg_track_split(writer, seed, split, sizes.seg_track_videos[split],
                                           sizes.seg_track_frames))
            for part in parts:
                for task, numbers in part.items():
                    counts.setdefault(task, {})[split] = numbers
        counts['anomaly'] = {ANOMALY_SPLIT: write_anomaly_split(writer, seed,
                                                                sizes.anomaly_images)}
        writer.json(INFO_FILE, {'generator': 'bdd100k_zoo.sample', 'version': __version__,
                                'seed': seed, 'scale': scale, 'counts': counts})
        os.chmod(root, PUBLIC_FOLDER_MODE)  # the temporary folder is private; the dataset is not
    return SampleSummary(osp.abspath(out_dir), seed, scale, counts, writer.bytes_written,
                         time.perf_counter() - start)
