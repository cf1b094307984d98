"""One prompt, analysed once: every vocabulary is matched a single time and shared by the task
classifier and the difficulty estimate."""

from __future__ import annotations

from collections.abc import Mapping

from aideon_desktop.core.computed_once import ComputedOnce
from aideon_desktop.core.tasks import structure
from aideon_desktop.core.tasks.language import WORD, language_of
from aideon_desktop.core.tasks.lexicon import Lexicon, lexicon
from aideon_desktop.core.tasks.matching import CJK, Scanned

MAX_CHARS = 20_000
HEAD, TAIL = 800, 400  # a long paste: the question is at its start or its end


def bounded(prompt: str) -> str:
    text = prompt[:MAX_CHARS]
    return text if len(text) <= HEAD + TAIL else text[:HEAD] + "\n" + text[-TAIL:]


class Analysis:
    """Signals of one prompt.  ``terms(name)`` are the distinct matches of a vocabulary of
    ``resources/tasks.toml`` in the lowercased text (or in its prose: code removed)."""

    def __init__(self, prompt: str, lex: Lexicon | None = None) -> None:
        self.lex = lex or lexicon()
        self.text = bounded(prompt)

    @ComputedOnce
    def lower(self) -> str:
        return self.text.lower()

    @ComputedOnce
    def prose(self) -> str:
        """The text without fenced blocks, inline code, SQL or code lines."""
        return structure.without_code(self.text)

    @ComputedOnce
    def prose_lower(self) -> str:
        return self.prose.lower()

    @ComputedOnce
    def _whole(self) -> Scanned:
        return Scanned(self.lower)

    @ComputedOnce
    def _prose(self) -> Scanned:
        return self._whole if self.prose_lower == self.lower else Scanned(self.prose_lower)

    @ComputedOnce
    def _whole_found(self) -> dict[str, frozenset[str]]:
        """Every word list's finds in the lowercased text, by list name (a name of no list is
        a KeyError, not "not found")."""
        return self.lex.index.found(self._whole)

    @ComputedOnce
    def _prose_found(self) -> dict[str, frozenset[str]]:
        prose = self._prose
        return self._whole_found if prose is self._whole else self.lex.index.found(prose)

    @ComputedOnce
    def language(self) -> str:
        return language_of(self.prose_lower, self.lex.stopwords)

    @ComputedOnce
    def code_structure(self) -> int:
        return structure.code_structure(self.text)

    @ComputedOnce
    def passage(self) -> bool:
        """Is a passage given to work on (quoted, or pasted after a colon)?"""
        return structure.PASSAGE.search(self.prose) is not None

    @ComputedOnce
    def word_count(self) -> int:
        """Words; two Chinese, Japanese or Korean characters count as one."""
        cjk = sum(len(run) for run in structure.CJK_RUN.findall(self.text))
        return len(structure.LATIN_WORD.findall(structure.CJK_RUN.sub(" ", self.text))) + cjk // 2

    @ComputedOnce
    def tools(self) -> int:
        """Tools named: tech terms, product names written with a capital ("Excel", "React"),
        and a short language after a preposition ("in C", "i Rust")."""
        lex = self.lex
        count = len(self._whole_found["tech"]) + len(set(lex.names.findall(self.text)))
        # "in C" has the word "c": without any short language's word, no search
        if not lex.short_words.isdisjoint(self._whole.distinct):
            count += lex.short_language.search(self.text) is not None
        return count

    @ComputedOnce
    def numbers(self) -> int:
        return structure.numbers(self.prose)

    def terms(self, name: str, *, prose: bool = False) -> frozenset[str]:
        return (self._prose_found if prose else self._whole_found)[name]

    def has(self, name: str, *, prose: bool = False) -> bool:
        return bool((self._prose_found if prose else self._whole_found)[name])

    def count(self, name: str, *, prose: bool = False) -> int:
        return len((self._prose_found if prose else self._whole_found)[name])

    def cue(self, name: str) -> bool:
        """Does a [cues] or [difficulty] word list of ``resources/tasks.toml`` occur in the prose?"""
        return bool(self._prose_found[name])

    def occurrences(self, name: str) -> int:
        """How often a prose vocabulary occurs, repeats included ("A beat B, B beat C")."""
        if not self._prose_found[name]:
            return 0  # no term at all: nothing to count
        return self.lex.lists[name].occurrences(self._prose)

    @ComputedOnce
    def comparatives(self) -> int:
        return comparatives(self.prose_lower, self.lex.comparatives)


def comparatives(lower: str, rules: Mapping[str, tuple[tuple[str, ...], frozenset[str]]]) -> int:
    """How many comparisons ("taller than", "plus grand que", "より") ``lower`` makes."""
    cjk_marks = rules.get("cjk", ((), frozenset()))[0]
    found = sum(lower.count(mark) for mark in cjk_marks) if CJK.search(lower) else 0
    words = WORD.findall(lower)
    for i, word in enumerate(words):
        rule = rules.get(word)
        if rule is None or i == 0:
            continue
        endings, before = rule
        after_adjective = bool(endings) and words[i - 1].endswith(endings)
        if after_adjective or before.intersection(words[max(0, i - 3) : i]):
            found += 1
    return found
