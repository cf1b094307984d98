"""Each failure has its own kind and a sentence that says what happened and where."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from aideon_desktop.core.store.problems import diagnose

DB = Path("/home/user/.local/share/aideon-desktop/aideon.sqlite3")


@pytest.mark.parametrize(
    ("exc", "kind", "words"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "disk_full", "the disk is full"),
        (sqlcipher.OperationalError("database or disk is full"), "disk_full", "the disk is full"),
        (OSError(errno.EROFS, "Read-only file system"), "read_only", f"{DB.parent} is read-only"),
        (
            sqlcipher.OperationalError("attempt to write a readonly database"),
            "read_only",
            "is read-only",
        ),
        (NotADirectoryError(errno.ENOTDIR, "Not a directory"), "read_only", "not a folder"),
        (sqlcipher.OperationalError("database is locked"), "locked", "holding the history"),
        (sqlcipher.DatabaseError("file is not a database"), "corrupt", f"{DB} is damaged"),
        (sqlcipher.DatabaseError("database disk image is malformed"), "corrupt", "damaged"),
        (sqlcipher.OperationalError("disk I/O error"), "unreadable", "input/output error"),
        (sqlcipher.OperationalError("no such table: usage"), "failed", "(no such table: usage)"),
    ],
)
def test_each_failure_is_named(exc: BaseException, kind: str, words: str) -> None:
    notice = diagnose(exc, DB)
    assert notice.kind == kind and words in notice.message
    assert notice.message.startswith("History is not being saved: ")
    assert notice.message.endswith("Answers still work.")


def test_reads_are_worded_as_reads() -> None:
    notice = diagnose(sqlcipher.OperationalError("no such column: x"), DB, "read")
    assert "could not be read (no such column: x)" in notice.message
