"""Where a prompt goes: a pure function from what we know to an explained Decision.  No I/O.

Rules, in order:
1. Private (this prompt, or an earlier one in the conversation) → the user's own hardware:
   the trusted local-network server if there is one, then the embedded model.  Never cloud,
   not even as a fallback.
2. "Keep on device", offline mode, or no usable cloud provider → the embedded model.
3. Otherwise by task: code → cheapest healthy code-capable model; reasoning → strongest
   allowed model (premium when configured and allowed); general → cheapest model that fits.
   Budgets at their cap leave only free models (and finally the local one); fallbacks never
   jump to a much pricier model without saying so, and end on the local model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from aideon_desktop.core.catalog import Catalog, ModelEntry
from aideon_desktop.core.privacy import Verdict
from aideon_desktop.core.tasks import Task

LOCAL = "local"
LOCAL_NETWORK = "local_network"
PREMIUM = "premium"


@dataclass(frozen=True)
class Route:
    provider: str
    model: str
    display: str
    own_hardware: bool = False  # the embedded model, or a server the user marked as theirs

    @property
    def is_local(self) -> bool:
        return self.provider == LOCAL


@dataclass(frozen=True)
class BudgetState:
    """What the budgets allow right now (computed from spend by ``budgets.budget_state``)."""

    paid_blocked: bool = False
    blocked_providers: frozenset[str] = frozenset()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoutingInputs:
    verdict: Verdict
    task: Task
    catalog: Catalog
    local_route: Route
    cloud_providers: tuple[str, ...] = ()  # enabled and with a key
    unhealthy: frozenset[str] = frozenset()  # "provider" or "provider/model" with an open breaker
    budget: BudgetState = field(default_factory=BudgetState)
    trusted_network_route: Route | None = None
    untrusted_network_route: Route | None = None
    force_local: bool = False
    force_cloud: bool = False
    offline: bool = False
    never_premium: bool = False
    pinned: tuple[str, str] | None = None  # (provider, model) pinned for the conversation
    conversation_private: bool = False
    mask_and_send: bool = False  # the user opted in to masking maskable private values
    prompt_tokens: int = 0
    max_price_step: float = 4.0


@dataclass(frozen=True)
class Decision:
    route: Route
    private: bool
    task: Task
    reasons: tuple[str, ...]
    fallbacks: tuple[Route, ...] = ()
    refused: str | None = None
    warnings: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # privacy categories found (never the values)
    masked: bool = False  # redact-and-send: cloud routes get placeholders, never the values

    def routes(self) -> tuple[Route, ...]:
        return (self.route, *self.fallbacks)


def _route(entry: ModelEntry) -> Route:
    return Route(entry.provider, entry.id, entry.name)


def _on_device(
    inputs: RoutingInputs, reasons: list[str], private: bool, *, allow_network: bool
) -> Decision:
    routes = [inputs.local_route]
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
    )


def _candidates(inputs: RoutingInputs) -> tuple[list[ModelEntry], list[str]]:
    notes: list[str] = []
    usable = []
    for entry in inputs.catalog.model:
        if entry.provider not in inputs.cloud_providers:
            continue
        if entry.provider == PREMIUM and inputs.never_premium:
            continue
        if entry.provider in inputs.unhealthy or f"{entry.provider}/{entry.id}" in inputs.unhealthy:
            continue
        if not entry.is_free and (
            inputs.budget.paid_blocked or entry.provider in inputs.budget.blocked_providers
        ):
            continue
        if inputs.prompt_tokens and entry.context_length < inputs.prompt_tokens * 1.2:
            continue
        usable.append(entry)
    if inputs.budget.paid_blocked:
        notes.append("spending cap reached: only free models and the local model are used")
    for provider in sorted(inputs.budget.blocked_providers):
        notes.append(f"{provider} spending cap reached: its paid models are skipped")
    if inputs.unhealthy:
        notes.append("skipped (circuit open): " + ", ".join(sorted(inputs.unhealthy)))
    fitting = [m for m in usable if inputs.task in m.tasks]
    if not fitting and usable:
        notes.append(f"no {inputs.task} model available; using general models")
        fitting = [m for m in usable if "general" in m.tasks] or usable
    if inputs.task == "reasoning":
        fitting.sort(key=lambda m: (-m.tier, m.provider != PREMIUM, m.price_per_million))
    else:
        fitting.sort(key=lambda m: (m.price_per_million, -m.tier))
    return fitting, notes


def _cap_price_steps(
    first: ModelEntry, rest: list[ModelEntry], max_step: float, notes: list[str]
) -> list[ModelEntry]:
    reference = max(first.price_per_million, Decimal("0.20"))
    kept = []
    for entry in rest:
        if entry.price_per_million > reference * Decimal(str(max_step)):
            notes.append(
                f"not used as fallback: {entry.name} costs {entry.price_per_million / reference:.1f}× the first choice"
            )
            continue
        kept.append(entry)
    return kept


# Values that can be replaced by a placeholder without losing the question.  Health, legal or
# business disclosures are the question itself: they always stay on the user's hardware.
MASKABLE = frozenset(
    {"payment_card", "national_id", "bank_account", "secret", "contact", "custom_term"}
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
        f"masked before sending: {masked} — the real values stay on this device",
        *cloud.reasons[1:],
    )
    return replace(cloud, reasons=reasons, masked=True)


def decide(inputs: RoutingInputs) -> Decision:
    decision = _decide(inputs)
    return replace(decision, categories=tuple(inputs.verdict.categories))


def _decide(inputs: RoutingInputs) -> Decision:
    verdict = inputs.verdict
    if (
        verdict.sensitive
        and inputs.mask_and_send
        and not inputs.conversation_private
        and not inputs.force_local
    ):
        masked = _masked_decision(inputs)
        if masked is not None:
            return masked
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

    candidates, notes = _candidates(inputs)
    if (
        inputs.untrusted_network_route is not None
        and inputs.untrusted_network_route.provider not in inputs.unhealthy
    ):
        # A network server the user has not vouched for counts as cloud, at no cost.
        candidates.insert(
            0,
            ModelEntry(
                provider=LOCAL_NETWORK,
                id=inputs.untrusted_network_route.model,
                name=inputs.untrusted_network_route.display,
                tasks=["general", "code", "reasoning"],
                context_length=1_000_000,
                input_per_million=Decimal(0),
                output_per_million=Decimal(0),
                tier=3,
            ),
        )
    if inputs.pinned is not None:
        pinned = [m for m in candidates if (m.provider, m.id) == inputs.pinned]
        if pinned:
            candidates = pinned + [m for m in candidates if m is not pinned[0]]
            notes.insert(0, f"pinned for this conversation: {pinned[0].name}")
        else:
            notes.insert(0, f"pinned model {inputs.pinned[1]} is unavailable right now")
    if not candidates:
        if not inputs.cloud_providers:
            hint = (
                "no cloud API key is configured (add one in Settings) — answered by the local model"
            )
        else:
            hint = "no cloud model is usable right now — answered by the local model"
        refused = "No cloud provider is usable right now." if inputs.force_cloud else None
        return Decision(
            inputs.local_route,
            False,
            inputs.task,
            (hint, *notes),
            (),
            refused,
            inputs.budget.warnings,
        )

    first = candidates[0]
    why = {
        "code": "code task → cheapest code-capable model",
        "reasoning": "reasoning task → strongest available model",
        "general": "general task → cheapest model that fits",
    }[inputs.task]
    if inputs.pinned is not None and (first.provider, first.id) == inputs.pinned:
        why = "your pinned model"
    price = (
        "free"
        if first.is_free
        else f"${first.input_per_million}/${first.output_per_million} per 1M tokens"
    )
    reasons = ["no private data found", f"{why}: {first.name} ({price})"]
    rest = _cap_price_steps(first, candidates[1:], inputs.max_price_step, notes)
    fallbacks = [_route(m) for m in rest]
    if not inputs.force_cloud:
        fallbacks.append(inputs.local_route)
    return Decision(
        _route(first),
        False,
        inputs.task,
        tuple(reasons + notes),
        tuple(fallbacks),
        None,
        inputs.budget.warnings,
    )


def unhealthy_keys(states: Mapping[str, str]) -> frozenset[str]:
    """Breaker keys whose circuit is open (half-open ones may take a probe)."""
    return frozenset(key for key, state in states.items() if state == "open")
