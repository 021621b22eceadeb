"""Atomic writes: complete files or nothing, normal permissions, safe zip extraction."""
import os
import stat
import zipfile

import pytest

from bdd100k_zoo.export.atomic import (atomic_dir, atomic_open, extract_zip,
                                       leftover_temp_files, write_json)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_written_files_and_folders_get_the_umask_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_json(str(tmp_path / 'a.json'), {'x': 1})
        with atomic_dir(str(tmp_path / 'folder')) as folder:
            open(os.path.join(folder, 'f'), 'w').close()
    finally:
        os.umask(old)
    assert mode(tmp_path / 'a.json') == 0o644
    assert mode(tmp_path / 'folder') == 0o755


def test_a_failed_write_leaves_nothing_and_keeps_the_old_file(tmp_path):
    target = tmp_path / 'out.json'
    write_json(str(target), [1])
    with pytest.raises(RuntimeError):
        with atomic_open(str(target)) as f:
            f.write('[2, 3')
            raise RuntimeError('interrupted')
    assert target.read_text() == '[1]'
    assert leftover_temp_files(str(target)) == []


def test_zip_members_escaping_the_target_are_refused(tmp_path):
    archive = tmp_path / 'evil.zip'
    with zipfile.ZipFile(archive, 'w') as zf:
        zf.writestr('ok.txt', 'fine')
        zf.writestr('../escaped.txt', 'bad')
    with pytest.raises(ValueError, match='outside'):
        extract_zip(str(archive), str(tmp_path / 'dest'))
    assert not (tmp_path / 'escaped.txt').exists()
    assert not (tmp_path / 'dest').exists()
