"""Lists the detector's misses and false alarms on the *study* part of a corpus (or on one of
our own tests/data/privacy_*.jsonl files).  It never prints an untouched row: those are scored
by bench/privacy.py only.

Run: uv run python scripts/privacy_study.py peer2.jsonl [--all-rows] [--category secret]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aideon_desktop.core.privacy import scan  # noqa: E402
from bench.privacy import corpus_part, load_rows  # noqa: E402


def rows_for(name: str) -> list[dict]:
    own = ROOT / "tests" / "data" / name
    return load_rows(own) if own.exists() else corpus_part(name, "study")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--all-rows", action="store_true", help="print hits too")
    parser.add_argument("--category")
    args = parser.parse_args()
    for row in rows_for(args.corpus):
        if args.category and row["category"] != args.category:
            continue
        verdict = scan(row["prompt"])
        wrong = verdict.sensitive != row["sensitive"]
        if wrong or args.all_rows:
            mark = "MISS" if row["sensitive"] and wrong else "FP  " if wrong else "ok  "
            found = [(f.detector, row["prompt"][f.start : f.end][:40]) for f in verdict.findings]
            weak = " weak" if row.get("weak") else ""
            print(f"{mark} [{row['category']}{weak}] {row['prompt'][:300]!r}\n      -> {found}")


if __name__ == "__main__":
    main()
