"""The values routing works with: routes, budgets, the inputs of a decision and the decision."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from aideon_desktop.core.catalog import Catalog
from aideon_desktop.core.privacy import Verdict
from aideon_desktop.core.routing.policy import Policy, load_policy
from aideon_desktop.core.tasks import Difficulty, Task

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
class Standing:
    """What this device has learned about one model for one task: quality points to add
    (negative: demoted) and why, in words ("2 thumbs down, 1 regenerate")."""

    points: float = 0.0
    why: str = ""


@dataclass(frozen=True)
class RoutingInputs:
    verdict: Verdict
    task: Task
    catalog: Catalog
    local_route: Route  # the model the user chose to answer on this device
    # Further routes on this device, tried after local_route (the embedded model when an
    # Ollama / LM Studio model is chosen and its server stops).
    on_device_fallbacks: tuple[Route, ...] = ()
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
    difficulty: Difficulty = "medium"
    standings: Mapping[tuple[str, str], Standing] = field(default_factory=dict)  # for `task`
    policy: Policy = field(default_factory=load_policy)


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
    difficulty: Difficulty = "medium"

    def routes(self) -> tuple[Route, ...]:
        return (self.route, *self.fallbacks)


def unhealthy_keys(states: Mapping[str, str]) -> frozenset[str]:
    """Breaker keys whose circuit is open (half-open ones may take a probe)."""
    return frozenset(key for key, state in states.items() if state == "open")
