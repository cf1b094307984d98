"""Which cloud models may answer, and in what order: the cheapest whose quality meets the
floor for the task and difficulty first, then the others that meet it (cheapest first), then
those below it (strongest first)."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from aideon_desktop.core.catalog import TASKS, Catalog, ModelEntry
from aideon_desktop.core.routing.model import PREMIUM, RoutingInputs, Standing


class Candidate(NamedTuple):
    entry: ModelEntry
    quality: float  # published score for the task, moved by what this device learned
    learned: Standing
    cost: Decimal  # expected USD for this request
    meets_floor: bool
    near_floor: bool = False  # below the floor but close enough to spare a premium price


class _Row(NamedTuple):
    """What routing reads of one chat model of the catalogue, read once per catalogue."""

    entry: ModelEntry
    provider: str
    pair: tuple[str, str]  # (provider, model id): how pins and standings name it
    key: str  # "provider/model id": how an open breaker names it
    tasks: frozenset[str]
    free: bool
    context_length: int
    scores: dict[str, float]  # published quality per task
    input_per_million: Decimal
    output_per_million: Decimal


# Catalogues are values (a price refresh builds a new one), so their rows are kept by identity:
# the catalogue object, its list of models and the list's length must all be the same.
_ROWS: dict[int, tuple[Catalog, list[ModelEntry], int, tuple[_Row, ...]]] = {}
_ROWS_KEPT = 8
_MILLION = Decimal(1_000_000)


def _rows(catalog: Catalog) -> tuple[_Row, ...]:
    """The catalogue's chat models as rows (a base/completion model is never routed to)."""
    kept = _ROWS.get(id(catalog))
    if kept and kept[0] is catalog and kept[1] is catalog.model and kept[2] == len(kept[1]):
        return kept[3]
    rows = tuple(
        _Row(
            m,
            m.provider,
            (m.provider, m.id),
            f"{m.provider}/{m.id}",
            frozenset(m.tasks),
            m.is_free,
            m.context_length,
            {task: m.score(task) for task in TASKS},
            m.input_per_million,
            m.output_per_million,
        )
        for m in catalog.model
        if m.is_chat
    )
    if len(_ROWS) >= _ROWS_KEPT:
        _ROWS.clear()
    _ROWS[id(catalog)] = (catalog, catalog.model, len(catalog.model), rows)
    return rows


def _usable(inputs: RoutingInputs) -> list[_Row]:
    """Providers with a key, "never premium", open breakers, budgets and context length."""
    providers, unhealthy, budget = inputs.cloud_providers, inputs.unhealthy, inputs.budget
    no_premium = inputs.never_premium
    paid_blocked, blocked = budget.paid_blocked, budget.blocked_providers
    needed = inputs.prompt_tokens * 1.2 if inputs.prompt_tokens else 0
    usable = []
    for row in _rows(inputs.catalog):
        provider = row.provider
        if provider not in providers or (provider == PREMIUM and no_premium):
            continue
        if unhealthy and (provider in unhealthy or row.key in unhealthy):
            continue
        if not row.free and (paid_blocked or provider in blocked):
            continue
        if needed and row.context_length < needed:
            continue
        usable.append(row)
    return usable


def _notes(inputs: RoutingInputs) -> list[str]:
    notes = []
    if inputs.budget.paid_blocked:
        notes.append("spending cap reached: only free models and the local model are used")
    for provider in sorted(inputs.budget.blocked_providers):
        notes.append(f"{provider} spending cap reached: its paid models are skipped")
    if inputs.unhealthy:
        notes.append("skipped (circuit open): " + ", ".join(sorted(inputs.unhealthy)))
    return notes


def _candidates(rows: list[_Row], inputs: RoutingInputs, floor: float, out: int) -> list[Candidate]:
    task, standings, clamp = inputs.task, inputs.standings, inputs.policy.learning.clamp
    prompt_tokens, answer_tokens = Decimal(inputs.prompt_tokens), Decimal(out)
    unknown_points = clamp(0.0)  # a model this device has learned nothing about
    unknown = Standing(unknown_points, "")
    found = []
    for row in rows:
        learned = standings.get(row.pair) if standings else None
        if learned is None:
            points, standing = unknown_points, unknown
        else:
            # learning is bounded here too, whatever the store handed in
            points = clamp(learned.points)
            standing = Standing(points, learned.why)
        quality = row.scores[task] + points
        cost = (
            prompt_tokens * row.input_per_million + answer_tokens * row.output_per_million
        ) / _MILLION
        found.append(Candidate(row.entry, quality, standing, cost, quality >= floor))
    return found


def _fitting(inputs: RoutingInputs, notes: list[str]) -> list[_Row]:
    usable = _usable(inputs)
    # a pinned model answers whatever the task; others must offer it
    task, pinned = inputs.task, inputs.pinned
    fitting = [r for r in usable if task in r.tasks or r.pair == pinned]
    if usable and not fitting:
        notes.append(f"no {inputs.task} model available; using general models")
        fitting = [r for r in usable if "general" in r.tasks] or usable
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
        c._replace(near_floor=True)
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
    candidates = _candidates(fitting, inputs, floor, out)
    meeting = sorted((c for c in candidates if c.meets_floor), key=lambda c: (c.cost, -c.quality))
    below = sorted((c for c in candidates if not c.meets_floor), key=lambda c: (-c.quality, c.cost))
    spared = _premium_spared(meeting, below, floor, inputs.policy.premium_margin)
    return (spared if spared is not None else meeting + below), notes


def cap_price_steps(
    first: ModelEntry, rest: list[Candidate], max_step: float, notes: list[str]
) -> list[Candidate]:
    """Fallbacks never jump to a much pricier model without saying so."""
    reference = max(first.price_per_million, Decimal("0.20"))
    limit = reference * Decimal(str(max_step))
    kept = []
    for candidate in rest:
        entry = candidate.entry
        if entry.price_per_million > limit:
            ratio = entry.price_per_million / reference
            notes.append(f"not used as fallback: {entry.name} costs {ratio:.1f}× the first choice")
            continue
        kept.append(candidate)
    return kept
