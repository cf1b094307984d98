"""Routes and inputs for routing tests, against the shipped catalogue."""

from __future__ import annotations

from typing import Any

from aideon_desktop.core.catalog import load_catalog
from aideon_desktop.core.privacy import scan
from aideon_desktop.core.routing import Route, RoutingInputs
from aideon_desktop.core.tasks import assess

LOCAL = Route("local", "smollm2-135m-instruct", "SmolLM2", own_hardware=True)
LAN = Route("local_network", "qwen2.5:32b", "qwen on your network", own_hardware=True)
LAN_UNTRUSTED = Route("local_network", "qwen2.5:32b", "qwen on your network", own_hardware=False)
PRIVATE = "My IBAN is DE44 5001 0517 5407 3249 31, write the transfer note."
ALL_CLOUDS = ("together", "huggingface", "premium", "openrouter", "groq", "fireworks", "deepinfra")


def inputs(prompt: str, **kw: Any) -> RoutingInputs:
    """Inputs for ``prompt`` as the planner builds them (scan, task and difficulty)."""
    assessment = assess(prompt)
    kw.setdefault("task", assessment.task)
    kw.setdefault("difficulty", assessment.difficulty)
    kw.setdefault("catalog", load_catalog())
    return RoutingInputs(verdict=scan(prompt), local_route=LOCAL, **kw)
