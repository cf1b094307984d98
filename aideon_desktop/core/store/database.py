"""The schema: connection settings, versions and forward migrations, on a DB-API connection.

A file whose ``user_version`` is newer than SCHEMA_VERSION is never migrated, created into or
downgraded: ``migrate`` reports it and the Store opens it query-only.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import StaticPool
from sqlcipher3 import dbapi2 as sqlcipher
from sqlmodel import SQLModel

from aideon_desktop.core.store import models  # noqa: F401 - registers the tables

SCHEMA_VERSION = 3
Connection = sqlcipher.Connection


def _columns(conn: Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def _migrate_1_to_2(conn: Connection) -> None:
    # v2 added the response cache (made by create_tables), cache-hit flags and conversation pins.
    if "cache_hit" not in _columns(conn, "usage"):
        conn.execute("ALTER TABLE usage ADD COLUMN cache_hit BOOLEAN NOT NULL DEFAULT 0")
    existing = _columns(conn, "conversation")
    for column in ("pinned_provider", "pinned_model"):
        if column not in existing:
            conn.execute(f"ALTER TABLE conversation ADD COLUMN {column} VARCHAR")


# v3 drops indexes no query uses: each cost a page write (encrypted) on every answer.
UNUSED_INDEXES = (
    "ix_conversation_created_at",
    "ix_usage_provider",
    "ix_audit_created_at",
    "ix_response_cache_created_at",
)


def _migrate_2_to_3(conn: Connection) -> None:
    # v3 keeps each reply's route/cost line with it, so a reopened chat can show it again.
    if "meta" not in _columns(conn, "message"):
        conn.execute("ALTER TABLE message ADD COLUMN meta JSON")
    for index in UNUSED_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {index}")


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _migrate_1_to_2, 2: _migrate_2_to_3}


def configure(conn: Connection) -> None:
    """WAL with synchronous=NORMAL: commits do not fsync, and kill -9 loses nothing committed."""
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")


def stored_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection) -> int:
    """Bring the database to SCHEMA_VERSION; returns the version it had.

    Does nothing (and returns the version) when the file is newer than this build.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = stored_version(conn)
        has_tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table'"
        ).fetchone()[0]
        if version > SCHEMA_VERSION or (version == 0 and has_tables == 0):
            conn.rollback()
            return version  # newer: hands off; new: create_tables makes the current schema
        current = version or 1  # files from before versioning are v1
        while current < SCHEMA_VERSION:
            MIGRATIONS[current](conn)
            current += 1
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.commit()
        return version
    except BaseException:
        conn.rollback()
        raise


def make_engine(conn: Connection) -> Engine:
    """An engine over the one persistent, already keyed connection (for the ORM reads)."""
    return create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool, module=sqlcipher)


def create_tables(engine: Engine) -> None:
    SQLModel.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")
