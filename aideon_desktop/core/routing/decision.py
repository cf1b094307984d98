"""Where a prompt goes: a pure function from what we know to an explained Decision.  No I/O.

Rules, in order:
1. Private (this prompt, or an earlier one in the conversation) → the user's own hardware:
   the trusted local-network server if there is one, then the embedded model.  Never cloud,
   not even as a fallback.
2. "Keep on device", offline mode, or no usable cloud provider → the embedded model.
3. Otherwise the cheapest usable model whose quality for the task meets the floor for the
   prompt's difficulty (resources/routing.toml); a pinned model first; budgets at their cap
   leave only free models (and finally the local one); fallbacks never jump to a much pricier
   model without saying so, and end on the local model.  What this device has learned moves a
   model's quality within bounds; it never reaches past rules 1-2, pins or budgets.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from aideon_desktop.core.catalog import ModelEntry, Quality
from aideon_desktop.core.privacy import MASKABLE, Verdict
from aideon_desktop.core.routing.candidates import Candidate, cap_price_steps, ranked
from aideon_desktop.core.routing.model import (
    LOCAL_NETWORK,
    Decision,
    Route,
    RoutingInputs,
    Standing,
)

# How a masked answer's first reason begins, and what it ends with (the chat shows the masked
# values beside the answer and only this note after them).
MASKED_REASON = "masked before sending"
MASKED_NOTE = "the real values stay on this device"


def _route(entry: ModelEntry) -> Route:
    return Route(entry.provider, entry.id, entry.name)


def _on_device(
    inputs: RoutingInputs, reasons: list[str], private: bool, *, allow_network: bool
) -> Decision:
    routes = [inputs.local_route, *inputs.on_device_fallbacks]
    if allow_network and inputs.trusted_network_route is not None:
        routes.insert(0, inputs.trusted_network_route)
        reasons.append(f"{inputs.trusted_network_route.display} is marked as your own hardware")
    refused = reasons[0] + "; --cloud cannot override that." if inputs.force_cloud else None
    return Decision(
        routes[0],
        private,
        inputs.task,
        tuple(reasons),
        tuple(routes[1:]),
        refused,
        inputs.budget.warnings,
        difficulty=inputs.difficulty,
    )


def _masked_decision(inputs: RoutingInputs) -> Decision | None:
    """Redact-and-send: only when every finding can be masked and a cloud model is usable."""
    if not {f.category for f in inputs.verdict.findings} <= MASKABLE or inputs.offline:
        return None
    cloud = _decide(replace(inputs, verdict=Verdict(sensitive=False), mask_and_send=False))
    if cloud.route.own_hardware or cloud.refused:
        return None
    masked = ", ".join(dict.fromkeys(f.reason for f in inputs.verdict.findings))
    reasons = (
        f"{MASKED_REASON}: {masked} — {MASKED_NOTE}",
        *cloud.reasons[1:],
    )
    return replace(cloud, reasons=reasons, masked=True)


def decide(inputs: RoutingInputs) -> Decision:
    decision = _decide(inputs)
    categories = tuple(inputs.verdict.categories)
    if categories == decision.categories:  # none found (most prompts): nothing to copy
        return decision
    return replace(decision, categories=categories)


def _kept_on_device(inputs: RoutingInputs) -> Decision | None:
    """Rules 1-2: private prompts, "keep on device" and offline mode."""
    verdict = inputs.verdict
    if verdict.sensitive:
        found = "; ".join(dict.fromkeys(f.reason for f in verdict.findings))
        return _on_device(
            inputs, [f"private: {found} — stays on your own hardware"], True, allow_network=True
        )
    if inputs.conversation_private:
        reason = "an earlier message in this conversation was private, so the whole conversation stays on your own hardware"
        return _on_device(inputs, [reason], True, allow_network=True)
    if inputs.force_local:
        return _on_device(
            inputs, ["you asked to keep this message on this device"], False, allow_network=False
        )
    if inputs.offline:
        return _on_device(
            inputs, ["offline mode: nothing leaves this device"], False, allow_network=True
        )
    return None


def _decide(inputs: RoutingInputs) -> Decision:
    verdict = inputs.verdict
    if verdict.sensitive and inputs.mask_and_send and not inputs.conversation_private:
        masked = None if inputs.force_local else _masked_decision(inputs)
        if masked is not None:
            return masked
    on_device = _kept_on_device(inputs)
    if on_device is not None:
        return on_device
    candidates, notes = ranked(inputs)
    network = _network_candidate(inputs)
    if network is not None:
        candidates.insert(0, network)  # a server the user runs, not vouched for: cloud at no cost
    candidates = _pin_first(candidates, inputs, notes)
    if not candidates:
        return _local_only(inputs, notes)
    return _cloud_decision(inputs, candidates, notes)


def _network_candidate(inputs: RoutingInputs) -> Candidate | None:
    route = inputs.untrusted_network_route
    if route is None or route.provider in inputs.unhealthy:
        return None
    entry = ModelEntry(
        provider=LOCAL_NETWORK,
        id=route.model,
        name=route.display,
        tasks=["general", "code", "reasoning"],
        context_length=1_000_000,
        input_per_million=Decimal(0),
        output_per_million=Decimal(0),
        quality=Quality(general=0, code=0, reasoning=0),
        quality_source="your own server: not measured",
    )
    return Candidate(entry, 0.0, Standing(), Decimal(0), meets_floor=True)


def _pin_first(
    candidates: list[Candidate], inputs: RoutingInputs, notes: list[str]
) -> list[Candidate]:
    if inputs.pinned is None:
        return candidates
    pinned = [c for c in candidates if (c.entry.provider, c.entry.id) == inputs.pinned]
    if not pinned:
        notes.insert(0, f"pinned model {inputs.pinned[1]} is unavailable right now")
        return candidates
    notes.insert(0, f"pinned for this conversation: {pinned[0].entry.name}")
    return pinned + [c for c in candidates if c is not pinned[0]]


def _local_only(inputs: RoutingInputs, notes: list[str]) -> Decision:
    if not inputs.cloud_providers:
        hint = "no cloud API key is configured (add one in Settings) — answered by the local model"
    else:
        hint = "no cloud model is usable right now — answered by the local model"
    refused = "No cloud provider is usable right now." if inputs.force_cloud else None
    return Decision(
        inputs.local_route,
        False,
        inputs.task,
        (hint, *notes),
        inputs.on_device_fallbacks,
        refused,
        inputs.budget.warnings,
        difficulty=inputs.difficulty,
    )


def _price(entry: ModelEntry) -> str:
    if entry.is_free:
        return "free"
    return f"${entry.input_per_million}/${entry.output_per_million} per 1M tokens"


def _why(first: Candidate, inputs: RoutingInputs) -> str:
    """ "code, hard → GLM-5.2 (Together): cheapest with code score ≥ 78 (79.7) — $1.4/$4.4 …" """
    entry, task = first.entry, inputs.task
    head = f"{task}, {inputs.difficulty} → {entry.name}"
    if inputs.pinned is not None and (entry.provider, entry.id) == inputs.pinned:
        return f"{head}: your pinned model ({_price(entry)})"
    if entry.provider == LOCAL_NETWORK:
        return f"{head}: your network server (free; its quality is not measured)"
    floor = inputs.policy.floor(task, inputs.difficulty)
    if first.meets_floor:
        met = f"cheapest with {task} score ≥ {floor:g} ({first.quality:.1f})"
    elif first.near_floor:
        met = (
            f"only premium reaches the {task} floor {floor:g}; this model is within "
            f"{inputs.policy.premium_margin:g} of it ({first.quality:.1f}) at a fraction of the price"
        )
    else:
        met = (
            f"no usable model reaches the {task} floor {floor:g}; "
            f"the strongest available, cheapest first ({first.quality:.1f})"
        )
    return f"{head}: {met} — {_price(entry)}"


def _learned_notes(candidates: list[Candidate], task: str) -> list[str]:
    """The three models this device moved most (most often none: nothing to sort)."""
    moved = [c for c in candidates if c.learned.points]
    return [
        f"learned on this device: {c.entry.name} {c.learned.points:+.1f} for {task} ({c.learned.why})"
        for c in sorted(moved, key=lambda c: -abs(c.learned.points))[:3]
    ]


def _cloud_decision(
    inputs: RoutingInputs, candidates: list[Candidate], notes: list[str]
) -> Decision:
    first = candidates[0]
    reasons = [
        "no private data found",
        _why(first, inputs),
        *_learned_notes(candidates, inputs.task),
    ]
    rest = cap_price_steps(first.entry, candidates[1:], inputs.max_price_step, notes)
    fallbacks = [_route(c.entry) for c in rest[: inputs.policy.max_fallbacks]]
    if not inputs.force_cloud:
        fallbacks += [inputs.local_route, *inputs.on_device_fallbacks]
    return Decision(
        _route(first.entry),
        False,
        inputs.task,
        tuple(reasons + notes),
        tuple(fallbacks),
        None,
        inputs.budget.warnings,
        difficulty=inputs.difficulty,
    )
