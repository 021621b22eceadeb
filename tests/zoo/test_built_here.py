"""The section "Configs built here (no published weights)" of a task README: parsed, checked line
by line, and indexed as models without weights or results (findable by the hub and mim)."""
import pytest
import yaml

from bdd100k_zoo.zoo.building import ModelBuildChecker
from bdd100k_zoo.zoo.index import ZooIndexError, write_index
from bdd100k_zoo.zoo.readme import parse_readme_text
from bdd100k_zoo.zoo.review import review

PUBLISHED = 'faster_rcnn_r18_fpn_1x_det_bdd100k'
HEADER = '| Method | Paper | Config | About |\n| :-: | :-: | :-: | :-: |'
DLA = '[Deep Layer Aggregation](https://arxiv.org/abs/1707.06484) [CVPR 2018]'


def built_row(name: str, method: str = 'Faster R-CNN', paper: str = '', config: str = '',
              about: str = 'a CPU-sized variant') -> str:
    config = config or f'[config](./configs/det/{name}.py)'
    return f'| {method} | {paper} | {config} | {about} |'


def with_built(readme: str, rows, header: str = HEADER) -> str:
    """``readme`` with a built-here section of ``rows`` before its usage section."""
    section = '\n'.join(['## Configs built here (no published weights)', '',
                         'Configs without weights.', '', header, *rows, '', ''])
    return readme.replace('## Usage', section + '## Usage')


@pytest.fixture
def good_readme(kit) -> str:
    return with_built(kit.det_readme(kit.det_method('Faster R-CNN', [kit.det_row(PUBLISHED)])),
                      [built_row('small_det_bdd100k'),
                       built_row('dla_det_bdd100k', method='DLA', paper=DLA)])


def test_the_section_is_parsed_with_its_lines(kit, good_readme):
    readme = parse_readme_text(good_readme)
    assert readme.built_line == kit.line_of(good_readme, '## Configs built here')
    [table] = readme.built_tables
    assert table.header == ('Method', 'Paper', 'Config', 'About')
    assert [row.line for row in table.rows] == [kit.line_of(good_readme, 'small_det'),
                                                kit.line_of(good_readme, 'dla_det')]
    assert [m.name for m in readme.methods] == ['Faster R-CNN']  # not a method section


def test_built_configs_are_indexed_without_weights(make_repo, kit, good_readme):
    root = make_repo(good_readme, {name: kit.good_config for name in
                                   (PUBLISHED, 'small_det_bdd100k', 'dla_det_bdd100k')})
    write_index(root)
    report = review(root, checker=ModelBuildChecker())
    assert [str(issue) for issue in report.issues] == []
    assert (report.models, report.built) == (3, 3)
    with open(f'{root}/det/metafile.yml', encoding='utf-8') as f:
        metafile = yaml.safe_load(f)
    faster_rcnn = ('Faster R-CNN: Towards Real-Time Object Detection with Region Proposal '
                   'Networks')
    assert metafile['Models'][1:] == [
        {'Name': 'small_det_bdd100k', 'In Collection': 'Faster R-CNN (det)',
         'Config': 'det/configs/det/small_det_bdd100k.py', 'Paper': faster_rcnn},
        {'Name': 'dla_det_bdd100k', 'In Collection': 'DLA (det)',
         'Config': 'det/configs/det/dla_det_bdd100k.py', 'Paper': 'Deep Layer Aggregation'}]
    assert metafile['Collections'][1] == {
        'Name': 'DLA (det)', 'README': 'det/README.md',
        'Paper': {'Title': 'Deep Layer Aggregation', 'URL': 'https://arxiv.org/abs/1707.06484'}}


def test_broken_built_rows_are_reported_at_their_lines(make_repo, kit):
    other_paper = '[Another Paper](https://arxiv.org/abs/1234.56789) [CVPR 2020]'
    rows = {
        'no paper': built_row('a_det_bdd100k', method='DLA'),
        'other paper': built_row('b_det_bdd100k', paper=other_paper),
        'bad paper': built_row('c_det_bdd100k', method='DLA', paper='Deep Layer Aggregation'),
        'external': built_row('d_det_bdd100k',
                              config='[config](https://github.com/a/b/blob/main/d.py)'),
        'wrong dir': built_row('e_det_bdd100k', config='[config](./configs/seg/e_det_bdd100k.py)'),
        'no about': built_row('f_det_bdd100k', about=''),
        'missing': built_row('g_det_bdd100k'),
    }
    readme = with_built(kit.det_readme(kit.det_method('Faster R-CNN', [kit.det_row(PUBLISHED)])),
                        rows.values())
    root = make_repo(readme, {name: kit.good_config for name in (PUBLISHED, 'a_det_bdd100k')})
    line = {key: kit.line_of(readme, row) for key, row in rows.items()}
    with pytest.raises(ZooIndexError, match=f'det/README.md:{line["no paper"]}:'):
        write_index(root)
    found = [str(issue).split('README.md:', 1)[1] for issue in review(root).issues]
    assert f'{line["no paper"]}: \'Paper\' is empty and there is no "### DLA" section to take ' \
           f'it from' in found
    assert f'{line["other paper"]}: \'Paper\' differs from the paper of "### Faster R-CNN" ' \
           f'(leave it empty to use that one)' in found
    assert f"{line['bad paper']}: 'Paper' must be [Title](https://...) [Venue Year], got " \
           f"'Deep Layer Aggregation'" in found
    assert f"{line['external']}: a config built here lives in ./configs/<dir>/: " \
           f"'https://github.com/a/b/blob/main/d.py'" in found
    assert f"{line['wrong dir']}: config link './configs/seg/e_det_bdd100k.py': det configs " \
           f"live in ./configs/det/" in found
    assert f"{line['no about']}: 'About' is empty" in found


def test_a_missing_built_config_is_reported(make_repo, kit):
    readme = with_built(kit.det_readme(kit.det_method('Faster R-CNN', [kit.det_row(PUBLISHED)])),
                        [built_row('missing_det_bdd100k')])
    root = make_repo(readme, {PUBLISHED: kit.good_config})
    write_index(root)
    line = kit.line_of(readme, 'missing_det_bdd100k')
    assert [str(issue).split('README.md:', 1)[1] for issue in review(root).errors] == [
        f'{line}: config det/configs/det/missing_det_bdd100k.py does not exist']


def test_the_section_holds_one_table_of_the_template(make_repo, kit):
    readme = with_built(kit.det_readme(kit.det_method('Faster R-CNN', [kit.det_row(PUBLISHED)])),
                        [built_row('a_det_bdd100k')],
                        header='| Method | Config | About |\n| :-: | :-: | :-: |')
    root = make_repo(readme, {PUBLISHED: kit.good_config, 'a_det_bdd100k': kit.good_config})
    line = kit.line_of(readme, '| Method | Config')
    found = [str(issue).split('README.md:', 1)[1] for issue in review(root).issues]
    assert f'{line}: the built-here table has the columns Method | Paper | Config | About and ' \
           f'an alignment row with one ":-:" per column' in found
