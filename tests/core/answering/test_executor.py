"""The executor: routes in order, never a cloud route for a private plan, a blocked send is
not a provider failure, cache hits are routes too."""

from __future__ import annotations

import socket
import time

import pytest

from aideon_desktop.core.answering import Answer, AskRequest, Assistant
from aideon_desktop.core.answering.executor import RouteFailed, RouteStarted
from aideon_desktop.core.answering.planner import Plan
from aideon_desktop.core.answering.recorder import reply_meta
from aideon_desktop.core.catalog import Catalog
from aideon_desktop.core.chat import GenerationParams, Message, Notice, TextDelta, Usage
from aideon_desktop.core.config import load_settings
from aideon_desktop.core.errors import PrivateDataBlockedError
from aideon_desktop.core.privacy import Verdict
from aideon_desktop.core.routing import Decision, Route
from tests.support.catalogs import CATALOG, model
from tests.support.clocks import SleepingClock

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


# ----------------------------------------------------------------- deadlines (issue 16 #8)
# The cheapest route is Hugging Face's legacy serverless API (cold starts with HTTP 503).
LEGACY_FIRST = Catalog(
    prices_checked=CATALOG.prices_checked,
    baseline=CATALOG.baseline,
    model=[
        *CATALOG.model,
        model("huggingface", "HuggingFaceH4/zephyr-7b-beta", "0.05", api="text-generation"),
    ],
)


def timed_assistant(local_provider, clock: SleepingClock, budget_s: float = 30.0) -> Assistant:
    settings = load_settings().settings
    settings.routing.answer_budget_seconds = budget_s
    return Assistant(
        settings,
        local=local_provider,
        catalog=LEGACY_FIRST,
        use_store=False,
        sleep=clock.sleep,
        clock=clock,
    )


def test_hf_cold_start_of_200_s_fails_over_at_once(clouds, local_provider) -> None:
    """Before: HF's 503 with estimated_time 200 kept a user waiting 242 s for this prompt."""
    _, hf = clouds
    hf.script_legacy(*[{"kind": "loading", "estimated_time": 200.0}] * 8)
    clock = SleepingClock()
    assistant = timed_assistant(local_provider, clock)
    answer = assistant.ask(AskRequest("Name three colours")).drain()
    assistant.close()
    assert answer.failed_routes[0].model == "HuggingFaceH4/zephyr-7b-beta"
    assert answer.route.provider == "together" and answer.text == "Hello from the cloud."
    assert clock.sleeps == [] and len([r for r in hf.requests if "/models/" in r["path"]]) == 1
    assert any("still loading" in n.message for n in answer.notices if n.kind == "failover")


def test_hf_cold_start_within_the_budget_shows_a_countdown(clouds, local_provider) -> None:
    _, hf = clouds
    hf.script_legacy({"kind": "loading", "estimated_time": 12.0})
    clock = SleepingClock()
    assistant = timed_assistant(local_provider, clock)
    answer = assistant.ask(AskRequest("Name three colours")).drain()
    assistant.close()
    assert answer.route.model == "HuggingFaceH4/zephyr-7b-beta" and not answer.failed_routes
    countdown = [n.message for n in answer.notices if n.kind == "model_loading"]
    assert len(countdown) == 12 and "about 12 s left" in countdown[0]
    assert "about 1 s left" in countdown[-1] and sum(clock.sleeps) == 12.0


def test_retries_stop_at_the_budget_and_the_local_model_answers(clouds, local_provider) -> None:
    together, hf = clouds
    limited = {"kind": "status", "status": 429, "headers": {"retry-after": "20"}}
    together.script(*[limited] * 4)
    hf.script(*[limited] * 4)
    hf.script_legacy(*[{"kind": "status", "status": 429, "body": {"error": "busy"}}] * 4)
    clock = SleepingClock()
    assistant = timed_assistant(local_provider, clock)
    stream = assistant.ask(AskRequest("Name three colours", params=GenerationParams(max_tokens=16)))
    answer = stream.drain()
    assistant.close()
    assert answer.route.is_local and answer.text.strip()
    # The budget is 30 s: a 20 s Retry-After fits once; nothing that would end later starts.
    assert sum(clock.sleeps) <= 30.0
    assert len(together.chat_requests()) + len(hf.chat_requests()) <= 3


def test_connection_refused_everywhere_answers_locally_without_backoff(
    clouds, local_provider, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: 15–23 s of retries and backoff before the local answer."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    monkeypatch.setenv("AIDEON_TOGETHER_BASE_URL", closed + "/v1")
    monkeypatch.setenv("AIDEON_HF_BASE_URL", closed + "/v1")
    monkeypatch.setenv("AIDEON_HF_LEGACY_BASE_URL", closed)
    clock = SleepingClock()
    assistant = timed_assistant(local_provider, clock)
    stream = assistant.ask(AskRequest("Name three colours", params=GenerationParams(max_tokens=16)))
    answer = stream.drain()
    assistant.close()
    assert answer.route.is_local and answer.text.strip()
    assert clock.sleeps == [] and not answer.has_notice("retrying")
    # Each provider is tried once; its other models are skipped, not connected to again.
    failovers = [n.message for n in answer.notices if n.kind == "failover"]
    assert sum("Could not connect" in m for m in failovers) == 2
    assert sum("could not be reached a moment ago" in m for m in failovers) == 1


def test_a_silent_provider_is_cut_off_at_the_budget(clouds, local_provider) -> None:
    """A provider that sends headers and then nothing held the user read_timeout (120 s) ×
    4 attempts; with a 1.5 s budget the local model answers after about 1.5 s."""
    together, hf = clouds
    together.script(*[{"kind": "silent", "seconds": 60}] * 4)
    settings = load_settings().settings
    settings.routing.answer_budget_seconds = 1.5
    assistant = Assistant(settings, local=local_provider, catalog=CATALOG, use_store=False)
    started = time.monotonic()
    stream = assistant.ask(AskRequest("Name three colours", params=GenerationParams(max_tokens=16)))
    local_started = None
    for event in stream:
        if local_started is None and isinstance(event, Notice) and "device" in event.message:
            local_started = time.monotonic() - started
    assistant.close()
    answer = stream.answer
    assert answer.route.is_local and answer.text.strip()
    assert len(together.chat_requests()) == 1 and hf.chat_requests() == []
    assert local_started is not None and local_started < 1.5 * 10, local_started


def test_the_answer_keeps_why_each_route_failed(clouds, local_provider) -> None:
    """The reasons are data on the Answer (the UI's fallback note reads them), one per route
    that was tried and failed, the same words as its failover notice."""
    _, hf = clouds
    hf.script_legacy(*[{"kind": "loading", "estimated_time": 200.0}] * 8)
    assistant = timed_assistant(local_provider, SleepingClock())
    answer = assistant.ask(AskRequest("Name three colours")).drain()
    assistant.close()
    failovers = [n.message for n in answer.notices if n.kind == "failover"]
    assert len(answer.failure_reasons) == len(failovers) == len(answer.failed_routes) == 1
    assert "still loading" in answer.failure_reasons[0]
    assert f"({answer.failure_reasons[0]})" in failovers[0]


def answered_after_refused_keys(clouds, local_provider) -> Answer:
    """Every cloud refuses its API key (401); the local model answers (16 tokens at most)."""
    refused = {"kind": "status", "status": 401, "body": {"error": {"message": "Invalid API key"}}}
    together, hf = clouds
    together.script(*[refused] * 6)
    hf.script(*[refused] * 6)
    hf.script_legacy(*[refused] * 6)
    assistant = timed_assistant(local_provider, SleepingClock())
    stream = assistant.ask(AskRequest("Name three colours", params=GenerationParams(max_tokens=16)))
    answer = stream.drain()
    assistant.close()
    return answer


def test_the_answer_tells_routes_not_tried_from_routes_that_failed(clouds, local_provider) -> None:
    """After a refused key the provider's other models are skipped, not tried: the line under
    the answer said "A, B and 5 more failed" of routes that were never sent anything."""
    answer = answered_after_refused_keys(clouds, local_provider)
    assert answer.skipped_routes and set(answer.skipped_routes) <= set(answer.failed_routes)
    # the routes tried are the ones with a reason they failed (each was sent the prompt)
    assert len(answer.failed_routes) - len(answer.skipped_routes) == len(answer.failure_reasons)
    assert reply_meta(answer)["skipped_routes"] == [r.display for r in answer.skipped_routes]


def test_a_refused_key_is_not_tried_again_for_the_providers_other_models(
    clouds, local_provider
) -> None:
    """A 401 on one Together model was followed by a try of each other Together model (the
    same key, refused again): 7 failed routes before the local answer in the walkthrough."""
    together, hf = clouds
    answer = answered_after_refused_keys(clouds, local_provider)
    assert answer.route.is_local and answer.text.strip()
    tried = len(together.chat_requests()) + len(hf.chat_requests())
    assert len(together.chat_requests()) <= 1 and tried <= 2
    failovers = [n.message for n in answer.notices if n.kind == "failover"]
    assert any("refused its API key a moment ago" in m for m in failovers)
