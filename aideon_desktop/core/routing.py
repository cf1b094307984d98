"""Where a prompt goes: a pure function from what we know to a Decision.  No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field

from aideon_desktop.core.catalog import Catalog, ModelEntry
from aideon_desktop.core.privacy import Verdict
from aideon_desktop.core.tasks import Task

LOCAL = "local"


@dataclass(frozen=True)
class Route:
    provider: str
    model: str
    display: str

    @property
    def is_local(self) -> bool:
        return self.provider == LOCAL


@dataclass(frozen=True)
class RoutingInputs:
    verdict: Verdict
    task: Task
    catalog: Catalog
    local_route: Route
    cloud_providers: tuple[str, ...] = ()  # providers with a key, enabled and healthy
    force_local: bool = False
    force_cloud: bool = False
    offline: bool = False
    conversation_private: bool = False


@dataclass(frozen=True)
class Decision:
    route: Route
    private: bool
    task: Task
    reasons: tuple[str, ...]
    fallbacks: tuple[Route, ...] = field(default_factory=tuple)
    refused: str | None = (
        None  # set when the request must not be answered (e.g. --cloud on private)
    )

    def routes(self) -> tuple[Route, ...]:
        return (self.route, *self.fallbacks)


def _cloud_candidates(inputs: RoutingInputs) -> list[ModelEntry]:
    models = [m for m in inputs.catalog.model if m.provider in inputs.cloud_providers]
    fitting = [m for m in models if inputs.task in m.tasks] or models
    if inputs.task == "reasoning":
        return sorted(fitting, key=lambda m: (-m.tier, m.input_per_million + m.output_per_million))
    return sorted(fitting, key=lambda m: (m.input_per_million + m.output_per_million, -m.tier))


def decide(inputs: RoutingInputs) -> Decision:
    verdict, local = inputs.verdict, inputs.local_route
    if verdict.sensitive:
        found = "; ".join(dict.fromkeys(f.reason for f in verdict.findings))
        reasons = [f"private: {found} — stays on this device"]
        if inputs.force_cloud:
            return Decision(
                local,
                True,
                inputs.task,
                tuple(reasons),
                refused=(
                    "This prompt contains private data, so it is answered on this device or not at all; "
                    "--cloud cannot override that."
                ),
            )
        return Decision(local, True, inputs.task, tuple(reasons))
    if inputs.conversation_private:
        reason = "an earlier message in this conversation was private, so the whole conversation stays on this device"
        if inputs.force_cloud:
            return Decision(
                local,
                True,
                inputs.task,
                (reason,),
                refused=reason + "; --cloud cannot override that.",
            )
        return Decision(local, True, inputs.task, (reason,))
    if inputs.force_local:
        return Decision(
            local, False, inputs.task, ("you asked to keep this message on this device",)
        )
    if inputs.offline:
        return Decision(local, False, inputs.task, ("offline mode: nothing leaves this device",))
    candidates = _cloud_candidates(inputs)
    if not candidates:
        hint = "no cloud API key is configured (add one in Settings) — answered by the local model"
        if inputs.force_cloud:
            return Decision(
                local,
                False,
                inputs.task,
                (hint,),
                refused="No cloud provider is configured: add an API key first.",
            )
        return Decision(local, False, inputs.task, (hint,))
    routes = [Route(m.provider, m.id, m.name) for m in candidates]
    first = candidates[0]
    why = {
        "code": "code task → cheapest code-capable model",
        "reasoning": "reasoning task → strongest available model",
        "general": "general task → cheapest model that fits",
    }[inputs.task]
    reasons = (
        "no private data found",
        f"{why}: {first.name} (${first.input_per_million}/${first.output_per_million} per 1M tokens)",
    )
    fallbacks = tuple(routes[1:]) if inputs.force_cloud else (*routes[1:], local)
    return Decision(routes[0], False, inputs.task, reasons, fallbacks)
