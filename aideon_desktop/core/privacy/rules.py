"""The detector's data (patterns, lexicons, known test values), loaded once from resources/."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from typing import Any

from aideon_desktop.core.resources import resource_path


def _load(name: str) -> dict[str, Any]:
    with resource_path(f"privacy/{name}").open("rb") as fh:
        return tomllib.load(fh)


WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")


def words_of(text: str) -> list[str]:
    return [w.replace("’", "'") for w in WORD.findall(text.lower())]


class TermIndex:
    """Finds where any of many terms occur, by looking words up in sets instead of running a
    huge regex alternation (which Python tries term by term at every position).  It may report
    a little more than the exact term regex (punctuation inside terms is ignored), never less,
    so it is used to pick the places the exact detectors then examine."""

    def __init__(self, groups: dict[str, list[list[str]]]) -> None:
        """``groups`` maps a label (e.g. a category) to the term lists that belong to it."""
        self.single: dict[str, set[str]] = {}
        self.multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.prefixes: dict[str, list[tuple[str, str]]] = {}  # first 3 letters → (prefix, label)
        for label, term_lists in groups.items():
            for term in (t for terms in term_lists for t in terms):
                term = term.lower().replace("’", "'")
                if term.endswith("*"):
                    self.prefixes.setdefault(term[:3], []).append((term[:-1], label))
                    continue
                parts = tuple(words_of(term))
                if len(parts) == 1:
                    self.single.setdefault(parts[0], set()).add(label)
                elif parts:
                    self.multi.setdefault(parts[0], []).append((parts[1:], label))

    def positions(self, words: list[tuple[int, str]]) -> dict[str, list[int]]:
        """label → start offsets of its terms in ``words`` ((offset, lower-case word) pairs)."""
        found: dict[str, list[int]] = {}
        single, multi, prefixes = self.single, self.multi, self.prefixes
        for i, (offset, word) in enumerate(words):
            labels = single.get(word)
            if labels:
                for label in labels:
                    found.setdefault(label, []).append(offset)
            if word in multi:
                for tail, label in multi[word]:
                    if tuple(w for _, w in words[i + 1 : i + 1 + len(tail)]) == tail:
                        found.setdefault(label, []).append(offset)
            if word[:3] in prefixes:
                for prefix, label in prefixes[word[:3]]:
                    if word.startswith(prefix):
                        found.setdefault(label, []).append(offset)
        return found


@dataclass(frozen=True)
class SecretPattern:
    name: str
    reason: str
    regex: re.Pattern[str]
    anchors: tuple[str, ...] = ()

    def may_match(self, text: str) -> bool:
        return not self.anchors or any(anchor in text for anchor in self.anchors)


@dataclass(frozen=True)
class Rules:
    secret_patterns: tuple[SecretPattern, ...]
    placeholder_words: tuple[str, ...]
    credential_pairs: frozenset[str]
    topics: dict[str, Any]
    known: dict[str, Any]


@functools.cache
def rules() -> Rules:
    secrets = _load("secrets.toml")
    patterns = tuple(
        SecretPattern(p["name"], p["reason"], re.compile(p["regex"]), tuple(p.get("anchors", ())))
        for p in secrets["pattern"]
    )
    return Rules(
        secret_patterns=patterns,
        placeholder_words=tuple(secrets["placeholders"]["words"]),
        credential_pairs=frozenset(secrets["placeholders"]["credential_pairs"]),
        topics=_load("topics.toml"),
        known=_load("known_values.toml"),
    )
