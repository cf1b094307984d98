"""File kinds and private file modes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from aideon_desktop.core.store.files import (
    SQLITE_HEADER,
    FileKind,
    file_kind,
    prepare_folder,
    secure_files,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_file_kinds(tmp_path: Path) -> None:
    db = tmp_path / "db"
    assert file_kind(db) is FileKind.NEW
    db.write_bytes(b"")
    assert file_kind(db) is FileKind.NEW
    db.write_bytes(SQLITE_HEADER + b"\0" * 4080)
    assert file_kind(db) is FileKind.PLAIN
    db.write_bytes(os.urandom(4096))
    assert file_kind(db) is FileKind.OPAQUE  # encrypted, or damaged: only the key can tell
    db.write_bytes(os.urandom(4097))
    assert file_kind(db) is FileKind.DAMAGED  # no database is a fraction of a page


def test_new_folder_and_file_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    prepare_folder(folder)
    db = folder / "db"
    secure_files(db)
    assert mode(folder) == 0o700 and mode(db) == 0o600 and db.stat().st_size == 0


def test_existing_open_files_are_tightened(tmp_path: Path) -> None:
    folder = tmp_path / "home"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    db = folder / "db"
    wal = folder / "db-wal"
    for path in (db, wal):
        path.write_bytes(b"")
        path.chmod(0o644)
    prepare_folder(folder)
    secure_files(db)
    assert mode(folder) == 0o700 and mode(db) == 0o600 and mode(wal) == 0o600


def test_a_shared_sticky_folder_is_left_alone(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    prepare_folder(shared)
    assert mode(shared) == 0o1777
