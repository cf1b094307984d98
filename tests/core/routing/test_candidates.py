"""Candidate ranking: models meeting the quality floor, cheapest first; fallbacks never jump
to a much pricier model without a note."""

from __future__ import annotations

from dataclasses import replace
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


def test_a_refreshed_catalogue_is_ranked_by_its_new_prices() -> None:
    before = inputs("Write a haiku about autumn", cloud_providers=ALL_CLOUDS)
    first = ranked(before)[0][0].entry
    # the cheapest model becomes the dearest: the next ranking must not reuse the old rows
    refreshed = before.catalog.with_prices(
        first.provider, {first.id: (Decimal(90), Decimal(90))}, "2026-01-01"
    )
    after = ranked(replace(before, catalog=refreshed))[0]
    assert after[0].entry.id != first.id
    moved = next(c for c in after if c.entry.id == first.id)
    assert moved.entry.input_per_million == Decimal(90)


def test_a_model_added_to_the_catalogue_is_a_candidate() -> None:
    shipped = inputs("Write a haiku about autumn", cloud_providers=ALL_CLOUDS)
    own = shipped.catalog.model_copy(update={"model": list(shipped.catalog.model)})  # not shared
    base = replace(shipped, catalog=own)
    ranked(base)  # the catalogue's rows are now kept
    own.model.append(own.model[-1].model_copy(update={"id": "new/model", "name": "New"}))
    assert any(c.entry.id == "new/model" for c in ranked(base)[0])
