"""The README parser: structure, line numbers, escapes, code blocks."""
import pytest

from bdd100k_zoo.zoo.readme import parse_readme_text, split_row, unescape
from bdd100k_zoo.zoo.rules import local_config, parse_number


def test_sections_papers_tables_and_line_numbers(kit):
    text = kit.det_readme(kit.det_method('Faster R-CNN', [kit.det_row('a_det_bdd100k'),
                                                          kit.det_row('b_det_bdd100k')]))
    readme = parse_readme_text(text, 'det/README.md')
    assert readme.title == 'Object Detection'
    assert readme.models_line == kit.line_of(text, '## Models')
    [method] = readme.methods
    assert (method.name, method.line) == ('Faster R-CNN', kit.line_of(text, '### Faster'))
    assert method.paper.venue == 'NeurIPS 2015'
    assert method.paper.line == kit.line_of(text, '[NeurIPS 2015]')
    assert method.authors.startswith('Shaoqing Ren')
    assert method.abstract == 'Region proposals from a shared network.'
    assert method.results_line == kit.line_of(text, '#### Results')
    assert (method.code.url, method.usage.url) == ('https://github.com/open-mmlab/mmdetection',
                                                   '#usage')
    [table] = method.tables  # the table in the code block of ## Usage is not a table
    assert table.line == kit.line_of(text, '| Backbone')
    assert table.separator_ok
    assert [row.line for row in table.rows] == [kit.line_of(text, 'a_det_bdd100k.json'),
                                                kit.line_of(text, 'b_det_bdd100k.json')]
    weights = table.rows[0].get('Weights')
    assert [link.text for link in weights.links] == ['model', 'MD5']
    assert weights.links[1].url.endswith('/models/a_det_bdd100k.md5')
    assert table.rows[0].get('MS-train').text == ''
    assert table.rows[0].get('Nope') is None


def test_methods_end_at_the_next_section_and_usage_headings_are_ignored(kit):
    text = kit.det_readme(kit.det_method('A', []), kit.det_method('B', []))
    readme = parse_readme_text(text)
    assert [m.name for m in readme.methods] == ['A', 'B']
    assert readme.methods[0].end == kit.line_of(text, '### B') - 1


def test_escaped_pipes_and_stars_stay_in_their_cell():
    assert split_row('| 224 \\* 224 | [a](x) \\| [b](y) |') == ['224 \\* 224', '[a](x) \\| [b](y)']
    assert unescape('224 \\* 224') == '224 * 224'


def test_numbers_and_missing_values():
    assert parse_number('31.04') == 31.04
    assert parse_number('6193') == 6193 and isinstance(parse_number('6193'), int)
    assert parse_number('-') is None
    for bad in ('n/a', '31,04', '', '✓'):
        with pytest.raises(ValueError):
            parse_number(bad)


def test_config_links():
    assert local_config('./configs/det/x_det_bdd100k.py') == ('det', 'x_det_bdd100k')
    assert local_config('configs/det/x.py') is None
    assert local_config('./configs/det/../x.py') is None
    assert local_config('https://github.com/a/b/blob/main/x.py') is None
