"""The answer as it stands: valid at every moment of the stream, complete when it ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from aideon_desktop.core.chat import Notice, Usage
from aideon_desktop.core.routing import Decision, Route


@dataclass
class Answer:
    decision: Decision
    conversation_id: int | None = None
    route: Route | None = None  # the route answering now (or that answered)
    usage: Usage | None = None
    cost_usd: Decimal = Decimal(0)
    baseline_cost_usd: Decimal = Decimal(0)
    notices: list[Notice] = field(default_factory=list)
    partial: bool = False
    cache_hit: bool = False
    failed_routes: list[Route] = field(default_factory=list)  # tried before ``route``, failed
    # those of ``failed_routes`` that were not tried at all (a refused key, a spent budget)
    skipped_routes: list[Route] = field(default_factory=list)
    # why each route that was tried failed before answering, in order ("Together AI rejected
    # the API key (401). Check it in Settings → API keys."); not the skipped or broken-off ones
    failure_reasons: list[str] = field(default_factory=list)
    abandoned_partials: list[str] = field(default_factory=list)  # text from streams that broke
    masked: list[str] = field(default_factory=list)  # "[CARD_1] = Visa card number…", no values
    history_saved: bool = True  # False when the store could not keep this answer
    _pieces: list[str] = field(default_factory=list, repr=False)

    @property
    def text(self) -> str:
        """The answer so far (pieces are joined on demand: appending stays linear)."""
        if len(self._pieces) > 1:
            self._pieces[:] = ["".join(self._pieces)]
        return self._pieces[0] if self._pieces else ""

    @text.setter
    def text(self, value: str) -> None:
        self._pieces[:] = [value] if value else []

    def add_text(self, piece: str) -> None:
        self._pieces.append(piece)

    @property
    def saved_usd(self) -> Decimal:
        return self.baseline_cost_usd - self.cost_usd

    @property
    def current_route(self) -> Route:
        return self.route or self.decision.route

    def has_notice(self, kind: str) -> bool:
        return any(n.kind == kind for n in self.notices)


def answer_json(answer: Answer) -> dict[str, Any]:
    """The ``aideon ask --json`` object (docs/cli.md)."""
    decision = answer.decision
    route = answer.current_route
    usage = answer.usage
    return {
        "route": route.provider,
        "model": route.model,
        "private": decision.private,
        "task": decision.task,
        "reasons": list(decision.reasons),
        "notices": [n.message for n in answer.notices],
        "notice_kinds": [n.kind for n in answer.notices],
        "text": answer.text,
        "usage": {
            "prompt_tokens": usage.prompt_tokens if usage else 0,
            "completion_tokens": usage.completion_tokens if usage else 0,
            "estimated": usage.estimated if usage else True,
        },
        "cost_usd": float(answer.cost_usd),
        "baseline_cost_usd": float(answer.baseline_cost_usd),
        "partial": answer.partial,
        "cache_hit": answer.cache_hit,
        "masked": answer.masked,
        "failed_routes": [r.provider for r in answer.failed_routes],
        "skipped_routes": [r.provider for r in answer.skipped_routes],  # of those, not tried
        "conversation_id": answer.conversation_id,
    }
