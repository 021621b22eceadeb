"""Strategies and the contract check of the fuzz tests (fixtures: test modules never import each
other).

Inputs are structured mutations of real fixture content (a field dropped, retyped, made NaN, huge
or negative, wrongly nested, a frame duplicated, a category renamed) and byte-level damage of the
files (truncated, non-UTF-8, raw bytes). The contract every reader keeps: a result, or a
:class:`~bdd100k_zoo.labels.LabelError` (``bdd100k-zoo eval``: exit code 2 and a one-line error
naming the file), never another exception and never a partial output file.
"""
import contextlib
import io
import json
import math
import os
from typing import Any, Callable, Iterator, List, Tuple

import pytest
from hypothesis import strategies as st

from bdd100k_zoo.cli import main

#: Words a label file may hold in the wrong place: categories of every task, attribute values.
WORDS = ('car', 'pedestrian', 'road', 'person', 'van', 'other vehicle', 'direct', 'dashed',
         'crosswalk', 'rainy', 'unknown', 'Car', '', '0', '-1', 'a-1', '\u00e9\u4e2d')

#: Values of the wrong type, size or sign.
ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-1000, 1000),
    st.sampled_from([0, -1, 2 ** 31, -2 ** 63, 2 ** 64, 10 ** 30]),
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -0.5, 0.5]),
    st.text(max_size=6), st.sampled_from(WORDS),
    st.sampled_from([[], {}, [[]], [0, 0], {'': None}]))

Path = Tuple[Any, ...]


def node_paths(value: Any, path: Path = ()) -> Iterator[Path]:
    """The path (keys and indices) of every node of a JSON value, the root first."""
    yield path
    children = (value.items() if isinstance(value, dict)
                else enumerate(value) if isinstance(value, list) else ())
    for key, child in children:
        yield from node_paths(child, path + (key,))


def node_at(value: Any, path: Path) -> Any:
    """The node of ``value`` at ``path``."""
    for key in path:
        value = value[key]
    return value


def edited(value: Any, path: Path, edit: Callable[[Any, Any], None]) -> Any:
    """A copy of ``value`` (shallow along ``path``) whose node's parent ``edit(parent, key)``
    changed; with an empty path, ``edit(holder, 0)`` changes a one-item list holding the root."""
    if not path:
        holder = [value]
        edit(holder, 0)
        return holder[0] if holder else None
    copy = dict(value) if isinstance(value, dict) else list(value)
    if len(path) == 1:
        edit(copy, path[0])
    else:
        copy[path[0]] = edited(value[path[0]], path[1:], edit)
    return copy


@st.composite
def one_mutation(draw: st.DrawFn, value: Any) -> Any:
    """``value`` with one node replaced, dropped, duplicated, retyped or rescaled."""
    path = draw(st.sampled_from(list(node_paths(value))))
    node = node_at(value, path)
    kinds = ['replace', 'drop', 'wrap', 'stringify']
    if isinstance(node, (int, float)) and not isinstance(node, bool):
        kinds += ['rescale']
    if isinstance(node, str):
        kinds += ['rename']
    if isinstance(node, list) and node:
        kinds += ['duplicate']
    kind = draw(st.sampled_from(kinds))
    if kind == 'replace':
        new = draw(ODD_VALUES)
    elif kind == 'wrap':
        new = draw(st.sampled_from([[node], {'frames': node}, {'x': node}]))
    elif kind == 'stringify':
        new = json.dumps(node)
    elif kind == 'rescale':
        new = node * draw(st.sampled_from([-1, 0, 1e6, 1e300, 0.5]))
    elif kind == 'rename':
        new = draw(st.sampled_from([node + draw(st.text(min_size=1, max_size=2)),
                                    node[:len(node) // 2], draw(st.sampled_from(WORDS))]))
    elif kind == 'duplicate':
        new = node + [node[draw(st.integers(0, len(node) - 1))]]
    else:
        return edited(value, path, lambda parent, key: parent.pop(key))

    def put(parent: Any, key: Any) -> None:
        parent[key] = new
    return edited(value, path, put)


@st.composite
def mutants(draw: st.DrawFn, value: Any, max_mutations: int = 3) -> Any:
    """``value`` after one to ``max_mutations`` mutations."""
    for _ in range(draw(st.integers(1, max_mutations))):
        value = draw(one_mutation(value))
    return value


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` unchanged, truncated, with a non-UTF-8 byte inserted, or replaced by raw bytes."""
    kind = draw(st.sampled_from(['same', 'same', 'truncated', 'not-utf8', 'raw']))
    if kind == 'truncated':
        return data[:draw(st.integers(0, max(len(data) - 1, 0)))]
    if kind == 'not-utf8':
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.sampled_from([b'\xff', b'\xc3(', b'\x80', b'\xed\xa0\x80'])) \
            + data[at:]
    if kind == 'raw':
        return draw(st.binary(max_size=64))
    return data


@st.composite
def json_file_contents(draw: st.DrawFn, value: Any) -> bytes:
    """The bytes of a label file: ``value`` mutated, written as JSON (NaN and Infinity included,
    as Python writes them), possibly damaged."""
    return draw(damaged(json.dumps(draw(mutants(value))).encode('utf-8')))


@pytest.fixture(scope='session')
def json_contents() -> Callable[[Any], st.SearchStrategy]:
    """``json_contents(value)``: a strategy of damaged label files made from ``value``."""
    return json_file_contents


@pytest.fixture(scope='session')
def damaged_bytes() -> Callable[[bytes], st.SearchStrategy]:
    """``damaged_bytes(data)``: ``data`` unchanged, truncated, non-UTF-8 or raw bytes."""
    return damaged


@pytest.fixture(scope='session')
def mutated() -> Callable[..., st.SearchStrategy]:
    """``mutated(value, max_mutations=3)``: a strategy of mutated copies of a JSON value."""
    return mutants


def eval_keeping_the_contract(task: str, gt: str, pred: str, out_dir: str,
                              *options: str) -> Tuple[int, str]:
    """Runs ``bdd100k-zoo eval`` and checks its contract; returns the exit code and stderr.

    Exit 0 writes the scores JSON to ``out_dir/scores.json``; exit 2 prints one error line naming
    an input file and leaves ``out_dir`` empty. Any other exception propagates (a failure).
    """
    out = os.path.join(out_dir, 'scores.json')
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(['eval', '-q', '-t', task, '-g', gt, '-r', pred, '--out', out, *options])
    err = stderr.getvalue()
    assert code in (0, 2), err
    if code == 0:
        assert os.listdir(out_dir) == ['scores.json']
        with open(out, encoding='utf-8') as f:
            assert 'summary' in json.load(f)
    else:
        lines: List[str] = err.splitlines()
        assert os.listdir(out_dir) == [] and stdout.getvalue() == ''
        assert lines and lines[-1].startswith('error: '), err
        assert all(line.startswith('warning: ') for line in lines[:-1]), err
        named = [path for path in (gt, pred, *options) if path in lines[-1]]
        assert named, f'the error names no input file: {lines[-1]}'
    return code, err


@pytest.fixture(scope='session')
def run_eval() -> Callable[..., Tuple[int, str]]:
    """``run_eval(task, gt, pred, out_dir, *options)``: ``bdd100k-zoo eval`` with its contract
    checked (see :func:`eval_keeping_the_contract`)."""
    return eval_keeping_the_contract
