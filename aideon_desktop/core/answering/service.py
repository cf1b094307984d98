"""``Assistant``: the facade the chat window, quick prompt, CLI and local API share.

    stream = assistant.ask(AskRequest("Summarise this…", new_conversation=True))
    for event in stream:          # TextDelta, Notice, Usage
        ...
    stream.answer                 # valid at every moment; complete when the stream ends

``stream.drain(on_event)`` consumes a stream for callers that only react to events.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, cast

from aideon_desktop.core import paths
from aideon_desktop.core.answering.answer import Answer
from aideon_desktop.core.answering.cache import ResponseCache
from aideon_desktop.core.answering.context import load_context
from aideon_desktop.core.answering.egress import Egress
from aideon_desktop.core.answering.executor import (
    Executor,
    RouteFailed,
    RouteSkippedError,
    RouteStarted,
)
from aideon_desktop.core.answering.planner import Plan, Planner
from aideon_desktop.core.answering.privacy_check import PrivacyCheck
from aideon_desktop.core.answering.recorder import Recorder, Recording
from aideon_desktop.core.answering.request import AskRequest
from aideon_desktop.core.budgets import Spend
from aideon_desktop.core.catalog import Catalog, load_catalog
from aideon_desktop.core.chat import Notice, NoticeKind, StreamEvent, TextDelta, Usage
from aideon_desktop.core.config import Settings
from aideon_desktop.core.errors import AideonError, InputError, StreamBrokenError
from aideon_desktop.core.providers.local import LocalModelProvider
from aideon_desktop.core.providers.pool import ProviderPool
from aideon_desktop.core.providers.resilience import BreakerBoard
from aideon_desktop.core.routing import learning
from aideon_desktop.core.store.deferred import DeferredStore

if TYPE_CHECKING:
    from aideon_desktop.core.store import Store


class Assistant:
    def __init__(
        self,
        settings: Settings,
        *,
        local: LocalModelProvider | None = None,
        catalog: Catalog | None = None,
        store: Store | None = None,
        use_store: bool = True,
        breakers: BreakerBoard | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.catalog = catalog or load_catalog()
        # Opened on first use (see DeferredStore): an idle app does not import the database stack.
        self.store: Store | None = (
            store
            if store is not None
            else (
                cast(
                    "Store", DeferredStore(paths.database_file(), storage=settings.history.storage)
                )
                if use_store
                else None
            )
        )
        self.breakers = breakers or BreakerBoard()
        self.providers = ProviderPool(settings, self.catalog, local=local, sleep=sleep)
        self._sleep, self._clock = sleep, clock
        self._configure(settings)

    def _configure(self, settings: Settings) -> None:
        self.settings = settings
        self.privacy = PrivacyCheck(settings.privacy)
        cache = ResponseCache(self.store, settings.routing)
        self._planner = Planner(
            settings, self.catalog, self.providers, self.breakers, self.privacy, self._spend
        )
        self._executor = Executor(
            self.providers,
            Egress(self.privacy),
            self.breakers,
            cache,
            self._sleep,
            budget_s=settings.routing.answer_budget_seconds,
            clock=self._clock,
        )
        self._recorder = Recorder(self.store, settings.history, self.catalog, cache)

    def _spend(self) -> Spend:
        return self.store.spend() if self.store is not None else Spend()

    # ------------------------------------------------------------------ answers
    def plan(self, request: AskRequest) -> Plan:
        """Where ``request`` would go and why; nothing is sent or stored (the privacy chip)."""
        return self._planner.plan(request, load_context(self.store, request))

    def ask(self, request: AskRequest) -> AnswerStream:
        """Plan, commit the user's message, and return the stream that answers it."""
        plan = self.plan(request)
        if plan.decision.refused:
            raise InputError(plan.decision.refused)
        recording = self._recorder.begin(request, plan)
        answer = Answer(
            decision=plan.decision,
            conversation_id=recording.rows.conversation_id
            if recording.rows
            else request.conversation_id,
            masked=list(plan.mask.labels) if plan.mask else [],
        )
        return AnswerStream(answer, self._events(request, plan, answer, recording))

    def _events(
        self, request: AskRequest, plan: Plan, answer: Answer, recording: Recording
    ) -> Iterator[StreamEvent]:
        yield from _notices(answer, "budget_warning", plan.decision.warnings)
        if self.store is not None:
            yield from self._store_notices(answer)
        try:
            for event in self._executor.run(plan, request.params):
                yield from _apply(answer, recording, event)
        except AideonError:
            recording.fail(answer)
            self._planner.learning.observe_answer(plan.decision, answer)  # all failed: learn that
            raise
        answer.partial = answer.usage is None or answer.usage.finish_reason == "cancelled"
        saved = recording.finish(answer, plan, request.params)
        self._planner.learning.observe_answer(plan.decision, answer)  # failures, time per route
        answer.history_saved = saved
        if (
            self.store is not None
            and self.store.unavailable
            and not answer.has_notice("history_unavailable")
        ):
            yield from _notices(answer, "history_unavailable", [self.store.unavailable])

    def _store_notices(self, answer: Answer) -> Iterator[Notice]:
        """Why history is not kept (every answer), and one-time news such as "now encrypted"."""
        store = self.store
        assert store is not None
        if store.unavailable:
            yield from _notices(answer, "history_unavailable", [store.unavailable])
        yield from _notices(answer, "history_info", [n.message for n in store.take_notices()])

    # ------------------------------------------------------------------ settings
    def apply_settings(self, settings: Settings) -> None:
        self.providers.apply(settings, self.catalog)
        self._configure(settings)

    def use_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.providers.apply(self.settings, catalog)
        self._configure(self.settings)

    def close(self) -> None:
        self.providers.close()
        learning.flush()
        if self.store is not None:
            self.store.close()


class AnswerStream:
    """The events of one answer (iterate once) and the Answer they build."""

    def __init__(self, answer: Answer, events: Iterator[StreamEvent]) -> None:
        self.answer = answer
        self._events = events

    def __iter__(self) -> Iterator[StreamEvent]:
        return self._events

    def drain(self, on_event: Callable[[StreamEvent], None] | None = None) -> Answer:
        """Consume the stream, handing each event to ``on_event``; the finished Answer."""
        for event in self._events:
            if on_event is not None:
                on_event(event)
        return self.answer


def _notices(
    answer: Answer, kind: NoticeKind, messages: Iterator[str] | list[str] | tuple[str, ...]
) -> Iterator[Notice]:
    for message in messages:
        notice = Notice(kind, message)
        answer.notices.append(notice)
        yield notice


def _apply(answer: Answer, recording: Recording, event: object) -> Iterator[StreamEvent]:
    """Fold one executor event into the Answer and the recording; the events callers see."""
    if isinstance(event, TextDelta):
        answer.add_text(event.text)
        recording.append(event.text)
        yield event
    elif isinstance(event, Usage):
        answer.usage = event
        yield event
    elif isinstance(event, Notice):
        answer.notices.append(event)
        yield event
    elif isinstance(event, RouteStarted):
        answer.route, answer.cache_hit = event.route, event.cached
        yield Notice("answering", event.route.display)
        if event.cached:
            yield from _notices(answer, "cache_hit", ["answered from the local cache ($0)"])
    elif isinstance(event, RouteFailed):
        yield from _route_failed(answer, recording, event)


def _route_failed(answer: Answer, recording: Recording, event: RouteFailed) -> Iterator[Notice]:
    route, exc = event.route, event.error
    answer.failed_routes.append(route)
    answer.usage = None
    if event.partial or isinstance(exc, StreamBrokenError):
        answer.abandoned_partials.append(event.partial)
        answer.text = ""
        recording.reset()
        message = f"{route.display} broke off mid-answer ({exc}); the answer is redone on the next provider."
        yield from _notices(answer, "restart", [message])
    elif isinstance(exc, RouteSkippedError):
        answer.skipped_routes.append(route)
        yield from _notices(
            answer, "failover", [f"{route.display} skipped: {exc}; trying the next option."]
        )
    else:
        answer.failure_reasons.append(str(exc))
        yield from _notices(
            answer, "failover", [f"{route.display} failed ({exc}); trying the next option."]
        )
