"""Together AI: OpenAI-compatible chat; ``GET /models`` is a bare JSON array with pricing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from aideon_desktop.core.providers.openai_compatible import OpenAICompatibleProvider

DEFAULT_BASE_URL = "https://api.together.xyz/v1"


def parse_together_models(payload: Any) -> dict[str, tuple[Decimal, Decimal]]:
    """model id → (input, output) USD per 1M tokens, from Together's bare-array model list."""
    prices: dict[str, tuple[Decimal, Decimal]] = {}
    for item in payload if isinstance(payload, list) else []:
        pricing = item.get("pricing") if isinstance(item, dict) else None
        if not isinstance(pricing, dict) or "id" not in item:
            continue
        try:
            prices[item["id"]] = (
                Decimal(str(pricing.get("input", 0))),
                Decimal(str(pricing.get("output", 0))),
            )
        except ArithmeticError:
            continue
    return prices


class TogetherProvider(OpenAICompatibleProvider):
    """Together's chat is plain OpenAI-compatible; its model list carries prices."""

    def prices(self) -> dict[str, tuple[Decimal, Decimal]]:
        return parse_together_models(self.list_models())
