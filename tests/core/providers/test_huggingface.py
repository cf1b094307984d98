"""Hugging Face: the router's usage chunk, the legacy API's cold start, prices from /models."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from aideon_desktop.core.chat import GenerationParams
from aideon_desktop.core.errors import ProviderHTTPError
from aideon_desktop.core.providers.deadline import Deadline
from aideon_desktop.core.providers.huggingface import HuggingFaceProvider, parse_hf_models
from aideon_desktop.core.providers.resilience import with_retries
from tests.fake_cloud import FakeCloud
from tests.support.providers import KEY, MESSAGES, collect, make


def test_hf_router_usage_arrives_as_an_extra_chunk(hf: FakeCloud) -> None:
    text, usage, _ = collect(
        make(hf, HuggingFaceProvider).stream(MESSAGES, "meta-llama/Llama-3.1-8B-Instruct:cheapest")
    )
    assert text == "Hello from the cloud." and (usage.prompt_tokens, usage.completion_tokens) == (
        11,
        4,
    )
    assert hf.chat_requests()[0]["body"]["stream_options"] == {"include_usage": True}


def test_hf_legacy_cold_start_waits_and_counts_down(hf: FakeCloud) -> None:
    sleeps: list[float] = []
    provider = make(hf, HuggingFaceProvider, sleep=sleeps.append)
    hf.script_legacy(
        {"kind": "loading", "estimated_time": 20.0}, {"kind": "loading", "estimated_time": 5.0}
    )
    text, usage, notices = collect(
        provider.text_generation_stream(MESSAGES, "HuggingFaceH4/zephyr-7b-beta")
    )
    assert text == "Hello from the cloud." and usage.estimated
    # One notice a second with the seconds left: 20, 19, … 1, then 5, 4, … 1.
    assert {n.kind for n in notices} == {"model_loading"} and "is loading" in notices[0].message
    left = [int(re.search(r"about (\d+) s left", n.message).group(1)) for n in notices]
    assert left == [*range(20, 0, -1), *range(5, 0, -1)]
    assert sum(sleeps) == 25.0 and max(sleeps) <= 1.0
    legacy = [r for r in hf.requests if r["path"].startswith("/models/")]
    assert (
        legacy[0]["body"]["inputs"].endswith("Assistant:")
        and "max_new_tokens" in legacy[0]["body"]["parameters"]
    )


def test_hf_legacy_load_longer_than_the_budget_fails_over_at_once(hf: FakeCloud) -> None:
    """Issue 16 #8: an estimated_time of 200 s kept a user waiting 242 s; now a load that
    cannot finish within the answer's budget is not waited for at all (and not retried)."""
    sleeps: list[float] = []
    provider = make(hf, HuggingFaceProvider, sleep=sleeps.append)
    hf.script_legacy(*[{"kind": "loading", "estimated_time": 200.0}] * 4)
    params = GenerationParams(deadline=Deadline.after(30.0))
    with pytest.raises(ProviderHTTPError, match="still loading") as info:
        collect(
            with_retries(
                lambda: provider.text_generation_stream(
                    MESSAGES, "HuggingFaceH4/zephyr-7b-beta", params
                ),
                sleep=sleeps.append,
                deadline=params.deadline,
            )
        )
    assert sleeps == [] and not info.value.retryable
    assert len([r for r in hf.requests if r["path"].startswith("/models/")]) == 1


def test_hf_legacy_wait_is_capped_by_what_is_left_of_the_budget(hf: FakeCloud) -> None:
    sleeps: list[float] = []
    provider = make(hf, HuggingFaceProvider, sleep=sleeps.append)
    hf.script_legacy(*[{"kind": "loading", "estimated_time": 8.0}] * 3)
    params = GenerationParams(deadline=Deadline.after(20.0))
    with pytest.raises(ProviderHTTPError, match="still loading"):
        collect(provider.text_generation_stream(MESSAGES, "HuggingFaceH4/zephyr-7b-beta", params))
    assert sum(sleeps) == 16.0  # two 8 s waits fit in 20 s, a third does not


def test_hf_legacy_gives_up_after_a_bounded_wait(hf: FakeCloud) -> None:
    provider = make(hf, HuggingFaceProvider, sleep=lambda s: None)
    hf.script_legacy(*[{"kind": "loading", "estimated_time": 50.0}] * 5)
    with pytest.raises(ProviderHTTPError, match="still loading"):
        collect(provider.text_generation_stream(MESSAGES, "HuggingFaceH4/zephyr-7b-beta"))


def test_hf_models_give_prices(hf: FakeCloud) -> None:
    prices = parse_hf_models(make(hf, HuggingFaceProvider).list_models())
    assert prices["meta-llama/Llama-3.1-8B-Instruct"] == (Decimal("0.02"), Decimal("0.06"))
    assert prices["HuggingFaceH4/zephyr-7b-beta"] == (Decimal(0), Decimal(0))


@pytest.mark.parametrize(
    "behaviour",
    [
        {"kind": "status", "status": 403, "body": {"error": "Key {key} has no access"}},
        {"kind": "status", "status": 500, "text": "internal error for token {key}"},
    ],
    ids=["legacy json error", "legacy text error"],
)
def test_a_key_echoed_by_the_legacy_api_is_never_shown(hf: FakeCloud, behaviour) -> None:
    hf.script_legacy(behaviour)
    provider = make(hf, HuggingFaceProvider, sleep=lambda s: None)
    with pytest.raises(ProviderHTTPError) as info:
        collect(provider.text_generation_stream(MESSAGES, "HuggingFaceH4/zephyr-7b-beta"))
    assert KEY not in f"{info.value} {info.value!r}" and "[REDACTED]" in str(info.value)
