"""The mmpose metainfo of BDD100K pose_21, built from :mod:`bdd100k_zoo.labels.categories`.

Joint order, OKS sigmas, skeleton and mirrored pairs come from the zoo's single class list; this
module only adds what mmpose needs on top: upper/lower body parts (half-body augmentation), colours
and joint weights.
"""
from typing import Any, Dict, Tuple

from ..labels.categories import POSE_CATEGORY, POSE_JOINTS, POSE_SIGMAS, POSE_SKELETON

#: Body parts whose joints count as the lower body (mmpose's half-body augmentation).
LOWER_BODY_PARTS: Tuple[str, ...] = ('hip', 'knee', 'ankle', 'toe')

#: Drawing colours per body side.
SIDE_COLORS: Dict[str, Tuple[int, int, int]] = {
    'left': (0, 255, 0), 'right': (255, 128, 0), 'center': (51, 153, 255)}

#: The colour of pose boxes in visuals (one class).
POSE_PALETTE: Tuple[Tuple[int, int, int], ...] = ((220, 20, 60),)


def side(joint: str) -> str:
    """``left``, ``right`` or ``center``: the body side of a joint name."""
    prefix = joint.split('_', 1)[0]
    return prefix if prefix in ('left', 'right') else 'center'


def mirrored(joint: str) -> str:
    """The joint's mirror image (``left_knee`` <-> ``right_knee``); itself on the axis."""
    other = {'left': 'right', 'right': 'left'}.get(side(joint))
    return joint if other is None else other + joint[len(side(joint)):]


def pose_dataset_info() -> Dict[str, Any]:
    """The mmpose ``dataset_info`` of BDD100K pose_21 (input of ``parse_pose_metainfo``).

    Joint weights are all 1: the published models were trained without per-joint loss weights (the
    earlier zoo's metainfo listed some, but its pipeline never enabled them, nor does ours).
    """
    keypoint_info = {
        index: dict(name=name, id=index, color=list(SIDE_COLORS[side(name)]),
                    type='lower' if name.split('_')[-1] in LOWER_BODY_PARTS else 'upper',
                    swap='' if mirrored(name) == name else mirrored(name))
        for index, name in enumerate(POSE_JOINTS)}
    skeleton_info = {
        index: dict(link=(start, end), id=index,
                    color=list(SIDE_COLORS[side(end) if side(start) == 'center' else side(start)]))
        for index, (start, end) in enumerate(POSE_SKELETON)}
    return dict(dataset_name='bdd100k_pose', keypoint_info=keypoint_info,
                skeleton_info=skeleton_info, joint_weights=[1.0] * len(POSE_JOINTS),
                sigmas=list(POSE_SIGMAS))


#: What the dataset adds to mmpose's parsed metainfo (the metric's visuals use it).
CLASS_METAINFO: Dict[str, Any] = {'classes': (POSE_CATEGORY,), 'palette': list(POSE_PALETTE)}
