"""A word list of ``resources/tasks.toml`` matched against a prompt, fast.

Most terms are single words: the prompt is split into words once and each list is a set
intersection.  Only the rest — phrases ("step by step"), word stems ("programmier*"), Chinese,
Japanese and Korean terms — go through a regular expression (``vocabulary``), and only when it
can match: the prompt has CJK characters, or one of its words starts with a phrase's longest
word or a stem.  A word is a maximal run of the characters ``vocabulary`` treats as word
characters, so both ways find the same whole words (and a word inside a longer phrase is found
too).

``ListIndex`` matches every list of a lexicon at once: each distinct word of the prompt is looked
up once (remembered for the next prompt) for the lists it belongs to and the lists whose phrases
or stems it may begin; only those lists' expressions run.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Latin letters and digits: a CJK character right after "git" or "SQL" still ends the word.
_LATIN = r"0-9A-Za-z_\u00c0-\u024f"
WORD_CHARS = _LATIN + "#+"  # "c++", "c#": symbols count as part of a term
_BEFORE = _AFTER = WORD_CHARS
# Slavic case endings after a tool name ("w Pythonie", "w Javie", "w Dockerze").
INFLECTIONS = ("ie", "em", "u", "a", "y", "ze", "owi")
_INFLECTION = "(?:" + "|".join(INFLECTIONS) + ")?"


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


_WORD = re.compile(f"[{WORD_CHARS}]+")
_WHOLE_WORD = re.compile(f"[{WORD_CHARS}]+")


class Scanned:
    """One lowercased text, split into words once for every word list."""

    __slots__ = ("_starts", "cjk", "distinct", "text", "words")

    def __init__(self, lower: str) -> None:
        self.text = lower
        self.words = tuple(_WORD.findall(lower))
        self.distinct = frozenset(self.words)
        self.cjk = CJK.search(lower) is not None
        self._starts: frozenset[str] | None = None

    @property
    def starts(self) -> frozenset[str]:
        """Every beginning of every word ("prog", "progr", … "programmieren")."""
        if self._starts is None:
            self._starts = frozenset(
                word[:n] for word in self.distinct for n in range(2, min(len(word), 24) + 1)
            )
        return self._starts


@dataclass(frozen=True)
class WordList:
    words: frozenset[str]  # single words, matched as whole words
    latin: re.Pattern[str] | None  # phrases and stems
    anchors: frozenset[str]  # the longest word of each phrase, each stem: one must begin a word
    cjk: re.Pattern[str] | None

    @classmethod
    def of(cls, terms: Iterable[str], *, inflect: bool = False) -> WordList:
        words: set[str] = set()
        latin: list[str] = []
        cjk: list[str] = []
        for term in {t.lower() for t in terms}:
            if CJK.search(term):
                cjk.append(term)
            elif term.endswith("*") or not _WHOLE_WORD.fullmatch(term):
                latin.append(term)
            else:
                words.add(term)
                if inflect and len(term) >= 4 and term[-1].isalpha():
                    words.update(term + ending for ending in INFLECTIONS)
        anchors = frozenset(_anchor(term) for term in latin)
        return cls(
            frozenset(words),
            vocabulary(latin, inflect=inflect) if latin else None,
            anchors,
            vocabulary(cjk) if cjk else None,
        )

    def _patterns(self, scanned: Scanned) -> list[re.Pattern[str]]:
        found = []
        if self.latin is not None and (
            "" in self.anchors or not self.anchors.isdisjoint(scanned.starts)
        ):
            found.append(self.latin)
        if self.cjk is not None and scanned.cjk:
            found.append(self.cjk)
        return found

    def found(self, scanned: Scanned) -> frozenset[str]:
        """The different terms found (a stem as the whole word it matched)."""
        hits = self.words & scanned.distinct
        for pattern in self._patterns(scanned):
            hits |= {m.group() for m in pattern.finditer(scanned.text)}
        return frozenset(hits)

    def occurs(self, scanned: Scanned) -> bool:
        if not self.words.isdisjoint(scanned.distinct):
            return True
        return any(p.search(scanned.text) for p in self._patterns(scanned))

    def occurrences(self, scanned: Scanned) -> int:
        """How often terms occur, repeats included."""
        count = sum(1 for word in scanned.words if word in self.words)
        for pattern in self._patterns(scanned):
            count += sum(1 for _ in pattern.finditer(scanned.text))
        return count


# Words met, remembered with the lists they hit: a prompt's words are mostly common ones.
WORD_CACHE = 1 << 14


@dataclass(frozen=True)
class ListIndex:
    """Every word list of a lexicon, matched in one pass (``found``)."""

    lists: Mapping[str, WordList]
    by_word: dict[str, tuple[str, ...]]  # single word → the lists it belongs to
    by_anchor: dict[str, tuple[str, ...]]  # anchor → the lists with a phrase or stem it anchors
    anchor_sizes: tuple[int, ...]  # the lengths anchors have, shortest first
    always: tuple[str, ...]  # lists with a phrase that has no anchor: always scanned
    cjk: tuple[tuple[str, re.Pattern[str]], ...]  # lists with CJK terms, and their patterns
    nothing: dict[str, frozenset[str]]  # every list, nothing found
    _lists_of: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lists_of", functools.lru_cache(WORD_CACHE)(self._word_lists))

    @classmethod
    def of(cls, lists: Mapping[str, WordList]) -> ListIndex:
        by_word: dict[str, list[str]] = {}
        by_anchor: dict[str, list[str]] = {}
        for name, word_list in lists.items():
            for word in word_list.words:
                by_word.setdefault(word, []).append(name)
            if word_list.latin is not None:
                for anchor in word_list.anchors:
                    by_anchor.setdefault(anchor, []).append(name)
        always = tuple(by_anchor.pop("", ()))
        return cls(
            lists,
            {word: tuple(names) for word, names in by_word.items()},
            {anchor: tuple(names) for anchor, names in by_anchor.items()},
            tuple(sorted({len(anchor) for anchor in by_anchor})),
            always,
            tuple((name, wl.cjk) for name, wl in lists.items() if wl.cjk is not None),
            dict.fromkeys(lists, frozenset()),
        )

    def _word_lists(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(lists that have ``word`` as a single word, lists whose phrases or stems may match
        because one of their anchors begins ``word``)."""
        anchored: list[str] = []
        for size in self.anchor_sizes:
            if size > len(word):
                break
            anchored.extend(self.by_anchor.get(word[:size], ()))
        return self.by_word.get(word, ()), tuple(anchored)

    def found(self, scanned: Scanned) -> dict[str, frozenset[str]]:
        """``WordList.found`` of every list at once, by list name."""
        hits: dict[str, set[str]] = {}
        scan = set(self.always)
        lists_of = self._lists_of
        for word in scanned.distinct:
            names, anchored = lists_of(word)
            for name in names:
                if name in hits:
                    hits[name].add(word)
                else:
                    hits[name] = {word}
            if anchored:
                scan.update(anchored)
        patterns = [(name, self.lists[name].latin) for name in scan]
        if scanned.cjk:
            patterns.extend(self.cjk)
        text = scanned.text
        for name, pattern in patterns:
            matched = {m.group() for m in pattern.finditer(text)}  # type: ignore[union-attr]
            if matched:
                hits.setdefault(name, set()).update(matched)
        found = self.nothing.copy()
        for name, words in hits.items():
            found[name] = frozenset(words)
        return found


def _anchor(term: str) -> str:
    """What a word of the text must begin with for ``term`` to match: its longest run of word
    characters (every run of a phrase stands between the same separators in the text, so it
    begins a word there; the longest is the rarest).  "" when none has two characters: always
    scan."""
    runs = [run[:24] for run in _WORD.findall(term.rstrip("*")) if len(run) >= 2]
    return max(runs, key=len) if runs else ""
