"""A report of the installed OpenMMLab stack, for ``bdd100k-zoo env`` and bug reports."""
import importlib
import importlib.metadata
import platform
import sys
from typing import Dict, List, Tuple

#: Distributions of the stack, in dependency order: (distribution name, import name).
STACK: Tuple[Tuple[str, str], ...] = (
    ('torch', 'torch'),
    ('torchvision', 'torchvision'),
    ('numpy', 'numpy'),
    ('mmcv', 'mmcv'),
    ('mmengine', 'mmengine'),
    ('mmdet', 'mmdet'),
    ('mmsegmentation', 'mmseg'),
    ('mmpretrain', 'mmpretrain'),
    ('mmpose', 'mmpose'),
    ('scalabel', 'scalabel'),
    ('pydantic', 'pydantic'),
    ('openmim', 'mim'),
    ('bdd100k_zoo', 'bdd100k_zoo'),
)


def package_versions() -> Dict[str, str]:
    """Returns the installed version of each distribution of the stack ('not installed' if absent)."""
    versions = {}
    for dist, _ in STACK:
        try:
            versions[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            versions[dist] = 'not installed'
    return versions


def check_mmcv_ops() -> Tuple[bool, str]:
    """Runs the compiled mmcv ops the zoo relies on (nms, roi_align, deformable conv) on tiny inputs.

    Returns:
        ``(True, 'ok')`` if all ran, else ``(False, reason)``.
    """
    try:
        import torch
        from mmcv.ops import DeformConv2d, nms, roi_align
        boxes = torch.tensor([[0., 0., 10., 10.], [1., 1., 10., 10.], [20., 20., 30., 30.]])
        _, keep = nms(boxes, torch.tensor([0.9, 0.8, 0.7]), iou_threshold=0.5)
        if keep.tolist() != [0, 2]:
            return False, f'nms returned {keep.tolist()}, expected [0, 2]'
        feats = torch.arange(64.).reshape(1, 1, 8, 8)
        roi_align(feats, torch.tensor([[0., 0., 0., 4., 4.]]), (2, 2), 1.0, 2, 'avg', True)
        conv = DeformConv2d(1, 1, 3, padding=1)
        conv(feats, torch.zeros(1, 18, 8, 8))
    except Exception as err:  # any failure means the ops are unusable; report it verbatim
        return False, f'{type(err).__name__}: {err}'
    return True, 'ok'


def env_report(ops_status: str) -> List[Tuple[str, str]]:
    """Returns (name, value) rows describing Python, the platform, the stack and the devices.

    Args:
        ops_status: the outcome of :func:`check_mmcv_ops`, reported as the last row.
    """
    rows = [('python', sys.version.split()[0]), ('platform', platform.platform())]
    rows += list(package_versions().items())
    try:
        import torch
        rows.append(('cuda available', str(torch.cuda.is_available())))
        rows.append(('torch cuda build', str(torch.version.cuda)))
    except ImportError:
        pass
    rows.append(('mmcv ops (nms, roi_align, deform_conv)', ops_status))
    return rows
