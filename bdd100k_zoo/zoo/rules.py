"""The format rules of a task README: what a reviewer checks by reading it (no files, no models).

Each check returns :class:`Problem` s (a line and a message); an empty list means the part is
fine. :mod:`bdd100k_zoo.zoo.review` adds what needs the repository (config files, metafiles,
building the models).
"""
import posixpath
import re
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple
from urllib.parse import urlparse

from .readme import BUILT_HEADING, Cell, Link, Method, Paper, Readme, Row, Table, parse_paper
from .tasks import BUILT_COLUMNS, CHECK_MARK, FLAG_COLUMNS, MISSING, TaskSpec

_NUMBER = re.compile(r'-?\d+(\.\d+)?')
_YEAR = re.compile(r'\b(19|20)\d{2}\b')
_NAME = re.compile(r'[A-Za-z0-9][A-Za-z0-9_.+-]*')


@dataclass(frozen=True)
class Problem:
    """Something wrong at a line of a README."""
    line: int
    message: str


def is_https_url(url: str) -> bool:
    """Whether ``url`` is a well-formed absolute https URL with a path."""
    parsed = urlparse(url)
    return parsed.scheme == 'https' and bool(parsed.netloc) and bool(parsed.path.strip('/')) \
        and not any(c.isspace() for c in url)


def url_filename(url: str) -> str:
    """The last path component of a URL (``.../x_det_bdd100k.pth`` -> ``x_det_bdd100k.pth``)."""
    return posixpath.basename(urlparse(url).path)


def local_config(url: str) -> Optional[Tuple[str, str]]:
    """``(config dir, config name)`` of a link ``./configs/<dir>/<name>.py``; None otherwise."""
    parts = url.split('/')
    if len(parts) == 4 and parts[:2] == ['.', 'configs'] and parts[3].endswith('.py') \
            and _NAME.fullmatch(parts[2]) and _NAME.fullmatch(parts[3][:-3]):
        return parts[2], parts[3][:-3]
    return None


def is_external_config(url: str) -> bool:
    """Whether a config link points to a config of another repository (an https ``.py`` URL)."""
    return is_https_url(url) and url_filename(url).endswith('.py')


def parse_number(text: str) -> Optional[float]:
    """The number of a metric cell: an int or float, or None for ``-`` (not available).

    Raises:
        ValueError: the cell is neither.
    """
    if text == MISSING:
        return None
    if not _NUMBER.fullmatch(text):
        raise ValueError(f'not a number: {text!r}')
    return float(text) if '.' in text else int(text)


def readme_problems(readme: Readme) -> List[Problem]:
    """The problems of the README as a whole (title, models section)."""
    problems = []
    if readme.title is None:
        problems.append(Problem(1, 'no title: the README starts with "# <Task>"'))
    if readme.models_line is None:
        problems.append(Problem(1, 'no "## Models" section'))
    elif not readme.methods and not readme.built_tables:
        problems.append(Problem(readme.models_line,
                                'the "## Models" section has no "### <Method>"'))
    return problems


def method_problems(method: Method) -> List[Problem]:
    """The problems of a method section apart from its tables' content."""
    problems = []
    if method.paper is None:
        problems.append(Problem(method.line, f'{method.name}: no paper line "[Title](url) '
                                             f'[Venue Year]"'))
    else:
        if not is_https_url(method.paper.url):
            problems.append(Problem(method.paper.line,
                                    f'paper link is not an https URL: {method.paper.url!r}'))
        if not _YEAR.search(method.paper.venue):
            problems.append(Problem(method.paper.line, f'venue has no year: '
                                                       f'[{method.paper.venue}]'))
    if not method.authors:
        problems.append(Problem(method.line, f'{method.name}: no "Authors:" line'))
    if not method.abstract:
        problems.append(Problem(method.line, f'{method.name}: no abstract ("<details>" with '
                                             f'"<summary>Abstract</summary>")'))
    if method.results_line is None:
        problems.append(Problem(method.line, f'{method.name}: no "#### Results" heading'))
    if not method.tables:
        problems.append(Problem(method.line, f'{method.name}: no results table'))
    if method.code is None or method.usage is None:
        problems.append(Problem(method.line, f'{method.name}: no "[[Code](url)] [[Usage '
                                             f'Instructions](url)]" line'))
    return problems


def table_problems(table: Table, spec: TaskSpec) -> List[Problem]:
    """The problems of a table's columns against the task's template."""
    problems = []
    allowed = set(spec.columns) | set(spec.extra_settings)
    extras = ', '.join(spec.extra_settings) or 'none'
    for column in table.header:
        if column not in allowed:
            problems.append(Problem(table.line, f'unknown column {column!r}: the {spec.name} '
                                                f'template has {", ".join(spec.columns)} '
                                                f'(optional extra settings: {extras})'))
    for column in spec.columns:
        if column not in table.header:
            problems.append(Problem(table.line, f'missing column {column!r}'))
    duplicates = sorted({c for c in table.header if table.header.count(c) > 1})
    if duplicates:
        problems.append(Problem(table.line, f'duplicate columns: {", ".join(duplicates)}'))
    if not problems and not _columns_in_order(table.header, spec):
        rest = ', '.join(spec.columns[len(spec.settings):])
        problems.append(Problem(table.line, f'columns out of order: expected '
                                            f'{", ".join(spec.settings)} (extra settings among '
                                            f'them), then {rest}'))
    if not table.separator_ok:
        problems.append(Problem(table.line, 'the header is not followed by an alignment row '
                                            'with one ":-:" per column'))
    return problems


def _columns_in_order(header: Sequence[str], spec: TaskSpec) -> bool:
    """Template columns in template order, extra settings only before the first metric column."""
    template = [c for c in header if c in spec.columns]
    first_metric = header.index(spec.columns[len(spec.settings)])
    return template == list(spec.columns) and all(
        header.index(c) < first_metric for c in header if c in spec.extra_settings)


def row_problems(row: Row, spec: TaskSpec) -> List[Problem]:
    """The problems of one results row (columns the table lacks are reported by the table)."""
    if len(row.cells) != len(row.header):
        return [Problem(row.line, f'the row has {len(row.cells)} cells, the header '
                                  f'{len(row.header)}')]
    messages = []
    for column in row.header:
        cell = row.get(column)
        if column in spec.settings or column in spec.extra_settings:
            messages += _setting_problems(column, cell)
        elif column.startswith('Scores-'):
            messages += _links_problems(column, cell, (('scores', ('.json',)),))
        elif column in spec.metric_columns('val') + spec.metric_columns('test'):
            messages += _number_problems(column, cell)
    messages += _config_problems(row.get('Config'), spec)
    messages += _weights_problems(row.get('Weights'), row.get('Config'))
    messages += _links_problems('Preds', row.get('Preds'),
                                (('preds', ('.json', '.zip')), ('masks', ('.zip',))), optional=1)
    messages += _links_problems('Visuals', row.get('Visuals'), (('visuals', ('.zip',)),))
    return [Problem(row.line, message) for message in messages]


def _setting_problems(column: str, cell: Cell) -> List[str]:
    if column in FLAG_COLUMNS:
        if cell.text not in ('', CHECK_MARK):
            return [f'{column!r} must be {CHECK_MARK!r} or empty, not {cell.text!r}']
    elif not cell.text:
        return [f'{column!r} is empty']
    return []


def _number_problems(column: str, cell: Cell) -> List[str]:
    try:
        parse_number(cell.text)
    except ValueError:
        return [f'{column!r} is not a number (or {MISSING!r} if not available): {cell.text!r}']
    return []


def _links_problems(column: str, cell: Optional[Cell],
                    expected: Sequence[Tuple[str, Tuple[str, ...]]], optional: int = 0
                    ) -> List[str]:
    """Checks that ``cell`` holds the links ``[text](https://....ext)`` of ``expected``, in order;
    the last ``optional`` ones may be left out."""
    if cell is None:
        return []
    wanted = ' \\| '.join(f'[{text}](url)' for text, _ in expected)
    links = cell.links
    if not len(expected) - optional <= len(links) <= len(expected) or \
            [link.text for link in links] != [text for text, _ in expected[:len(links)]]:
        return [f'{column!r} must be {wanted}, got {cell.text!r}']
    messages = []
    for link, (_, extensions) in zip(links, expected):
        if not is_https_url(link.url):
            messages.append(f'{column!r}: {link.text} link is not an https URL: {link.url!r}')
        elif not link.url.endswith(extensions):
            messages.append(f'{column!r}: {link.text} link does not end with '
                            f'{" or ".join(extensions)}: {link.url!r}')
    return messages


def config_link(cell: Optional[Cell]) -> Optional[Link]:
    """The single ``[config](...)`` link of a Config cell, or None if the cell is malformed."""
    if cell is None or len(cell.links) != 1 or cell.links[0].text != 'config':
        return None
    return cell.links[0]


def _config_problems(cell: Optional[Cell], spec: TaskSpec) -> List[str]:
    if cell is None:
        return []
    link = config_link(cell)
    if link is None:
        return [f"'Config' must be [config](./configs/<dir>/<name>.py), got {cell.text!r}"]
    local = local_config(link.url)
    if local is None:
        if is_external_config(link.url):
            return []
        return [f'config link is neither ./configs/<dir>/<name>.py nor an https URL of a .py '
                f'file: {link.url!r}']
    if local[0] not in spec.config_dirs:
        return [f'config link {link.url!r}: {spec.name} configs live in '
                f'{" or ".join(f"./configs/{d}/" for d in spec.config_dirs)}']
    return []


def weights_links(cell: Optional[Cell]) -> Optional[Tuple[Link, Link]]:
    """The ``[model](...) | [MD5](...)`` links of a Weights cell, or None if malformed."""
    if cell is None or [link.text for link in cell.links] != ['model', 'MD5']:
        return None
    return cell.links[0], cell.links[1]


def _weights_problems(cell: Optional[Cell], config: Optional[Cell]) -> List[str]:
    if cell is None:
        return []
    links = weights_links(cell)
    if links is None:
        return [f"'Weights' must be [model](https://.../<name>.pth) \\| "
                f"[MD5](https://.../<name>.md5), got {cell.text!r}"]
    model, md5 = links
    messages = [f'{link.text} link is not an https URL: {link.url!r}'
                for link in links if not is_https_url(link.url)]
    if messages:
        return messages
    if not model.url.endswith('.pth'):
        return [f'model link does not end with .pth: {model.url!r}']
    if md5.url != model.url[:-len('.pth')] + '.md5':
        return [f'MD5 link must be the model link with .md5 for .pth (<stem>.md5 beside '
                f'<stem>.pth): {md5.url!r}']
    link = config_link(config)
    local = local_config(link.url) if link else None
    stem = url_filename(model.url)[:-len('.pth')]
    if local and local[1] != stem:
        return [f'the weights file {stem}.pth must be named after the config {local[1]}.py']
    return []


def built_paper(readme: Readme, row: Row) -> Optional[Paper]:
    """The paper of a built-here row: its Paper cell, else that of the method section it names
    (None if neither gives one)."""
    cell, method = row.get('Paper'), readme.method(row.get('Method').text)
    if cell is not None and cell.text:
        return parse_paper(cell.text, row.line)
    return method.paper if method is not None else None


def built_problems(readme: Readme, spec: TaskSpec) -> List[Problem]:
    """The problems of the built-here section: one table of :data:`.tasks.BUILT_COLUMNS`, each row
    naming a method, its paper (the Paper cell, or the ``### <Method>`` section of that name) and
    one local config, with no Weights."""
    if readme.built_line is None:
        return []
    if len(readme.built_tables) != 1:
        return [Problem(readme.built_line, f'"## {BUILT_HEADING}" holds one table '
                                           f'({" | ".join(BUILT_COLUMNS)}), found '
                                           f'{len(readme.built_tables)}')]
    [table] = readme.built_tables
    if table.header != BUILT_COLUMNS or not table.separator_ok:
        return [Problem(table.line, f'the built-here table has the columns '
                                    f'{" | ".join(BUILT_COLUMNS)} and an alignment row with one '
                                    f'":-:" per column')]
    problems = []
    for row in table.rows:
        problems += [Problem(row.line, message) for message in _built_row_problems(readme, row,
                                                                                     spec)]
    return problems


def _built_row_problems(readme: Readme, row: Row, spec: TaskSpec) -> List[str]:
    if len(row.cells) != len(row.header):
        return [f'the row has {len(row.cells)} cells, the header {len(row.header)}']
    messages = []
    method, cell = readme.method(row.get('Method').text), row.get('Paper')
    if not row.get('Method').text:
        messages.append("'Method' is empty")
    paper = built_paper(readme, row)
    if cell.text and paper is None:
        messages.append(f"'Paper' must be [Title](https://...) [Venue Year], got {cell.text!r}")
    elif paper is None:
        messages.append(f"'Paper' is empty and there is no \"### {row.get('Method').text}\" "
                        f"section to take it from")
    elif not is_https_url(paper.url) or not _YEAR.search(paper.venue):
        messages.append(f"'Paper' needs an https link and a venue with a year: {cell.text!r}")
    elif method is not None and method.paper is not None and cell.text and \
            (paper.title, paper.url) != (method.paper.title, method.paper.url):
        messages.append(f"'Paper' differs from the paper of \"### {method.name}\" (leave it "
                        f"empty to use that one)")
    config_messages = _config_problems(row.get('Config'), spec)
    link = config_link(row.get('Config'))
    if not config_messages and local_config(link.url) is None:
        config_messages.append(f'a config built here lives in ./configs/<dir>/: {link.url!r}')
    messages += config_messages
    if not row.get('About').text:
        messages.append("'About' is empty")
    return messages


def readme_all_problems(readme: Readme, spec: TaskSpec) -> List[Problem]:
    """Every format problem of a README, sorted by line."""
    problems = readme_problems(readme)
    for method in readme.methods:
        problems += method_problems(method)
        for table in method.tables:
            problems += table_problems(table, spec)
            problems += [p for row in table.rows for p in row_problems(row, spec)]
    problems += built_problems(readme, spec)
    return sorted(problems, key=lambda p: p.line)
