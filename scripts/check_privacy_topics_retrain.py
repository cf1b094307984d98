"""Aggregate counts for deciding whether a retrained topic model is kept (round 11's rule).

Prints, for each set the rule names, only totals (true positives, false positives, false
negatives, precision, recall) of the full scan: no row, no category.  The holdout8, holdout9 and
holdout10 sets are left out on purpose (they stay clean estimates), and the own files are
scored on their untouched halves (``split_of`` in bench/privacy.py), which nobody reads.

    uv run python scripts/check_privacy_topics_retrain.py > /tmp/before.txt
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aideon_desktop.core.privacy import scan  # noqa: E402
from bench.privacy import SHARED, evaluate, in_bar, load_rows, split_of, total  # noqa: E402

DATA = ROOT / "tests" / "data"
SCORED_ONLY = (
    DATA / "privacy_blind_untouched" / "disguised_untouched.jsonl",
    DATA / "privacy_blind_untouched" / "holdout_untouched.jsonl",
    DATA / "privacy_blind_untouched" / "holdout2_untouched.jsonl",
    *(DATA / f"privacy_holdout{n}" / "fresh.jsonl" for n in (3, 4, 5, 6, 7)),
)
OWN_UNTOUCHED = tuple(
    DATA / f"privacy_{name}.jsonl"
    for name in ("prose9", "topics8_a", "topics8_b", "topics8_c", "messy10", "narrative10")
)


def line(label: str, rows: list[dict]) -> str:
    tp, fp, fn, n = total(evaluate(rows, lambda t: scan(t).sensitive))
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    return f"{label:34} n={n:4} tp={tp:4} fp={fp:3} fn={fn:4} P={p:.3f} R={r:.3f}"


def main() -> None:
    for path in SCORED_ONLY:
        print(line(f"scored-only {path.parent.name}/{path.stem}", load_rows(path)))
    for name in ("dev.jsonl", "peer.jsonl", "peer2.jsonl"):
        rows = load_rows(SHARED / name)
        print(line(f"{name} all", rows))
        untouched = [r for r in rows if split_of(str(r["prompt"])) == "untouched"]
        print(line(f"{name} untouched", untouched))
        bar = [r for r in untouched if in_bar(name, r)]
        print(line(f"{name} untouched bar rows", bar))
    for path in OWN_UNTOUCHED:
        rows = [r for r in load_rows(path) if split_of(str(r["prompt"])) == "untouched"]
        print(line(f"own untouched {path.stem}", rows))


if __name__ == "__main__":
    main()
