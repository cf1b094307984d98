"""The executor: routes in order, never a cloud route for a private plan, a blocked send is
not a provider failure, cache hits are routes too."""

from __future__ import annotations

from aideon_desktop.core.answering import AskRequest, Assistant
from aideon_desktop.core.answering.executor import RouteFailed, RouteStarted
from aideon_desktop.core.answering.planner import Plan
from aideon_desktop.core.chat import GenerationParams, Message, TextDelta, Usage
from aideon_desktop.core.errors import PrivateDataBlockedError
from aideon_desktop.core.privacy import Verdict
from aideon_desktop.core.routing import Decision, Route

TOGETHER = Route("together", "t-small", "together:t-small")


def plan_with(decision: Decision, text: str) -> Plan:
    return Plan(text, Verdict(sensitive=decision.private), decision, (Message("user", text),))


def test_a_private_plan_skips_every_cloud_route(assistant: Assistant, clouds) -> None:
    together, _ = clouds
    local = assistant.providers.local_route()
    decision = Decision(TOGETHER, True, "general", ("private",), (local,))
    events = list(
        assistant._executor.run(plan_with(decision, "Say hi"), GenerationParams(max_tokens=16))
    )
    started = [e.route for e in events if isinstance(e, RouteStarted)]
    assert started == [local] and together.requests == []
    assert isinstance(events[-1], Usage)


def test_a_blocked_send_fails_over_without_blaming_the_provider(
    assistant: Assistant, clouds
) -> None:
    together, _ = clouds
    local = assistant.providers.local_route()
    # A plan that (wrongly) calls private text public: the egress guard still stops it.
    decision = Decision(TOGETHER, False, "general", ("no private data found",), (local,))
    plan = plan_with(decision, "My card 4539 1488 0343 6467 was charged twice, what now?")
    events = list(assistant._executor.run(plan, GenerationParams(max_tokens=16)))
    failed = [e for e in events if isinstance(e, RouteFailed)]
    assert len(failed) == 1 and isinstance(failed[0].error, PrivateDataBlockedError)
    assert together.requests == [] and "together" not in assistant.breakers.states()
    assert any(isinstance(e, TextDelta) for e in events)


def test_a_cache_hit_is_a_route_that_costs_nothing(assistant: Assistant, clouds) -> None:
    together, _ = clouds
    assistant.ask(AskRequest("Write a haiku about autumn rain.")).drain()
    plan = assistant.plan(AskRequest("Write a haiku about autumn rain."))
    events = list(assistant._executor.run(plan, GenerationParams()))
    assert events[0] == RouteStarted(plan.decision.route, cached=True)
    assert events[-1].finish_reason == "cached" and len(together.chat_requests()) == 1
