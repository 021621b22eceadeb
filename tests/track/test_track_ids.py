"""Track ids mean what they say: an object keeps its id while it stays in view or comes back within
the tracker's memory, and a new object (or one forgotten) gets an id never used before in the video.

The tracker runs with the published BDD100K settings (REFERENCE.md section 6: memo_tracklet_frames
10, bisoftmax matching, with_cats) on hand-made detections: four cars far apart, each with its own
embedding, so the expected ids follow from the settings alone.
"""
from typing import Dict, List, Optional

import pytest
import torch

import bdd100k_zoo.track  # noqa: F401  (registers the tracker)
from bdd100k_zoo.track.tracker import BDD100KQuasiDenseTracker
from tracking_replay import DetectionFrame, replay

CAR = 2
NUM_FRAMES = 15
#: Frames each object is detected in: A always, B from frame 5, C leaves for frames 4-7 (4 frames,
#: within the memory of 10), D is seen in frames 0-1 and again in frame 14 (12 frames later:
#: forgotten).
APPEARANCES = {'A': set(range(NUM_FRAMES)), 'B': set(range(5, NUM_FRAMES)),
               'C': set(range(NUM_FRAMES)) - set(range(4, 8)), 'D': {0, 1, 14}}
#: Left edge of each object in frame 0 (80 px wide, 60 px tall boxes, no two overlapping).
START_X = {'A': 0.0, 'B': 300.0, 'C': 600.0, 'D': 900.0}
SCORES = {'A': 0.95, 'B': 0.9, 'C': 0.85, 'D': 0.8}


def embedding(name: str) -> torch.Tensor:
    """A distinct embedding per object (orthogonal, so bisoftmax matching is unambiguous)."""
    return 4 * torch.eye(8)[sorted(APPEARANCES).index(name)]


def frames() -> List[DetectionFrame]:
    """The video: each object drifts 3 px right per frame; detections in descending score order."""
    video = []
    for frame_id in range(NUM_FRAMES):
        names = [name for name in sorted(APPEARANCES) if frame_id in APPEARANCES[name]]
        x1 = torch.tensor([START_X[name] + 3 * frame_id for name in names])
        video.append(DetectionFrame(
            frame_id=frame_id,
            bboxes=torch.stack([x1, torch.full_like(x1, 200), x1 + 80, torch.full_like(x1, 260)],
                               dim=1),
            scores=torch.tensor([SCORES[name] for name in names]),
            labels=torch.full((len(names), ), CAR, dtype=torch.long),
            embeds=torch.stack([embedding(name) for name in names])))
    return video


def track_ids(**settings) -> List[Dict[str, int]]:
    """Per frame, the id the tracker gives each object detected in it."""
    outputs = replay(BDD100KQuasiDenseTracker(**settings), frames())
    ids = []
    for frame_id, output in enumerate(outputs):
        by_left_edge = {round(float(box[0])): int(track_id)
                        for box, track_id in zip(output.bboxes, output.instances_id)}
        ids.append({name: by_left_edge[round(START_X[name] + 3 * frame_id)]
                    for name in APPEARANCES if frame_id in APPEARANCES[name]})
    return ids


def first_use(ids: List[Dict[str, int]], track_id: int) -> Optional[int]:
    """The first frame where ``track_id`` is given to any object."""
    return next((frame_id for frame_id, frame in enumerate(ids) if track_id in frame.values()),
                None)


@pytest.fixture(scope='module')
def published_ids() -> List[Dict[str, int]]:
    return track_ids()


def test_every_detection_is_tracked(published_ids):
    assert [len(frame) for frame in published_ids] == [
        sum(frame_id in seen for seen in APPEARANCES.values()) for frame_id in range(NUM_FRAMES)]


def test_an_object_in_view_keeps_one_id(published_ids):
    assert len({frame['A'] for frame in published_ids}) == 1
    assert len({frame['B'] for frame in published_ids if 'B' in frame}) == 1


def test_a_new_object_gets_an_id_never_used_before(published_ids):
    b_id = published_ids[5]['B']
    assert first_use(published_ids, b_id) == 5
    assert len(set(published_ids[0].values())) == 3  # A, C, D: three distinct ids from the start


def test_an_object_back_within_the_memory_keeps_its_id(published_ids):
    assert published_ids[8]['C'] == published_ids[3]['C']
    assert len({frame['C'] for frame in published_ids if 'C' in frame}) == 1


def test_an_object_back_after_the_memory_gets_a_new_id(published_ids):
    returned = published_ids[14]['D']
    assert returned != published_ids[1]['D']
    assert first_use(published_ids, returned) == 14


def test_a_shorter_memory_forgets_the_returning_object():
    ids = track_ids(memo_tracklet_frames=3)  # C is away for 4 frames
    assert ids[8]['C'] != ids[3]['C'] and first_use(ids, ids[8]['C']) == 8
    assert len({frame['A'] for frame in ids}) == 1
