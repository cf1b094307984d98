"""Open the app's history file from a test, as the app does: keyed from the keyring."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from aideon_desktop.core import secrets
from aideon_desktop.core.store.encryption import apply_key


def open_history(db: Path, *, encrypted: bool = True) -> sqlcipher.Connection:
    """A connection to ``db``; the key comes from this process's keyring (see keyring_backend)."""
    conn = sqlcipher.connect(str(db))
    conn.execute("PRAGMA cipher_log_level = NONE")
    if encrypted:
        key = secrets.get_database_key()
        if key is None:
            conn.close()
            raise LookupError("the keyring holds no history key (yet)")
        apply_key(conn, key)
    return conn


def dump(db: Path, scratch: Path) -> str:
    """The SQL text of the whole encrypted database (sqlcipher3 has no iterdump): decrypted
    into a plain copy at ``scratch`` with sqlcipher_export, then dumped by the stdlib."""
    conn = open_history(db)
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(scratch),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    plain = sqlite3.connect(scratch)
    try:
        return "\n".join(plain.iterdump())
    finally:
        plain.close()
