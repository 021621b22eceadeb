"""CONTRIBUTING.md documents exactly the templates the checker enforces."""
import os.path as osp
import re

from bdd100k_zoo.zoo.readme import split_row
from bdd100k_zoo.zoo.tasks import FLAG_COLUMNS, TASKS


def _template_sections(repo_root) -> dict:
    """``### <task>`` of the "Task templates" section -> its lines."""
    with open(osp.join(repo_root, 'CONTRIBUTING.md'), encoding='utf-8') as f:
        text = f.read()
    body = text.split('\n## Task templates\n', 1)[1].split('\n## ', 1)[0]
    sections = re.split(r'^### (\S+)$', body, flags=re.M)[1:]
    return {name: lines.strip().splitlines() for name, lines in zip(sections[::2], sections[1::2])}


def test_every_task_template_matches_the_checker(repo_root):
    sections = _template_sections(repo_root)
    assert sorted(sections) == sorted(TASKS)
    for name, lines in sections.items():
        spec = TASKS[name]
        header = next(line for line in lines if line.startswith('|'))
        assert tuple(split_row(header)) == spec.columns, name
        prose = ' '.join(lines)
        extras = re.search(r'Extra settings: ((?:`[^`]+`(?:, )?)+)', prose)
        listed = tuple(re.findall(r'`([^`]+)`', extras.group(1))) if extras else ()
        assert listed == spec.extra_settings, name
        assert all(f'configs/{d}/' in prose for d in spec.config_dirs), name


def test_the_check_mark_columns_are_documented(repo_root):
    with open(osp.join(repo_root, 'CONTRIBUTING.md'), encoding='utf-8') as f:
        text = f.read()
    for column in FLAG_COLUMNS:
        assert f'`{column}`' in text
