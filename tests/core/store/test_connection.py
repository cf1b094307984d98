"""Failures are told once, never raised; a passing problem clears when writes work again."""

from __future__ import annotations

from aideon_desktop.core import paths
from aideon_desktop.core.store import Store
from tests.support.store_rows import add_message


def test_a_constraint_failure_is_not_a_history_outage() -> None:
    store = Store(paths.database_file())
    assert add_message(store, 12345, "user", "no such conversation") is None
    assert store.unavailable is None
    rows = store.begin_answer(None, new_conversation=True, user_text="still works", private=False)
    assert rows is not None


def test_a_locked_database_is_reported_then_clears(monkeypatch) -> None:
    store = Store(paths.database_file())
    other = Store(paths.database_file())
    conn = other._db.conn
    conn.execute("PRAGMA busy_timeout = 0")
    store._db.conn.execute("PRAGMA busy_timeout = 0")
    conn.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    assert store.begin_answer(None, new_conversation=True, user_text="x", private=False) is None
    assert store.problem.kind == "locked"
    assert "another program is holding the history file locked" in store.unavailable
    conn.rollback()
    assert store.begin_answer(None, new_conversation=True, user_text="x", private=False)
    assert store.unavailable is None
    other.close()


def test_closed_store_answers_with_defaults() -> None:
    store = Store(paths.database_file())
    store.close()
    assert store.conversations() == [] and store.spend().today == 0
    assert store.begin_answer(None, new_conversation=True, user_text="x", private=False) is None
    store.close()
