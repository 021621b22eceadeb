"""The command line explains itself: every subcommand (and each action of one, e.g. ``anomaly fit``)
has a description and examples in ``--help``, ``eval -t`` lists the tasks, and the README names
every subcommand."""
import argparse
import os.path as osp

import pytest

from bdd100k_zoo.cli import build_parser, main
from bdd100k_zoo.evaluation import TASKS


def choices(parser: argparse.ArgumentParser) -> dict:
    """``{name: parser}`` of a parser's subcommands (empty if it has none)."""
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(found[0].choices) if found else {}


def subcommands():
    return sorted(choices(build_parser()))


def actions():
    """The actions of the subcommands that have their own (``anomaly build``, ...)."""
    return sorted(f'{name} {action}' for name, parser in choices(build_parser()).items()
                  for action in choices(parser))


def help_of(capsys, *command):
    with pytest.raises(SystemExit) as info:
        main([*command, '--help'])
    assert info.value.code == 0
    return capsys.readouterr().out


def test_every_module_is_a_subcommand():
    assert len(subcommands()) >= 10 and 'download' in subcommands()


@pytest.mark.parametrize('command', subcommands() + actions())
def test_help_has_a_description_and_examples(capsys, command):
    text = help_of(capsys, *command.split())
    description = text.split('\n\n')[1]
    assert len(description.split()) >= 8, description
    examples = text.split('examples:\n', 1)[1].splitlines()
    assert examples and all(line.startswith(f'  bdd100k-zoo {command}') for line in examples)


def test_eval_task_option_lists_the_tasks(capsys):
    text = ' '.join(help_of(capsys, 'eval').split())
    assert f'one of: {", ".join(TASKS)}' in text


def test_readme_names_every_subcommand(repo_root):
    with open(osp.join(repo_root, 'README.md'), encoding='utf-8') as f:
        readme = f.read()
    missing = [name for name in subcommands() if f'bdd100k-zoo {name}' not in readme]
    assert missing == []
