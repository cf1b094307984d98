"""SQLCipher: applying the raw key to a connection, and encrypting a plain database once.

The key is 64 hex digits used as a raw key (``x'…'``), so SQLCipher skips its passphrase
derivation and a connection opens in microseconds.  It goes to SQLite only through the
DB-API connection — never through SQLAlchemy, whose errors quote the statement — and SQLite's
errors never contain it.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from aideon_desktop.core.store import files

log = logging.getLogger(__name__)


def connect(path: Path, key: str | None) -> sqlcipher.Connection:
    """A persistent connection, keyed when ``key`` is given.  Nothing is read or written yet."""
    conn = sqlcipher.connect(str(path), timeout=5, check_same_thread=False)
    # SQLCipher would otherwise print decryption failures on stderr itself.
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        apply_key(conn, key)
    return conn


def apply_key(conn: sqlcipher.Connection, key: str) -> None:
    if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
        raise ValueError("the history key is not 64 hex digits")
    conn.execute(f"PRAGMA key = \"x'{key}'\"")


def _row_counts(conn: sqlcipher.Connection, schema: str) -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: conn.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0]
        for name in names
    }


def encrypt_plain_database(path: Path, key: str) -> Path:
    """Encrypt the plain database at ``path`` in place; returns the backup of the plain file.

    The encrypted copy is written beside it, checked table by table against the original, then
    swapped in with one rename.  The plain file is kept (0600) as the backup, by a hard link made
    before the swap, so at every moment ``path`` holds a complete database.  On any failure the
    plain file is left exactly as it was and the half-written copy removed.
    """
    encrypted = path.with_name(path.name + ".encrypting")
    files.remove_quietly(encrypted)
    os.close(os.open(encrypted, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, files.FILE_MODE))
    try:
        plain = connect(path, None)
        try:
            version = plain.execute("PRAGMA user_version").fetchone()[0]
            plain.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(encrypted), f"x'{key}'"))
            plain.execute("SELECT sqlcipher_export('encrypted')")
            plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
            if _row_counts(plain, "main") != _row_counts(plain, "encrypted"):
                raise sqlcipher.DatabaseError("the encrypted copy does not hold every row")
            plain.execute("DETACH DATABASE encrypted")
        finally:
            plain.close()  # the last connection: SQLite folds the WAL into the file
        with open(encrypted, "rb") as fh:
            os.fsync(fh.fileno())
        backup = files.backup_name(path, "unencrypted-backup")
        try:
            os.link(path, backup)
        except OSError:  # a file system without hard links: a copy, made before the swap
            shutil.copyfile(path, backup)
        os.chmod(backup, files.FILE_MODE)
        os.replace(encrypted, path)
    except BaseException:
        files.remove_quietly(encrypted)
        raise
    for companion in files.companions(path):  # the plain file's, now stale
        companion.unlink(missing_ok=True)
    log.info("history database encrypted; the unencrypted original is kept at %s", backup)
    return backup
