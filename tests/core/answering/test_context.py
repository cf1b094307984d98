"""The stored conversation is read once, with its privacy flag and pin."""

from __future__ import annotations

from pathlib import Path

import pytest

from aideon_desktop.core.answering import AskRequest
from aideon_desktop.core.answering.context import load_context
from aideon_desktop.core.chat import Message
from aideon_desktop.core.errors import InputError
from aideon_desktop.core.store import Store
from aideon_desktop.core.store.answers import AnswerEnd


def test_stored_history_privacy_and_pin(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    rows = store.begin_answer(
        None, new_conversation=True, user_text="My IBAN is …", private=True, title="t"
    )
    store.finish_answer(rows, AnswerEnd("Noted.", False, "local", "m"), cache_max_entries=10)
    store.set_pin(rows.conversation_id, "together", "t-small")
    context = load_context(store, AskRequest("next", conversation_id=rows.conversation_id))
    assert context.private and context.pinned == ("together", "t-small")
    assert [m.role for m in context.history] == ["user", "assistant"]
    store.close()


def test_callers_history_wins_and_unknown_conversations_are_an_input_error(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "db.sqlite3")
    given = (Message("system", "Be brief."),)
    assert load_context(store, AskRequest("x", history=given)).history == given
    rows = store.begin_answer(None, new_conversation=True, user_text="Hi", private=False)
    edited = AskRequest("x", history=(), conversation_id=rows.conversation_id)
    assert load_context(store, edited).history == (), "edit & resend of the first message"
    with pytest.raises(InputError, match="does not exist"):
        load_context(store, AskRequest("x", conversation_id=999))
    store.close()


def test_a_broken_store_gives_an_empty_context(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = Store(blocker / "db.sqlite3")
    assert store.unavailable
    assert load_context(store, AskRequest("x", conversation_id=3)).history == ()
