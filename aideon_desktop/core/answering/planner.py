"""Plan an answer: clean the prompt and scan it once, then decide where it may go.

``plan`` is the only place a Decision is made, for an answer and for the privacy chip alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from aideon_desktop.core.answering.context import ConversationContext
from aideon_desktop.core.answering.privacy_check import PrivacyCheck
from aideon_desktop.core.answering.request import AskRequest
from aideon_desktop.core.answering.title import conversation_title
from aideon_desktop.core.budgets import Spend, budget_state, capped
from aideon_desktop.core.catalog import Catalog
from aideon_desktop.core.chat import Message
from aideon_desktop.core.config import Settings
from aideon_desktop.core.privacy import Verdict, redact
from aideon_desktop.core.prompt_input import clean_prompt
from aideon_desktop.core.providers.pool import ProviderPool
from aideon_desktop.core.providers.resilience import BreakerBoard
from aideon_desktop.core.routing import (
    LOCAL,
    BudgetState,
    Decision,
    Route,
    RoutingInputs,
    decide,
    unhealthy_keys,
)
from aideon_desktop.core.routing.learning import LearningStore, default_store
from aideon_desktop.core.tasks import assess

MASK_INSTRUCTION = (
    "Some private values in the user's message were replaced by placeholders such as [CARD_1] or "
    "[EMAIL_1]. Keep every placeholder exactly as written in your answer; never guess the hidden values."
)


@dataclass(frozen=True)
class MaskPlan:
    """Redact-and-send: what cloud routes receive instead, and how to restore the answer."""

    messages: tuple[Message, ...]
    mapping: dict[str, str]  # placeholder → value, kept on this device
    labels: tuple[str, ...]  # "[CARD_1] = Visa card number…" (never the values)


@dataclass(frozen=True)
class Plan:
    prompt: str  # cleaned
    verdict: Verdict  # of the prompt
    decision: Decision
    messages: tuple[Message, ...]  # history + prompt, as the user's own hardware gets them
    mask: MaskPlan | None = None
    title: str = ""  # for a new conversation; private values masked
    notes: tuple[str, ...] = field(default_factory=tuple)

    def messages_for(self, route: Route) -> tuple[Message, ...]:
        if self.mask is not None and not route.own_hardware:
            return self.mask.messages
        return self.messages


class Planner:
    def __init__(
        self,
        settings: Settings,
        catalog: Catalog,
        pool: ProviderPool,
        breakers: BreakerBoard,
        privacy: PrivacyCheck,
        spend: Callable[[], Spend],
        learning: LearningStore | None = None,
    ) -> None:
        self.settings, self.catalog, self.pool = settings, catalog, pool
        self.breakers, self.privacy, self.spend = breakers, privacy, spend
        # None: the store in this user's data folder, found at the first plan (finding it
        # builds the folder's path from the environment: not once per answer)
        self._learning = learning

    @property
    def learning(self) -> LearningStore:
        """What routing has learned on this device (the data folder's store, found once)."""
        if self._learning is None:
            self._learning = default_store()
        return self._learning

    def plan(self, request: AskRequest, context: ConversationContext) -> Plan:
        prompt = clean_prompt(request.prompt)
        verdict = self.privacy.scan(prompt)
        history = context.history
        history_private = context.private or self.privacy.any_private(history)
        messages = (*history, Message("user", prompt))
        decision = decide(self._inputs(request, context, prompt, verdict, history_private))
        mask = _mask_plan(prompt, verdict, history) if decision.masked else None
        return Plan(prompt, verdict, decision, messages, mask, conversation_title(prompt, verdict))

    def _inputs(
        self,
        request: AskRequest,
        context: ConversationContext,
        prompt: str,
        verdict: Verdict,
        history_private: bool,
    ) -> RoutingInputs:
        settings = self.settings
        network = self.pool.network_route()
        premium_enabled = settings.provider("premium").enabled
        pinned = request.pinned or context.pinned
        on_device_pin = pinned is not None and pinned[0] == LOCAL  # "On this device" in the picker
        assessment = assess(prompt)
        learned = self.learning.standings(assessment.task)
        return RoutingInputs(
            verdict=verdict,
            task=assessment.task,
            difficulty=assessment.difficulty,
            standings=learned,
            catalog=self.catalog,
            local_route=self.pool.local_route(),
            on_device_fallbacks=self.pool.on_device_fallbacks(),
            cloud_providers=() if settings.offline else self.pool.usable_cloud(),
            unhealthy=unhealthy_keys(self.breakers.states()),
            budget=self._budget(),
            trusted_network_route=network if network and network.own_hardware else None,
            untrusted_network_route=network if network and not network.own_hardware else None,
            force_local=request.force_local or on_device_pin,
            force_cloud=request.force_cloud,
            offline=settings.offline,
            never_premium=settings.routing.never_premium or not premium_enabled,
            pinned=None if on_device_pin else pinned,
            conversation_private=history_private,
            mask_and_send=settings.privacy.redact_and_send
            if request.mask_and_send is None
            else request.mask_and_send,
            prompt_tokens=(len(prompt) + sum(len(m.content) for m in context.history)) // 4,
            max_price_step=settings.routing.max_fallback_price_step,
        )

    def _budget(self) -> BudgetState:
        """What the caps allow now; with no cap set, spending is not read (a store query)."""
        budgets = self.settings.budgets
        return budget_state(budgets, self.spend()) if capped(budgets) else BudgetState()


def _mask_plan(prompt: str, verdict: Verdict, history: tuple[Message, ...]) -> MaskPlan:
    masked_prompt, mapping = redact(prompt, verdict.findings)
    by_value = {value: placeholder for placeholder, value in mapping.items()}
    labels: dict[str, str] = {}
    for finding in verdict.findings:
        placeholder = by_value.get(prompt[finding.start : finding.end])
        if placeholder:
            labels.setdefault(placeholder, finding.reason)
    return MaskPlan(
        messages=(Message("system", MASK_INSTRUCTION), *history, Message("user", masked_prompt)),
        mapping=mapping,
        labels=tuple(f"{placeholder} = {label}" for placeholder, label in labels.items()),
    )
