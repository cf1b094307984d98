"""Facts about a prompt that several detectors need: code spans, sentences, test framing."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from aideon_desktop.core.privacy.rules import WORD, rules
from aideon_desktop.core.term_match import term_regex

_FENCE = re.compile(r"```[^\n]{0,40}\n.*?(?:```|\Z)", re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]{1,300}`")
# Sentence ends: . ! ? ; followed by space, or line breaks.  Decimal points are not ends.
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=\S)|\n\s*")


@functools.cache
def _test_context_regex() -> re.Pattern[str]:
    return term_regex(rules().known["test_context"])


class Claims:
    """Spans of the text already explained by a finding; later detectors skip them.

    Kept sorted and non-overlapping, so an overlap test is one binary search."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._ends[i - 1] > start

    def claim(self, start: int, end: int) -> bool:
        """Take ``[start, end)`` unless part of it is already taken."""
        if self.overlaps(start, end):
            return False
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True


@dataclass
class TextContext:
    text: str
    lower: str
    code_spans: list[tuple[int, int]]
    sentence_starts: list[int]
    mentions_testing: bool

    @classmethod
    def of(cls, text: str) -> TextContext:
        code = [m.span() for m in _FENCE.finditer(text)]
        code += [m.span() for m in _INLINE_CODE.finditer(text)]
        code.sort()
        starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        lower = text.lower()
        if len(lower) != len(text):  # a few characters grow when lower-cased (İ → i̇)
            lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        return cls(
            text=text,
            lower=lower,
            code_spans=code,
            sentence_starts=starts,
            mentions_testing=bool(_test_context_regex().search(text)),
        )

    def windows(
        self, anchors: tuple[str, ...], before: int, after: int, *, exact_case: bool = False
    ) -> list[tuple[int, int]]:
        """Merged (start, end) spans around every occurrence of the (lower-case) anchors.

        Detectors whose patterns start with a keyword run only inside these spans: finding
        the anchors with str.find is far cheaper than a case-insensitive regex everywhere.
        """
        source = self.text if exact_case else self.lower
        spans = []
        for anchor in anchors:
            pos = source.find(anchor)
            while pos != -1:
                spans.append((max(0, pos - before), min(len(self.text), pos + len(anchor) + after)))
                pos = source.find(anchor, pos + 1)
        spans.sort()
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged

    def finditer(
        self,
        pattern: re.Pattern[str],
        anchors: tuple[str, ...],
        before: int = 40,
        after: int = 400,
        *,
        lower: bool = False,
        exact_case: bool = False,
    ) -> list[re.Match[str]]:
        """``pattern.finditer`` restricted to the windows around ``anchors``, deduplicated.

        With ``lower`` the pattern runs on the lower-cased text (same length, so spans hold
        for ``self.text``): a case-sensitive pattern there is much faster than IGNORECASE.
        """
        haystack = self.lower if lower else self.text
        seen: set[tuple[int, int]] = set()
        matches = []
        for start, end in self.windows(anchors, before, after, exact_case=exact_case):
            for m in pattern.finditer(haystack, start, end):
                if m.span() not in seen:
                    seen.add(m.span())
                    matches.append(m)
        return matches

    @functools.cached_property
    def words(self) -> list[tuple[int, str]]:
        """(offset, lower-case word) for every word, computed once per scan."""
        return [(m.start(), m.group().replace("’", "'")) for m in WORD.finditer(self.lower)]

    def in_code(self, pos: int) -> bool:
        return any(start <= pos < end for start, end in self.code_spans)

    @property
    def has_code(self) -> bool:
        return bool(self.code_spans)

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        start = self.sentence_starts[max(i, 0)]
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return start, end

    def before(self, pos: int, chars: int = 40) -> str:
        return self.lower[max(0, pos - chars) : pos]

    def after(self, pos: int, chars: int = 40) -> str:
        return self.lower[pos : pos + chars]

    def test_framed(self, start: int, end: int) -> bool:
        """Is a value presented as test/example data (in code, or with such words nearby)?"""
        if self.in_code(start):
            return True
        window = self.lower[max(0, start - 160) : end + 160]
        return bool(_test_context_regex().search(window))
