"""The Assistant over real sockets: failover, mid-stream breaks, breakers, cache, budgets, usage."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from aideon_desktop.core.answering import AskRequest, Assistant
from aideon_desktop.core.catalog import Catalog
from aideon_desktop.core.chat import Notice, TextDelta
from aideon_desktop.core.config import load_settings
from aideon_desktop.core.errors import NoProviderError
from aideon_desktop.core.store import Store
from tests.support.catalogs import CATALOG, model

PUBLIC = "Write a haiku about autumn rain."


def run(assistant: Assistant, prompt: str = PUBLIC, **kw):
    stream = assistant.ask(AskRequest(prompt, new_conversation=True, **kw))
    collected = list(stream)
    return stream.answer, collected


def test_cheapest_cloud_answers_and_usage_is_recorded(assistant: Assistant, clouds) -> None:
    together, hf = clouds
    answer, _ = run(assistant)
    assert answer.route.provider == "together" and answer.text == "Hello from the cloud."
    assert answer.cost_usd == Decimal(
        "0.000002"
    )  # (11 + 4) tokens × $0.10 / 1M, to the micro-dollar
    assert answer.baseline_cost_usd == Decimal("0.000068")
    rows = assistant.store.usage_rows()
    assert [
        (r.provider, r.prompt_tokens, r.completion_tokens, r.cost_micro_usd, r.baseline_micro_usd)
        for r in rows
    ] == [("together", 11, 4, 2, 68)]
    messages = assistant.store.messages(answer.conversation_id)
    assert [(m.role, m.text, m.partial) for m in messages] == [
        ("user", PUBLIC, False),
        ("assistant", "Hello from the cloud.", False),
    ]
    audit = assistant.store.audit()[0]
    assert audit.provider == "together" and PUBLIC not in audit.reasons


def test_failover_to_next_provider_after_retries(assistant: Assistant, clouds) -> None:
    together, hf = clouds
    together.script(*[{"kind": "status", "status": 500}] * 4)
    answer, events = run(assistant)
    assert answer.route.provider == "huggingface" and answer.text == "Hello from the cloud."
    assert any(isinstance(e, Notice) and e.kind == "failover" for e in events)
    assert len(together.chat_requests()) == 4 and len(hf.chat_requests()) == 1


def test_stream_broken_mid_answer_is_redone_and_marked(assistant: Assistant, clouds) -> None:
    together, hf = clouds
    together.script({"kind": "cut", "after": 2})
    hf.reply_words = ["Second", " try."]
    answer, events = run(assistant)
    kinds = [e.kind for e in events if isinstance(e, Notice)]
    assert "restart" in kinds
    deltas = [e.text for e in events if isinstance(e, TextDelta)]
    restart_at = next(
        i for i, e in enumerate(events) if isinstance(e, Notice) and e.kind == "restart"
    )
    assert "".join(e.text for e in events[:restart_at] if isinstance(e, TextDelta)) == "Hello from"
    assert deltas[-2:] == ["Second", " try."]
    assert answer.text == "Second try." and answer.abandoned_partials == ["Hello from"]
    assert answer.route.provider == "huggingface" and not answer.partial


def test_user_errors_do_not_trip_the_breaker(assistant: Assistant, clouds) -> None:
    together, _ = clouds
    for _ in range(6):
        together.script(
            {"kind": "status", "status": 400, "body": {"error": {"message": "bad prompt"}}}
        )
        run(assistant)
    assert assistant.breakers.get("together").state == "closed"


def test_failing_provider_opens_its_circuit_and_is_skipped(assistant: Assistant, clouds) -> None:
    together, hf = clouds
    together.script(*[{"kind": "status", "status": 401}] * 5)
    for _ in range(5):
        run(assistant)
    assert assistant.breakers.get("together").state == "open"
    decision = assistant.plan(AskRequest(PUBLIC)).decision
    assert decision.route.provider == "huggingface" and any(
        "circuit open" in r for r in decision.reasons
    )


def test_cache_hit_costs_nothing_and_counts_as_saved(assistant: Assistant, clouds) -> None:
    together, _ = clouds
    first, _ = run(assistant)
    second, _ = run(assistant)
    assert (
        second.cache_hit
        and second.text == first.text
        and second.cost_usd == 0
        and second.saved_usd > 0
    )
    assert len(together.chat_requests()) == 1
    rows = assistant.store.usage_rows()
    assert [r.cache_hit for r in rows] == [False, True]


def test_private_prompts_never_read_or_write_the_cloud_cache(assistant: Assistant, clouds) -> None:
    together, _ = clouds
    run(assistant, "My SSN is 536-22-8741, which form needs it?")
    from sqlmodel import Session, select

    from aideon_desktop.core.store.models import CacheEntry

    with Session(assistant.store._engine) as session:
        assert list(session.exec(select(CacheEntry))) == []
    assert together.requests == []


def test_budget_cap_downgrades_to_local(assistant: Assistant, clouds) -> None:
    together, _ = clouds
    assistant.settings.budgets.daily_usd = 0.000001
    first, events = run(assistant)
    assert first.route.provider == "together"
    second, events = run(assistant, "Another question about rain?")
    assert second.route.is_local
    assert any(
        isinstance(e, Notice) and e.kind == "budget_warning" and "reached" in e.message
        for e in events
    )


def test_no_provider_at_all_is_exit_code_3(clouds, tmp_path: Path) -> None:
    settings = load_settings().settings
    settings.local.model_path = str(tmp_path / "missing.gguf")
    together, hf = clouds
    together.script(*[{"kind": "status", "status": 500}] * 4)
    hf.script(*[{"kind": "status", "status": 500}] * 4)
    assistant = Assistant(
        settings, catalog=CATALOG, sleep=lambda s: None, store=Store(tmp_path / "db.sqlite3")
    )
    with pytest.raises(NoProviderError) as info:
        run(assistant)
    assert info.value.exit_code == 3 and "Model file not found" in str(info.value)
    assistant.close()


def test_hf_legacy_model_through_the_assistant(clouds, local_provider, isolated_home: Path) -> None:
    together, hf = clouds
    catalog = Catalog(
        prices_checked="x",
        baseline=CATALOG.baseline,
        model=[
            model("local", "smollm2-135m-instruct", "0"),
            model("huggingface", "HuggingFaceH4/zephyr-7b-beta", "0", api="text-generation"),
        ],
    )
    hf.script_legacy({"kind": "loading", "estimated_time": 3.0})
    settings = load_settings().settings
    settings.provider("together").enabled = False
    a = Assistant(settings, local=local_provider, catalog=catalog, sleep=lambda s: None)
    answer, events = run(a)
    assert (
        answer.text == "Hello from the cloud." and answer.usage.estimated and answer.cost_usd == 0
    )
    assert any(isinstance(e, Notice) and e.kind == "model_loading" for e in events)
    a.close()
