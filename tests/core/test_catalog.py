"""The catalogue: only chat models, sourced prices and quality, and a refresh that keeps both."""

from __future__ import annotations

import csv
import re
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from aideon_desktop.core.catalog import (
    Catalog,
    ModelEntry,
    Quality,
    load_catalog,
    price,
    save_user_catalog,
    user_catalog_path,
)
from aideon_desktop.core.privacy import Verdict
from aideon_desktop.core.providers import registry
from aideon_desktop.core.resources import resource_path
from aideon_desktop.core.routing import RoutingInputs, decide
from tests.support.routing import LOCAL

# Names that mark a base or completion model (no chat/instruct tuning).  Qwen3 and later ship
# chat models without a suffix and mark their base models "-Base", which the pattern catches.
BASE_MODEL = re.compile(
    r"starcoder|codellama/CodeLlama-\d+b-hf$|-base\b|\bbase-|/gpt2|falcon-\d+b$|"
    r"Meta-Llama-3(\.\d)?-\d+B$|Llama-\d(\.\d)?-\d+B$|Mistral-7B-v0|Qwen2(\.5)?-\d+B$|bigcode/",
    re.IGNORECASE,
)


def test_no_base_or_completion_model_can_be_chosen_for_chat() -> None:
    catalog = load_catalog()
    for entry in catalog.model:
        assert entry.kind == "chat" and entry.api == "chat", entry.id
        assert not BASE_MODEL.search(entry.id), f"{entry.id} looks like a base model"
    assert not any("starcoder" in m.id.lower() for m in catalog.model)


def test_a_base_model_row_is_never_routed_to_even_if_cheapest() -> None:
    """StarCoder2 was the seed's cheapest 'code' row; as a base model it must never answer."""
    shipped = load_catalog()
    starcoder = ModelEntry(
        provider="huggingface",
        id="bigcode/starcoder2-15b",
        name="StarCoder2 15B",
        tasks=["code"],
        context_length=16384,
        input_per_million=Decimal(0),
        output_per_million=Decimal(0),
        quality=Quality(general=99, code=99, reasoning=99),
        kind="base",
    )
    catalog = shipped.model_copy(update={"model": [starcoder, *shipped.model]})
    assert starcoder not in catalog.routable()
    for task in ("code", "general", "reasoning"):
        for difficulty in ("easy", "medium", "hard"):
            decision = decide(
                RoutingInputs(
                    verdict=Verdict(sensitive=False),
                    task=task,  # type: ignore[arg-type]
                    difficulty=difficulty,  # type: ignore[arg-type]
                    catalog=catalog,
                    local_route=LOCAL,
                    cloud_providers=("huggingface",),
                )
            )
            assert all(r.model != starcoder.id for r in decision.routes())


def livebench_quality() -> dict[str, dict[str, float]]:
    mapping = tomllib.loads(resource_path("quality/livebench.toml").read_text(encoding="utf-8"))
    with resource_path("quality/livebench.csv").open(encoding="utf-8") as fh:
        rows = {row["model"]: row for row in csv.DictReader(fh)}
    scores = {}
    for model, row in rows.items():
        category = {
            name: sum(float(row[task]) for task in tasks) / len(tasks)
            for name, tasks in mapping["categories"].items()
        }
        scores[f"LiveBench {row['release']}: {model}"] = {
            task: sum(category[c] for c in cats) / len(cats)
            for task, cats in mapping["tasks"].items()
        }
    return scores


def test_quality_comes_from_the_named_benchmark_rows() -> None:
    sourced = livebench_quality()
    for entry in load_catalog().model:
        assert entry.quality is not None, entry.id
        if entry.provider == "local":
            assert entry.quality.general == 0 and "unsourced" in entry.quality_source
            continue
        expected = sourced[entry.quality_source]  # KeyError: a row without a LiveBench source
        for task, value in expected.items():
            assert entry.quality.of(task) == pytest.approx(value, abs=0.051), (entry.id, task)


def test_prices_are_dated_and_sourced_and_contexts_known() -> None:
    catalog = load_catalog()
    assert date.fromisoformat(catalog.prices_checked) and catalog.baseline.output_per_million > 0
    for entry in catalog.model:
        assert date.fromisoformat(entry.prices_checked), entry.id
        assert entry.price_source and entry.context_length > 0, entry.id


def test_catalog_covers_every_provider_of_the_registry() -> None:
    catalog = load_catalog()
    assert len(catalog.model) >= 25
    providers = {m.provider for m in catalog.model}
    assert providers <= {spec.name for spec in registry.specs()}
    assert {"together", "huggingface", "premium", "local"} <= providers
    for preset in ("openrouter", "groq", "fireworks", "deepinfra"):
        assert len(catalog.for_provider(preset)) >= 2, preset


def test_hugging_face_rows_go_through_the_router() -> None:
    rows = load_catalog().for_provider("huggingface")
    assert rows and all(m.id.endswith(":cheapest") and m.api == "chat" for m in rows)
    hf = registry.spec("huggingface")
    assert hf.base_url == "https://router.huggingface.co/v1"


@pytest.mark.parametrize(
    ("provider", "model_id", "prices"),
    [
        ("together", "openai/gpt-oss-120b", ("0.15", "0.60")),
        ("huggingface", "deepseek-ai/DeepSeek-V4-Flash:cheapest", ("0.14", "0.28")),
        ("deepinfra", "Qwen/Qwen3-235B-A22B-Instruct-2507", ("0.071", "0.10")),
        ("premium", "gpt-5.5", ("5.00", "30.00")),
    ],
)
def test_sourced_prices(provider: str, model_id: str, prices: tuple[str, str]) -> None:
    entry = load_catalog().find(provider, model_id)
    assert entry is not None
    assert (entry.input_per_million, entry.output_per_million) == tuple(map(Decimal, prices))


def test_price_is_exact_to_the_microdollar() -> None:
    assert price(1234, 567, Decimal("0.18"), Decimal("0.18")) == Decimal("0.000324")
    assert price(1_000_000, 0, Decimal("2.50"), Decimal("10")) == Decimal("2.5")


def test_refreshed_prices_never_drop_quality_data(isolated_home: Path) -> None:
    shipped = load_catalog()
    fresh = shipped.with_prices(
        "huggingface",
        {"deepseek-ai/DeepSeek-V4-Flash": (Decimal("0.11"), Decimal("0.22"))},
        "2026-12-01",
    )
    save_user_catalog(fresh)
    refreshed = load_catalog()
    row = refreshed.find("huggingface", "deepseek-ai/DeepSeek-V4-Flash:cheapest")
    before = shipped.find("huggingface", "deepseek-ai/DeepSeek-V4-Flash:cheapest")
    assert row is not None and before is not None
    assert (row.input_per_million, row.output_per_million) == (Decimal("0.11"), Decimal("0.22"))
    assert row.quality == before.quality and row.context_length == before.context_length
    assert row.prices_checked == "2026-12-01" and refreshed.prices_checked == "2026-12-01"
    stored = tomllib.loads(user_catalog_path().read_text(encoding="utf-8"))
    assert [r["id"] for r in stored["price"]] == ["deepseek-ai/DeepSeek-V4-Flash:cheapest"]
    assert len(refreshed.model) == len(shipped.model)


def test_an_old_full_user_catalogue_contributes_prices_only(isolated_home: Path) -> None:
    """Before this change the user file was a whole catalogue; its stale rows must not return."""
    user_catalog_path().parent.mkdir(parents=True, exist_ok=True)
    user_catalog_path().write_text(
        'prices_checked = "2025-06-01"\n[baseline]\nname = "GPT-4o"\ninput_per_million = 2.5\n'
        "output_per_million = 10.0\n"
        '[[model]]\nprovider = "huggingface"\nid = "bigcode/starcoder2-15b"\nname = "StarCoder2"\n'
        'tasks = ["code"]\ncontext_length = 16384\ninput_per_million = 0\noutput_per_million = 0\n'
        "tier = 2\n"
        '[[model]]\nprovider = "together"\nid = "openai/gpt-oss-120b"\nname = "old"\n'
        'tasks = ["general"]\ncontext_length = 8\ninput_per_million = 0.2\noutput_per_million = 0.7\n'
        "tier = 1\n",
        encoding="utf-8",
    )
    catalog = load_catalog()
    assert catalog.find("huggingface", "bigcode/starcoder2-15b") is None
    row = catalog.find("together", "openai/gpt-oss-120b")
    assert row is not None and row.input_per_million == Decimal("0.2")
    assert row.context_length == 131072 and row.quality is not None and row.name != "old"
    assert catalog.baseline.name.startswith("GPT-5.5")


def test_an_unreadable_user_catalogue_is_ignored(isolated_home: Path) -> None:
    user_catalog_path().parent.mkdir(parents=True, exist_ok=True)
    user_catalog_path().write_text("this is [not toml", encoding="utf-8")
    assert len(load_catalog().model) == len(Catalog.model_validate(
        tomllib.loads(resource_path("catalog.toml").read_text(encoding="utf-8"))
    ).model)  # fmt: skip
