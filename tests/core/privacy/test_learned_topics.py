"""The shipped topic model: learned from study material only, scored the same way it was trained."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors.learned_topics import topics_hit
from aideon_desktop.core.privacy.learned_topics import (
    CLASSES,
    MODEL_FILE,
    TopicModelMismatchError,
    model_from,
    topic_model,
)
from aideon_desktop.core.privacy.topic_features import features
from aideon_desktop.core.resources import read_arrays, resource_path

ROOT = Path(__file__).resolve().parents[3]
# Sets that may only ever be scored: never a training file, not even a part of one.
SCORED_ONLY = (
    "tests/data/privacy_blind_untouched/",
    "tests/data/privacy_holdout2/",
    "tests/data/privacy_holdout3/",
    "tests/data/privacy_holdout4/",
    "tests/data/privacy_holdout5/",
    "tests/data/privacy_holdout6/",
    "tests/data/privacy_holdout7/",
    "tests/data/privacy_holdout8/",
    "tests/data/privacy_holdout9/",
    "tests/data/privacy_holdout10/",
    "holdout6",  # and their writers' worktrees
    "holdout7",
    "/work/blind",
)


def _training_script():
    spec = importlib.util.spec_from_file_location(
        "train_privacy_topics", ROOT / "scripts" / "train_privacy_topics.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_model_learned_from_study_material_only() -> None:
    trained_on = topic_model().trained_on
    assert trained_on
    for name in trained_on:
        assert not any(part in name for part in SCORED_ONLY), name
        assert "untouched" not in name, name
        if name.startswith("../shared/"):
            assert name.endswith("#study"), f"{name}: a shared corpus counts only its study part"
        else:
            path, _, batch = name.partition("#")
            assert path.startswith(("tests/data/privacy_blind_study/", "tests/data/privacy_")), name
            assert (ROOT / path).exists(), name
            assert "estimate" not in batch, f"{name}: an own set's estimate half is only scored"


def test_the_model_file_matches_the_training_list() -> None:
    script = _training_script()
    listed = [script.trained_on_entry(name, part) for name, part in script.TRAINING]
    assert list(topic_model().trained_on) == listed


def test_the_training_script_reads_only_the_study_part_of_shared_corpora() -> None:
    script = _training_script()
    for name, part in script.TRAINING:
        if name.startswith("../shared/"):
            assert part == "study", name


def test_own_training_rows_are_well_formed() -> None:
    path = ROOT / "tests" / "data" / "privacy_topics_train.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len({row["prompt"] for row in rows}) == len(rows)
    langs = {row["lang"] for row in rows}
    assert {"en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "ja", "zh", "ko"} <= langs
    for row in rows:
        assert row["sensitive"] == (row["category"] in CLASSES[1:]), row


def test_round_eleven_training_rows_are_varied_and_written_fresh() -> None:
    """privacy_topics_train11.jsonl as docs/privacy_round11_retrain_rule.md describes it: many
    languages, all three topics, at least as many hard negatives as disclosures, and no prompt
    that is word for word a prompt of another data file (nothing copied from a test or blind
    set; only a count is reported)."""
    own = ROOT / "tests" / "data" / "privacy_topics_train11.jsonl"
    rows = [json.loads(line) for line in own.read_text(encoding="utf-8").splitlines()]
    prompts = {row["prompt"].strip().lower() for row in rows}
    assert len(prompts) == len(rows) >= 1_200
    assert len({row["lang"] for row in rows}) >= 20
    for row in rows:
        assert row["sensitive"] == (row["category"] in CLASSES[1:]), row["prompt"]
    disclosures = [row for row in rows if row["sensitive"]]
    assert len(rows) - len(disclosures) >= len(disclosures)
    for topic in CLASSES[1:]:
        assert sum(row["category"] == topic for row in disclosures) >= 150, topic
    others = [
        path
        for path in [
            *(ROOT / "tests" / "data").rglob("*.jsonl"),
            *ROOT.parent.glob("shared/privacy/*.jsonl"),
        ]
        if path != own
    ]
    copied = 0
    for path in others:
        for line in path.read_text(encoding="utf-8").splitlines():
            prompt = json.loads(line).get("prompt") if line.strip() else None
            copied += isinstance(prompt, str) and prompt.strip().lower() in prompts
    assert copied == 0


def _prompts_of_other_files(own: Path) -> list[str]:
    paths = [
        *(ROOT / "tests" / "data").rglob("*.jsonl"),
        *ROOT.parent.glob("shared/privacy/*.jsonl"),
    ]
    prompts = []
    for path in paths:
        if path == own:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            prompt = json.loads(line).get("prompt") if line.strip() else None
            if isinstance(prompt, str):
                prompts.append(prompt.strip().lower())
    return prompts


def test_round_twelve_rows_make_a_figure_no_evidence_of_business() -> None:
    """privacy_topics_train12.jsonl as docs/privacy_round12_retrain_rule.md describes it: hard
    negatives that carry figures (prices, budgets, public results and pay, error codes,
    homework...) and confidential-business disclosures without a single digit, in many
    languages, none copied from another data file (only a count is checked)."""
    own = ROOT / "tests" / "data" / "privacy_topics_train12.jsonl"
    rows = [json.loads(line) for line in own.read_text(encoding="utf-8").splitlines()]
    prompts = {row["prompt"].strip().lower() for row in rows}
    assert len(prompts) == len(rows)
    assert len({row["lang"] for row in rows}) >= 20
    for row in rows:
        assert row["sensitive"] == (row["category"] in CLASSES[1:]), row["prompt"]
    digit = re.compile(r"\d")
    figures = [r for r in rows if not r["sensitive"] and digit.search(r["prompt"])]
    assert len(figures) >= 350
    business = [r for r in rows if r["category"] == "confidential_business"]
    assert len(business) >= 100
    assert not any(digit.search(r["prompt"]) for r in business)
    assert not any(prompt in prompts for prompt in _prompts_of_other_files(own))


@pytest.mark.parametrize(
    "text",
    [
        "My therapist says my panic attacks are worse since the divorce.",
        "What are the side effects of sertraline?",
        "Confidential: we will close the Leeds plant next March.",
        "母が先週乳がんと診断されました。",
        "def mean(xs):\n    return sum(xs) / len(xs)\n" * 200,
    ],
)
def test_the_scan_path_sums_what_training_sums(text: str) -> None:
    model = topic_model()
    ctx = ScanContext(text)
    hit = topics_hit(ctx)
    slow = model.probabilities(features(ctx.lower, hit))
    fast = model.text_probabilities(model.evidence(ctx.lower, hit))
    assert fast == pytest.approx(slow, abs=1e-5)
    assert sum(fast) == pytest.approx(1.0)


def test_the_threshold_is_for_precision() -> None:
    assert 0.5 <= topic_model().threshold < 1.0


def test_a_model_trained_on_other_features_is_refused() -> None:
    arrays = read_arrays(resource_path(MODEL_FILE))
    arrays["feature_version"] = np.array("something else")
    with pytest.raises(TopicModelMismatchError, match="train_privacy_topics"):
        model_from(arrays)


def test_training_is_deterministic_and_learns_the_topics() -> None:
    script = _training_script()
    rows = [
        ("my doctor says my blood pressure is too high", 1),
        ("i was diagnosed with diabetes last year", 1),
        ("we are behind on rent and the landlord will evict us", 2),
        ("my debts are growing and the bank froze my account", 2),
        ("internal only: we will cut forty jobs next month", 3),
        ("confidential: our margin fell to three percent", 3),
        ("what is the capital of france", 0),
        ("write a poem about the sea", 0),
    ]
    data = [script.Example("t", features(text), label) for text, label in rows] * 2
    first, second = script.fit(data), script.fit(data)
    assert np.array_equal(first["weights"], second["weights"])
    probs = script.predict(first, data[: len(rows)])
    assert list(probs.argmax(axis=1)) == [label for _text, label in rows]
