"""The task vocabulary of ``resources/tasks.toml``, compiled once into regular expressions.

Latin-script terms match whole words (a trailing ``*`` matches word endings, a hyphen may follow:
"Python-Skript"); Chinese, Japanese and Korean terms match anywhere, since those scripts do not
separate words with spaces and particles attach to the word before them.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from aideon_desktop.core.resources import resource_path

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Latin letters and digits: a CJK character right after "git" or "SQL" still ends the word.
_LATIN = r"0-9A-Za-z_\u00c0-\u024f"
_BEFORE = _LATIN + "#+"  # "c++", "c#": symbols count as part of a term
_AFTER = _LATIN + "#+"
# Slavic case endings after a tool name ("w Pythonie", "w Javie", "w Dockerze").
_INFLECTION = r"(?:ie|em|u|a|y|ze|owi)?"


def vocabulary(terms: Iterable[str], *, inflect: bool = False) -> re.Pattern[str]:
    """One case-insensitive pattern: whole words for Latin terms, substrings for CJK ones.
    ``inflect`` lets a name take a Slavic case ending ("Pythonie").  Terms are merged into a
    prefix trie, so matching costs the length of a word, not the size of the list."""
    latin: dict[str, str] = {}
    cjk: dict[str, str] = {}
    for term in {t.lower() for t in terms}:
        word, tail = (term[:-1], r"[\w'’]{0,20}") if term.endswith("*") else (term, "")
        if not tail and inflect and len(term) >= 4 and term[-1].isalpha():
            tail = _INFLECTION
        target = cjk if CJK.search(term) else latin
        target[word] = tail if len(tail) >= len(target.get(word, "")) else target[word]
    parts = []
    if latin:
        parts.append(rf"(?<![{_BEFORE}])(?:{_trie_pattern(latin)})(?![{_AFTER}])")
    if cjk:
        parts.append(_trie_pattern(cjk))
    return re.compile("|".join(parts) or r"(?!x)x")  # callers match lowercased text


def _trie_pattern(words: dict[str, str]) -> str:
    """A regular expression for ``words`` (word → pattern that may follow it), prefix-factored."""
    trie: dict[str, Any] = {}
    for word, tail in words.items():
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = tail
    return _node_pattern(trie)


def _node_pattern(node: dict[str, Any]) -> str:
    end = node.get("")
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return end or ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end is None:
        return body
    # longest first: the rest of a longer term, else this term ends here (with its tail)
    return f"(?:{body}|{end})" if end else f"(?:{body})?"


def occurrences(pattern: re.Pattern[str], text: str) -> int:
    return sum(1 for _ in pattern.finditer(text))


def distinct(pattern: re.Pattern[str], text: str) -> int:
    """How many different terms of ``pattern`` occur in ``text``."""
    return len({m.group().lower() for m in pattern.finditer(text)})


@dataclass(frozen=True)
class Lexicon:
    tech: re.Pattern[str]
    names: re.Pattern[str]
    concepts: re.Pattern[str]
    code_weak: re.Pattern[str]
    systems: re.Pattern[str]
    scale: re.Pattern[str]
    building: re.Pattern[str]
    short_language: re.Pattern[str]
    requests: re.Pattern[str]
    causes: re.Pattern[str]
    argument: re.Pattern[str]
    holds: re.Pattern[str]
    goals: re.Pattern[str]
    decision: re.Pattern[str]
    options: re.Pattern[str]
    why: re.Pattern[str]
    events: re.Pattern[str]
    hypothetical: re.Pattern[str]
    planning: re.Pattern[str]
    constraints: re.Pattern[str]
    logic: re.Pattern[str]
    comparatives: dict[str, tuple[tuple[str, ...], frozenset[str]]]
    maths: re.Pattern[str]
    quantity: re.Pattern[str]
    number_words: re.Pattern[str]
    conditional: re.Pattern[str]
    past_tense: dict[str, re.Pattern[str]]  # per language
    stopwords: dict[str, frozenset[str]]
    choice: re.Pattern[str]
    produce: re.Pattern[str]
    difficulty: dict[str, Any]


@functools.cache
def lexicon() -> Lexicon:
    with resource_path("tasks.toml").open("rb") as fh:
        data = tomllib.load(fh)
    code, reasoning = data["code"], data["reasoning"]
    short = "|".join(re.escape(s) for s in code["short_languages"])
    prepositions = "|".join(re.escape(p) for p in code["prepositions"])
    return Lexicon(
        tech=vocabulary(code["tech"], inflect=True),
        names=re.compile(
            r"(?<![\w])(?:" + "|".join(re.escape(n) for n in code["names"]) + r")(?![a-z])"
        ),
        concepts=vocabulary(code["concepts"]),
        code_weak=vocabulary(code["weak"]),
        systems=vocabulary(code["systems"]),
        scale=vocabulary(code["scale"]),
        building=vocabulary(code["building"]),
        short_language=re.compile(rf"\b(?i:{prepositions})\s+(?:{short})(?![\w#+])"),
        requests=vocabulary(reasoning["requests"]),
        causes=vocabulary(reasoning["causes"]),
        argument=vocabulary(reasoning["argument"]),
        holds=vocabulary(reasoning["holds"]),
        goals=vocabulary(reasoning["goals"]),
        decision=vocabulary(reasoning["decision"]),
        options=vocabulary(o.strip() for o in reasoning["options"]),
        why=vocabulary(w for words in reasoning["why"].values() for w in words),
        events=vocabulary(reasoning["events"]),
        hypothetical=vocabulary(reasoning["hypothetical"]),
        planning=vocabulary(reasoning["planning"]),
        constraints=vocabulary(reasoning["constraints"]),
        logic=vocabulary(reasoning["logic"]),
        comparatives={
            word: (tuple(rule["endings"]), frozenset(rule["before"]))
            for word, rule in reasoning["comparatives"].items()
        },
        maths=vocabulary(reasoning["maths"]),
        quantity=vocabulary(reasoning["quantity"]),
        number_words=vocabulary(reasoning["number_words"]),
        conditional=vocabulary(reasoning["conditional"]),
        past_tense={
            lang: re.compile(pattern, re.IGNORECASE)
            for lang, pattern in reasoning["past_tense"].items()
        },
        stopwords={lang: frozenset(words) for lang, words in reasoning["stopwords"].items()},
        # "進むか就職するか": two verbs each closed by か — a choice between actions
        choice=re.compile("[うくすつぬふむゆるぐぶ]か.{1,30}[うくすつぬふむゆるぐぶ]か"),
        produce=vocabulary(data["general"]["produce"]),
        difficulty=data["difficulty"],
    )
