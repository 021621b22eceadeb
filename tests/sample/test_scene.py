"""Building blocks of the generated scenes: camera, clipping, skeletons, vehicles, names, layout."""
import re

import numpy as np
import pytest

from bdd100k_zoo.labels.categories import POSE_JOINTS, TAGGING_ATTRIBUTES
from bdd100k_zoo.sample import layout
from bdd100k_zoo.sample.camera import NEAR_PLANE, Camera, clip_near
from bdd100k_zoo.sample.conditions import TIMES, WEATHERS
from bdd100k_zoo.sample.figures import NUM_JOINTS, skeleton, standing, walking
from bdd100k_zoo.sample.randomness import NameMaker, make_rng
from bdd100k_zoo.sample.vehicles import BUILDERS
from bdd100k_zoo.sample.world import SCENES


def test_the_camera_projects_the_ground_below_the_horizon():
    camera = Camera(focal=800.0, cx=640.0, horizon=360.0, height=1.5)
    (u, v), = camera.project(np.array([[0.0, 0.0, 20.0]]))
    assert u == pytest.approx(640.0) and v == pytest.approx(360.0 + 800.0 * 1.5 / 20.0)
    assert camera.ground_depth(np.array([v]))[0] == pytest.approx(20.0)
    assert np.isinf(camera.ground_depth(np.array([300.0]))[0])
    (u_far, v_top), = camera.project(np.array([[2.0, 1.5, 40.0]]))
    assert u_far == pytest.approx(680.0) and v_top == pytest.approx(360.0)


def test_polygons_are_clipped_at_the_near_plane():
    square = np.array([[-1.0, 0.0, -2.0], [1.0, 0.0, -2.0], [1.0, 0.0, 4.0], [-1.0, 0.0, 4.0]])
    clipped = clip_near(square)
    assert (clipped[:, 2] >= NEAR_PLANE - 1e-9).all() and len(clipped) == 4
    assert clipped[:, 2].min() == pytest.approx(NEAR_PLANE)
    assert len(clip_near(square - [0.0, 0.0, 10.0])) == 0
    np.testing.assert_array_equal(clip_near(square + [0.0, 0.0, 10.0]), square + [0.0, 0.0, 10.0])


def test_a_standing_skeleton_is_upright_and_mirrored():
    joints = skeleton(1.8, standing(make_rng(0, 'test')))
    assert joints.shape == (NUM_JOINTS, 3) == (len(POSE_JOINTS), 3)
    index = {name: i for i, name in enumerate(POSE_JOINTS)}
    heights = joints[:, 1]
    assert heights[index['head']] == heights.max()
    assert 1.5 < heights[index['head']] < 1.8
    assert heights.min() == pytest.approx(0.036, abs=0.03)
    for name in POSE_JOINTS:
        if name.startswith('left_'):
            left, right = joints[index[name]], joints[index['right_' + name[5:]]]
            assert left[0] < 0 < right[0]


def test_walking_swings_the_legs_in_turn():
    index = {name: i for i, name in enumerate(POSE_JOINTS)}
    forward = [skeleton(1.7, walking(phase))[[index['right_ankle'], index['left_ankle']], 2]
               for phase in (np.pi / 2, 3 * np.pi / 2)]
    assert forward[0][0] > forward[0][1] and forward[1][0] < forward[1][1]


def test_vehicle_classes_keep_their_proportions():
    sizes = {}
    for category, build in BUILDERS.items():
        rng = make_rng(0, 'vehicles', category)
        models = [build(rng, False) for _ in range(5)]
        assert all(model.category == category for model in models)
        sizes[category] = (min(m.length for m in models), max(m.length for m in models))
    assert sizes['bicycle'][1] < sizes['car'][0] and sizes['motorcycle'][1] < sizes['car'][0]
    assert sizes['car'][1] < sizes['truck'][0] and sizes['car'][1] < sizes['bus'][0]
    assert sizes['bus'][1] < sizes['train'][0]


def test_generated_tags_are_official_values():
    assert set(WEATHERS) <= set(TAGGING_ATTRIBUTES['weather'])
    assert set(SCENES) <= set(TAGGING_ATTRIBUTES['scene'])
    assert set(TIMES) <= set(TAGGING_ATTRIBUTES['timeofday'])


def test_random_streams_depend_only_on_their_keys():
    assert make_rng(5, 'det', 'train', 3).random() == make_rng(5, 'det', 'train', 3).random()
    assert make_rng(5, 'det', 'train', 3).random() != make_rng(5, 'det', 'train', 4).random()
    assert make_rng(5, 'det', 'train', 3).random() != make_rng(6, 'det', 'train', 3).random()


def test_names_look_like_bdd100k_names_and_never_repeat():
    maker = NameMaker(make_rng(0, 'names'))
    names = [maker() for _ in range(500)]
    assert len(set(names)) == 500
    assert all(re.fullmatch(r'[0-9a-f]{8}-[0-9a-f]{8}', name) for name in names)


def test_the_layout_is_the_official_one():
    assert layout.frame_stem('abc', 0) == 'abc-0000001'
    assert layout.track_image('val', 'abc', 9) == 'images/track/val/abc/abc-0000010.jpg'
    assert layout.seg_track_bitmask('train', 'v',
                                    0) == 'labels/seg_track_20/bitmasks/train/v/v-0000001.png'
    assert layout.det_labels('train') == 'labels/det_20/det_train.json'
    assert layout.sem_seg_mask('val', 'x', colormap=True) == 'labels/sem_seg/colormaps/val/x.png'
    assert layout.drivable_rles('val') == 'labels/drivable/rles/drivable_val.json'
    assert layout.polygons('pan_seg', 'val') == 'labels/pan_seg/polygons/pan_seg_val.json'
    assert layout.pan_seg_bitmask('train', 'x') == 'labels/pan_seg/bitmasks/train/x.png'
    assert layout.seg_track_polygons('val', 'v') == 'labels/seg_track_20/polygons/val/v.json'
