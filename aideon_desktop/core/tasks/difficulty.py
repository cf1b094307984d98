"""How hard a prompt is, alongside its task: easy, medium or hard.

Points from ``resources/tasks.toml`` [difficulty]: length, depth words ("detailed", "ausführlich",
"詳しく"), a system to design, a proof, an analysis of why something happened, a plan under
constraints push toward hard; a short prompt, a definition or one-fact question, a one-step sum
and an ask for brevity push toward easy.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from aideon_desktop.core.tasks.classifier import Task, happened
from aideon_desktop.core.tasks.lexicon import CJK, lexicon, vocabulary
from aideon_desktop.core.tasks.signals import Analysis

Difficulty = Literal["easy", "medium", "hard"]
_WORD = re.compile(r"\w+")
_STRATEGY = re.compile(r"strateg|戦略|策略|战略|전략")


@dataclass(frozen=True)
class _Cues:
    long_words: int
    short_words: int
    hard_at: int
    easy_at: int
    depth: re.Pattern[str]
    design: re.Pattern[str]
    proof: re.Pattern[str]
    definition: re.Pattern[str]
    medium_work: re.Pattern[str]
    brevity: re.Pattern[str]


@functools.cache
def _cues() -> _Cues:
    data = lexicon().difficulty
    return _Cues(
        data["long_prompt_words"],
        data["short_prompt_words"],
        data["hard_at"],
        data["easy_at"],
        vocabulary(data["depth"]),
        vocabulary(data["design"]),
        vocabulary(data["proof"]),
        vocabulary(data["definition"]),
        vocabulary(data["medium_work"]),
        vocabulary(data["brevity"]),
    )


def words(text: str) -> int:
    """Words in ``text``; Chinese, Japanese and Korean count two characters as one word."""
    cjk = len(CJK.findall(text))
    return len(_WORD.findall(CJK.sub(" ", text))) + cjk // 2


def _length_points(cues: _Cues, a: Analysis, task: Task) -> int:
    count = words(a.text)
    if count >= cues.long_words:
        return 2
    if count >= cues.long_words // 2:
        return 1
    short = count <= cues.short_words and task != "reasoning"  # "Prove √2 is irrational" is short
    return -1 if short else 0


def _code_points(cues: _Cues, a: Analysis) -> int:
    if cues.design.search(a.lower) or (a.has("systems") and a.has("building")):
        return 3  # a system to design, migrate or restructure
    if words(a.text) <= 11 and not a.code_structure:
        return -1  # a one-line question: a command, a concept
    return 0


def _reasoning_points(cues: _Cues, a: Analysis) -> int:
    points = 4 if cues.proof.search(a.prose_lower) else 0
    if (a.has("why", prose=True) or a.has("causes", prose=True)) and happened(a):
        points += 3  # why something happened: a multi-factor analysis
    constrained = a.has("constraints", prose=True) or a.has("goals", prose=True)
    if (a.has("planning", prose=True) and constrained) or _STRATEGY.search(a.prose_lower):
        points += 3  # a plan or strategy under constraints
    one_step = a.numbers <= 2 and not a.has("requests", prose=True)
    return points - (2 if one_step and words(a.text) <= 10 else 0)


def _task_points(cues: _Cues, a: Analysis, task: Task) -> int:
    if task == "code":
        return _code_points(cues, a)
    if task == "reasoning":
        return _reasoning_points(cues, a)
    if cues.medium_work.search(a.lower) or cues.depth.search(a.lower):
        return 0
    return -2  # facts, translations, ideas lean easy


def estimate(prompt: str | Analysis, task: Task) -> Difficulty:
    """How hard ``prompt`` is for a model, given its task."""
    cues = _cues()
    a = prompt if isinstance(prompt, Analysis) else Analysis(prompt)
    points = _length_points(cues, a, task) + _task_points(cues, a, task)
    if cues.depth.search(a.lower):
        points += 3
    if cues.definition.search(a.lower) and task != "reasoning":
        points -= 1
    if cues.brevity.search(a.lower):
        points -= 1
    if points >= cues.hard_at:
        return "hard"
    return "easy" if points <= cues.easy_at else "medium"
