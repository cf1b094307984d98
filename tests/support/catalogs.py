"""Small catalogs for tests: a local model and two cheap cloud models."""

from __future__ import annotations

from decimal import Decimal

from aideon_desktop.core.catalog import Baseline, Catalog, ModelEntry


def model(
    provider: str, model_id: str, price: str, tasks=("general",), tier: int = 2, api: str = "chat"
) -> ModelEntry:
    return ModelEntry(
        provider=provider,
        id=model_id,
        name=f"{provider}:{model_id}",
        tasks=list(tasks),
        context_length=32768,
        input_per_million=Decimal(price),
        output_per_million=Decimal(price),
        tier=tier,
        api=api,
    )


CATALOG = Catalog(
    prices_checked="2026-11-25",
    baseline=Baseline(
        name="premium", input_per_million=Decimal("2.5"), output_per_million=Decimal("10")
    ),
    model=[
        model("local", "smollm2-135m-instruct", "0", tier=1),
        model("together", "t-small", "0.10"),
        model("huggingface", "h-small", "0.20"),
    ],
)
