"""Parsing a task README (the zoo's source of truth) into methods, papers and results tables.

The layout, one section per method under ``## Models`` (see CONTRIBUTING.md)::

    ## Models

    ### <Method>

    [<Paper title>](<url>) [<Venue Year>]

    Authors: <names>

    <details>
    <summary>Abstract</summary>
    <text>
    </details>

    #### Results

    | Backbone | ... | Config | Weights | Preds | Visuals |
    | :-: | ... |
    | R-50 | ... | [config](./configs/det/<name>.py) | [model](<u>.pth) \\| [MD5](<u>.md5) | ... |

    [[Code](<url>)] [[Usage Instructions](<url>)]

and, for configs built in this repository without published weights, one table under
``## Configs built here (no published weights)``::

    | Method | Paper | Config | About |
    | :-: | :-: | :-: | :-: |
    | DLA | [<Paper title>](<url>) [<Venue Year>] | [config](./configs/<dir>/<name>.py) | <text> |

Every element keeps its 1-based line number so that problems can be reported as ``path:line``.
Parsing never fails on content: what is missing is ``None`` or empty, and the rules of
:mod:`bdd100k_zoo.zoo.rules` say what is wrong.
"""
import re
from dataclasses import dataclass, field
from typing import Iterator, List, Optional, Tuple

#: The heading of the section holding the methods.
MODELS_HEADING = 'Models'
#: The heading of the section listing the configs built here without published weights.
BUILT_HEADING = 'Configs built here (no published weights)'
RESULTS_HEADING = 'Results'
ABSTRACT_SUMMARY = '<summary>Abstract</summary>'

_HEADING = re.compile(r'(#{1,6})\s+(.*?)\s*#*\s*$')
_FENCE = re.compile(r'\s*(```|~~~)')
_LINK = re.compile(r'\[([^\[\]]*)\]\(([^()\s]*)\)')
_PAPER = re.compile(r'\[(?P<title>[^\[\]]+)\]\((?P<url>[^()\s]+)\)\s*\[(?P<venue>[^\[\]]+)\]')
_CELL_SPLIT = re.compile(r'(?<!\\)\|')
_ESCAPE = re.compile(r'\\([\\`*_{}\[\]()#+\-.!|])')
_SEPARATOR_CELL = re.compile(r':?-+:?')


@dataclass(frozen=True)
class Link:
    """A markdown link ``[text](url)``."""
    text: str
    url: str


@dataclass(frozen=True)
class Cell:
    """One table cell.

    Attributes:
        text: the cell with markdown escapes resolved (``224 \\* 224`` -> ``224 * 224``).
        links: the links in the cell, in order.
    """
    text: str
    links: Tuple[Link, ...]


@dataclass(frozen=True)
class Row:
    """A table row: its cells by column (``None`` for a column the row lacks)."""
    line: int
    header: Tuple[str, ...]
    cells: Tuple[Cell, ...]

    def get(self, column: str) -> Optional[Cell]:
        """The cell of ``column``, or None if the table or the row has no such column."""
        if column not in self.header:
            return None
        index = self.header.index(column)
        return self.cells[index] if index < len(self.cells) else None


@dataclass(frozen=True)
class Table:
    """A markdown table.

    Attributes:
        line: the line of the header row.
        header: the column names.
        separator: the cells of the alignment row (``:-:``); empty if the table has none.
        rows: the body rows.
    """
    line: int
    header: Tuple[str, ...]
    separator: Tuple[str, ...]
    rows: Tuple[Row, ...]

    @property
    def separator_ok(self) -> bool:
        """Whether the alignment row exists, matches the header and holds only dashes/colons."""
        return (len(self.separator) == len(self.header)
                and all(_SEPARATOR_CELL.fullmatch(cell) for cell in self.separator))


@dataclass(frozen=True)
class Paper:
    """The paper line ``[title](url) [venue]`` (venue without brackets, e.g. ``CVPR 2018``)."""
    line: int
    title: str
    url: str
    venue: str


@dataclass
class Method:
    """A ``### <Method>`` section.

    Attributes:
        name: the heading text.
        line: the heading line.
        end: the last line of the section.
        paper: the paper line, or None if missing or malformed.
        authors: the text after ``Authors:``, or None.
        abstract: the text of the ``<details>`` abstract block, or None.
        results_line: the line of ``#### Results``, or None.
        tables: every table of the section.
        code: the ``[[Code](url)]`` link, or None.
        usage: the ``[[Usage Instructions](url)]`` link, or None.
    """
    name: str
    line: int
    end: int = 0
    paper: Optional[Paper] = None
    authors: Optional[str] = None
    abstract: Optional[str] = None
    results_line: Optional[int] = None
    tables: List[Table] = field(default_factory=list)
    code: Optional[Link] = None
    usage: Optional[Link] = None


@dataclass
class Readme:
    """A parsed task README.

    Attributes:
        path: the file it was read from.
        title: the text of the first ``#`` heading, or None.
        models_line: the line of ``## Models``, or None.
        methods: the methods of the ``## Models`` section, in order.
        built_line: the line of ``## Configs built here (no published weights)``, or None.
        built_tables: the tables of that section.
    """
    path: str
    title: Optional[str] = None
    models_line: Optional[int] = None
    methods: List[Method] = field(default_factory=list)
    built_line: Optional[int] = None
    built_tables: List[Table] = field(default_factory=list)

    def method(self, name: str) -> Optional[Method]:
        """The ``### <name>`` method section, or None."""
        return next((method for method in self.methods if method.name == name), None)


def unescape(text: str) -> str:
    """Resolves markdown backslash escapes (``\\|``, ``\\*`` ...)."""
    return _ESCAPE.sub(r'\1', text)


def parse_links(text: str) -> Tuple[Link, ...]:
    """Every ``[text](url)`` link in ``text``."""
    return tuple(Link(m.group(1).strip(), m.group(2)) for m in _LINK.finditer(text))


def split_row(line: str) -> List[str]:
    """The raw cells of a table line (pipes escaped as ``\\|`` stay inside their cell)."""
    body = line.strip()
    if body.startswith('|'):
        body = body[1:]
    if body.endswith('|') and not body.endswith('\\|'):
        body = body[:-1]
    return [cell.strip() for cell in _CELL_SPLIT.split(body)]


def _cell(raw: str) -> Cell:
    text = unescape(raw)
    return Cell(text=text, links=parse_links(text))


def _outside_fences(lines: List[str]) -> Iterator[Tuple[int, str]]:
    """``(line number, text)`` of the lines that are not inside fenced code blocks."""
    fence = None
    for number, text in enumerate(lines, 1):
        match = _FENCE.match(text)
        if match:
            if fence is None:
                fence = match.group(1)
            elif match.group(1) == fence:
                fence = None
            continue
        if fence is None:
            yield number, text


def _tables(lines: List[Tuple[int, str]]) -> List[Table]:
    """The tables among ``lines`` (runs of lines starting with ``|``)."""
    tables, block = [], []
    for number, text in lines + [(0, '')]:
        if text.lstrip().startswith('|'):
            block.append((number, text))
            continue
        if block:
            header = tuple(unescape(c) for c in split_row(block[0][1]))
            separator = tuple(split_row(block[1][1])) if len(block) > 1 else ()
            is_separator = bool(separator) and all(_SEPARATOR_CELL.fullmatch(c) for c in separator)
            body = block[2:] if is_separator else block[1:]
            rows = tuple(Row(n, header, tuple(_cell(c) for c in split_row(t))) for n, t in body)
            tables.append(Table(block[0][0], header, separator if is_separator else (), rows))
            block = []
    return tables


def _heading_text(line: str) -> Optional[str]:
    """The text of a markdown heading line, or None if the line is no heading."""
    match = _HEADING.fullmatch(line)
    return match.group(2) if match else None


def _parse_method(method: Method, lines: List[Tuple[int, str]]) -> None:
    """Fills ``method`` from the lines of its section (heading excluded)."""
    in_abstract, abstract = False, []
    for number, text in lines:
        stripped = text.strip()
        if in_abstract:
            if stripped.startswith('</details>'):
                in_abstract = False
                method.abstract = ' '.join(abstract).strip()
            else:
                abstract.append(stripped)
        elif stripped == ABSTRACT_SUMMARY and method.abstract is None:
            in_abstract = True
        elif stripped.startswith('Authors:') and method.authors is None:
            method.authors = stripped[len('Authors:'):].strip()
        elif method.paper is None and (paper := parse_paper(stripped, number)):
            method.paper = paper
        elif _heading_text(stripped) == RESULTS_HEADING:
            method.results_line = number
        elif stripped.startswith('[[') and '[Code]' in stripped:
            for link in parse_links(stripped):
                if link.text == 'Code':
                    method.code = link
                elif link.text == 'Usage Instructions':
                    method.usage = link
    method.tables = _tables(lines)


def parse_paper(text: str, line: int) -> Optional[Paper]:
    """The paper of a ``[title](url) [venue]`` text, or None if the text is not one."""
    match = _PAPER.fullmatch(text.strip())
    if match is None:
        return None
    return Paper(line, match['title'].strip(), match['url'], match['venue'].strip())


def parse_readme(path: str) -> Readme:
    """Parses the task README at ``path``."""
    with open(path, encoding='utf-8') as f:
        return parse_readme_text(f.read(), path)


def parse_readme_text(text: str, path: str = '<string>') -> Readme:
    """Parses README content (``path`` only names it)."""
    readme = Readme(path=path)
    sections: List[List[Tuple[int, str]]] = []  # the lines of each method, heading excluded
    current: Optional[List[Tuple[int, str]]] = None  # the lines of the method being read
    built: Optional[List[Tuple[int, str]]] = None  # the lines of the built-here section
    in_models = False
    for number, line in _outside_fences(text.splitlines()):
        heading = _HEADING.fullmatch(line.strip())
        if heading is None or len(heading.group(1)) > 3:
            if current is not None:
                current.append((number, line))
            elif built is not None:
                built.append((number, line))
            continue
        level, title = len(heading.group(1)), heading.group(2)
        if current is not None:
            readme.methods[-1].end = number - 1
            current = None
        if level == 1 and readme.title is None:
            readme.title = title
        if level <= 2:
            in_models = level == 2 and title == MODELS_HEADING
            if in_models:
                readme.models_line = number
            if built is not None:
                readme.built_tables, built = _tables(built), None
            if level == 2 and title == BUILT_HEADING and readme.built_line is None:
                readme.built_line, built = number, []
        elif in_models:
            readme.methods.append(Method(name=title, line=number))
            current = []
            sections.append(current)
    if current is not None:
        readme.methods[-1].end = len(text.splitlines())
    if built is not None:
        readme.built_tables = _tables(built)
    for method, lines in zip(readme.methods, sections):
        _parse_method(method, lines)
    return readme
