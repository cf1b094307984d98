"""Why the task classifier decided what it did: the cues and n-grams that pushed each score.

For study sets only (never a set kept to measure the classifier).

Run: uv run python scripts/task_study.py "Planifica una gita scolastica per 50 ragazzi"
     uv run python scripts/task_study.py --misses tests/data/tasks_new/c.jsonl
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aideon_desktop.core.tasks import assess  # noqa: E402
from aideon_desktop.core.tasks.features import TASKS, ngrams, task_cues  # noqa: E402
from aideon_desktop.core.tasks.model import task_model  # noqa: E402
from aideon_desktop.core.tasks.signals import Analysis  # noqa: E402


def explain(prompt: str, top: int = 8) -> None:
    model = task_model()
    a = Analysis(prompt)
    scores, hard = model.scores(a)
    print(f"\n{prompt[:160]!r}")
    print(
        "  scores: " + ", ".join(f"{t} {s:+.2f}" for t, s in scores.items()) + f"; hard {hard:+.2f}"
    )
    cues = task_cues(a)
    values = np.array(list(cues.values()))
    contributions = values[:, None] * model.task_weights
    grams = set(ngrams(a.text))
    scale = 1 / math.sqrt(max(1, len(grams)))
    known = [(g, model.ngram_weights[model.index[g]] * scale) for g in grams if g in model.index]
    for k, task in enumerate(TASKS):
        cue_part = sorted(zip(cues, contributions[:, k], strict=True), key=lambda x: -abs(x[1]))
        gram_part = sorted(known, key=lambda x: -abs(x[1][k]))
        print(f"  {task:9} cues: " + ", ".join(f"{n} {c:+.2f}" for n, c in cue_part[:top] if c))
        print(f"  {'':9} n-grams: " + ", ".join(f"{g!r} {w[k]:+.2f}" for g, w in gram_part[:top]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("prompt", nargs="?")
    parser.add_argument("--misses", help="a study set: explain every row it gets wrong")
    args = parser.parse_args()
    if args.prompt:
        explain(args.prompt)
    if args.misses:
        for line in Path(args.misses).read_text("utf-8").splitlines():
            row = json.loads(line)
            found = assess(row["prompt"])
            if found.task != row["task"]:
                print(f"\n[{row['lang']}] expected {row['task']}, got {found.task}")
                explain(row["prompt"])


if __name__ == "__main__":
    main()
