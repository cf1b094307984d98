"""The routing policy of ``resources/routing.toml``: quality floors per task and difficulty,
expected answer lengths, and the bounds of on-device learning."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from typing import Any

from aideon_desktop.core.resources import resource_path

TASKS = ("general", "code", "reasoning")
DIFFICULTIES = ("easy", "medium", "hard")


@dataclass(frozen=True)
class LearningLimits:
    half_life_days: float
    prior: float
    feedback_points: float
    failure_points: float
    latency_points: float
    regenerate_weight: float
    slow_seconds: float
    max_up: float
    max_down: float

    def clamp(self, points: float) -> float:
        return max(-self.max_down, min(self.max_up, points))


@dataclass(frozen=True)
class Policy:
    floors: dict[str, dict[str, float]]
    output_tokens: dict[str, dict[str, int]]
    learning: LearningLimits
    max_fallbacks: int = 6
    premium_margin: float = 6.0

    def floor(self, task: str, difficulty: str) -> float:
        return self.floors[task][difficulty]

    def answer_tokens(self, task: str, difficulty: str) -> int:
        return self.output_tokens[task][difficulty]


def policy_from(data: dict[str, Any]) -> Policy:
    """Validate and build a Policy; a missing task or difficulty is an error, not a default."""
    for table in ("floors", "output_tokens"):
        for task in TASKS:
            missing = [d for d in DIFFICULTIES if d not in data[table].get(task, {})]
            if missing:
                raise ValueError(f"routing.toml: [{table}.{task}] lacks {', '.join(missing)}")
    floors = {t: {d: float(data["floors"][t][d]) for d in DIFFICULTIES} for t in TASKS}
    tokens = {t: {d: int(data["output_tokens"][t][d]) for d in DIFFICULTIES} for t in TASKS}
    limits = LearningLimits(**{k: float(v) for k, v in data["learning"].items()})
    if limits.max_up < 0 or limits.max_down < 0 or limits.half_life_days <= 0:
        raise ValueError("routing.toml: [learning] bounds must be positive")
    return Policy(
        floors,
        tokens,
        limits,
        int(data.get("fallbacks", {}).get("max_cloud", 6)),
        float(data.get("premium", {}).get("margin", 6.0)),
    )


@functools.cache
def load_policy() -> Policy:
    with resource_path("routing.toml").open("rb") as fh:
        return policy_from(tomllib.load(fh))
