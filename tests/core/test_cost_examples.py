"""The welcome's cost example: a typical question's price range from the catalogue."""

from __future__ import annotations

from decimal import Decimal

from aideon_desktop.core.catalog import load_catalog
from aideon_desktop.core.cost_examples import typical_question
from tests.ui.helpers import UI_CATALOG


def test_the_range_comes_from_the_listed_prices() -> None:
    example = typical_question(UI_CATALOG, ["together", "huggingface"])
    assert example is not None
    # 400 prompt + 600 answer tokens at $0.88 and $0.90 per million; the baseline $2.5 / $10.
    assert example.low == Decimal("0.00088") and example.high == Decimal("0.0009")
    assert example.baseline == Decimal("0.007") and example.prices_checked == "2026-11-25"


def test_free_and_unknown_providers_give_nothing() -> None:
    assert typical_question(UI_CATALOG, ["local"]) is None
    assert typical_question(UI_CATALOG, ["nobody"]) is None


def test_the_shipped_catalogue_is_far_below_the_baseline() -> None:
    example = typical_question(load_catalog(), ["together", "huggingface"])
    assert example is not None and example.low < example.high < example.baseline
