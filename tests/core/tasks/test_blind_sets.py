"""Regression floors on the task classifier's blind sets (tests/data/tasks_blind_untouched/
README.md), never trained on.  At first look: set 1 task 0.981 / difficulty 0.971, set 2 task
0.923 / difficulty 0.913.  Floors a few points below guard against regressions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aideon_desktop.core.tasks import assess

DATA = Path(__file__).resolve().parents[2] / "data"

FLOORS = {
    "tasks_blind_untouched/multilingual_untouched.jsonl": (0.94, 0.92),
    "tasks_holdout2/fresh.jsonl": (0.89, 0.87),
}


@pytest.mark.parametrize(("name", "floors"), FLOORS.items())
def test_task_and_difficulty_on_unseen_prompts(name: str, floors: tuple[float, float]) -> None:
    rows = [json.loads(line) for line in (DATA / name).read_text("utf-8").splitlines() if line]
    found = [assess(row["prompt"]) for row in rows]
    task = sum(a.task == r["task"] for a, r in zip(found, rows, strict=True)) / len(rows)
    difficulty = sum(a.difficulty == r["difficulty"] for a, r in zip(found, rows, strict=True))
    assert task >= floors[0], f"task accuracy {task:.3f}"
    assert difficulty / len(rows) >= floors[1], f"difficulty accuracy {difficulty / len(rows):.3f}"
