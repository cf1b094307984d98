"""Routing brain: task accuracy on our labelled sets, and classify/decide latency.

Compares with the seed's keyword rule side by side.  Run: uv run python bench/routing.py
"""

from __future__ import annotations

import json
import re
import statistics
import time
from pathlib import Path

from aideon_desktop.core.catalog import load_catalog
from aideon_desktop.core.privacy import scan
from aideon_desktop.core.routing import Route, RoutingInputs, decide
from aideon_desktop.core.tasks import classify

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SEED_CODE = re.compile(r"\b(code|function|class|import|def|var|const)\b", re.IGNORECASE)
SEED_REASONING = re.compile(r"\b(analy[sz]e|reasoning|complex|comprehensive)\b", re.IGNORECASE)


def seed_classify(text: str) -> str:
    if SEED_CODE.search(text):
        return "code"
    if SEED_REASONING.search(text):
        return "reasoning"
    return "general"


def pct(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100)[q - 1]


def main() -> None:
    print(f"{'set':22} {'n':>4} {'aideon':>8} {'seed rule':>10}")
    everything = []
    for name in ("tasks_labelled.jsonl", "tasks_heldout.jsonl", "tasks_fresh.jsonl"):
        rows = [
            json.loads(line)
            for line in (DATA / name).read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        everything += rows
        ours = sum(classify(r["prompt"]) == r["task"] for r in rows) / len(rows)
        seed = sum(seed_classify(r["prompt"]) == r["task"] for r in rows) / len(rows)
        print(f"{name:22} {len(rows):4} {ours:8.3f} {seed:10.3f}")
    ours = sum(classify(r["prompt"]) == r["task"] for r in everything) / len(everything)
    seed = sum(seed_classify(r["prompt"]) == r["task"] for r in everything) / len(everything)
    print(f"{'ALL':22} {len(everything):4} {ours:8.3f} {seed:10.3f}")

    prompts = [r["prompt"] for r in everything]
    catalog = load_catalog()
    local = Route("local", "smollm2-135m-instruct", "SmolLM2", own_hardware=True)
    classify_ms, decide_ms, seed_ms = [], [], []
    verdicts = [scan(p) for p in prompts]
    for _ in range(20):
        for prompt, verdict in zip(prompts, verdicts, strict=True):
            t0 = time.perf_counter()
            task = classify(prompt)
            t1 = time.perf_counter()
            decide(
                RoutingInputs(
                    verdict=verdict,
                    task=task,
                    catalog=catalog,
                    local_route=local,
                    cloud_providers=("together", "huggingface", "premium"),
                )
            )
            t2 = time.perf_counter()
            seed_classify(prompt)
            t3 = time.perf_counter()
            classify_ms.append((t1 - t0) * 1000)
            decide_ms.append((t2 - t1) * 1000)
            seed_ms.append((t3 - t2) * 1000)
    print(f"\n{'step':18} {'p50 ms':>8} {'p99 ms':>8}")
    for label, samples in (
        ("classify", classify_ms),
        ("decide", decide_ms),
        ("seed keyword rule", seed_ms),
    ):
        print(f"{label:18} {pct(samples, 50):8.3f} {pct(samples, 99):8.3f}")
    print(f"\naccuracy ratio aideon/seed: {ours / seed:.2f}x; classify p99 target < 1 ms")


if __name__ == "__main__":
    main()
