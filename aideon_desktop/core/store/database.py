"""The SQLite file: WAL mode, foreign keys on, schema versions with forward migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, event
from sqlmodel import SQLModel, create_engine

from aideon_desktop.core.store import models  # noqa: F401 - registers the tables

SCHEMA_VERSION = 2


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    # v2 added the response cache, cache-hit flags and per-conversation pins.
    columns = {row[1] for row in conn.execute("PRAGMA table_info(usage)")}
    if "cache_hit" not in columns:
        conn.execute("ALTER TABLE usage ADD COLUMN cache_hit BOOLEAN NOT NULL DEFAULT 0")
    columns = {row[1] for row in conn.execute("PRAGMA table_info(conversation)")}
    for column in ("pinned_provider", "pinned_model"):
        if column not in columns:
            conn.execute(f"ALTER TABLE conversation ADD COLUMN {column} VARCHAR")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _migrate_1_to_2}


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def migrate(path: Path) -> int:
    """Bring the file at ``path`` to SCHEMA_VERSION; returns the version it had."""
    conn = sqlite3.connect(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table'"
        ).fetchone()[0]
        if version == 0 and has_tables == 0:
            return 0  # a new file: create_all makes the current schema
        if version == 0:
            version = 1  # files from before versioning are v1
        while version < SCHEMA_VERSION:
            with conn:
                MIGRATIONS[version](conn)
                version += 1
                conn.execute(f"PRAGMA user_version={version}")
        return version
    finally:
        conn.close()


def open_engine(path: Path) -> Engine:
    path.parent.mkdir(parents=True, exist_ok=True)
    migrate(path)
    engine = create_engine(
        f"sqlite:///{path}", connect_args={"check_same_thread": False, "timeout": 5}
    )
    event.listen(engine, "connect", _on_connect)
    SQLModel.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")
    return engine
