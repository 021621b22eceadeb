"""``bdd100k-zoo check-contribution``: a good contribution passes, broken ones are reported at their
line, like a reviewer would."""
import os.path as osp

import pytest

from bdd100k_zoo.cli import main
from bdd100k_zoo.zoo.building import ModelBuildChecker, without_init
from bdd100k_zoo.zoo.index import display_path, write_index
from bdd100k_zoo.zoo.review import review

GOOD = 'faster_rcnn_r18_fpn_1x_det_bdd100k'
PCAN = 'https://github.com/SysCV/pcan/blob/main/configs/segtrack-frcnn_r50_fpn_12e_bdd10k.py'


@pytest.fixture(scope='module')
def checker():
    """One build checker for the module: mmdet is imported once."""
    return ModelBuildChecker()


def messages(report) -> list:
    return [str(issue) for issue in report.issues]


def test_a_good_contribution_passes(make_repo, kit, checker, capsys):
    root = make_repo(kit.det_readme(kit.det_method('Faster R-CNN', [kit.det_row(GOOD)])),
                     {GOOD: kit.good_config})
    write_index(root)
    report = review(root, checker=checker)
    assert messages(report) == []
    assert (report.models, report.built) == (1, 1)
    assert main(['check-contribution', '--root', root,
                 osp.join(root, 'det', 'README.md')]) == 0
    assert '1 models checked, 1 configs built: 0 errors' in capsys.readouterr().out


def test_a_broken_contribution_is_reported_line_by_line(make_repo, kit, checker, capsys):
    wrong_header = kit.header.replace('Box AP-val', 'Box AP').replace('| MS-train |', '| Flip |')
    rows = {
        'no_md5': kit.det_row('no_md5_det_bdd100k',
                              weights='[model](https://example.org/no_md5_det_bdd100k.pth)'),
        'bad_link': kit.det_row('bad_link_det_bdd100k',
                                preds='[preds](http://example.org/bad_link_det_bdd100k.json)'),
        'bad_ap': kit.det_row('bad_ap_det_bdd100k', ap_val='n/a'),
        'missing': kit.det_row('missing_config_det_bdd100k'),
        'unbuildable': kit.det_row('unbuildable_det_bdd100k'),
        'renamed': kit.det_row('renamed_det_bdd100k',
                               config='[config](./configs/det/other_det_bdd100k.py)'),
        'wrong_dir': kit.det_row('wrong_dir_det_bdd100k',
                                 config='[config](./configs/sem_seg/wrong_dir_det_bdd100k.py)'),
        'columns': kit.det_row('columns_det_bdd100k'),
    }
    readme = kit.det_readme(
        kit.det_method('Faster R-CNN', [rows[key] for key in rows if key != 'columns']),
        kit.det_method('Wrong Columns', [rows['columns']], header=wrong_header))
    readme = readme.replace('[NeurIPS 2015]', '[NeurIPS]', 1)
    root = make_repo(readme, {'unbuildable_det_bdd100k': kit.unbuildable_config,
                              'other_det_bdd100k': kit.good_config})
    line = lambda needle: kit.line_of(readme, needle)  # noqa: E731
    header = line('| Box AP |')
    expected = [
        (line('[NeurIPS]'), 'venue has no year: [NeurIPS]'),
        (line('no_md5_det_bdd100k.json'), "'Weights' must be [model](https://.../<name>.pth) \\| "
                                          "[MD5](https://.../<name>.md5), got "),
        (line('bad_link_det_bdd100k.json'), "'Preds': preds link is not an https URL: "
                                            "'http://example.org/bad_link_det_bdd100k.json'"),
        (line('bad_ap_det_bdd100k.json'), "'Box AP-val' is not a number (or '-' if not "
                                          "available): 'n/a'"),
        (line('missing_config_det_bdd100k.json'), 'config det/configs/det/'
                                                  'missing_config_det_bdd100k.py does not exist'),
        (line('unbuildable_det_bdd100k.json'), 'det/configs/det/unbuildable_det_bdd100k.py: the '
                                               "model does not build: KeyError: 'NoSuchHead is "
                                               'not in the mmdet::model registry'),
        (line('renamed_det_bdd100k.json'), 'the weights file renamed_det_bdd100k.pth must be '
                                           'named after the config other_det_bdd100k.py'),
        (line('wrong_dir_det_bdd100k.json'), "config link './configs/sem_seg/wrong_dir_det_"
                                             "bdd100k.py': det configs live in ./configs/det/"),
        (header, "unknown column 'Box AP': the det template has Backbone, Lr schd, MS-train"),
        (header, "unknown column 'Flip'"),
        (header, "missing column 'Box AP-val'"),
        (header, "missing column 'MS-train'"),
        (1, 'det/metafile.yml is missing: run `bdd100k-zoo zoo-index`'),
    ]
    report = review(root, checker=checker)
    found = messages(report)
    for number, message in expected:
        prefix = f'{display_path(root, "det/README.md")}:{number}: '
        assert any(m.startswith(prefix) and message in m for m in found), (number, message, found)
    assert len(report.errors) == len(expected)
    assert main(['check-contribution', '--root', root, '--no-build']) == 1
    out = capsys.readouterr().out
    assert 'does not build' not in out and 'configs not built (--no-build)' in out


def test_rows_of_good_format_need_their_metafile_entry(make_repo, kit):
    root = make_repo(kit.det_readme(kit.det_method('Faster R-CNN', [kit.det_row(GOOD)])),
                     {GOOD: kit.good_config})
    write_index(root)
    readme = osp.join(root, 'det', 'README.md')
    text = open(readme, encoding='utf-8').read()
    second = kit.det_row('faster_rcnn_r18_fpn_3x_det_bdd100k')
    new_text = text.replace(kit.det_row(GOOD), f'{kit.det_row(GOOD)}\n{second}'.replace(
        '| 31.04 |', '| 31.50 |', 1))
    with open(readme, 'w', encoding='utf-8') as f:
        f.write(new_text)
    found = messages(review(root))
    show = display_path(root, 'det/README.md')
    assert f'{show}:{kit.line_of(new_text, GOOD + ".json")}: the entry for {GOOD} in ' \
           f'det/metafile.yml differs from this row (Results): run `bdd100k-zoo zoo-index`' in found
    assert f'{show}:{kit.line_of(new_text, "r18_fpn_3x")}: det/metafile.yml has no entry for ' \
           f'faster_rcnn_r18_fpn_3x_det_bdd100k: run `bdd100k-zoo zoo-index`' in found


def test_external_configs_are_noted_not_built(make_repo, kit):
    name = 'pcan-frcnn_r50_fpn_12e_det_bdd100k'
    root = make_repo(kit.det_readme(kit.det_method('PCAN', [
        kit.det_row(name, config=f'[config]({PCAN})')])))
    write_index(root)
    report = review(root, checker=ModelBuildChecker())
    assert report.errors == [] and report.built == 0
    [note] = report.external
    assert str(note).endswith(f': note: {name}: external config {PCAN} (not built here)')


def test_paths_must_be_task_readmes(make_repo, kit, tmp_path, capsys):
    root = make_repo(kit.det_readme(kit.det_method('A', [])))
    other = tmp_path / 'notes' / 'README.md'
    other.parent.mkdir()
    other.write_text('# Notes\n', encoding='utf-8')
    assert main(['check-contribution', '--root', root, str(other)]) == 1
    assert 'is not the README of a task folder' in capsys.readouterr().err


def test_init_weights_are_switched_off_everywhere():
    cfg = {'type': 'X', 'init_cfg': {'type': 'Pretrained'}, 'backbone': {
        'pretrained': 'open-mmlab://x', 'stages': [{'init_cfg': 1}, 2]}}
    assert without_init(cfg) == {'type': 'X', 'init_cfg': None, 'backbone': {
        'pretrained': None, 'stages': [{'init_cfg': None}, 2]}}
