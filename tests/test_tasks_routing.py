from __future__ import annotations

import pytest

from aideon_desktop.core.catalog import load_catalog, price
from aideon_desktop.core.privacy import scan
from aideon_desktop.core.routing import Route, RoutingInputs, decide
from aideon_desktop.core.tasks import classify

LOCAL = Route("local", "smollm2-135m-instruct", "SmolLM2")


@pytest.mark.parametrize(
    ("prompt", "task"),
    [
        ("Traceback (most recent call last):\n  File \"a.py\", line 1\nKeyError: 'x'", "code"),
        ("kubectl get pods returns CrashLoopBackOff, why?", "code"),
        ("Book me a first-class cabin to Lisbon", "general"),
        ("Give a detailed description of the Eiffel Tower", "general"),
        (
            "A train leaves at 3pm at 60 km/h and another at 4pm at 90 km/h; when does the second catch up? Solve step by step.",
            "reasoning",
        ),
    ],
)
def test_classify(prompt: str, task: str) -> None:
    assert classify(prompt) == task


def inputs(prompt: str, **kw) -> RoutingInputs:
    return RoutingInputs(
        verdict=scan(prompt), task=classify(prompt), catalog=load_catalog(), local_route=LOCAL, **kw
    )


def test_no_keys_routes_local_with_hint() -> None:
    decision = decide(inputs("Write a haiku"))
    assert decision.route == LOCAL and "no cloud API key" in decision.reasons[0]


def test_cloud_general_goes_to_cheapest_with_local_last() -> None:
    decision = decide(inputs("Write a haiku", cloud_providers=("together",)))
    assert decision.route.model == "meta-llama/Llama-3.2-3B-Instruct-Turbo"
    assert decision.fallbacks[-1] == LOCAL
    with_free = decide(inputs("Write a haiku", cloud_providers=("together", "huggingface")))
    assert (
        with_free.route.model == "HuggingFaceH4/zephyr-7b-beta" and "free" in with_free.reasons[1]
    )


def test_private_never_has_cloud_anywhere() -> None:
    decision = decide(
        inputs("my IBAN is DE44 5001 0517 5407 3249 31", cloud_providers=("together",))
    )
    assert decision.private and all(r.is_local for r in decision.routes())
    refused = decide(
        inputs(
            "my IBAN is DE44 5001 0517 5407 3249 31",
            cloud_providers=("together",),
            force_cloud=True,
        )
    )
    assert refused.refused and all(r.is_local for r in refused.routes())


def test_price_is_exact_to_the_microdollar() -> None:
    from decimal import Decimal

    assert price(1234, 567, Decimal("0.18"), Decimal("0.18")) == Decimal("0.000324")
    assert price(1_000_000, 0, Decimal("2.50"), Decimal("10")) == Decimal("2.5")
