"""Together: prices from its bare-array /models listing."""

from __future__ import annotations

from decimal import Decimal

from aideon_desktop.core.providers.together import parse_together_models
from tests.fake_cloud import FakeCloud
from tests.support.providers import make


def test_together_models_give_prices(together: FakeCloud) -> None:
    assert parse_together_models(make(together).list_models())[
        "Qwen/Qwen2.5-Coder-32B-Instruct"
    ] == (Decimal("0.8"), Decimal("0.8"))
