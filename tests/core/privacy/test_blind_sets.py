"""Regression floors on the blind sets nobody tuned the detector on (tests/data/
privacy_blind_untouched/README.md).  Scores at first look, after round three: holdout P 0.967 /
R 0.946, disguised P 0.980 / R 0.925, holdout2's untouched half P 0.927 / R 0.887, holdout3
(written blind after round two, never read by anyone working on the detector) P 0.947 /
R 0.910; holdout4 (written blind during round four, first scored after it) P 0.956 / R 0.899;
holdout5 (written blind during round six, scored before it P 0.953 / R 0.841 and after it
P 0.955 / R 0.876); holdout6 (347 rows in 27 languages, written blind during round seven,
scored before it P 0.904 / R 0.774 and after it P 0.905 / R 0.779); holdout7 (345 rows in 28
languages, with invented fiction as a new kind of hard negative, written blind during round
eight, scored at first look P 0.901 / R 0.694 and after it P 0.920 / R 0.765).  Round eight
raised the floors of holdout4 to holdout7 to a few points below where that round left them.
holdout8 (359 rows, private values inside pasted e-mails, CSV, logs; first look P 0.838 /
R 0.829) and holdout9 (336 short, messy messages in 30 languages; at round nine's start
P 0.970 / R 0.701) came in round nine.  holdout10 (338 prompts in 26 languages, the issue's 12
first, written blind in round ten: scored at its start P 0.972 / R 0.868, at its end P 0.973 /
R 0.904); round ten raised holdout8's floors (end P 0.872 / R 0.845) and holdout9's recall floor
(end R 0.738).
The floors sit a few points below, so a change that loses recall or precision on
unseen prompts fails here; they are not a claim (the closing notes of each round are)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aideon_desktop.core.privacy import scan

DATA = Path(__file__).resolve().parents[2] / "data"

FLOORS = {
    "privacy_blind_untouched/holdout_untouched.jsonl": (0.93, 0.90),
    "privacy_blind_untouched/disguised_untouched.jsonl": (0.93, 0.88),
    "privacy_blind_untouched/holdout2_untouched.jsonl": (0.89, 0.84),
    "privacy_holdout3/fresh.jsonl": (0.91, 0.87),
    "privacy_holdout4/fresh.jsonl": (0.92, 0.92),
    "privacy_holdout5/fresh.jsonl": (0.92, 0.87),
    "privacy_holdout6/fresh.jsonl": (0.87, 0.79),
    "privacy_holdout7/fresh.jsonl": (0.88, 0.73),
    "privacy_holdout8/fresh.jsonl": (0.84, 0.81),
    "privacy_holdout9/fresh.jsonl": (0.95, 0.71),
    "privacy_holdout10/fresh.jsonl": (0.94, 0.87),
}


@pytest.mark.parametrize(("name", "floors"), FLOORS.items())
def test_precision_and_recall_on_unseen_prompts(name: str, floors: tuple[float, float]) -> None:
    rows = [json.loads(line) for line in (DATA / name).read_text("utf-8").splitlines() if line]
    tp = fp = fn = 0
    missed = []
    for row in rows:
        found, private = scan(row["prompt"]).sensitive, row["sensitive"]
        tp += found and private
        fp += found and not private
        fn += private and not found
        if private and not found:
            missed.append(row["prompt"][:80])
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= floors[0], f"precision {precision:.3f}"
    assert recall >= floors[1], f"recall {recall:.3f}; missed e.g. {missed[:5]}"
