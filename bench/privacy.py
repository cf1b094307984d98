"""Privacy detector: precision/recall per category on the public corpora, and scan latency.

Compares with the seed's keyword rule side by side.  Run: uv run python bench/privacy.py
Latency is measured in this process on one core (scan is single-threaded).
"""

from __future__ import annotations

import json
import random
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path

from aideon_desktop.core.privacy import scan

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "privacy"
SEED_KEYWORDS = re.compile(r"\b(password|ssn|personal|private|confidential)\b", re.IGNORECASE)


def seed_rule(text: str) -> bool:
    return bool(SEED_KEYWORDS.search(text))


def evaluate(rows: list[dict], predict) -> dict[str, tuple[int, int, int]]:
    by_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for row in rows:
        got, want = predict(row["prompt"]), row["sensitive"]
        cell = by_cat[row["category"]]
        if got and want:
            cell[0] += 1
        elif got:
            cell[1] += 1
        elif want:
            cell[2] += 1
    return {k: tuple(v) for k, v in by_cat.items()}


def pr(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    return f"P={p:5.3f} R={r:5.3f}"


def report(name: str) -> None:
    path = SHARED / name
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    ours, seed = evaluate(rows, lambda t: scan(t).sensitive), evaluate(rows, seed_rule)
    print(f"\n{name} ({len(rows)} prompts)")
    print(f"{'category':24} {'n':>4}  {'aideon':17}  {'seed keyword rule':17}")
    for cat in sorted(ours):
        n = sum(1 for r in rows if r["category"] == cat)
        print(f"{cat:24} {n:4}  {pr(*ours[cat]):17}  {pr(*seed[cat]):17}")
    tot = [sum(v[i] for v in ours.values()) for i in range(3)]
    stot = [sum(v[i] for v in seed.values()) for i in range(3)]
    print(f"{'ALL':24} {len(rows):4}  {pr(*tot):17}  {pr(*stot):17}")


def latency(size: int, runs: int) -> tuple[float, float, float, float]:
    rng = random.Random(size)
    rows = [
        json.loads(line)["prompt"]
        for line in (SHARED / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    samples_ours, samples_seed = [], []
    for _ in range(runs):
        text = ""
        while len(text) < size:
            text += rng.choice(rows) + "\n"
        text = text[:size]
        t0 = time.perf_counter()
        scan(text)
        t1 = time.perf_counter()
        seed_rule(text)
        t2 = time.perf_counter()
        samples_ours.append((t1 - t0) * 1000)
        samples_seed.append((t2 - t1) * 1000)

    def pct(xs: list[float], q: float) -> float:
        return statistics.quantiles(xs, n=100)[int(q) - 1]

    return (
        pct(samples_ours, 50),
        pct(samples_ours, 99),
        pct(samples_seed, 50),
        pct(samples_seed, 99),
    )


def main() -> None:
    for name in ("dev.jsonl", "peer.jsonl"):
        report(name)
    print(
        f"\n{'prompt size':12} {'aideon p50':>11} {'aideon p99':>11} {'seed p50':>9} {'seed p99':>9}  target p99"
    )
    scan("warm up 4111 1111 1111 1111")
    for size, runs, target in ((2_000, 400, 2.0), (64_000, 60, 25.0)):
        p50, p99, s50, s99 = latency(size, runs)
        print(f"{size:>9} ch  {p50:9.2f}ms {p99:9.2f}ms {s50:7.3f}ms {s99:7.3f}ms  <= {target} ms")


if __name__ == "__main__":
    main()
