"""Every registry row's class speaks the ChatProvider protocol and has what its row declares."""

from __future__ import annotations

import inspect

import pytest

from aideon_desktop.core.providers import registry
from aideon_desktop.core.providers.base import ChatProvider, ListsModels, ReportsPrices

CAPABILITY_PROTOCOLS = {"models": ListsModels, "prices": ReportsPrices}


def protocol_methods(protocol: type) -> set[str]:
    return {
        name
        for name, member in vars(protocol).items()
        if inspect.isfunction(member) and not name.startswith("_")
    }


@pytest.mark.parametrize("spec", registry.specs(), ids=lambda s: s.name)
def test_provider_class_implements_the_protocol_and_declared_capabilities(spec) -> None:
    cls = spec.provider_class()
    for method in protocol_methods(ChatProvider):
        assert callable(getattr(cls, method, None)), f"{cls.__name__} lacks {method}()"
    for capability in spec.capabilities:
        for method in protocol_methods(CAPABILITY_PROTOCOLS[capability]):
            assert callable(getattr(cls, method, None)), (
                f"{spec.name} declares '{capability}' but {cls.__name__} lacks {method}()"
            )
    if spec.kind != "embedded":
        assert callable(getattr(cls, "build", None)), f"{cls.__name__} cannot be built from a row"


def test_undeclared_prices_are_not_assumed() -> None:
    premium = registry.spec("premium")
    assert not premium.has("prices") and premium.has("models")
