"""Hugging Face: the router's usage chunk, the legacy API's cold start, prices from /models."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aideon_desktop.core.errors import ProviderHTTPError
from aideon_desktop.core.providers.huggingface import HuggingFaceProvider, parse_hf_models
from tests.fake_cloud import FakeCloud
from tests.support.providers import MESSAGES, collect, make


def test_hf_router_usage_arrives_as_an_extra_chunk(hf: FakeCloud) -> None:
    text, usage, _ = collect(
        make(hf, HuggingFaceProvider).stream(MESSAGES, "meta-llama/Llama-3.1-8B-Instruct:cheapest")
    )
    assert text == "Hello from the cloud." and (usage.prompt_tokens, usage.completion_tokens) == (
        11,
        4,
    )
    assert hf.chat_requests()[0]["body"]["stream_options"] == {"include_usage": True}


def test_hf_legacy_cold_start_waits_and_tells_the_user(hf: FakeCloud) -> None:
    sleeps: list[float] = []
    provider = make(hf, HuggingFaceProvider, sleep=sleeps.append)
    hf.script_legacy(
        {"kind": "loading", "estimated_time": 20.0}, {"kind": "loading", "estimated_time": 5.0}
    )
    text, usage, notices = collect(
        provider.text_generation_stream(MESSAGES, "HuggingFaceH4/zephyr-7b-beta")
    )
    assert text == "Hello from the cloud." and usage.estimated
    assert [n.kind for n in notices] == [
        "model_loading",
        "model_loading",
    ] and "is loading" in notices[0].message
    assert sleeps == [20.0, 5.0]
    legacy = [r for r in hf.requests if r["path"].startswith("/models/")]
    assert (
        legacy[0]["body"]["inputs"].endswith("Assistant:")
        and "max_new_tokens" in legacy[0]["body"]["parameters"]
    )


def test_hf_legacy_gives_up_after_a_bounded_wait(hf: FakeCloud) -> None:
    provider = make(hf, HuggingFaceProvider, sleep=lambda s: None)
    hf.script_legacy(*[{"kind": "loading", "estimated_time": 50.0}] * 5)
    with pytest.raises(ProviderHTTPError, match="still loading"):
        collect(provider.text_generation_stream(MESSAGES, "HuggingFaceH4/zephyr-7b-beta"))


def test_hf_models_give_prices(hf: FakeCloud) -> None:
    prices = parse_hf_models(make(hf, HuggingFaceProvider).list_models())
    assert prices["meta-llama/Llama-3.1-8B-Instruct"] == (Decimal("0.02"), Decimal("0.06"))
    assert prices["HuggingFaceH4/zephyr-7b-beta"] == (Decimal(0), Decimal(0))
