"""Rule scores for what kind of job a prompt is (code, reasoning, general), in 12 languages.

These scores are inputs of the learned model (``features.py``), and ``rule_task`` is the rules'
own verdict, kept to compare against in bench/routing.py.  Each side gets points from structure (code, stack traces, commands; numbers with a question,
arithmetic) and from vocabulary grouped by meaning in ``resources/tasks.toml`` (tools and
programming concepts; requests to prove, weigh or estimate, decisions between options, causes
of events, hypotheticals, plans towards a goal, logic puzzles, maths).  Long words like
"comprehensive" or "analyze" do not make a prompt reasoning, and "first-class cabin" does not
make it code.
"""

from __future__ import annotations

from typing import Literal

from aideon_desktop.core.tasks import structure
from aideon_desktop.core.tasks.signals import Analysis

Task = Literal["code", "reasoning", "general"]


def _analysis(prompt: str | Analysis) -> Analysis:
    return prompt if isinstance(prompt, Analysis) else Analysis(prompt)


def code_points(prompt: str | Analysis) -> tuple[int, int]:
    """(all code points, points from signals only code has: structure, tools, concepts, or
    three different software-leaning words)."""
    a = _analysis(prompt)
    names = a.tools  # tech terms, product names, "in C", "in Rust"
    weak = min(3, a.count("code_weak"))
    strong = a.code_structure + 2 * min(2, names) + 2 * min(2, a.count("concepts"))
    strong += 2 if weak >= 3 else 0
    if a.has("systems") and a.has("scale") and a.has("building"):
        strong += 2  # building a system that must survive load, concurrency or failure
    return strong + min(2, weak), strong


def _number_words(a: Analysis) -> int:
    """Number words used as quantities: "One Hundred Years of Solitude" mid-sentence is a title."""
    if not a.has("number_words", prose=True):
        return 0  # the same words as a word list: none of them, no position to look at
    count = 0
    for m in a.lex.number_words.finditer(a.prose_lower):
        start = m.start()
        capital = start < len(a.prose) and a.prose[start].isupper()
        sentence_start = start == 0 or a.prose[max(0, start - 2) : start] in (". ", "\n")
        count += not capital or sentence_start
    return count


def maths_points(a: Analysis) -> int:
    count = a.numbers + _number_words(a)
    maths = a.count("maths", prose=True) + bool(structure.PERCENT.search(a.prose))
    quantity = a.has("quantity", prose=True)
    asks = quantity or bool(structure.QUESTION.search(a.prose))
    given = a.has("conditional", prose=True) or a.has("logic", prose=True)  # "if …", "be sure"
    score = 2 if structure.arithmetic(a.prose) else 0
    if (count >= 2 and asks) or (count >= 1 and quantity and given):
        score += 2
    elif count >= 2 and maths:
        score += 1
    if maths and (count >= 1 or quantity):
        score += min(2, maths)
    return score


def happened(a: Analysis) -> bool:
    """Does the prompt speak of something that happened (an event verb, or its language's past)?"""
    if a.has("events", prose=True):
        return True
    past = a.lex.past_tense.get(a.language)
    return past is not None and past.search(a.prose_lower) is not None


def decision_points(a: Analysis) -> int:
    if a.lex.choice.search(a.prose):
        return 2
    decided = a.terms("decision", prose=True)
    if not decided:
        return 0
    options = a.terms("options", prose=True)
    return 2 if options - decided or len(options | decided) > 1 else 1


def argument_points(a: Analysis) -> int:
    asked = a.has("requests", prose=True) or a.has("hypothetical", prose=True)
    score = 2 * min(2, a.count("requests", prose=True))
    if a.has("argument", prose=True) and a.has("holds", prose=True):
        score += 2
    if a.has("hypothetical", prose=True):
        score += 2
    if a.has("why", prose=True) or a.has("causes", prose=True):
        # why something happened, or what caused it: causes to weigh; "why is the sky blue?"
        # and "what causes hiccups?" are explanations
        score += 2 if happened(a) else 1
    if a.has("planning", prose=True):
        constrained = a.has("constraints", prose=True) or a.has("goals", prose=True)
        score += 2 if constrained else 1
    if a.has("produce", prose=True) and not asked:
        score = max(0, score - 2)  # "summarise the causes", "plan a menu": the answer is written
    return score + decision_points(a)  # a choice between options stays a choice


def reasoning_points(prompt: str | Analysis) -> int:
    a = _analysis(prompt)
    # "A beat B, B beat C", "A is taller than B, who is taller than C": an ordering puzzle
    logic = min(2, a.occurrences("logic") + a.comparatives)
    return maths_points(a) + argument_points(a) + logic


def rule_task(prompt: str | Analysis) -> Task:
    """The task by the rules alone (the first round's classifier; now one input of the model)."""
    a = _analysis(prompt)
    code, strong = code_points(a)
    reasoning = reasoning_points(a)
    if strong >= 2 and code >= max(2, reasoning):
        return "code"
    if reasoning >= 2:
        return "reasoning"
    return "general"
