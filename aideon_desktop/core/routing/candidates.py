"""Which cloud models may answer, and in what order: the cheapest whose quality meets the
floor for the task and difficulty first, then the others that meet it (cheapest first), then
those below it (strongest first)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from aideon_desktop.core.catalog import ModelEntry
from aideon_desktop.core.routing.model import PREMIUM, RoutingInputs, Standing


@dataclass(frozen=True)
class Candidate:
    entry: ModelEntry
    quality: float  # published score for the task, moved by what this device learned
    learned: Standing
    cost: Decimal  # expected USD for this request
    meets_floor: bool
    near_floor: bool = False  # below the floor but close enough to spare a premium price


def _allowed(entry: ModelEntry, inputs: RoutingInputs) -> bool:
    """Providers with a key, "never premium", open breakers, budgets and context length."""
    if entry.provider not in inputs.cloud_providers or not entry.is_chat:
        return False
    if entry.provider == PREMIUM and inputs.never_premium:
        return False
    if entry.provider in inputs.unhealthy or f"{entry.provider}/{entry.id}" in inputs.unhealthy:
        return False
    budget = inputs.budget
    if not entry.is_free and (budget.paid_blocked or entry.provider in budget.blocked_providers):
        return False
    return not (inputs.prompt_tokens and entry.context_length < inputs.prompt_tokens * 1.2)


def _notes(inputs: RoutingInputs) -> list[str]:
    notes = []
    if inputs.budget.paid_blocked:
        notes.append("spending cap reached: only free models and the local model are used")
    for provider in sorted(inputs.budget.blocked_providers):
        notes.append(f"{provider} spending cap reached: its paid models are skipped")
    if inputs.unhealthy:
        notes.append("skipped (circuit open): " + ", ".join(sorted(inputs.unhealthy)))
    return notes


def _candidate(entry: ModelEntry, inputs: RoutingInputs, floor: float, out: int) -> Candidate:
    learned = inputs.standings.get((entry.provider, entry.id), Standing())
    # learning is bounded here too, whatever the store handed in
    points = inputs.policy.learning.clamp(learned.points)
    quality = entry.score(inputs.task) + points
    cost = entry.cost(inputs.prompt_tokens, out)
    return Candidate(entry, quality, Standing(points, learned.why), cost, quality >= floor)


def _fitting(inputs: RoutingInputs, notes: list[str]) -> list[ModelEntry]:
    usable = [m for m in inputs.catalog.model if _allowed(m, inputs)]
    # a pinned model answers whatever the task; others must offer it
    fitting = [m for m in usable if inputs.task in m.tasks or (m.provider, m.id) == inputs.pinned]
    if usable and not fitting:
        notes.append(f"no {inputs.task} model available; using general models")
        fitting = [m for m in usable if "general" in m.tasks] or usable
    return fitting


def _premium_spared(
    meeting: list[Candidate], below: list[Candidate], floor: float, margin: float
) -> list[Candidate] | None:
    """If only premium meets the floor, the open models within ``margin`` of it go first, the
    strongest first: a higher floor never gets a weaker model (cheapest-first, a floor of 80
    picked a 75.7 where 79 picked a 79.7)."""
    if not meeting or any(c.entry.provider != PREMIUM for c in meeting):
        return None
    near = [
        replace(c, near_floor=True)
        for c in below
        if c.entry.provider != PREMIUM and c.quality >= floor - margin
    ]
    if not near:
        return None
    near.sort(key=lambda c: (-c.quality, c.cost))
    spared = {(c.entry.provider, c.entry.id) for c in near}
    return near + meeting + [c for c in below if (c.entry.provider, c.entry.id) not in spared]


def ranked(inputs: RoutingInputs) -> tuple[list[Candidate], list[str]]:
    """Usable models in the order to try them, and notes on what was left out and why."""
    notes = _notes(inputs)
    fitting = _fitting(inputs, notes)
    floor = inputs.policy.floor(inputs.task, inputs.difficulty)
    out = inputs.policy.answer_tokens(inputs.task, inputs.difficulty)
    candidates = [_candidate(m, inputs, floor, out) for m in fitting]
    meeting = sorted((c for c in candidates if c.meets_floor), key=lambda c: (c.cost, -c.quality))
    below = sorted((c for c in candidates if not c.meets_floor), key=lambda c: (-c.quality, c.cost))
    spared = _premium_spared(meeting, below, floor, inputs.policy.premium_margin)
    return (spared if spared is not None else meeting + below), notes


def cap_price_steps(
    first: ModelEntry, rest: list[Candidate], max_step: float, notes: list[str]
) -> list[Candidate]:
    """Fallbacks never jump to a much pricier model without saying so."""
    reference = max(first.price_per_million, Decimal("0.20"))
    kept = []
    for candidate in rest:
        entry = candidate.entry
        if entry.price_per_million > reference * Decimal(str(max_step)):
            ratio = entry.price_per_million / reference
            notes.append(f"not used as fallback: {entry.name} costs {ratio:.1f}× the first choice")
            continue
        kept.append(candidate)
    return kept
