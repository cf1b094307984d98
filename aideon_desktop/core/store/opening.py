"""Opening the history file: folder and file modes, the key, one-time encryption, the schema.

``open_database`` either returns a ready connection or raises StoreUnavailableError with the
notice to show; it never leaves a half-made file behind, never writes to a file it cannot
decrypt, and never writes to a file from a newer version.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine

from aideon_desktop.core import secrets
from aideon_desktop.core.store import database, encryption, files, problems
from aideon_desktop.core.store.files import FileKind
from aideon_desktop.core.store.problems import StoreNotice, StoreUnavailableError

log = logging.getLogger(__name__)

StorageMode = Literal["encrypted", "plain", "off"]


@dataclass
class OpenedDatabase:
    conn: database.Connection
    engine: Engine
    encrypted: bool
    read_only: StoreNotice | None = None  # set when reads work but writes are refused
    notices: list[StoreNotice] = field(default_factory=list)


def _key_for(kind: FileKind, path: Path) -> str:
    """The key from the keyring; a new one only when there is nothing encrypted to lose."""
    try:
        key = secrets.get_database_key()
        if key is None and kind in (FileKind.NEW, FileKind.PLAIN):
            key = secrets.create_database_key()
    except secrets.KeyringAccessError as exc:
        reason = str(exc).rstrip(".")
        raise StoreUnavailableError(
            problems.not_saved(
                problems.KEYRING_ERROR,
                f"{reason[:1].lower()}{reason[1:]}; unlock your keyring and restart Aideon",
            )
        ) from None
    except secrets.KeyringUnavailableError:
        raise StoreUnavailableError(problems.no_keyring()) from None
    except ValueError:
        raise StoreUnavailableError(
            problems.not_saved(
                problems.WRONG_KEY,
                f"the history key in your keyring is not valid, so {path} was left untouched",
            )
        ) from None
    except Exception as exc:  # noqa: BLE001 - a keyring backend may raise anything (D-Bus…)
        raise StoreUnavailableError(
            problems.not_saved(
                problems.KEYRING_ERROR, f"the system keyring failed ({type(exc).__name__})"
            )
        ) from None
    if key is None:
        raise StoreUnavailableError(
            problems.not_saved(
                problems.MISSING_KEY,
                f"{path} is encrypted and its key is not in your keyring (or the file is "
                "damaged); it was left untouched",
            )
        )
    return key


def _verify(conn: database.Connection, path: Path, kind: FileKind, encrypted: bool) -> None:
    """Read the schema once: a wrong key or a damaged file fails here, before any write."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except problems.DB_ERRORS as exc:
        notice = problems.diagnose(exc, path)
        if encrypted and kind is FileKind.OPAQUE and notice.kind == problems.CORRUPT:
            notice = problems.not_saved(
                problems.WRONG_KEY,
                f"{path} cannot be decrypted with the history key in your keyring (the key is "
                "wrong, or the file is damaged); it was left untouched",
            )
        raise StoreUnavailableError(notice) from None


def _plain_version(path: Path) -> int:
    conn = encryption.connect(path, None)
    try:
        return database.stored_version(conn)
    finally:
        conn.close()


def _encrypt_once(path: Path, key: str) -> StoreNotice:
    try:
        backup = encryption.encrypt_plain_database(path, key)
    except problems.DB_ERRORS as exc:
        reason = problems.diagnose(exc, path).message.removeprefix("History is not being saved: ")
        reason = reason.removesuffix(problems.ANSWERS_STILL_WORK).rstrip(". ")
        raise StoreUnavailableError(
            problems.not_saved(
                problems.diagnose(exc, path).kind,
                f"it could not be encrypted, so {path} was left as it was ({reason})",
            )
        ) from None
    return StoreNotice(
        problems.ENCRYPTED,
        "Your history is now encrypted on disk. The unencrypted original was kept, readable "
        f"only by you, at {backup}: delete it once you have checked your history.",
    )


def _choose_key(path: Path, kind: FileKind, storage: StorageMode) -> str | None:
    """The key to open with (None: plain), refusing what this storage mode cannot open."""
    if kind is FileKind.DAMAGED:
        raise StoreUnavailableError(problems.damaged(path))
    if storage == "plain":
        if kind is FileKind.OPAQUE:
            raise StoreUnavailableError(
                problems.not_saved(
                    problems.NOT_PLAIN,
                    f"{path} is encrypted (or damaged) and History storage is set to Plain; set "
                    "it to Encrypted in Settings → Privacy & history to use it. It was left "
                    "untouched",
                )
            )
        return None
    if kind is FileKind.PLAIN and _plain_version(path) > database.SCHEMA_VERSION:
        return None  # a newer version's plain file: read it as it is, change nothing
    return _key_for(kind, path)


def open_database(path: Path, storage: StorageMode) -> OpenedDatabase:
    """Open (creating, encrypting or migrating as needed); raises StoreUnavailableError."""
    notices: list[StoreNotice] = []
    conn = None
    try:
        files.prepare_folder(path.parent)
        kind = files.file_kind(path)
        key = _choose_key(path, kind, storage)
        files.secure_files(path)
        if key is not None and kind is FileKind.PLAIN:
            notices.append(_encrypt_once(path, key))
            kind = FileKind.OPAQUE
        conn = encryption.connect(path, key)
        _verify(conn, path, kind, key is not None)
        return _prepare(conn, path, key is not None, notices)
    except StoreUnavailableError:
        if conn is not None:
            conn.close()
        raise
    except problems.DB_ERRORS as exc:
        if conn is not None:
            conn.close()
        raise StoreUnavailableError(problems.diagnose(exc, path)) from None


def _prepare(
    conn: database.Connection, path: Path, encrypted: bool, notices: list[StoreNotice]
) -> OpenedDatabase:
    version = database.stored_version(conn)
    if version > database.SCHEMA_VERSION:
        conn.execute("PRAGMA query_only = ON")  # SQLite itself refuses every write from here
        conn.execute("PRAGMA busy_timeout=5000")
        read_only = problems.newer_schema(version, database.SCHEMA_VERSION)
        log.warning("history schema %s is newer than this build's: read-only", version)
        return OpenedDatabase(conn, database.make_engine(conn), encrypted, read_only, notices)
    database.configure(conn)
    files.secure_files(path)  # the -wal and -shm files SQLite just made
    database.migrate(conn)
    engine = database.make_engine(conn)
    database.create_tables(engine)
    return OpenedDatabase(conn, engine, encrypted, None, notices)
