"""What a typical question costs, from the catalogue's prices: the range over a few providers'
chat models against the premium baseline, for the welcome screen's "what it costs"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from aideon_desktop.core.catalog import Catalog

# A typical chat turn: a question with a little context, and an answer of a few paragraphs.
TYPICAL_PROMPT_TOKENS = 400
TYPICAL_ANSWER_TOKENS = 600


@dataclass(frozen=True)
class CostExample:
    low: Decimal
    high: Decimal
    baseline: Decimal
    prices_checked: str


def typical_question(catalog: Catalog, providers: Iterable[str]) -> CostExample | None:
    """The cheapest and dearest typical question on ``providers``' paid chat models, and on the
    baseline; None when the catalogue lists no such model."""
    wanted = set(providers)
    costs = [
        m.cost(TYPICAL_PROMPT_TOKENS, TYPICAL_ANSWER_TOKENS)
        for m in catalog.model
        if m.provider in wanted and m.is_chat and not m.is_free
    ]
    if not costs:
        return None
    base = catalog.baseline
    baseline = (
        TYPICAL_PROMPT_TOKENS * base.input_per_million
        + TYPICAL_ANSWER_TOKENS * base.output_per_million
    ) / Decimal(1_000_000)
    return CostExample(min(costs), max(costs), baseline, catalog.prices_checked)
