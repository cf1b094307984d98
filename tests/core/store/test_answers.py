"""One answer in two transactions: begin before sending, finish at the end, batched flushes in
between; abandoned sends leave no ghost conversation."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from aideon_desktop.core import paths
from aideon_desktop.core.store import AnswerRows, Store
from aideon_desktop.core.store.answers import FLUSH_INTERVAL_S, AnswerEnd
from aideon_desktop.core.store.models import AuditEntry, CacheEntry, UsageRecord


@pytest.fixture
def store() -> Iterator[Store]:
    store = Store(paths.database_file())
    assert store.unavailable is None
    yield store
    store.close()


@contextmanager
def transactions(store: Store) -> Iterator[list[str]]:
    """Every statement SQLite runs on the store's connection meanwhile."""
    statements: list[str] = []
    conn = store._db.conn
    conn.set_trace_callback(statements.append)
    try:
        yield statements
    finally:
        conn.set_trace_callback(None)


def finish(store: Store, rows: AnswerRows | None, text: str = "Hello there.", **extra) -> bool:
    arguments = dict(
        text=text,
        partial=False,
        provider="together",
        model="m1",
        meta={"route": "Together · m1", "cost_usd": "0.000002", "reasons": ["short"]},
        usage=UsageRecord(provider="together", model="m1", cost_micro_usd=2),
        audit=AuditEntry(provider="together", model="m1", private=False, task="general"),
        cache=CacheEntry(key=f"k-{text}", provider="together", model="m1", text=text),
    )
    limit = extra.pop("cache_max_entries", 100)
    arguments.update(extra)
    return store.finish_answer(rows, AnswerEnd(**arguments), cache_max_entries=limit)


def test_an_answer_is_two_transactions_plus_its_flushes(store: Store) -> None:
    with transactions(store) as statements:
        rows = store.begin_answer(None, new_conversation=True, user_text="Hi?", private=False)
        writer = store.reply_writer(rows.reply_message_id)
        for piece in ("Hel", "lo ", "there."):
            writer.append(piece)
            writer.flush(partial=True)
        assert finish(store, rows)
    assert statements.count("COMMIT") == 5 and statements.count("ROLLBACK") == 0
    assert sum(s.startswith("BEGIN") for s in statements) == 5


def test_begin_commits_the_conversation_user_message_and_an_empty_partial_reply(
    store: Store,
) -> None:
    rows = store.begin_answer(
        None, new_conversation=True, user_text="Plan a  trip\nto Lisbon", private=True
    )
    assert rows is not None and rows.created_conversation
    # Committed: a second connection (another process) sees it before anything is sent.
    other = Store(paths.database_file())
    stored = other.messages(rows.conversation_id)
    assert [(m.id, m.role, m.text, m.partial, m.private) for m in stored] == [
        (rows.user_message_id, "user", "Plan a  trip\nto Lisbon", False, True),
        (rows.reply_message_id, "assistant", "", True, True),
    ]
    conversation = other.conversation(rows.conversation_id)
    assert conversation.title == "Plan a trip to Lisbon" and conversation.private
    other.close()


def test_begin_uses_the_callers_title_and_keeps_an_existing_one(store: Store) -> None:
    rows = store.begin_answer(
        None,
        new_conversation=True,
        user_text="My SSN is 536-22-8741",
        private=True,
        title="My SSN is [SSN_1]",
    )
    assert store.conversation(rows.conversation_id).title == "My SSN is [SSN_1]"
    again = store.begin_answer(
        rows.conversation_id, new_conversation=False, user_text="More", private=False
    )
    assert again.conversation_id == rows.conversation_id and not again.created_conversation
    conversation = store.conversation(rows.conversation_id)
    assert conversation.title == "My SSN is [SSN_1]" and conversation.private  # stays private


def test_begin_without_a_conversation_to_keep_it_in_returns_none(store: Store) -> None:
    assert store.begin_answer(None, new_conversation=False, user_text="x", private=False) is None
    assert store.conversations() == [] and store.unavailable is None


def test_a_conversation_deleted_meanwhile_gets_a_new_one(store: Store) -> None:
    first = store.begin_answer(None, new_conversation=True, user_text="one", private=False)
    store.delete_conversation(first.conversation_id)
    rows = store.begin_answer(
        first.conversation_id, new_conversation=False, user_text="two", private=False
    )
    assert rows.created_conversation  # (SQLite may reuse the freed id)
    assert [m.text for m in store.messages(rows.conversation_id)] == ["two", ""]


def test_finish_writes_reply_meta_usage_audit_and_cache_together(store: Store) -> None:
    rows = store.begin_answer(None, new_conversation=True, user_text="Hi?", private=False)
    assert finish(store, rows, "Hello there.")
    reply = store.messages(rows.conversation_id)[-1]
    assert (reply.text, reply.partial, reply.provider, reply.model) == (
        "Hello there.",
        False,
        "together",
        "m1",
    )
    assert reply.meta == {"route": "Together · m1", "cost_usd": "0.000002", "reasons": ["short"]}
    [usage] = store.usage_rows()
    assert usage.conversation_id == rows.conversation_id and usage.cost_micro_usd == 2
    assert [a.provider for a in store.audit()] == ["together"]
    cached = store.cache_get("k-Hello there.", ttl_hours=1)
    assert cached.text == "Hello there." and cached.conversation_id == rows.conversation_id


def test_a_conversation_deleted_while_the_answer_streamed_keeps_its_numbers(store: Store) -> None:
    rows = store.begin_answer(None, new_conversation=True, user_text="Hi?", private=False)
    store.delete_conversation(rows.conversation_id)  # from the chat window, mid-answer
    assert finish(store, rows)
    [usage] = store.usage_rows()
    assert usage.conversation_id is None and usage.cost_micro_usd == 2
    assert store.cache_get("k-Hello there.", 1).conversation_id is None
    assert store.conversations() == [] and store.unavailable is None


def test_finish_without_rows_records_only_usage_and_audit(store: Store) -> None:
    assert finish(store, None, cache=None)
    assert store.conversations() == [] and len(store.usage_rows()) == 1 and len(store.audit()) == 1


def test_finish_keeps_the_cache_within_its_limit(store: Store) -> None:
    for i in range(5):
        assert finish(store, None, f"answer {i}", cache_max_entries=3)
        time.sleep(0.002)
    assert [store.cache_get(f"k-answer {i}", 1) is not None for i in range(5)] == [
        False,
        False,
        True,
        True,
        True,
    ]
    assert finish(store, None, "not cached", cache_max_entries=0)
    assert store.cache_get("k-not cached", 1) is None


def test_a_large_cache_is_trimmed_in_batches_and_never_over_its_limit(store: Store) -> None:
    limit = 64  # trims 64 // 32 = 2 of the oldest at once
    kept_counts, trims = [], 0
    for i in range(150):
        with transactions(store) as statements:
            assert finish(store, None, f"answer {i}", cache_max_entries=limit)
        trims += any(s.startswith("DELETE FROM response_cache") for s in statements)
        kept = store._db.conn.execute("SELECT count(*) FROM response_cache").fetchone()[0]
        kept_counts.append(kept)
        assert store.cache_get(f"k-answer {i}", 1) is not None  # the newest always stays
    assert max(kept_counts) == limit and min(kept_counts[limit:]) == limit - 2
    # the first trim at the 65th write, then one every 3 (62 kept, two more fit): not every answer
    assert trims == len(range(limit, 150, 3))
    assert store.cache_get("k-answer 0", 1) is None


def test_a_rewritten_cache_entry_counts_as_the_newest(store: Store) -> None:
    for text in ("a", "b", "c", "a"):  # "a" expired and was answered again
        assert finish(store, None, text, cache_max_entries=2)
    kept = [text for text in "abc" if store.cache_get(f"k-{text}", 1) is not None]
    assert kept == ["a", "c"]


def test_a_partial_answer_stays_marked_partial(store: Store) -> None:
    rows = store.begin_answer(None, new_conversation=True, user_text="Count", private=False)
    assert finish(store, rows, "1, 2, 3", partial=True)
    assert store.messages(rows.conversation_id)[-1].partial


def test_abandoned_first_answer_leaves_no_ghost_conversation(store: Store) -> None:
    rows = store.begin_answer(None, new_conversation=True, user_text="Hi?", private=False)
    store.abandon_answer(rows)
    assert store.conversations() == [] and store.messages(rows.conversation_id) == []


def test_abandoned_answer_in_an_existing_conversation_keeps_it(store: Store) -> None:
    first = store.begin_answer(None, new_conversation=True, user_text="Hi?", private=False)
    assert finish(store, first)
    rows = store.begin_answer(
        first.conversation_id, new_conversation=False, user_text="And?", private=False
    )
    store.abandon_answer(rows)
    assert [m.text for m in store.messages(first.conversation_id)] == [
        "Hi?",
        "Hello there.",
        "And?",
    ]


def test_abandon_after_text_arrived_keeps_the_partial_reply(store: Store) -> None:
    rows = store.begin_answer(None, new_conversation=True, user_text="Hi?", private=False)
    writer = store.reply_writer(rows.reply_message_id)
    writer.append("Hel")
    writer.flush(partial=True)
    store.abandon_answer(rows)
    assert [(m.text, m.partial) for m in store.messages(rows.conversation_id)] == [
        ("Hi?", False),
        ("Hel", True),
    ]


def test_reply_writer_flushes_at_most_every_half_second(store: Store) -> None:
    rows = store.begin_answer(None, new_conversation=True, user_text="Hi?", private=False)
    writer = store.reply_writer(rows.reply_message_id)
    with transactions(store) as statements:
        started = time.monotonic()
        while time.monotonic() - started < 1.2:
            writer.append("x")
            time.sleep(0.01)
    flushes = statements.count("COMMIT")
    assert 1 <= flushes <= int(1.2 / FLUSH_INTERVAL_S)
    assert writer.text == "x" * len(writer.text) and not writer.failed
    stored = store.messages(rows.conversation_id)[-1]
    assert stored.partial and 0 < len(stored.text) <= len(writer.text)


def test_regenerate_writes_only_a_new_reply_and_the_model_sees_the_newer_answer(
    tmp_path,
) -> None:
    """Regenerate wrote the question a second time; now only the reply is written, and the
    conversation a model is shown keeps the newer of two answers in a row."""
    store = Store(tmp_path / "db.sqlite3")
    first = store.begin_answer(
        None, new_conversation=True, user_text="Name a colour", private=False
    )
    store.finish_answer(first, AnswerEnd("Blue."))
    again = store.begin_answer(
        first.conversation_id,
        new_conversation=False,
        user_text="Name a colour",
        private=False,
        write_prompt=False,
    )
    assert again.user_message_id is None
    store.finish_answer(again, AnswerEnd("Green."))
    roles = [(m.role, m.text) for m in store.messages(first.conversation_id)]
    assert roles == [("user", "Name a colour"), ("assistant", "Blue."), ("assistant", "Green.")]
    turns = store.turns(first.conversation_id).turns
    assert turns == (("user", "Name a colour"), ("assistant", "Green."))
    store.close()


def test_regenerating_in_a_chat_deleted_meanwhile_writes_the_prompt_too(tmp_path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    first = store.begin_answer(None, new_conversation=True, user_text="Hi", private=False)
    store.delete_conversation(first.conversation_id)
    again = store.begin_answer(
        first.conversation_id, new_conversation=True, user_text="Hi", private=False,
        write_prompt=False,
    )  # fmt: skip
    assert again.user_message_id is not None and again.created_conversation
    store.close()


def test_a_prompt_that_asks_an_earlier_one_again_keeps_which_with_it(store: Store) -> None:
    rows = store.begin_answer(None, new_conversation=True, user_text="Hi", private=False)
    again = store.begin_answer(
        rows.conversation_id,
        new_conversation=False,
        user_text="Hi, in French",
        private=False,
        prompt_meta={"asks_again": 0, "edited": True},
    )
    stored = {m.id: m.meta for m in store.messages(rows.conversation_id)}
    assert stored[again.user_message_id] == {"asks_again": 0, "edited": True}
    assert stored[rows.user_message_id] is None and stored[again.reply_message_id] is None
