"""The layering of docs/ARCHITECTURE.md, read from the code: every import of the package (module
level or inside a function) is an edge; there is no cycle, no shared part imports a side, and no
side imports another side."""
import ast
import os
import os.path as osp
from typing import Dict, Iterator, List, Set

import pytest

PACKAGE = 'bdd100k_zoo'
#: The shared parts and the sides, as docs/ARCHITECTURE.md names them.
SHARED = {'labels', 'evaluation', 'export', 'sample', 'backbones', 'runtime', 'hub', 'zoo',
          'inference', 'anomaly', 'multitask', 'config_edits'}
SIDES = {'det', 'track', 'seg', 'tagging', 'pose'}


def package_modules(root: str) -> Dict[str, str]:
    """``{dotted module name: file}`` of every module of the package (packages by their name)."""
    modules = {}
    for folder, _, files in os.walk(osp.join(root, PACKAGE)):
        for name in files:
            if name.endswith('.py'):
                dotted = osp.relpath(osp.join(folder, name), root)[:-3].replace(os.sep, '.')
                modules[dotted.removesuffix('.__init__')] = osp.join(folder, name)
    return modules


def imported(module: str, path: str, node: ast.AST, modules: Dict[str, str]) -> Iterator[str]:
    """The package modules an import statement of ``module`` names."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names if alias.name in modules)
        return
    if not isinstance(node, ast.ImportFrom):
        return
    if node.level:
        parts = module.split('.')
        if not path.endswith('__init__.py'):
            parts = parts[:-1]
        parts = parts[:len(parts) - node.level + 1]
        target = '.'.join(parts + ([node.module] if node.module else []))
    else:
        target = node.module or ''
    for alias in node.names:
        submodule = f'{target}.{alias.name}'
        if submodule in modules:
            yield submodule
        elif target in modules:
            yield target


def import_graph(root: str) -> Dict[str, Set[str]]:
    """Module -> the package modules it imports, including the packages Python initialises on the
    way (``a.b.c`` runs ``a.b``), except the module's own ancestors (already initialising)."""
    modules = package_modules(root)
    graph: Dict[str, Set[str]] = {module: set() for module in modules}
    for module, path in modules.items():
        with open(path, encoding='utf-8') as f:
            tree = ast.parse(f.read(), path)
        for node in ast.walk(tree):
            for target in imported(module, path, node, modules):
                parts = target.split('.')
                for depth in range(2, len(parts) + 1):
                    initialised = '.'.join(parts[:depth])
                    if module != initialised and not module.startswith(initialised + '.'):
                        graph[module].add(initialised)
    return graph


def cycles(graph: Dict[str, Set[str]]) -> List[List[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    on_stack: Set[str] = set()
    found: List[List[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in graph[node]:
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def part(module: str) -> str:
    """The first-level part of a module (``bdd100k_zoo.hub.fetch`` -> ``hub``)."""
    return module.split('.')[1] if '.' in module else ''


@pytest.fixture(scope='module')
def graph(repo_root) -> Dict[str, Set[str]]:
    return import_graph(repo_root)


def test_the_walker_sees_function_level_and_relative_imports(graph):
    """Known edges of the code, one of each kind, so an empty result means something."""
    assert 'bdd100k_zoo.hub.loaders' in graph['bdd100k_zoo.hub']  # from .loaders import ...
    assert 'bdd100k_zoo.runtime.checkpoint' in graph['bdd100k_zoo.hub.loaders']  # from ..runtime
    assert 'bdd100k_zoo.hub' in graph['bdd100k_zoo.cli.download']  # inside run()
    assert 'bdd100k_zoo.inference.tasks' in graph['bdd100k_zoo.pose.inference']


def test_no_import_cycle(graph):
    assert cycles(graph) == []


def test_a_cycle_is_found():
    assert cycles({'a': {'b'}, 'b': {'c'}, 'c': {'a'}, 'd': {'a'}}) == [['a', 'b', 'c']]


def test_shared_parts_import_no_side(graph):
    assert part('bdd100k_zoo.hub.fetch') == 'hub'
    bad = sorted(f'{module} -> {target}' for module, targets in graph.items()
                 if part(module) in SHARED for target in targets if part(target) in SIDES)
    assert bad == []


def test_sides_import_no_other_side(graph):
    bad = sorted(f'{module} -> {target}' for module, targets in graph.items()
                 if part(module) in SIDES for target in targets
                 if part(target) in SIDES and part(target) != part(module))
    assert bad == []


def test_every_part_is_classified(graph):
    """A new subpackage must be placed in the architecture (shared part, side or entry point)."""
    parts = {part(module) for module in graph} - {'', 'version'}
    assert parts - SHARED - SIDES == {'cli'}
