"""The Hugging Face Inference Providers router as the main HF path, end to end against the
loopback fake in its wire format: ids with a ":cheapest" policy or a ":provider" suffix, the
serving provider in ``x-inference-provider``, usage in an extra chunk with ``choices: []``."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.answering.request import AskRequest
from aideon_desktop.core.catalog import load_catalog
from aideon_desktop.core.config import load_settings
from aideon_desktop.core.providers.huggingface import HuggingFaceProvider
from aideon_desktop.core.routing import decide
from tests.fake_cloud import FakeCloud
from tests.support.providers import MESSAGES, collect, make
from tests.support.routing import inputs


@pytest.fixture
def hf():
    with FakeCloud("huggingface") as fake:
        yield fake


def test_routing_picks_a_router_model_and_it_streams_in_the_routers_format(hf: FakeCloud) -> None:
    decision = decide(
        inputs("Translate 'good morning' into Italian", cloud_providers=("huggingface",))
    )
    route = decision.route
    assert route.provider == "huggingface" and route.model.endswith(":cheapest")
    text, usage, _ = collect(make(hf, HuggingFaceProvider).stream(MESSAGES, route.model))
    request = hf.chat_requests()[0]
    assert request["body"]["model"] == route.model  # the policy suffix travels to the router
    assert request["body"]["stream_options"] == {"include_usage": True}
    assert text == "Hello from the cloud." and (usage.prompt_tokens, usage.completion_tokens) == (
        11,
        4,
    )  # from the usage chunk with choices: []


def test_cheapest_policy_and_explicit_provider_are_served_as_asked(hf: FakeCloud) -> None:
    provider = make(hf, HuggingFaceProvider)
    collect(provider.stream(MESSAGES, "deepseek-ai/DeepSeek-V4-Flash:cheapest"))
    collect(provider.stream(MESSAGES, "deepseek-ai/DeepSeek-V4-Flash:novita"))
    served = [r["served_by"] for r in hf.chat_requests()]
    assert served == ["fireworks-ai", "novita"]  # lowest output price among live providers


def test_ask_through_the_assistant_costs_the_catalogue_price(
    hf: FakeCloud, local_provider, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_TOKEN", "hf_testtesttesttesttesttesttesttest")
    monkeypatch.setenv("AIDEON_HF_BASE_URL", hf.base_url)
    settings = load_settings().settings
    settings.provider("together").enabled = False
    catalog = load_catalog()
    assistant = Assistant(
        settings, local=local_provider, catalog=catalog, use_store=False, sleep=lambda s: None
    )
    try:
        answer = assistant.ask(AskRequest("Translate 'good morning' into Italian")).drain()
    finally:
        assistant.close()
    assert answer.route is not None and answer.route.model.endswith(":cheapest")
    entry = catalog.find("huggingface", answer.route.model)
    assert entry is not None and answer.text == "Hello from the cloud."
    expected = (11 * entry.input_per_million + 4 * entry.output_per_million) / Decimal(1_000_000)
    assert answer.cost_usd == expected.quantize(Decimal("0.000001"))
    assert any(
        "cheapest with general score" in r or "general floor" in r for r in answer.decision.reasons
    )
