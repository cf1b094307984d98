"""Chat values: messages serialise to the wire shape, usage adds up, params cancel apart."""

from __future__ import annotations

import typing

from aideon_desktop.core.chat import GenerationParams, Message, NoticeKind, Usage


def test_message_wire_shape_and_usage_totals() -> None:
    assert Message("system", "Be brief.").as_dict() == {"role": "system", "content": "Be brief."}
    assert Usage(12, 5).total_tokens == 17 and not Usage(12, 5).estimated


def test_each_generation_can_be_cancelled_on_its_own() -> None:
    first, second = GenerationParams(), GenerationParams()
    first.cancel.set()
    assert first.cancel.is_set() and not second.cancel.is_set()


def test_notice_kinds_cover_what_the_ui_acts_on() -> None:
    kinds = set(typing.get_args(NoticeKind))
    assert {"answering", "failover", "restart", "history_unavailable", "budget_warning"} <= kinds


def test_latest_answers_keeps_the_newer_of_two_answers_in_a_row() -> None:
    from aideon_desktop.core.chat import latest_answers

    turns = [("user", "Q"), ("assistant", "A1"), ("assistant", "A2"), ("user", "Q2")]
    assert latest_answers(turns) == (("user", "Q"), ("assistant", "A2"), ("user", "Q2"))
    assert latest_answers([("user", "Q"), ("assistant", "A")]) == (
        ("user", "Q"),
        ("assistant", "A"),
    )
