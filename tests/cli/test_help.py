"""The command line explains itself: every subcommand has a description and examples in ``--help``,
``eval -t`` lists the tasks, and the README names every subcommand."""
import argparse
import os.path as osp

import pytest

from bdd100k_zoo.cli import build_parser, main
from bdd100k_zoo.evaluation import TASKS


def subcommands():
    parser = build_parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(action.choices)


def help_of(capsys, *command):
    with pytest.raises(SystemExit) as info:
        main([*command, '--help'])
    assert info.value.code == 0
    return capsys.readouterr().out


def test_every_module_is_a_subcommand():
    assert len(subcommands()) >= 10 and 'download' in subcommands()


@pytest.mark.parametrize('name', subcommands())
def test_help_has_a_description_and_examples(capsys, name):
    text = help_of(capsys, name)
    description = text.split('\n\n')[1]
    assert len(description.split()) >= 8, description
    examples = text.split('examples:\n', 1)[1].splitlines()
    assert examples and all(line.startswith(f'  bdd100k-zoo {name}') for line in examples)


def test_eval_task_option_lists_the_tasks(capsys):
    text = ' '.join(help_of(capsys, 'eval').split())
    assert f'one of: {", ".join(TASKS)}' in text


def test_readme_names_every_subcommand(repo_root):
    with open(osp.join(repo_root, 'README.md'), encoding='utf-8') as f:
        readme = f.read()
    missing = [name for name in subcommands() if f'bdd100k-zoo {name}' not in readme]
    assert missing == []
