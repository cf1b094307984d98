"""What a message's chip and detail line say (Qt-free), for live and reopened answers alike,
and titles safe to show."""

from __future__ import annotations

from aideon_desktop.core.privacy import scan
from aideon_desktop.ui.transcript import (
    TranscriptEntry,
    details_line,
    display_title,
    history_before,
    prompt_for,
    route_chip,
)


def meta(**changes) -> dict:
    base = {
        "route": "Llama 3.3 70B",
        "own_hardware": False,
        "private": False,
        "task": "code",
        "prompt_tokens": 31,
        "completion_tokens": 180,
        "cost_usd": "0.000186",
        "saved_usd": "0.001900",
        "reasons": ["no private data found"],
        "masked": [],
        "failed_routes": [],
        "cache_hit": False,
        "partial": False,
    }
    return base | changes


def chip(**changes):
    return route_chip(TranscriptEntry("assistant", "hi", meta=meta(**changes)))


def test_route_chips_say_where_each_answer_came_from() -> None:
    assert (chip().kind, chip().text) == ("cloud", "Llama 3.3 70B")
    local = "SmolLM2 (on this device)"
    assert chip(route=local, own_hardware=True).text == "On this device"
    assert chip(route=local, own_hardware=True, private=True).kind == "private"
    assert chip(cache_hit=True).text == "From cache · $0"
    assert chip(masked=["[CARD_1] = Visa card number"]).text == "Masked → Llama 3.3 70B"
    fallback = chip(route=local, own_hardware=True, failed_routes=["Llama 3.3 70B"])
    assert (fallback.kind, fallback.text) == ("fallback", "Cloud failed → answered on this device")
    assert route_chip(TranscriptEntry("user", "hi")) is None


def test_the_detail_line_has_route_tokens_cost_savings_or_the_fallback() -> None:
    line = details_line(
        meta(
            route="SmolLM2 (on this device)",
            own_hardware=True,
            failed_routes=["Llama 3.3 70B"],
            cost_usd="0",
        )
    )
    assert line.startswith("On device: SmolLM2 · code · 31+180 tokens · $0 · Llama 3.3 70B failed")
    assert "Llama 3.3 70B failed → answered on this device" in line and "saved" not in line
    assert "· saved $0.001900" in details_line(meta(route="SmolLM2 (on this device)"))
    assert "masked: [CARD_1] = Visa" in details_line(meta(masked=["[CARD_1] = Visa"]))


def test_live_chip_follows_the_route_that_answers_now() -> None:
    entry = TranscriptEntry("assistant", "", streaming=True)
    assert route_chip(entry).kind == "pending"
    entry.live_route, entry.live_on_device = "Llama 3.3 70B", False
    assert route_chip(entry).text == "Llama 3.3 70B"
    entry.live_failed = ["Llama 3.3 70B"]
    entry.live_route, entry.live_on_device = "SmolLM2 (on this device)", True
    assert route_chip(entry).text == "Cloud failed → answering on this device"


def test_titles_are_masked_for_display_even_when_stored_raw() -> None:
    assert display_title("Pay 4539 1488 0343 6467 today", scan) == "Pay … today"
    cut = "A very long question about my payments and the card ending 4539 1488 0343"
    assert len(cut) >= 60 and "0343" not in display_title(cut, scan)
    assert display_title("Meeting notes 2024-03-05", scan) == "Meeting notes 2024-03-05"
    assert display_title("  ", scan) == "New chat"


def test_history_before_leaves_out_superseded_attempts() -> None:
    entries = [
        TranscriptEntry("user", "q1"),
        TranscriptEntry("assistant", "broken", superseded=True),
        TranscriptEntry("assistant", "a1"),
        TranscriptEntry("user", "q2"),
        TranscriptEntry("assistant", "a2"),
    ]
    assert [m.content for m in history_before(entries, 3)] == ["q1", "a1"]
    assert prompt_for(entries, 4) == 3 and prompt_for(entries, 2) == 0


def test_a_long_fallback_chain_is_counted_under_the_answer_and_named_in_full_on_hover() -> None:
    failed = ["Qwen3.7 Max (Together)", "DeepSeek V4 Pro (HF router)", "Kimi K2.6 (Together)"]
    data = meta(route="SmolLM2 (on this device)", own_hardware=True, failed_routes=failed)
    short = details_line(data)
    assert "Qwen3.7 Max (Together), DeepSeek V4 Pro (HF router) and 1 more failed" in short
    assert "Kimi K2.6" not in short
    assert f"{', '.join(failed)} failed → answered on this device" in details_line(data, full=True)
    assert "Kimi K2.6" in route_chip(TranscriptEntry("assistant", "hi", meta=data)).description


def test_routes_skipped_untried_are_counted_apart_from_routes_that_failed() -> None:
    """A refused key skips the provider's other models: they were never sent anything, yet
    the line said they failed."""
    failed = ["Qwen3.7 Max (Together)", "DeepSeek V4 Pro (HF router)", "Kimi K2.6 (Together)"]
    skipped = ["Kimi K2.6 (Together)"]
    data = meta(
        route="SmolLM2 (on this device)",
        own_hardware=True,
        failed_routes=failed,
        skipped_routes=skipped,
    )
    line = details_line(data)
    assert "Qwen3.7 Max (Together), DeepSeek V4 Pro (HF router) failed, 1 not tried" in line
    only_skipped = meta(
        route="Llama 3.3 70B (Together)", failed_routes=skipped, skipped_routes=skipped
    )
    assert "· 1 not tried → answered on Llama 3.3 70B" in details_line(only_skipped)


def test_a_masked_answer_names_its_masked_values_once() -> None:
    """It read "masked: [ACCOUNT_1] = IBAN … — masked before sending: IBAN … — the real
    values stay on this device"."""
    reason = "masked before sending: IBAN (GB, mod-97 valid) — the real values stay on this device"
    line = details_line(
        meta(masked=["[ACCOUNT_1] = IBAN (GB, mod-97 valid)"], reasons=[reason, "cheapest"])
    )
    assert line.count("IBAN (GB, mod-97 valid)") == 1
    assert line.endswith("masked: [ACCOUNT_1] = IBAN (GB, mod-97 valid) — the real values stay "
                         "on this device")  # fmt: skip
