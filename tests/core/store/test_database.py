"""Schema versions: forward migrations keep every row; a newer file is left alone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from aideon_desktop.core.store import Store
from aideon_desktop.core.store.database import SCHEMA_VERSION, migrate
from aideon_desktop.core.store.encryption import connect
from tests.support.history_db import open_history
from tests.support.store_rows import new_conversation

OLD_SCHEMA = """
CREATE TABLE conversation (id INTEGER PRIMARY KEY, title VARCHAR NOT NULL, private BOOLEAN NOT NULL,
    created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL);
CREATE TABLE message (id INTEGER PRIMARY KEY, conversation_id INTEGER NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
    role VARCHAR NOT NULL, text VARCHAR NOT NULL, provider VARCHAR, model VARCHAR, private BOOLEAN NOT NULL,
    partial BOOLEAN NOT NULL, created_at DATETIME NOT NULL);
CREATE TABLE usage (id INTEGER PRIMARY KEY, conversation_id INTEGER REFERENCES conversation(id) ON DELETE SET NULL,
    provider VARCHAR NOT NULL, model VARCHAR NOT NULL, task VARCHAR NOT NULL, private BOOLEAN NOT NULL,
    prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL, estimated BOOLEAN NOT NULL,
    cost_micro_usd INTEGER NOT NULL, baseline_micro_usd INTEGER NOT NULL, latency_ms INTEGER, ttft_ms INTEGER,
    created_at DATETIME NOT NULL);
CREATE TABLE audit (id INTEGER PRIMARY KEY, created_at DATETIME NOT NULL, provider VARCHAR NOT NULL, model VARCHAR NOT NULL,
    private BOOLEAN NOT NULL, task VARCHAR NOT NULL, categories VARCHAR NOT NULL, reasons VARCHAR NOT NULL);
INSERT INTO conversation VALUES (1, 'old chat', 0, '2025-01-01 10:00:00', '2025-01-01 10:00:00');
INSERT INTO message VALUES (1, 1, 'user', 'hello from v1', NULL, NULL, 0, 0, '2025-01-01 10:00:00');
INSERT INTO usage VALUES (1, 1, 'together', 'm', 'general', 0, 10, 5, 0, 3, 40, 100, 20, '2025-01-01 10:00:01');
"""


def test_migration_upgrades_a_v1_database_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    conn.close()
    store = Store(path, storage="plain")
    assert store.unavailable is None
    assert [m.text for m in store.messages(1)] == ["hello from v1"]
    assert store.messages(1)[0].meta is None
    rows = store.usage_rows()
    assert rows[0].cache_hit is False and rows[0].cost_micro_usd == 3
    store.set_pin(1, "together", "m")
    assert store.conversation(1).pinned_model == "m"
    assert store.integrity_ok()
    store.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_v1_plain_database_is_encrypted_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    conn.close()
    store = Store(path)
    assert store.unavailable is None and store.encrypted
    assert [m.text for m in store.messages(1)] == ["hello from v1"]
    assert store.usage_rows()[0].cost_micro_usd == 3
    store.close()
    assert open_history(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_v2_database_gains_reply_meta_and_loses_unused_indexes(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    conn.execute("CREATE INDEX ix_usage_provider ON usage (provider)")  # v2 had it
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    conn = connect(path, None)
    assert migrate(conn) == 1
    indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "ix_usage_provider" not in indexes  # a page write per answer that no query used
    columns = {row[1] for row in conn.execute("PRAGMA table_info(message)")}
    assert "meta" in columns and "cache_hit" in {
        row[1] for row in conn.execute("PRAGMA table_info(usage)")
    }
    assert migrate(conn) == SCHEMA_VERSION  # a second run has nothing to do
    conn.close()


def test_migrate_leaves_a_newer_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    conn = connect(path, None)
    assert migrate(conn) == 99
    assert "meta" not in {row[1] for row in conn.execute("PRAGMA table_info(message)")}
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 99
    conn.close()


def test_a_plain_newer_file_is_read_but_not_encrypted_or_written(tmp_path: Path) -> None:
    path = tmp_path / "newer-plain.sqlite3"
    plain = Store(path, storage="plain")
    plain.rename_conversation(new_conversation(plain), "old chat")
    plain.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    store = Store(path)  # encrypted storage would migrate a plain file, but not a newer one
    assert store.problem.kind == "newer_schema"
    assert store.conversation(1).title == "old chat"
    store.close()
    assert path.read_bytes() == before and not list(tmp_path.glob("*backup*"))


def test_a_read_that_fails_on_a_newer_schema_keeps_the_newer_schema_notice(tmp_path: Path) -> None:
    path = tmp_path / "newer-v1.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)  # a future schema without columns this build reads
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    store = Store(path, storage="plain")
    assert store.conversation(1) is None  # the read fails quietly
    assert store.problem.kind == "newer_schema"
    store.close()
