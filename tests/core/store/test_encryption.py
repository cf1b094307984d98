"""Encrypting a plain database: every row kept, the original kept, nothing half-done."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from aideon_desktop.core.store.encryption import connect, encrypt_plain_database
from aideon_desktop.core.store.files import SQLITE_HEADER
from tests.support.mounts import tmpfs

KEY = "0f" * 32


def plain_database(path: Path, rows: int, size: int = 200) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
    conn.executemany(
        "INSERT INTO note (body) VALUES (?)",
        [(f"secret note {i} " + "x" * size,) for i in range(rows)],
    )
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()


def test_every_row_and_the_version_are_kept_and_the_original_backed_up(tmp_path: Path) -> None:
    db = tmp_path / "aideon.sqlite3"
    plain_database(db, 500)
    original = hashlib.sha256(db.read_bytes()).hexdigest()
    backup = encrypt_plain_database(db, KEY)
    assert b"secret note" not in db.read_bytes() and not db.read_bytes().startswith(SQLITE_HEADER)
    assert hashlib.sha256(backup.read_bytes()).hexdigest() == original
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    conn = connect(db, KEY)
    assert conn.execute("SELECT count(*), min(body) FROM note").fetchone() == (
        500,
        "secret note 0 " + "x" * 200,
    )
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    conn.close()
    assert not list(tmp_path.glob("*.encrypting*"))


def test_the_wrong_key_cannot_read_the_result(tmp_path: Path) -> None:
    db = tmp_path / "aideon.sqlite3"
    plain_database(db, 3)
    encrypt_plain_database(db, KEY)
    conn = connect(db, "1e" * 32)
    with pytest.raises(sqlcipher.DatabaseError, match="not a database"):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def test_no_room_for_the_copy_leaves_the_plain_file_as_it_was(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", size="1m") as folder:
        db = folder / "aideon.sqlite3"
        plain_database(db, 1500, size=400)  # ~700 KB: the copy cannot fit beside it
        original = hashlib.sha256(db.read_bytes()).hexdigest()
        with pytest.raises(sqlcipher.Error):
            encrypt_plain_database(db, KEY)
        assert hashlib.sha256(db.read_bytes()).hexdigest() == original
        assert not list(folder.glob("*.encrypting*")) and not list(folder.glob("*backup*"))
        conn = sqlite3.connect(db)  # the plain history, whole (its WAL included)
        assert conn.execute("SELECT count(*) FROM note").fetchone()[0] == 1500
        conn.close()
