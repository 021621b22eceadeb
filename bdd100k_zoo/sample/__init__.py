"""The generated BDD100K sample: procedural driving scenes for every task, in the official layout.

One procedural world per image or video (road, lanes, buildings, vegetation, weather, time of day)
is populated with vehicles, riders, pedestrians, traffic lights and signs, rendered, and labelled
from the very same geometry: det_20 boxes, drivable maps and pose_21 skeletons on the 100K images,
ins_seg, sem_seg and pan_seg on the 10K images, box_track_20 and seg_track_20 videos; mask labels
also as the official polygon files. Labels are written through :mod:`bdd100k_zoo.labels` and the
whole folder through :mod:`bdd100k_zoo.export.atomic`.
"""
from .generate import SampleSummary, generate_sample
from .scales import SCALES, SPLITS

__all__ = ['SCALES', 'SPLITS', 'SampleSummary', 'generate_sample']
