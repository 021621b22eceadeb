"""Every side registers the same DLA as ``BDD100KDLA`` and imports no other side.

Each side runs in a fresh interpreter, so ``sys.modules`` shows exactly what importing it pulls in.
"""
import json
import subprocess
import sys

import pytest

#: side -> its parent library (the package that owns the MODELS registry).
SIDES = {'det': 'mmdet', 'seg': 'mmseg', 'tagging': 'mmpretrain', 'pose': 'mmpose'}

#: Parent libraries a side must never load. mmseg.models itself imports mmdet and mmpretrain (for
#: its optional heads and backbones), so only the detection/pose separation holds for every side.
FORBIDDEN = {'det': ['mmpose'], 'pose': ['mmdet']}

SCRIPT = '''
import importlib, json, sys
import torch
side, parent = sys.argv[1:]
importlib.import_module('bdd100k_zoo.' + side)
loaded = sorted(name for name in sys.modules if name.split('.')[0] in {libs}
                or name.split('.')[:2] in [['bdd100k_zoo', s] for s in {sides}])
registry = importlib.import_module(parent + '.registry').MODELS
model = registry.build(dict(type='BDD100KDLA', arch='dla34')).eval()
with torch.no_grad():
    shapes = [list(out.shape) for out in model(torch.randn(1, 3, 64, 64))]
cls = type(model).__module__ + '.' + type(model).__name__
print(json.dumps(dict(loaded=loaded, cls=cls, shapes=shapes)))
'''


@pytest.mark.parametrize('side', sorted(SIDES))
def test_side_builds_bdd100k_dla_and_imports_no_other_side(side):
    script = SCRIPT.format(libs=sorted(SIDES.values()), sides=sorted(SIDES) + ['track'])
    result = subprocess.run([sys.executable, '-c', script, side, SIDES[side]],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    top_level = {name.split('.')[0] for name in report['loaded']}
    sides = {name.split('.')[1] for name in report['loaded'] if name.startswith('bdd100k_zoo.')}
    assert SIDES[side] in top_level
    assert not top_level & set(FORBIDDEN.get(side, []))
    assert sides == {side}
    assert report['cls'] == 'bdd100k_zoo.backbones.dla.DLA'
    assert report['shapes'] == [[1, 64, 16, 16], [1, 128, 8, 8], [1, 256, 4, 4], [1, 512, 2, 2]]


def test_backbones_import_no_openmmlab_library_but_mmengine():
    script = ('import sys, bdd100k_zoo.backbones; '
              'print(sorted(m for m in sys.modules if m.split(".")[0] in {libs}))')
    libs = sorted(SIDES.values()) + ['mmcv', 'timm']
    result = subprocess.run([sys.executable, '-c', script.format(libs=libs)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == '[]'
