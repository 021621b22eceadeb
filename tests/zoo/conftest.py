"""Fixtures of the zoo tests: the published tables, and small repositories written into tmp_path.

Test modules never import this file: the README-writing helpers reach them as the ``kit`` fixture.
"""
import json
import os.path as osp
from types import SimpleNamespace
from typing import Callable, Dict, List

import pytest

#: The earlier zoo's tables, every row (tests/data/zoo, see PROVENANCE.md), relative to the repository.
REFERENCE = osp.join('tests', 'data', 'zoo', 'bdd100k_models_zoo_tables.json')

DET_HEADER = ('| Backbone | Lr schd | MS-train | Box AP-val | Scores-val | Box AP-test '
              '| Scores-test | Config | Weights | Preds | Visuals |')
DET_ALIGN = '| ' + ' | '.join([':-:'] * 11) + ' |'
URL = 'https://example.org/bdd100k/det'


def det_row(name: str, ap_val: str = '31.04', config: str = '', weights: str = '',
            preds: str = '') -> str:
    """A det results row for model ``name``; any link cell can be replaced."""
    config = config or f'[config](./configs/det/{name}.py)'
    weights = weights or (f'[model]({URL}/models/{name}.pth) \\| [MD5]({URL}/models/{name}.md5)')
    preds = preds or f'[preds]({URL}/preds/{name}.json)'
    return (f'| R-50-FPN | 1x |  | {ap_val} | [scores]({URL}/scores-val/{name}.json) | 29.78 | '
            f'[scores]({URL}/scores-test/{name}.json) | {config} | {weights} | {preds} | '
            f'[visuals]({URL}/visuals/{name}.zip) |')


def det_method(name: str, rows: List[str], header: str = DET_HEADER) -> str:
    """A complete method section of a det README."""
    return '\n'.join([
        f'### {name}', '',
        '[Faster R-CNN: Towards Real-Time Object Detection with Region Proposal Networks]'
        '(https://arxiv.org/abs/1506.01497) [NeurIPS 2015]', '',
        'Authors: Shaoqing Ren, Kaiming He, Ross Girshick, Jian Sun', '',
        '<details>', '<summary>Abstract</summary>', 'Region proposals from a shared network.',
        '</details>', '', '#### Results', '', header, DET_ALIGN, *rows, '',
        '[[Code](https://github.com/open-mmlab/mmdetection)] [[Usage Instructions](#usage)]', ''])


def det_readme(*methods: str) -> str:
    """A det README with the given method sections and a usage section with a code block."""
    return '\n'.join(['# Object Detection', '', 'Boxes of 10 classes.', '', '## Models', '',
                      *methods, '## Usage', '', '```bash', '# not a heading', '| not | a table |',
                      '```', ''])


#: A small Faster R-CNN of mmdet, as the task configs of the repository are written.
GOOD_CONFIG = """_base_ = ['mmdet::_base_/models/faster-rcnn_r50_fpn.py']
default_scope = 'mmdet'
model = dict(backbone=dict(depth=18,
                           init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet18')),
             neck=dict(in_channels=[64, 128, 256, 512]),
             roi_head=dict(bbox_head=dict(num_classes=10)))
"""
#: A config whose model names a head no registry knows.
UNBUILDABLE_CONFIG = GOOD_CONFIG.replace("bbox_head=dict(", "bbox_head=dict(type='NoSuchHead', ")


@pytest.fixture(scope='session')
def reference(repo_root) -> List[dict]:
    """Every row of the earlier zoo's published tables."""
    path = osp.join(repo_root, REFERENCE)
    with open(path, encoding='utf-8') as f:
        return json.load(f)


@pytest.fixture
def make_repo(tmp_path) -> Callable[..., str]:
    """Writes a repository with ``det/README.md`` and config files; returns its root."""

    def make(readme: str, configs: Dict[str, str] = None) -> str:
        root = tmp_path / 'repo'
        (root / 'det' / 'configs' / 'det').mkdir(parents=True, exist_ok=True)
        (root / 'det' / 'README.md').write_text(readme, encoding='utf-8')
        for name, text in (configs or {}).items():
            (root / 'det' / 'configs' / 'det' / f'{name}.py').write_text(text, encoding='utf-8')
        return str(root)

    return make


def line_of(text: str, needle: str) -> int:
    """The 1-based number of the first line of ``text`` containing ``needle``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture(scope='session')
def kit() -> SimpleNamespace:
    """The helpers that write README text, and the two test configs."""
    return SimpleNamespace(det_row=det_row, det_method=det_method, det_readme=det_readme,
                           line_of=line_of, good_config=GOOD_CONFIG,
                           unbuildable_config=UNBUILDABLE_CONFIG, header=DET_HEADER)
