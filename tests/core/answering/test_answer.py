"""Answer: valid while it grows, and its JSON form."""

from __future__ import annotations

from aideon_desktop.core.answering import Answer, answer_json
from aideon_desktop.core.chat import Notice, Usage
from aideon_desktop.core.routing import Decision, Route

LOCAL = Route("local", "smollm2", "SmolLM2 (on this device)", own_hardware=True)


def decision() -> Decision:
    return Decision(LOCAL, True, "general", ("private: card number",))


def test_text_grows_piece_by_piece_and_reads_whole_at_any_time() -> None:
    answer = Answer(decision())
    for piece in ("Hel", "lo", " there"):
        answer.add_text(piece)
        assert answer.text.endswith(piece)
    assert answer.text == "Hello there"
    answer.text = ""
    assert answer.text == "" and answer.current_route is LOCAL


def test_json_carries_notice_kinds_and_never_needs_the_stream() -> None:
    answer = Answer(decision(), conversation_id=7)
    answer.notices.append(Notice("failover", "Together failed (500); trying the next option."))
    answer.usage = Usage(12, 3)
    payload = answer_json(answer)
    assert payload["route"] == "local" and payload["private"] is True
    assert payload["notice_kinds"] == ["failover"] and payload["usage"]["prompt_tokens"] == 12
    assert payload["conversation_id"] == 7 and payload["failed_routes"] == []
