"""MD5 values: reading ``.md5`` files, checking MD5s given by the user, hashing files."""
import hashlib
import re

from .errors import InvalidMD5Error

#: Bytes read at a time when hashing a file.
CHUNK_SIZE = 1 << 20

_MD5 = re.compile(r'[0-9a-f]{32}')
# md5sum's output: the hash, whitespace, '*' in binary mode, the file name; or the hash alone
_MD5_LINE = re.compile(r'([0-9a-fA-F]{32})(?:[ \t]+\*?\S.*)?')


def normalise_md5(value: str, source: str = 'the given MD5') -> str:
    """Checks that ``value`` is an MD5 (32 hexadecimal digits) and returns it in lower case.

    Raises:
        InvalidMD5Error: ``value`` is not an MD5; the message names ``source``.
    """
    normalised = value.strip().lower()
    if not _MD5.fullmatch(normalised):
        raise InvalidMD5Error(f'{source} is not an MD5 (32 hexadecimal digits): {value!r}')
    return normalised


def parse_md5_file(text: str, source: str) -> str:
    """The MD5 in the content of a ``.md5`` file, in lower case.

    Two layouts are accepted: the hash alone, or md5sum's ``<hash>  <file name>`` (one line either
    way). The file name is not compared with the checkpoint's: what is verified is the MD5 of the
    bytes, and checkpoints are commonly renamed after they were hashed.

    Args:
        text: the content of the file.
        source: where it came from (a URL or path), for the error message.

    Raises:
        InvalidMD5Error: anything else (an HTML page, several lines, no hash); the message names
            ``source`` and quotes the start of the text.
    """
    lines = text.strip().splitlines()
    match = _MD5_LINE.fullmatch(lines[0].strip()) if len(lines) == 1 else None
    if match is None:
        raise InvalidMD5Error(f'{source} is not an MD5 file (expected "<md5>" or "<md5>  <file '
                              f'name>" on one line), it starts with {text[:80]!r}')
    return match.group(1).lower()


def md5_file_text(md5: str, filename: str) -> str:
    """The content of a ``.md5`` file in md5sum's layout (so ``md5sum -c`` can check it)."""
    return f'{md5}  {filename}\n'


def new_md5() -> 'hashlib._Hash':
    """An empty MD5 hasher (the one place the hash algorithm is chosen)."""
    return hashlib.md5()


def file_md5(path: str) -> str:
    """The MD5 of a file's bytes, in lower case hexadecimal."""
    digest = new_md5()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(CHUNK_SIZE), b''):
            digest.update(chunk)
    return digest.hexdigest()
