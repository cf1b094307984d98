"""The task vocabulary of ``resources/tasks.toml``, loaded once: word lists by meaning (matched
with ``matching.WordList``) and the few patterns that need positions or grammar (past tenses,
comparatives, product names written with a capital).
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from aideon_desktop.core.resources import resource_path
from aideon_desktop.core.tasks.matching import CJK, ListIndex, WordList, vocabulary

__all__ = ["CJK", "Lexicon", "lexicon", "vocabulary"]


@dataclass(frozen=True)
class Lexicon:
    lists: dict[str, WordList]  # every word list by name: [code], [reasoning], [general], [cues]…
    names: re.Pattern[str]  # product names that count only with a capital ("Excel", "React")
    short_language: re.Pattern[str]  # "in C", "a Go program"
    number_words: re.Pattern[str]  # positions matter: "One Hundred Years" mid-sentence is a title
    comparatives: dict[str, tuple[tuple[str, ...], frozenset[str]]]
    past_tense: dict[str, re.Pattern[str]]  # per language
    stopwords: dict[str, frozenset[str]]
    choice: re.Pattern[str]
    # the short languages as words of the lowercased text: short_language needs one of them
    short_words: frozenset[str]
    index: ListIndex = field(init=False, repr=False, compare=False)  # all lists, matched at once

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", ListIndex.of(self.lists))


# Word lists of tasks.toml, by the name Analysis uses: (table, key, Slavic endings after a name).
_LISTS = {
    "tech": ("code", "tech", True),
    "concepts": ("code", "concepts", False),
    "code_weak": ("code", "weak", False),
    "systems": ("code", "systems", False),
    "scale": ("code", "scale", False),
    "building": ("code", "building", False),
    **{
        name: ("reasoning", name, False)
        for name in (
            "requests",
            "causes",
            "argument",
            "holds",
            "goals",
            "decision",
            "events",
            "hypothetical",
            "planning",
            "constraints",
            "logic",
            "maths",
            "quantity",
            "conditional",
            "number_words",
        )
    },
    "produce": ("general", "produce", False),
}


@functools.cache
def lexicon() -> Lexicon:
    with resource_path("tasks.toml").open("rb") as fh:
        data = tomllib.load(fh)
    code, reasoning = data["code"], data["reasoning"]
    short = "|".join(re.escape(s) for s in code["short_languages"])
    prepositions = "|".join(re.escape(p) for p in code["prepositions"])
    return Lexicon(
        lists=_word_lists(data),
        names=re.compile(
            r"(?<![\w])(?:" + "|".join(re.escape(n) for n in code["names"]) + r")(?![a-z])"
        ),
        short_language=re.compile(rf"\b(?i:{prepositions})\s+(?:{short})(?![\w#+])"),
        number_words=vocabulary(reasoning["number_words"]),
        comparatives={
            word: (tuple(rule["endings"]), frozenset(rule["before"]))
            for word, rule in reasoning["comparatives"].items()
        },
        past_tense={
            lang: re.compile(pattern, re.IGNORECASE)
            for lang, pattern in reasoning["past_tense"].items()
        },
        stopwords={lang: frozenset(words) for lang, words in reasoning["stopwords"].items()},
        # "進むか就職するか": two verbs each closed by か — a choice between actions
        choice=re.compile("[うくすつぬふむゆるぐぶ]か.{1,30}[うくすつぬふむゆるぐぶ]か"),
        short_words=frozenset(s.lower() for s in code["short_languages"]),
    )


def _word_lists(data: dict[str, Any]) -> dict[str, WordList]:
    lists = {
        name: WordList.of(data[table][key], inflect=inflect)
        for name, (table, key, inflect) in _LISTS.items()
    }
    reasoning = data["reasoning"]
    lists["options"] = WordList.of(o.strip() for o in reasoning["options"])
    lists["why"] = WordList.of(w for words in reasoning["why"].values() for w in words)
    lists |= {name: WordList.of(terms) for name, terms in data["cues"].items()}
    for name, terms in data["difficulty"].items():
        lists.setdefault(name, WordList.of(terms))  # [cues] proof covers [difficulty] proof
    return lists
