"""The task classifier: what kind of job a prompt is (code, reasoning, general), and how hard.

assessment = assess("Prove that √2 is irrational")   # Assessment(task="reasoning", difficulty="hard")

Rules read the prompt's structure and its vocabulary by meaning in 12 languages (``signals``,
``structure``, ``classifier``, ``resources/tasks.toml``); a linear model trained on labelled
prompts (``model``, ``resources/tasks_model.npz``, ``scripts/train_tasks.py``) weighs those
signals together with sub-word n-grams.  Pure, well under a millisecond for ordinary prompts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from aideon_desktop.core.tasks.classifier import Task, code_points, reasoning_points, rule_task
from aideon_desktop.core.tasks.model import task_model
from aideon_desktop.core.tasks.signals import Analysis

# assess() says "easy" (a short factual question, a small edit, a one-liner, a short calculation)
# or "hard" (long multi-step reasoning, a large code change, a demanding specialised task or a
# long text).  "medium" is what routing assumes when no estimate was made.
Difficulty = Literal["easy", "medium", "hard"]


@dataclass(frozen=True)
class Assessment:
    task: Task
    difficulty: Difficulty


def assess(prompt: str) -> Assessment:
    """Task and difficulty of ``prompt``."""
    scores, hard = task_model().scores(Analysis(prompt))
    task: Task = max(scores, key=scores.__getitem__)  # type: ignore[assignment]
    return Assessment(task, "hard" if hard > 0 else "easy")


def classify(prompt: str) -> Task:
    """The task of ``prompt``: code, reasoning or general."""
    return assess(prompt).task


__all__ = [
    "Assessment",
    "Difficulty",
    "Task",
    "assess",
    "classify",
    "code_points",
    "reasoning_points",
    "rule_task",
]
