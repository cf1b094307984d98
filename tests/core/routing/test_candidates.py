"""Candidate ranking: models meeting the quality floor, cheapest first; fallbacks never jump
to a much pricier model without a note."""

from __future__ import annotations

from decimal import Decimal

from aideon_desktop.core.routing.candidates import cap_price_steps, ranked
from tests.support.routing import ALL_CLOUDS, inputs


def test_models_meeting_the_floor_come_cheapest_first() -> None:
    candidates, _ = ranked(inputs("Write a haiku about autumn", cloud_providers=ALL_CLOUDS))
    meeting = [c for c in candidates if c.meets_floor]
    assert meeting, "some model meets the floor for a simple general prompt"
    head = candidates[: len(meeting)]
    costs = [c.cost for c in head if c.meets_floor]
    assert costs == sorted(costs)


def test_a_hard_task_has_a_higher_floor_than_an_easy_one() -> None:
    easy, _ = ranked(inputs("What is 2+2?", cloud_providers=ALL_CLOUDS))
    hard_prompt = (
        "Prove that there are infinitely many primes p such that p ≡ 3 (mod 4), then generalise "
        "the argument and explain where it fails for p ≡ 1 (mod 4). Give every step."
    )
    hard, _ = ranked(inputs(hard_prompt, cloud_providers=ALL_CLOUDS))
    assert sum(c.meets_floor for c in hard) < sum(c.meets_floor for c in easy)


def test_pricier_fallbacks_are_left_out_with_a_note() -> None:
    candidates, _ = ranked(inputs("Write a haiku about autumn", cloud_providers=ALL_CLOUDS))
    first, rest = candidates[0].entry, candidates[1:]
    notes: list[str] = []
    kept = cap_price_steps(first, rest, 3.0, notes)
    reference = max(first.price_per_million, Decimal("0.20"))
    assert all(c.entry.price_per_million <= reference * 3 for c in kept)
    dropped = len(rest) - len(kept)
    assert dropped == len(notes) and all("costs" in n and "×" in n for n in notes)
