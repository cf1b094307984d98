"""What kind of job a prompt is: code, reasoning or general.

Structure first (code blocks, stack traces, shell commands, identifiers, word problems), then
vocabulary from ``resources/tasks.toml``.  Long words like "comprehensive" or "analyze" do not
make a prompt reasoning, and "first-class cabin" does not make it code.  Pure and fast.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from typing import Literal

from aideon_desktop.core.resources import resource_path
from aideon_desktop.core.term_match import term_regex

Task = Literal["code", "reasoning", "general"]

_FENCE = re.compile(r"```")
_TRACE = re.compile(
    r"Traceback \(most recent call last\)|\b[A-Z]\w*(?:Error|Exception)\b|\berror\[E\d+\]|npm ERR!|"
    r"^\s+at [\w.$<>]+\([\w.]+:\d+\)|\bat [\w.$]+\(\w+\.\w+:\d+\)|core dumped|exit(?:s|ed)? (?:immediately )?with code \d+|"
    r"\bcode \d{3}\b|\berrno\b|\bE[A-Z]{4,}\b|\b0x[0-9a-fA-F]{6,}\b",
    re.MULTILINE,
)
_INLINE_CODE = re.compile(r"`[^`\n]{2,200}`")
_COMMAND = re.compile(
    r"(?:^|`|\$ )(?:git|kubectl|docker|npm|npx|pip|pip3|yarn|cargo|go|make|curl|wget|ssh|sudo|apt|apt-get|brew|"
    r"cd|ls|cat|grep|chmod|chown|python3?|node|java|gcc|clang|terraform|helm|aws|gcloud|az|systemctl)\s+[-\w.~/]",
    re.MULTILINE,
)
_CODE_TOKENS = (
    re.compile(r"\b\w+\(\)|\b\w+\.\w+\("),  # calls
    re.compile(r"=>|==|!=|&&|\|\||\+=|::|->"),  # operators
    re.compile(
        r"^\s*(?:def|class|import|from|function|const|let|var|public|private|fn|func|#include|package)\s",
        re.MULTILINE,
    ),
    re.compile(r"\b(?:SELECT|INSERT|UPDATE|DELETE)\b.{1,200}?\b(?:FROM|INTO|SET|WHERE)\b"),
    re.compile(
        r"\b[\w-]+\.(?:py|js|ts|tsx|jsx|go|rs|java|cpp|c|h|rb|sh|php|yaml|yml|json|toml|sql|css|html|swift|kt)\b"
    ),
    re.compile(r"\^\(|\(\?=|\\d|\\w|\[a-z\]"),  # regular expressions
    re.compile(
        r"(?<![\w-])--[a-z][\w-]+|\bHEAD~\d|~/\.\w+|/usr/\w+|\$\{?\w+\}?"
    ),  # flags, paths, env
    re.compile(
        r"\b[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z][a-zA-Z]+\b"
    ),  # snake_case / camelCase identifiers
    re.compile(r"[{};]\s*$|^\s{4,}\S", re.MULTILINE),  # braces, semicolons, indented code lines
)
_NUMBER_WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|thousand|"
    r"twice|half|double|dozen|trois|deux|drei|zwei|dos|tres|due|tre)\b",
    re.IGNORECASE,
)
_ARITHMETIC = re.compile(
    r"\d\s*[a-z]?\s*[-+*/×÷^]\s*\d|\b[a-z]\s*=\s*\d|\d\s*[a-z]\s*[-+]\s*\d", re.IGNORECASE
)
_COMPARATIVE = re.compile(
    r"\b\w+er than\b|\b(?:more|less) \w+ than\b|\bbeat\b|\blost to\b", re.IGNORECASE
)
_NUMBER = re.compile(r"(?<![\w.])[$€£]?\d+(?:[.,]\d+)?%?")
_QUANTITY_QUESTION = re.compile(
    r"\b(?:how (?:many|much|long|old|far|fast)|when (?:and where|do|does|will)|which day|what is the probability|"
    r"how (?:would|should|do) (?:you|i|we)|who (?:came|finished|is)|is that the same|what fraction|what percentage)\b|"
    r"¿(?:cuánt|cuándo|qué)|\b(?:wie (?:lange|viele|viel|alt)|combien|quanto|quanti|quante|dentro de cuánt)",
    re.IGNORECASE,
)


def _term_regex(terms: list[str]) -> re.Pattern[str]:
    # "c++", "c#", "ci/cd", "next.js": symbols count as part of a term here.
    return term_regex(terms, before=r"\w#+/.-", after=r"\w#+-")


@dataclass(frozen=True)
class _Lexicon:
    code_strong: re.Pattern[str]
    code_weak: re.Pattern[str]
    code_short_language: re.Pattern[str]
    reasoning_strong: re.Pattern[str]
    reasoning_weak: re.Pattern[str]
    maths: re.Pattern[str]


@functools.cache
def _lexicon() -> _Lexicon:
    with resource_path("tasks.toml").open("rb") as fh:
        data = tomllib.load(fh)
    short = "|".join(re.escape(s) for s in data["code"]["short_languages"])
    return _Lexicon(
        _term_regex(data["code"]["strong"]),
        _term_regex(data["code"]["weak"]),
        re.compile(
            rf"\b(?:in|with|using|a|an|my|for)\s+(?:{short})(?:\s+(?:program|code|app|project|file))?(?![\w#+])",
            re.IGNORECASE,
        ),
        _term_regex(data["reasoning"]["strong"]),
        _term_regex(data["reasoning"]["weak"]),
        _term_regex(data["reasoning"]["maths"]),
    )


def _distinct(regex: re.Pattern[str], text: str) -> int:
    return len({m.group().lower() for m in regex.finditer(text)})


def _short_language(text: str) -> bool:
    """ "in C", "a Go program": case matters (the language names are capitalised)."""
    return any(
        m.group().split()[-1][:1].isupper() or m.group().split()[-1] in ("C", "R", "D")
        for m in _lexicon().code_short_language.finditer(text)
    )


def code_score(text: str) -> int:
    lex = _lexicon()
    score = 0
    if _FENCE.search(text) or _TRACE.search(text):
        score += 3
    if _COMMAND.search(text):
        score += 2
    if _INLINE_CODE.search(text):
        score += 2
    score += min(3, sum(1 for token in _CODE_TOKENS if token.search(text)))
    score += 2 * min(2, _distinct(lex.code_strong, text) + bool(_short_language(text)))
    score += min(2, _distinct(lex.code_weak, text))
    return score


def reasoning_score(text: str) -> int:
    lex = _lexicon()
    score = 2 * min(2, _distinct(lex.reasoning_strong, text)) + min(
        2, _distinct(lex.reasoning_weak, text)
    )
    numbers = len(_NUMBER.findall(text)) + len(_NUMBER_WORD.findall(text))
    maths = _distinct(lex.maths, text)
    if _ARITHMETIC.search(text):
        score += 2
    if numbers >= 2 and (_QUANTITY_QUESTION.search(text) or text.rstrip().endswith("?")):
        score += 2
    elif numbers >= 2 and (lex.reasoning_weak.search(text) or maths):
        score += 1
    if maths and (numbers >= 1 or _QUANTITY_QUESTION.search(text)):
        score += min(2, maths)
    if len(_COMPARATIVE.findall(text)) >= 2:
        score += 2  # "Alice is older than Bob, Bob is older than Cara…": an ordering puzzle
    return score


def classify(prompt: str) -> Task:
    """Pure and fast (well under a millisecond for ordinary prompts)."""
    text = prompt[:20000]
    code = code_score(text)
    reasoning = reasoning_score(text)
    if code >= 3 or (code >= 2 and reasoning < 3):
        return "code"
    if reasoning >= 2:
        return "reasoning"
    return "general"
