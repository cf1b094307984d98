"""The task classifier: what kind of job a prompt is (code, reasoning, general), and how hard.

assessment = assess("Prove that √2 is irrational")   # Assessment(task="reasoning", difficulty="hard")
"""

from __future__ import annotations

from dataclasses import dataclass

from aideon_desktop.core.tasks.classifier import (
    Task,
    classify,
    code_points,
    reasoning_points,
    task_of,
)
from aideon_desktop.core.tasks.difficulty import Difficulty, estimate
from aideon_desktop.core.tasks.signals import Analysis


@dataclass(frozen=True)
class Assessment:
    task: Task
    difficulty: Difficulty


def assess(prompt: str) -> Assessment:
    """Task and difficulty of ``prompt``; pure, well under a millisecond."""
    analysis = Analysis(prompt)
    task = task_of(analysis)
    return Assessment(task, estimate(analysis, task))


__all__ = [
    "Assessment",
    "Difficulty",
    "Task",
    "assess",
    "classify",
    "code_points",
    "estimate",
    "reasoning_points",
]
