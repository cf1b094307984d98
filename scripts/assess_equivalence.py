"""Safety net for speed work on the task classifier and the router: the same inputs must give
the same outputs before and after a change.

It runs ``assess`` (task, difficulty), the model's raw scores (three task scores and the
difficulty score), both cue vectors and the rules' verdicts over every prompt of
tests/data/tasks_* and the privacy sets (tests/data/privacy_*, ../shared/privacy: just as
varied text), plus a few made-up edge cases; and ``decide`` over a fixed grid of RoutingInputs.

    uv run python scripts/assess_equivalence.py --save /tmp/before.json   # record
    uv run python scripts/assess_equivalence.py --check /tmp/before.json  # compare (exit 1 on a diff)

Floats must agree to 1e-12; everything else exactly.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from aideon_desktop.core.catalog import load_catalog
from aideon_desktop.core.privacy.findings import Finding, Verdict
from aideon_desktop.core.routing import BudgetState, Route, RoutingInputs, Standing, decide
from aideon_desktop.core.tasks import assess, code_points, reasoning_points, rule_task
from aideon_desktop.core.tasks.features import cue_values
from aideon_desktop.core.tasks.model import task_model
from aideon_desktop.core.tasks.signals import Analysis

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared" / "privacy"
TOLERANCE = 1e-12

EDGE_CASES = [
    "",
    " ",
    "?",
    "Write a haiku about autumn rain, number 7.",
    "Please refactor this module.\n" + "def f(x):\n    return x * 2\n" * 400,
    ("The committee met on Tuesday to discuss the annual budget and the new library. " * 130)[
        :10_000
    ]
    + "\nCan you summarise this?",
    "programmieren in Pythonie step by step 小程序 프로그램 ですか " * 50,
    "x" * 30_000,
]


def prompts() -> list[str]:
    files = sorted(DATA.glob("tasks_*.jsonl")) + sorted(DATA.glob("tasks_*/**/*.jsonl"))
    files += sorted(DATA.glob("privacy_*.jsonl")) + sorted(DATA.glob("privacy_*/**/*.jsonl"))
    files += sorted(SHARED.glob("*.jsonl")) if SHARED.is_dir() else []
    found = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            prompt = json.loads(line).get("prompt") if line.strip() else None
            if isinstance(prompt, str):
                found.append(prompt)
    return found + EDGE_CASES


def assessments(texts: list[str]) -> list[list[Any]]:
    model = task_model()
    out = []
    for text in texts:
        a = assess(text)
        scores, hard = model.scores(Analysis(text))
        task_cues, difficulty_cues = cue_values(Analysis(text))
        out.append(
            [
                a.task,
                a.difficulty,
                [scores[k] for k in ("code", "reasoning", "general")],
                hard,
                task_cues,
                difficulty_cues,
                list(code_points(text)),
                reasoning_points(text),
                rule_task(text),
            ]
        )
    return out


def _verdicts() -> list[Verdict]:
    card = Finding("payment_card", 0, 4, "luhn", "card number")
    health = Finding("health", 5, 9, "topics", "health information")
    return [Verdict(False), Verdict(True, (card,)), Verdict(True, (card, health))]


def routing_grid() -> list[RoutingInputs]:
    catalog = load_catalog()
    local = Route("local", "smollm2-135m-instruct", "SmolLM2", own_hardware=True)
    fallback = Route("local", "embedded", "Embedded", own_hardware=True)
    net = Route("local_network", "llama3", "My server")
    clouds = [
        (),
        ("together", "huggingface"),
        ("together", "huggingface", "premium", "openrouter", "groq", "fireworks", "deepinfra"),
    ]
    some = catalog.model[5]
    standings = [
        {},
        {(some.provider, some.id): Standing(40.0, "3 thumbs up")},
        {(m.provider, m.id): Standing(-5.0 + i % 7, "mixed") for i, m in enumerate(catalog.model)},
    ]
    budgets = [
        BudgetState(),
        BudgetState(paid_blocked=True, warnings=("cap",)),
        BudgetState(blocked_providers=frozenset({"together"})),
    ]
    pins = [None, (some.provider, some.id), ("nowhere", "gone")]
    grid = []
    for verdict, task, difficulty, cloud, standing in itertools.product(
        _verdicts(),
        ("code", "reasoning", "general"),
        ("easy", "medium", "hard"),
        clouds,
        standings,
    ):
        for k, (budget, pin, tokens) in enumerate(
            itertools.product(budgets, pins, (0, 50, 200_000))
        ):
            grid.append(
                RoutingInputs(
                    verdict=verdict,
                    task=task,  # type: ignore[arg-type]
                    difficulty=difficulty,  # type: ignore[arg-type]
                    catalog=catalog,
                    local_route=local,
                    on_device_fallbacks=(fallback,) if k % 2 else (),
                    cloud_providers=cloud,
                    unhealthy=frozenset({"groq"} if k % 3 == 1 else ()),
                    budget=budget,
                    trusted_network_route=net if k % 5 == 2 else None,
                    untrusted_network_route=net if k % 5 == 3 else None,
                    force_local=k % 11 == 4,
                    force_cloud=k % 7 == 3,
                    offline=k % 13 == 5,
                    never_premium=k % 4 == 2,
                    pinned=pin,
                    conversation_private=k % 9 == 8,
                    mask_and_send=k % 2 == 0,
                    prompt_tokens=tokens,
                    max_price_step=2.0 if k % 3 == 2 else 4.0,
                    standings=standing,
                )
            )
    return grid


def decisions() -> list[str]:
    return [repr(decide(inputs)) for inputs in routing_grid()]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return (
            isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) <= TOLERANCE
        )
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--check", type=Path)
    args = parser.parse_args()
    texts = prompts()
    result = {"prompts": texts, "assess": assessments(texts), "decide": decisions()}
    if args.save:
        args.save.write_text(json.dumps(result, default=_default), encoding="utf-8")
        print(f"saved {len(texts)} assessments, {len(result['decide'])} decisions to {args.save}")
        return 0
    saved = json.loads(args.check.read_text(encoding="utf-8"))
    if saved["prompts"] != texts:
        print("the prompt set changed since the recording; record again")
        return 2
    if len(saved["decide"]) != len(result["decide"]):
        print("the routing grid changed since the recording; record again")
        return 2
    pairs = zip(saved["assess"], result["assess"], strict=True)
    bad = [i for i, (x, y) in enumerate(pairs) if not _same(x, y)]
    grid = zip(saved["decide"], result["decide"], strict=True)
    wrong = [i for i, (x, y) in enumerate(grid) if x != y]
    for i in bad[:5]:
        print(f"assess differs on prompt {i}: {saved['assess'][i]} != {result['assess'][i]}")
    for i in wrong[:5]:
        print(f"decide differs on grid point {i}")
    print(
        f"{len(texts) - len(bad)}/{len(texts)} assessments and "
        f"{len(result['decide']) - len(wrong)}/{len(result['decide'])} decisions identical"
    )
    return 1 if bad or wrong else 0


if __name__ == "__main__":
    sys.exit(main())
