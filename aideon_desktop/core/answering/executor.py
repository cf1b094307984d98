"""Run a plan: try its routes in order until one answers.

Retries with backoff happen per route (``with_retries``); a failure feeds the circuit
breakers and moves on to the next route.  Two wrappers sit around a route's stream: the
response cache (before any request) and masking (placeholders out, values restored as the
answer streams in).  A private plan only ever tries routes on the user's own hardware.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from aideon_desktop.core.answering.cache import ResponseCache
from aideon_desktop.core.answering.egress import Egress
from aideon_desktop.core.answering.planner import Plan
from aideon_desktop.core.chat import GenerationParams, StreamEvent, TextDelta, Usage
from aideon_desktop.core.errors import (
    NoProviderError,
    PrivateDataBlockedError,
    PrivateRouteUnavailableError,
    ProviderError,
)
from aideon_desktop.core.privacy import StreamRestorer
from aideon_desktop.core.providers.pool import ProviderPool
from aideon_desktop.core.providers.resilience import BreakerBoard, with_retries
from aideon_desktop.core.routing import Route


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
    ) -> None:
        self.pool, self.egress, self.breakers, self.cache = pool, egress, breakers, cache
        self._sleep = sleep

    def run(self, plan: Plan, params: GenerationParams) -> Iterator[ExecutorEvent]:
        decision = plan.decision
        errors: list[str] = []
        for route in decision.routes():
            if decision.private and not route.own_hardware:
                continue  # never: private prompts are answered on the user's hardware or not at all
            cached = self._cached(plan, route, params)
            if cached is not None:
                yield RouteStarted(route, cached=True)
                yield from cached
                return
            yield RouteStarted(route)
            pieces: list[str] = []
            try:
                for event in self._route_events(plan, route, params):
                    if isinstance(event, TextDelta):
                        pieces.append(event.text)
                    yield event
            except ProviderError as exc:
                self._record_health(route, exc)
                errors.append(f"{route.display}: {exc}")
                yield RouteFailed(route, exc, "".join(pieces))
                continue
            self.breakers.record(route.provider, route.model, ok=True)
            return
        if decision.private:
            raise PrivateRouteUnavailableError(
                "This prompt contains private data, so it can only be answered on your own "
                f"hardware, and that failed: {' | '.join(errors)} The prompt was not sent anywhere."
            )
        raise NoProviderError("No provider could answer. " + " | ".join(errors))

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
        self, plan: Plan, route: Route, params: GenerationParams
    ) -> Iterator[StreamEvent]:
        provider = self.pool.get(route.provider)
        messages = plan.messages_for(route)
        if route.is_local:
            return self.egress.open_stream(provider, messages, route.model, params)
        events = with_retries(
            lambda: self.egress.open_stream(provider, messages, route.model, params),
            sleep=self._sleep,
            cancelled=params.cancel.is_set,
            label=route.display,
        )
        if plan.mask is not None and not route.own_hardware:
            return _restoring(events, StreamRestorer(plan.mask.mapping))
        return events

    def _record_health(self, route: Route, exc: ProviderError) -> None:
        if isinstance(exc, PrivateDataBlockedError):
            return  # nothing was sent: says nothing about the provider
        self.breakers.record(route.provider, route.model, ok=exc.user_error)


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
