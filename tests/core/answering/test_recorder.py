"""What an answer leaves behind: two transactions, no ghost chats, partial text kept."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from aideon_desktop.core.answering import AskRequest, Assistant
from aideon_desktop.core.answering.recorder import reply_meta
from aideon_desktop.core.errors import AideonError
from aideon_desktop.core.store import Store
from tests.core.answering.conftest import no_local_model
from tests.support.catalogs import CATALOG

CARD = "4539 1488 0343 6467"


def test_an_answer_costs_two_transactions(assistant: Assistant, clouds) -> None:
    statements: list[str] = []
    conn = assistant.store._db.conn
    conn.set_trace_callback(statements.append)  # what SQLite actually ran
    try:
        answer = assistant.ask(
            AskRequest("Write a haiku about autumn rain.", new_conversation=True)
        ).drain()
    finally:
        conn.set_trace_callback(None)
    assert answer.text == "Hello from the cloud." and statements.count("COMMIT") == 2
    stored = assistant.store.messages(answer.conversation_id)
    assert [(m.role, m.partial) for m in stored] == [("user", False), ("assistant", False)]


def test_a_failed_send_leaves_no_ghost_conversation(clouds, tmp_path: Path) -> None:
    together, hf = clouds
    together.script(*[{"kind": "status", "status": 500}] * 4)
    hf.script(*[{"kind": "status", "status": 500}] * 4)
    store = Store(tmp_path / "db.sqlite3")
    assistant = Assistant(
        no_local_model(tmp_path), catalog=CATALOG, store=store, sleep=lambda s: None
    )
    with contextlib.suppress(AideonError):
        assistant.ask(AskRequest("Write a haiku", new_conversation=True)).drain()
    assert store.conversations() == []
    assistant.close()


def test_text_that_arrived_before_a_failure_is_kept_as_partial(clouds, tmp_path: Path) -> None:
    together, hf = clouds
    together.script({"kind": "cut", "after": 2})
    hf.script(*[{"kind": "status", "status": 500}] * 4)
    store = Store(tmp_path / "db.sqlite3")
    assistant = Assistant(
        no_local_model(tmp_path), catalog=CATALOG, store=store, sleep=lambda s: None
    )
    stream = assistant.ask(AskRequest("Write a haiku", new_conversation=True))
    with contextlib.suppress(AideonError):
        stream.drain()
    reply = store.messages(stream.answer.conversation_id)[-1]
    assert reply.role == "assistant" and reply.partial
    assistant.close()


def test_reply_meta_explains_the_route_without_values(assistant: Assistant) -> None:
    answer = assistant.ask(
        AskRequest(f"Card {CARD} was charged twice", mask_and_send=True, new_conversation=True)
    ).drain()
    meta = reply_meta(answer)
    assert meta["route"] == answer.current_route.display and meta["masked"]
    assert CARD not in json.dumps(meta) and CARD.replace(" ", "") not in json.dumps(meta)


def test_a_question_asked_again_is_stored_saying_which_and_if_edited(
    assistant: Assistant, clouds
) -> None:
    first = assistant.ask(AskRequest("Name a colour", new_conversation=True)).drain()
    again = AskRequest(
        "Name a dark colour",
        history=(),
        conversation_id=first.conversation_id,
        asks_again=0,
        edited=True,
    )
    assistant.ask(again).drain()
    stored = assistant.store.messages(first.conversation_id)
    assert [(m.role, m.meta) for m in stored if m.role == "user"] == [
        ("user", None),
        ("user", {"asks_again": 0, "edited": True}),
    ]
    assert len(stored) == 4  # the first question and its answer are still there


def test_a_device_answer_after_the_cloud_failed_counts_no_saving(
    clouds, local_provider, isolated_home: Path
) -> None:
    """The chat's line said nothing was saved, but the usage dashboard counted the baseline
    price as a saving for answers this device gave only because every cloud route failed."""
    together, hf = clouds
    together.script(*[{"kind": "status", "status": 500}] * 8)
    hf.script(*[{"kind": "status", "status": 500}] * 8)
    from aideon_desktop.core.config import load_settings

    assistant = Assistant(
        load_settings().settings, local=local_provider, catalog=CATALOG, sleep=lambda s: None
    )
    answer = assistant.ask(AskRequest("Name three colours", new_conversation=True)).drain()
    rows = assistant.store.usage_rows()
    assistant.close()
    assert answer.route.is_local and answer.failed_routes
    assert answer.saved_usd == 0 and answer.baseline_cost_usd == answer.cost_usd
    assert rows and all(r.baseline_micro_usd == r.cost_micro_usd for r in rows)
