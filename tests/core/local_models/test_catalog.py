"""The recommended-model catalogue (resources/local_models.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aideon_desktop.core.errors import ConfigError, InputError
from aideon_desktop.core.hardware import MemorySnapshot
from aideon_desktop.core.local_models.catalog import (
    CATALOG_ENV,
    find_model,
    load_catalog,
    recommend,
)
from aideon_desktop.core.local_models.fit import GiB, assess_fit

PARAMS = {"0.5B": 0.5, "1B": 1, "1.5B": 1.5, "3B": 3, "3.8B": 3.8, "4B": 4, "7B": 7, "8B": 8}


def test_the_catalogue_covers_the_families_and_sizes_asked_for() -> None:
    models = load_catalog()
    assert len(models) >= 8
    assert {m.family for m in models} >= {"Qwen", "Llama", "Gemma", "Phi", "Mistral"}
    assert all(0.5 <= PARAMS[m.parameters] <= 8 for m in models)
    assert max(m.languages_total for m in models) >= 100  # a strong multilingual model
    assert any(m.languages_total >= 100 and m.licence == "Apache-2.0" for m in models)
    assert all(300_000_000 < m.size_bytes < 6_000_000_000 for m in models)
    assert all(m.licence and m.licence_url.startswith("https://") for m in models)


def test_pinned_values_are_well_formed_and_unpinned_ones_say_so() -> None:
    for model in load_catalog():
        assert model.file.endswith(".gguf") and "/" in model.repo
        if model.pinned:
            assert len(model.revision) == 40 and len(model.sha256) == 64
        else:
            assert model.revision == "" and model.sha256 == ""  # never half-pinned
            assert "NOT pinned" in model.provenance


def test_names_are_found_with_suggestions_for_near_misses() -> None:
    assert find_model("Qwen3-4B-Instruct").name == "qwen3-4b-instruct"
    with pytest.raises(InputError, match="Did you mean qwen3-4b-instruct"):
        find_model("qwen3-4b")
    with pytest.raises(InputError, match="aideon models list"):
        find_model("gpt-5")


def test_an_invalid_catalogue_names_the_bad_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = load_catalog()[0].model_dump(mode="json")
    bad = dict(good, sha256="not-a-checksum")
    import tomli_w

    path = tmp_path / "catalog.toml"
    path.write_text(tomli_w.dumps({"model": [bad]}), encoding="utf-8")
    monkeypatch.setenv(CATALOG_ENV, str(path))
    with pytest.raises(ConfigError, match=r"invalid at model\.0\.sha256"):
        load_catalog()
    path.write_text(tomli_w.dumps({"model": [good, good]}), encoding="utf-8")
    with pytest.raises(ConfigError, match="repeats a name"):
        load_catalog()


def test_the_recommendation_is_the_best_model_that_fits() -> None:
    models = load_catalog()

    def fit_with(available_gib: float):
        memory = MemorySnapshot(16 * GiB, int(available_gib * GiB))
        return lambda m: assess_fit(m.estimate(4096), memory, use_gpu=False)

    roomy = recommend(models, fit_with(12))
    assert roomy is not None and roomy.rank == max(m.rank for m in models)
    small = recommend(models, fit_with(3.5))
    assert small is not None and small.estimate(4096).total_bytes < 2 * GiB
    assert recommend(models, fit_with(0.5)) is None
