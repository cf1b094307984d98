"""Routing's value types: a decision lists its routes in order; open breakers are unhealthy."""

from __future__ import annotations

from aideon_desktop.core.routing import decide
from aideon_desktop.core.routing.model import unhealthy_keys
from tests.support.routing import ALL_CLOUDS, LOCAL, PRIVATE, inputs


def test_only_open_circuits_are_unhealthy() -> None:
    states = {"together": "open", "huggingface": "half_open", "groq": "closed"}
    assert unhealthy_keys(states) == frozenset({"together"})


def test_routes_try_the_cloud_choice_first_and_end_on_this_device() -> None:
    routes = decide(inputs("Write a haiku about autumn", cloud_providers=ALL_CLOUDS)).routes()
    assert not routes[0].own_hardware and routes[-1] == LOCAL
    assert len(set(routes)) == len(routes)  # no route is tried twice


def test_a_private_prompt_has_only_routes_on_this_device() -> None:
    routes = decide(inputs(PRIVATE, cloud_providers=ALL_CLOUDS)).routes()
    assert routes and all(route.own_hardware for route in routes)
