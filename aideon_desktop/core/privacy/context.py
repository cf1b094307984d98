"""What every detector needs to know about one prompt, computed once per scan.

``ScanContext`` holds the normalised text and, lazily, the shared scans that detectors draw
from instead of running their own passes: the lexicon hits (labels, topic words, ID context
words, test framing), the runs of digits and of letters+digits (one regex, see
``candidates``), code spans and sentence starts.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from typing import TYPE_CHECKING

from aideon_desktop.core.computed_once import ComputedOnce
from aideon_desktop.core.privacy.candidates import Candidate, find_candidates, group_candidates
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import Hit, lexicon, load_data
from aideon_desktop.core.privacy.normalize import Normalized, normalize

if TYPE_CHECKING:
    from aideon_desktop.core.privacy.sentences import Sentence

_CELL_EDGES = "\n\r,;|\t"
_FENCE = re.compile(r"```[^\n]{0,40}\n.*?(?:```|\Z)", re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]{1,300}`")
# A sentence ends at ". ", "! ", "? ", "; " (before more text), a line break, or a CJK stop.  The
# pattern opens with one character class so that the engine skips to candidates in C.
# A stop after an abbreviation of contexts.toml [sentence_end] ends no sentence ("Dr. Weber",
# "z.B. so"): one look-behind per length of abbreviation, tried only after a stop.


def _sentence_end() -> re.Pattern[str]:
    words = load_data("contexts.toml")["sentence_end"]["abbreviations"]
    by_length: defaultdict[int, list[str]] = defaultdict(list)
    for word in words:
        by_length[len(word)].append(re.escape(word))
    not_after = "".join(
        rf"(?<!(?i:\b(?:{'|'.join(group)}))\.)" for _length, group in sorted(by_length.items())
    )
    return re.compile(
        rf"[.!?;\n。！？](?:(?<=[.!?;]){not_after}\s+(?=\S)|(?<=\n)\s*|(?<=[。！？]))"
    )


_SENTENCE_END = _sentence_end()
_SENTENCE_REACH = 600  # characters looked back from a position for its sentence's start
_SENTENCE_NEAR = 120  # characters looked back first (most sentences start nearer)
_STOPS = ".!?;\n。！？"  # the characters a sentence stop opens with
# Long runs of token characters: where credentials of known shapes can be.
# The pattern opens on the character before the token (one character class: the engine skips
# to it in C) so that each run of token characters is tried once; a token at the very start of
# the text is matched by ``_LONG_TOKEN_AT_START``.
_LONG_TOKEN = re.compile(r"[^A-Za-z0-9_\-+/=.~:|%@]([A-Za-z0-9_\-+/=.~:|%@]{16,})")
_LONG_TOKEN_AT_START = re.compile(r"[A-Za-z0-9_\-+/=.~:|%@]{16,}")


# Values of a scan's objects, worked out on first use (one thread per scan: no lock needed).
OncePerScan = ComputedOnce


def standalone(text: str, start: int, end: int) -> bool:
    """Is [start, end) the whole message, a whole line or a whole table cell (between
    , ; | or a tab)?  Quotes and spaces around it do not count."""
    lo, hi = start, end
    while lo > 0 and text[lo - 1] in " \"'`":
        lo -= 1
    while hi < len(text) and text[hi] in " \"'`.":
        hi += 1
    return (lo == 0 or text[lo - 1] in _CELL_EDGES) and (hi == len(text) or text[hi] in _CELL_EDGES)


def _sentence_start_near(text: str, pos: int, lo: int) -> int | None:
    """The last end of a sentence stop at or before ``pos`` as the scan from ``lo`` finds it,
    read from a scan of the last ``_SENTENCE_NEAR`` characters only; None when that holds
    none.  The two scans find the same stops from where the short one starts, as long as it
    does not start inside a stop the long one found: a stop is its character and the white
    space after it, so the short scan starts after a character that is neither."""
    near = pos - _SENTENCE_NEAR
    while near > lo and (text[near - 1] in _STOPS or text[near - 1].isspace()):
        near -= 1
    if near <= lo:
        return None
    ends = [m.end() for m in _SENTENCE_END.finditer(text, near, pos + 1)]
    while ends and ends[-1] > pos:
        ends.pop()
    return ends[-1] if ends else None


class ScanContext:
    strict: bool = False

    def __init__(self, text: str) -> None:
        self.norm: Normalized = normalize(text)
        self.text = self.norm.text
        lower = self.text.lower()
        if len(lower) != len(self.text):  # a few characters grow when lower-cased (İ → i̇)
            lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in self.text)
        self.lower = lower
        self.memo: dict[object, bool] = {}  # answers detectors share within this scan
        self.sentences: dict[tuple[int, int], Sentence] = {}  # sentences.sentence_at's
        self._claimed_starts: list[int] = []
        self._claimed_ends: list[int] = []

    # ------------------------------------------------------------------ claimed spans
    def claim(self, findings: list[Finding]) -> None:
        """The value findings kept so far (sorted, never overlapping), from higher tiers."""
        self._claimed_starts = [f.start for f in findings]
        self._claimed_ends = [f.end for f in findings]

    def claimed(self, start: int, end: int) -> bool:
        """Does [start, end) overlap a finding a higher tier has already kept?"""
        i = bisect.bisect_left(self._claimed_starts, end) - 1
        return i >= 0 and self._claimed_ends[i] > start

    # ------------------------------------------------------------------ shared scans
    @OncePerScan
    def content_span(self) -> tuple[int, int]:
        """Where the message's text starts and ends, surrounding white space left out."""
        return len(self.text) - len(self.text.lstrip()), len(self.text.rstrip())

    @OncePerScan
    def hits(self) -> list[Hit]:
        return lexicon().scan(self.lower)

    @OncePerScan
    def _all_hit_starts(self) -> list[int]:
        return [h.start for h in self.hits]

    def hits_between(self, start: int, end: int) -> list[Hit]:
        """Lexicon hits that start inside [start, end)."""
        starts = self._all_hit_starts
        return self.hits[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    def hits_of(self, group: str, kind: str | None = None) -> list[Hit]:
        found = self._hit_index.get((group, kind))
        return found[1] if found is not None else []

    @OncePerScan
    def _hit_index(self) -> dict[tuple[str, str | None], tuple[list[int], list[Hit]]]:
        """(group, kind) and (group, None) → (starts, hits), for nearest-hit questions."""
        by_key: defaultdict[tuple[str, str | None], list[Hit]] = defaultdict(list)
        for hit in self.hits:
            by_key[hit[2], hit[3]].append(hit)
            by_key[hit[2], None].append(hit)
        return {key: ([h[0] for h in hits], hits) for key, hits in by_key.items()}

    def hit_near(
        self,
        group: str,
        start: int,
        end: int,
        *,
        before: int = 60,
        after: int = 25,
        kind: str | None = None,
    ) -> Hit | None:
        """The closest hit of ``group`` (and ``kind``) ending before ``start`` (preferred) or
        starting after ``end``, within ``before``/``after`` characters."""
        found = self._hit_index.get((group, kind))
        if found is None:
            return None
        starts, hits = found
        preceding = following = None
        for i in range(bisect.bisect_left(starts, start - before), len(hits)):
            hit = hits[i]
            if hit.start > end + after:
                break
            if hit.end <= start:
                preceding = hit
            elif hit.start >= end and following is None:
                following = hit
        return preceding or following

    def kinds_near(
        self, group: str, start: int, end: int, before: int = 60, after: int = 25
    ) -> set[str]:
        """Kinds of the ``group`` hits around [start, end) (not overlapping it)."""
        found = self._hit_index.get((group, None))
        if found is None:
            return set()
        starts, hits = found
        kinds = set()
        for i in range(bisect.bisect_left(starts, start - before), len(hits)):
            hit = hits[i]
            if hit.start > end + after:
                break
            if hit.end <= start or hit.start >= end:
                kinds.add(hit.kind)
        return kinds

    @OncePerScan
    def candidates(self) -> list[Candidate]:
        """Every run of digit-bearing tokens, longest form (detectors try sub-windows)."""
        return find_candidates(self.text)

    @OncePerScan
    def candidate_groups(self) -> dict[str, list[Candidate]]:
        """The candidates sorted once by what they could be (see ``group_candidates``)."""
        return group_candidates(self.text, self.candidates)

    @property
    def long_candidates(self) -> list[Candidate]:
        """Candidates long enough to be a card, an ID, an account or a phone number."""
        return self.candidate_groups["long"]

    @OncePerScan
    def long_tokens(self) -> list[tuple[int, int]]:
        first = _LONG_TOKEN_AT_START.match(self.text)
        spans = [first.span()] if first else []
        return spans + [m.span(1) for m in _LONG_TOKEN.finditer(self.text)]

    def tokens_holding(self, anchors: list[str]) -> list[tuple[int, int]]:
        """The long tokens in which any of ``anchors`` occurs (found in the joined tokens)."""
        if not anchors:
            return []
        joined, offsets = self.long_token_text, self.joined_offsets
        found: set[int] = set()
        for anchor in anchors:
            at = joined.find(anchor)
            while at != -1:
                i = bisect.bisect_right(offsets, at) - 1
                found.add(i)
                at = joined.find(anchor, offsets[i + 1] if i + 1 < len(offsets) else len(joined))
        return [self.long_tokens[i] for i in sorted(found)]

    @OncePerScan
    def joined_offsets(self) -> list[int]:
        """Where each long token starts in ``long_token_text``."""
        offsets, pos = [], 0
        for start, end in self.long_tokens:
            offsets.append(pos)
            pos += end - start + 1
        return offsets

    @OncePerScan
    def long_token_text(self) -> str:
        """All long tokens joined: a cheap place to ask "does any token contain X?"."""
        return "\n".join(self.text[s:e] for s, e in self.long_tokens)

    @OncePerScan
    def code_spans(self) -> list[tuple[int, int]]:
        if "`" not in self.text:
            return []
        spans = [m.span() for m in _FENCE.finditer(self.text)]
        spans += [m.span() for m in _INLINE_CODE.finditer(self.text)]
        return sorted(spans)

    @OncePerScan
    def sentence_starts(self) -> list[int]:
        return [0] + [m.end() for m in _SENTENCE_END.finditer(self.text)]

    def windows(self, anchors: tuple[str, ...], before: int, after: int) -> list[tuple[int, int]]:
        """Merged (start, end) spans around every occurrence of the (lower-case) anchors: a
        keyword-led pattern then runs only there (str.find is far cheaper than a regex)."""
        spans = []
        for anchor in anchors:
            pos = self.lower.find(anchor)
            while pos != -1:
                spans.append((max(0, pos - before), min(len(self.text), pos + len(anchor) + after)))
                pos = self.lower.find(anchor, pos + 1)
        spans.sort()
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged

    # ------------------------------------------------------------------ questions
    @OncePerScan
    def _code_index(self) -> tuple[list[int], list[int]]:
        """The code spans merged (a fence may hold inline code), as sorted starts and ends."""
        starts: list[int] = []
        ends: list[int] = []
        for start, end in self.code_spans:
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        return starts, ends

    def in_code(self, pos: int) -> bool:
        if not self.code_spans:
            return False
        starts, ends = self._code_index
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < ends[i]

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """The sentence around ``pos`` (looked for locally: sentences are short, texts long)."""
        text = self.text
        lo = max(0, pos - _SENTENCE_REACH)
        start = _sentence_start_near(text, pos, lo)
        if start is None:
            start = 0
            for m in _SENTENCE_END.finditer(text, lo, pos + 1):
                if m.end() <= pos:
                    start = m.end()
            if start == 0 and lo > 0:
                start = lo
        nxt = _SENTENCE_END.search(text, pos + 1, pos + 2000)
        end = nxt.end() if nxt else min(len(text), pos + 2000)
        return start, end

    def before(self, pos: int, chars: int = 40) -> str:
        return self.lower[max(0, pos - chars) : pos]

    def after(self, pos: int, chars: int = 40) -> str:
        return self.lower[pos : pos + chars]

    def test_framed(self, start: int, end: int) -> bool:
        """Is a value presented as test/example data (in code, or with such words nearby)?"""
        if self.in_code(start):
            return True
        return (
            self.hit_near("context", start, end, before=160, after=160, kind="test_framing")
            is not None
        )

    def reference_number(self, start: int) -> bool:
        """Does a word like "order", "tracking" or "invoice" introduce the value at ``start``?"""
        hit = self.hit_near("context", start, start, before=30, after=0, kind="not_personal_number")
        if hit is None:
            return False
        gap = self.text[hit.end : start]
        return "\n" not in gap and not re.search(r"\d", gap)
