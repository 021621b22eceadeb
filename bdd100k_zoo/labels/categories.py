"""BDD100K class lists, palettes and attribute values: the single source of truth for the whole zoo.

Orders are the ones the published models were trained with (class index i of a published checkpoint is
``*_CLASSES[i]``). Scalabel evaluation configs, dataset metainfo and visualisations all read them here.
"""
from typing import Dict, List, Tuple

Color = Tuple[int, int, int]

#: Detection (det_20): 10 classes.
DET_CLASSES: Tuple[str, ...] = (
    'pedestrian', 'rider', 'car', 'truck', 'bus', 'train', 'motorcycle', 'bicycle',
    'traffic light', 'traffic sign')

#: Instance segmentation, box tracking (MOT) and segmentation tracking (MOTS): 8 classes.
INS_SEG_CLASSES: Tuple[str, ...] = DET_CLASSES[:8]
TRACK_CLASSES: Tuple[str, ...] = INS_SEG_CLASSES

#: Super-categories of the official evaluation configs (det adds the two traffic classes alone).
SUPER_CATEGORIES: Dict[str, Tuple[str, ...]] = {
    'human': ('pedestrian', 'rider'),
    'vehicle': ('car', 'truck', 'bus', 'train'),
    'bike': ('motorcycle', 'bicycle'),
}

#: Category names the official det/ins_seg/box_track/seg_track configs rename before evaluation.
NAME_MAPPING: Dict[str, str] = {
    'bike': 'bicycle', 'caravan': 'car', 'motor': 'motorcycle', 'person': 'pedestrian',
    'van': 'car'}
#: Categories the official configs keep as ignored (crowd-like) regions of the mapped class.
IGNORE_MAPPING: Dict[str, str] = {
    'other person': 'pedestrian', 'other vehicle': 'car', 'trailer': 'truck'}

#: Semantic segmentation: the 19 Cityscapes train ids (mask value i = class i, 255 = ignore).
SEM_SEG_CLASSES: Tuple[str, ...] = (
    'road', 'sidewalk', 'building', 'wall', 'fence', 'pole', 'traffic light', 'traffic sign',
    'vegetation', 'terrain', 'sky', 'person', 'rider', 'car', 'truck', 'bus', 'train',
    'motorcycle', 'bicycle')
#: The Cityscapes palette, in the order of ``SEM_SEG_CLASSES``.
SEM_SEG_PALETTE: Tuple[Color, ...] = (
    (128, 64, 128), (244, 35, 232), (70, 70, 70), (102, 102, 156), (190, 153, 153),
    (153, 153, 153), (250, 170, 30), (220, 220, 0), (107, 142, 35), (152, 251, 152),
    (70, 130, 180), (220, 20, 60), (255, 0, 0), (0, 0, 142), (0, 0, 70), (0, 60, 100),
    (0, 80, 100), (0, 0, 230), (119, 11, 32))
#: Cityscapes categories (seed cityscapes-benchmark.md): IoU_category groups the classes like this.
CITYSCAPES_CATEGORIES: Dict[str, Tuple[str, ...]] = {
    'flat': ('road', 'sidewalk'),
    'construction': ('building', 'wall', 'fence'),
    'object': ('pole', 'traffic light', 'traffic sign'),
    'nature': ('vegetation', 'terrain'),
    'sky': ('sky',),
    'human': ('person', 'rider'),
    'vehicle': ('car', 'truck', 'bus', 'train', 'motorcycle', 'bicycle'),
}
#: Classes with instances, for which Cityscapes reports the instance-weighted iIoU.
CITYSCAPES_INSTANCE_CLASSES: Tuple[str, ...] = (
    'person', 'rider', 'car', 'truck', 'bus', 'train', 'motorcycle', 'bicycle')
#: sem_seg class -> ins_seg class of the same objects (for iIoU from ins_seg instances).
SEM_TO_INS_CLASS: Dict[str, str] = {'person': 'pedestrian', 'rider': 'rider', 'car': 'car',
                                    'truck': 'truck', 'bus': 'bus', 'train': 'train',
                                    'motorcycle': 'motorcycle', 'bicycle': 'bicycle'}

#: Other names of sem_seg classes: the official sem_seg config (and the RLE files the official
#: converter writes with it) calls class 11 "pedestrian".
SEM_SEG_ALIASES: Dict[str, str] = {'pedestrian': 'person'}

#: Drivable area (mask value 0 direct, 1 alternative, 2 background).
DRIVABLE_CLASSES: Tuple[str, ...] = ('direct', 'alternative', 'background')
DRIVABLE_PALETTE: Tuple[Color, ...] = ((219, 94, 86), (86, 211, 219), (0, 0, 0))

#: Lane marking: each marking has a category and two attributes, direction and style (the Scalabel
#: label's ``laneDirection``/``laneStyle``); the value index is the one the official lane masks
#: store (bdd100k ``label/label.py``). Evaluation scores every value of the three.
LANE_CATEGORIES: Tuple[str, ...] = (
    'crosswalk', 'double other', 'double white', 'double yellow', 'road curb', 'single other',
    'single white', 'single yellow')
LANE_DIRECTIONS: Tuple[str, ...] = ('parallel', 'vertical')
LANE_STYLES: Tuple[str, ...] = ('solid', 'dashed')
#: The evaluated lane attributes, in the official order (scalabel's boundary config).
LANE_ATTRIBUTES: Dict[str, Tuple[str, ...]] = {
    'direction': LANE_DIRECTIONS, 'style': LANE_STYLES, 'category': LANE_CATEGORIES}
#: Every value of the lane attributes, attribute by attribute: the classes lane evaluation scores.
LANE_CLASSES: Tuple[str, ...] = LANE_DIRECTIONS + LANE_STYLES + LANE_CATEGORIES
#: The official palette of the lane categories.
LANE_PALETTE: Tuple[Color, ...] = (
    (219, 94, 86), (219, 194, 86), (145, 219, 86), (86, 219, 127), (86, 211, 219),
    (86, 111, 219), (160, 86, 219), (219, 86, 178))

#: Panoptic segmentation: 40 classes (category id = index + 1; 0 = unlabeled).
PAN_SEG_CLASSES: Tuple[str, ...] = (
    'dynamic', 'ego vehicle', 'ground', 'static', 'parking', 'rail track', 'road', 'sidewalk',
    'bridge', 'building', 'fence', 'garage', 'guard rail', 'tunnel', 'wall', 'banner', 'billboard',
    'lane divider', 'parking sign', 'pole', 'polegroup', 'street light', 'traffic cone',
    'traffic device', 'traffic light', 'traffic sign', 'traffic sign frame', 'terrain',
    'vegetation', 'sky', 'person', 'rider', 'bicycle', 'bus', 'car', 'caravan', 'motorcycle',
    'trailer', 'train', 'truck')
PAN_SEG_THING_CLASSES: Tuple[str, ...] = PAN_SEG_CLASSES[30:]
#: The instance id of the first thing of an official pan_seg bitmask: a stuff segment's instance id
#: is its category id (1..30), thing instances are numbered 31, 32, ...
PAN_SEG_FIRST_THING_ID = len(PAN_SEG_CLASSES) - len(PAN_SEG_THING_CLASSES) + 1
#: Every category name of the BDD100K segmentation label list: "unlabeled" and the 40 panoptic
#: classes (sem_seg/pan_seg label files may hold any of them; names outside a task's classes are
#: left out of its evaluation, like the official configs' ``remove_ignored``).
SEG_LABEL_NAMES: Tuple[str, ...] = ('unlabeled',) + PAN_SEG_CLASSES

#: Pose (pose_21): the 18 joints as the released label files name them, their OKS sigmas and the
#: left/right pairs for flipping.
POSE_JOINTS: Tuple[str, ...] = (
    'head', 'neck', 'right_shoulder', 'right_elbow', 'right_wrist', 'left_shoulder',
    'left_elbow', 'left_wrist', 'right_hip', 'right_knee', 'right_ankle', 'left_hip',
    'left_knee', 'left_ankle', 'right_fingertip', 'left_fingertip', 'right_toe', 'left_toe')
POSE_SIGMAS: Tuple[float, ...] = (
    .079, .079, .079, .072, .062, .079, .072, .062, .107, .087, .089, .107, .087, .089, .062,
    .062, .062, .062)
#: Skeleton edges (joint name pairs) in the order of the released pose_21 graphs: head and torso,
#: then each arm and leg; used for drawing and for the generated sample's graphs.
POSE_SKELETON: Tuple[Tuple[str, str], ...] = (
    ('head', 'neck'), ('neck', 'right_shoulder'), ('neck', 'left_shoulder'),
    ('neck', 'right_hip'), ('neck', 'left_hip'),
    ('right_shoulder', 'right_elbow'), ('right_elbow', 'right_wrist'),
    ('right_wrist', 'right_fingertip'),
    ('left_shoulder', 'left_elbow'), ('left_elbow', 'left_wrist'), ('left_wrist', 'left_fingertip'),
    ('right_hip', 'right_knee'), ('right_knee', 'right_ankle'), ('right_ankle', 'right_toe'),
    ('left_hip', 'left_knee'), ('left_knee', 'left_ankle'), ('left_ankle', 'left_toe'))
#: Other names of the last four joints (used by some tools and documentation: hand and foot).
POSE_JOINT_ALIASES: Dict[str, str] = {
    'right_hand': 'right_fingertip', 'left_hand': 'left_fingertip', 'right_foot': 'right_toe',
    'left_foot': 'left_toe'}
POSE_CATEGORY = 'pedestrian'

#: Image tagging: frame attributes and their values, in the published class order.
TAGGING_ATTRIBUTES: Dict[str, Tuple[str, ...]] = {
    'weather': ('rainy', 'snowy', 'clear', 'overcast', 'undefined', 'partly cloudy', 'foggy'),
    'scene': ('tunnel', 'residential', 'parking lot', 'undefined', 'city street', 'gas stations',
              'highway'),
    'timeofday': ('daytime', 'night', 'dawn/dusk', 'undefined'),
}
#: The attributes of BDD100K's tagging benchmark, which the official toolkit averages into its
#: overall scores (its tagging config, as scalabel's ``tag_configs.toml`` fixture: weather and
#: scene); time of day is scored beside them.
OFFICIAL_TAGGING_ATTRIBUTES: Tuple[str, ...] = ('weather', 'scene')

#: A palette for instance classes (det, ins_seg, tracking), distinct and readable on road scenes.
DET_PALETTE: Tuple[Color, ...] = (
    (220, 20, 60), (255, 0, 0), (0, 0, 142), (0, 0, 70), (0, 60, 100), (0, 80, 100),
    (0, 0, 230), (119, 11, 32), (250, 170, 30), (220, 220, 0))


def pose_flip_pairs() -> List[Tuple[int, int]]:
    """Index pairs (left, right) of mirrored joints, for flip augmentation."""
    pairs = []
    for index, name in enumerate(POSE_JOINTS):
        if name.startswith('left_'):
            pairs.append((index, POSE_JOINTS.index('right_' + name[len('left_'):])))
    return pairs
