"""Conversations: search, rename, pin, delete (messages go, usage numbers stay)."""

from __future__ import annotations

from pathlib import Path

from aideon_desktop.core.store import Store
from aideon_desktop.core.store.answers import AnswerEnd
from aideon_desktop.core.store.models import UsageRecord
from tests.support.history_db import dump
from tests.support.store_rows import add_message, finish_rows, new_conversation


def test_delete_conversation_keeps_usage_numbers(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    cid = new_conversation(store, "x")
    add_message(store, cid, "user", "my secret plan")
    finish_rows(
        store,
        usage=UsageRecord(
            conversation_id=cid,
            provider="together",
            model="m",
            cost_micro_usd=5,
            baseline_micro_usd=50,
        ),
    )
    store.delete_conversation(cid)
    assert store.conversations() == [] and store.messages(cid) == []
    rows = store.usage_rows()
    assert len(rows) == 1 and rows[0].conversation_id is None and rows[0].cost_micro_usd == 5
    store.close()
    text = dump(tmp_path / "db.sqlite3", tmp_path / "plain-copy.sqlite3")
    assert "my secret plan" not in text and 'INSERT INTO "usage"' in text


def test_conversation_search_and_rename(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    a = new_conversation(store)
    add_message(store, a, "user", "Plan a trip to Lisbon")
    b = new_conversation(store)
    add_message(store, b, "user", "Fix my Python import error")
    assert [c.id for c in store.conversations("lisbon")] == [a]
    store.rename_conversation(b, "Imports")
    assert store.conversation(b).title == "Imports"


def test_pin_and_unpin_a_conversation(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    rows = store.begin_answer(None, new_conversation=True, user_text="Hi", private=False)
    store.set_pin(rows.conversation_id, "huggingface", "meta-llama/Llama-3.1-8B-Instruct")
    pinned = store.conversation(rows.conversation_id)
    assert (pinned.pinned_provider, pinned.pinned_model) == (
        "huggingface",
        "meta-llama/Llama-3.1-8B-Instruct",
    )
    store.set_pin(rows.conversation_id, None, None)
    assert store.conversation(rows.conversation_id).pinned_model is None


def test_an_answer_titles_its_chat_from_the_prompt_with_its_spaces_folded(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    text = "  Draft   a letter\nto my bank  "
    rows = store.begin_answer(None, new_conversation=True, user_text=text, private=True)
    store.finish_answer(rows, AnswerEnd("Dear bank,", provider="local", model="m"))
    conversation = store.conversation(rows.conversation_id)
    assert conversation.title == "Draft a letter to my bank" and conversation.private
    first, last = store.messages(rows.conversation_id)
    assert first.text == text  # the message itself is kept as typed
    assert (last.text, last.partial, last.provider) == ("Dear bank,", False, "local")
    store.close()
