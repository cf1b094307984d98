"""Routing's value types: a decision lists its routes in order; open breakers are unhealthy."""

from __future__ import annotations

from aideon_desktop.core.routing import decide
from aideon_desktop.core.routing.model import unhealthy_keys
from tests.support.routing import inputs


def test_only_open_circuits_are_unhealthy() -> None:
    states = {"together": "open", "huggingface": "half_open", "groq": "closed"}
    assert unhealthy_keys(states) == frozenset({"together"})


def test_routes_are_the_choice_then_its_fallbacks() -> None:
    decision = decide(inputs("Write a haiku about autumn", cloud_providers=("together",)))
    assert decision.routes()[0] == decision.route
    assert decision.routes()[1:] == tuple(decision.fallbacks)
