"""Routing brain: task accuracy per labelled set and language, difficulty accuracy, and the
latency of assess/decide, side by side with the seed's keyword rule.

The untouched sets were each scored once before any fix they prompted (their first-look scores
are in tests/data/tasks_multilingual/README.md); the numbers printed here are today's, on sets
that have since been seen.  Run: uv run python bench/routing.py
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path

from aideon_desktop.core.catalog import load_catalog
from aideon_desktop.core.privacy import scan
from aideon_desktop.core.routing import Route, RoutingInputs, decide
from aideon_desktop.core.tasks import assess

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SETS = [
    "tasks_labelled.jsonl",
    "tasks_heldout.jsonl",
    "tasks_fresh.jsonl",
    *(f"tasks_multilingual/{name}.jsonl" for name in ("study", "untouched", "untouched2")),
    *(f"tasks_multilingual/{name}.jsonl" for name in ("untouched3", "untouched4", "untouched5")),
]
SEED_CODE = re.compile(r"\b(code|function|class|import|def|var|const)\b", re.IGNORECASE)
SEED_REASONING = re.compile(r"\b(analy[sz]e|reasoning|complex|comprehensive)\b", re.IGNORECASE)
CLOUDS = ("together", "huggingface", "premium", "openrouter", "groq", "fireworks", "deepinfra")


def seed_classify(text: str) -> str:
    if SEED_CODE.search(text):
        return "code"
    if SEED_REASONING.search(text):
        return "reasoning"
    return "general"


def pct(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100)[q - 1]


def load(name: str) -> list[dict]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def accuracy_tables() -> list[dict]:
    print(f"{'set':34} {'n':>4} {'aideon':>8} {'seed rule':>10} {'difficulty':>11}")
    everything = []
    for name in SETS:
        rows = load(name)
        everything += rows
        ours = sum(assess(r["prompt"]).task == r["task"] for r in rows) / len(rows)
        seed = sum(seed_classify(r["prompt"]) == r["task"] for r in rows) / len(rows)
        graded = [r for r in rows if "difficulty" in r]
        diff = (
            f"{sum(assess(r['prompt']).difficulty == r['difficulty'] for r in graded) / len(graded):11.3f}"
            if graded
            else f"{'-':>11}"
        )
        print(f"{name:34} {len(rows):4} {ours:8.3f} {seed:10.3f} {diff}")
    by_lang: dict[str, list[bool]] = defaultdict(list)
    for r in everything:
        by_lang[r.get("lang", "en")].append(assess(r["prompt"]).task == r["task"])
    print(
        "\nper language (all sets): "
        + ", ".join(f"{lang} {sum(v) / len(v):.3f}" for lang, v in sorted(by_lang.items()))
    )
    return everything


def latency(rows: list[dict]) -> None:
    prompts = [r["prompt"] for r in rows]
    catalog = load_catalog()
    local = Route("local", "smollm2-135m-instruct", "SmolLM2", own_hardware=True)
    verdicts = [scan(p) for p in prompts]
    assess("warm up")
    assess_ms, decide_ms, seed_ms = [], [], []
    for _ in range(5):
        for prompt, verdict in zip(prompts, verdicts, strict=True):
            t0 = time.perf_counter()
            assessment = assess(prompt)
            t1 = time.perf_counter()
            decide(
                RoutingInputs(
                    verdict=verdict,
                    task=assessment.task,
                    difficulty=assessment.difficulty,
                    catalog=catalog,
                    local_route=local,
                    cloud_providers=CLOUDS,
                )
            )
            t2 = time.perf_counter()
            seed_classify(prompt)
            t3 = time.perf_counter()
            assess_ms.append((t1 - t0) * 1000)
            decide_ms.append((t2 - t1) * 1000)
            seed_ms.append((t3 - t2) * 1000)
    print(
        f"\n{'step (' + str(len(prompts)) + ' prompts x5)':28} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}"
    )
    for label, samples in (
        ("assess (task+difficulty)", assess_ms),
        ("decide", decide_ms),
        ("seed keyword rule", seed_ms),
    ):
        print(f"{label:28} {pct(samples, 50):8.3f} {pct(samples, 99):8.3f} {max(samples):8.3f}")
    paste = "Please refactor this module.\n" + "def f(x):\n    return x * 2\n" * 400
    t0 = time.perf_counter()
    assess(paste)
    print(f"{'assess, a 10,000-char paste':28} {(time.perf_counter() - t0) * 1000:8.3f}")
    print("target: assess under 1 ms for ordinary prompts")


if __name__ == "__main__":
    latency(accuracy_tables())
