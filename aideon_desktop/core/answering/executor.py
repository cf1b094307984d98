"""Run a plan: try its routes in order until one answers.

Retries with backoff happen per route (``with_retries``); a failure feeds the circuit
breakers and moves on to the next route.  Two wrappers sit around a route's stream: the
response cache (before any request) and masking (placeholders out, values restored as the
answer streams in).  A private plan only ever tries routes on the user's own hardware.

Each answer has a time budget for getting started.  Every remote route waits for its first
token at most until the budget ends (retries included); once it is spent, the remaining remote
routes are skipped and the answer ends on the local model.  A provider that cannot be reached
at all, or that refused its API key, is not tried again for its other models in the same answer
(the same key would be refused again).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from aideon_desktop.core.answering.cache import ResponseCache
from aideon_desktop.core.answering.egress import Egress
from aideon_desktop.core.answering.planner import Plan
from aideon_desktop.core.chat import GenerationParams, StreamEvent, TextDelta, Usage
from aideon_desktop.core.errors import (
    NoProviderError,
    PrivateDataBlockedError,
    PrivateRouteUnavailableError,
    ProviderError,
    ProviderHTTPError,
    ProviderUnreachableError,
)
from aideon_desktop.core.privacy import StreamRestorer
from aideon_desktop.core.providers.deadline import Deadline
from aideon_desktop.core.providers.pool import ProviderPool
from aideon_desktop.core.providers.resilience import BreakerBoard, with_retries
from aideon_desktop.core.routing import Route

DEFAULT_ANSWER_BUDGET_S = 30.0
KEY_REFUSED = (401, 403)  # statuses that say the API key itself was refused


class RouteSkippedError(ProviderError):
    """A route was not tried (nothing was sent): the budget is spent or its provider is
    unreachable.  Says nothing new about the provider's health."""


@dataclass(frozen=True)
class RouteStarted:
    route: Route
    cached: bool = False


@dataclass(frozen=True)
class RouteFailed:
    route: Route
    error: ProviderError
    partial: str  # text the user had already seen from this route ("" if none)


ExecutorEvent = StreamEvent | RouteStarted | RouteFailed


class Executor:
    def __init__(
        self,
        pool: ProviderPool,
        egress: Egress,
        breakers: BreakerBoard,
        cache: ResponseCache,
        sleep: Callable[[float], None] = time.sleep,
        *,
        budget_s: float = DEFAULT_ANSWER_BUDGET_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.pool, self.egress, self.breakers, self.cache = pool, egress, breakers, cache
        self._sleep = sleep
        self.budget_s = budget_s
        self._clock = clock

    def run(self, plan: Plan, params: GenerationParams) -> Iterator[ExecutorEvent]:
        decision = plan.decision
        budget = Deadline.after(self.budget_s, self._clock)
        errors: list[str] = []
        given_up: dict[str, str] = {}  # provider → why its other routes are not tried
        for route in decision.routes():
            if decision.private and not route.own_hardware:
                continue  # never: private prompts are answered on the user's hardware or not at all
            cached = self._cached(plan, route, params)
            if cached is not None:
                yield RouteStarted(route, cached=True)
                yield from cached
                return
            skipped = self._skip_reason(route, budget, given_up)
            if skipped is not None:
                errors.append(f"{route.display}: not tried, {skipped}")
                yield RouteFailed(route, skipped, "")
                continue
            yield RouteStarted(route)
            failure = yield from self._attempt(plan, route, params, budget)
            if failure is None:
                return
            reason = _give_up_reason(failure.error)
            if reason is not None:
                given_up[route.provider] = reason
            errors.append(f"{route.display}: {failure.error}")
            yield failure
        if decision.private:
            raise PrivateRouteUnavailableError(
                "This prompt contains private data, so it can only be answered on your own "
                f"hardware, and that failed: {' | '.join(errors)} The prompt was not sent anywhere."
            )
        raise NoProviderError("No provider could answer. " + " | ".join(errors))

    def _skip_reason(
        self, route: Route, budget: Deadline, given_up: dict[str, str]
    ) -> RouteSkippedError | None:
        if route.is_local:
            return None  # the end of the line: always tried
        if route.provider in given_up:
            return RouteSkippedError(f"{route.provider} {given_up[route.provider]} a moment ago")
        if budget.expired:
            return RouteSkippedError(f"no answer had started within {self.budget_s:.0f} s")
        return None

    def _attempt(
        self, plan: Plan, route: Route, params: GenerationParams, budget: Deadline
    ) -> Iterator[ExecutorEvent]:
        """Stream one route; returns None when it answered, else the RouteFailed to report."""
        pieces: list[str] = []
        try:
            for event in self._route_events(plan, route, params, budget):
                if isinstance(event, TextDelta):
                    pieces.append(event.text)
                yield event
        except ProviderError as exc:
            self._record_health(route, exc)
            return RouteFailed(route, exc, "".join(pieces))
        self.breakers.record(route.provider, route.model, ok=True)
        return None

    def _cached(
        self, plan: Plan, route: Route, params: GenerationParams
    ) -> list[StreamEvent] | None:
        if plan.mask is not None:
            return None
        hit = self.cache.lookup(plan.messages_for(route), route, params)
        if hit is None:
            return None
        text, usage = hit
        return [TextDelta(text), usage]

    def _route_events(
        self, plan: Plan, route: Route, params: GenerationParams, budget: Deadline
    ) -> Iterator[StreamEvent]:
        provider = self.pool.get(route.provider)
        messages = plan.messages_for(route)
        if route.is_local:
            return self.egress.open_stream(provider, messages, route.model, params)
        timed = replace(params, deadline=budget)
        events = with_retries(
            lambda: self.egress.open_stream(provider, messages, route.model, timed),
            sleep=self._sleep,
            cancelled=params.cancel.is_set,
            label=route.display,
            deadline=budget,
        )
        if plan.mask is not None and not route.own_hardware:
            return _restoring(events, StreamRestorer(plan.mask.mapping))
        return events

    def _record_health(self, route: Route, exc: ProviderError) -> None:
        if isinstance(exc, PrivateDataBlockedError):
            return  # nothing was sent: says nothing about the provider
        self.breakers.record(route.provider, route.model, ok=exc.user_error)


def _give_up_reason(error: ProviderError) -> str | None:
    """Why a provider's other models are not worth a try after ``error``, if they are not."""
    if isinstance(error, ProviderUnreachableError):
        return "could not be reached"
    if isinstance(error, ProviderHTTPError) and error.status in KEY_REFUSED:
        return "refused its API key"
    return None


def _restoring(events: Iterator[StreamEvent], restorer: StreamRestorer) -> Iterator[StreamEvent]:
    for event in events:
        if isinstance(event, TextDelta):
            text = restorer.feed(event.text)
            if text:
                yield TextDelta(text)
            continue
        if isinstance(event, Usage):
            tail = restorer.flush()
            if tail:
                yield TextDelta(tail)
        yield event
