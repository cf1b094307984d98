"""The shared scan for value candidates: every run of digit-bearing tokens in a prompt, found
once and handed to every detector of numbers and identifiers (cards, IDs, accounts, phones,
house numbers, IP addresses)."""

from __future__ import annotations

import re

from aideon_desktop.core.privacy.bmp_classes import OpeningClass
from aideon_desktop.core.privacy.boundaries import glued

# One shared scan for value candidates: runs of digit-bearing tokens joined by single separators
# (IDs like AB123456C, X1234567L, 3CD5-FG7-HJ89, "4539 1488 0343 6467").  It starts at a digit
# (the engine skips everything else fast); letters before the first digit are added after.  A
# one-letter group may close the run ("55555555-K", "hh 01 02 03 d") or stand between digit
# groups ("65 070803 A 019": a German social insurance number as its card prints it).  A colon
# after a group of three or more digits joins the next ("3123:4567:8909", an Aadhaar number as
# some forms print it), never the two-digit groups of a time ("12:30:45").
_VALUE_RUN = OpeningClass(
    r"\d",  # (``OpeningClass``: spelled out for text within the BMP)
    r"[A-Za-z0-9]*+"
    r"(?:(?:[ \-./]|(?<=\d{3}):(?=\d))(?=[A-Za-z]*\d|[A-Za-z][ \-]\d)[A-Za-z0-9]++)*+"
    r"(?:[ \-][A-Za-z](?![\w]))?",
)
_IBAN_HEAD = re.compile(r"(?<![A-Za-z])[A-Za-z]{2}\d{2}")
_LEAD = re.compile(r"(?:[A-Z]{1,2}[ \-./])?[A-Za-z]*$")
_SPACED_PAIRS = re.compile(r"(?<![\w])[a-z]{2} (?=\d\d \d\d \d\d(?: [a-z])?(?![\w]))")
_NOT_DIGIT = {c: None for c in range(128) if not chr(c).isdigit()}


class Candidate:
    """A run of digit-bearing tokens: ``raw`` as written, ``compact`` without separators
    (upper case), ``digits`` its digits only.  ``split()`` gives its tokens, worked out once on
    first use for every detector that walks sub-runs."""

    __slots__ = ("_split", "compact", "digits", "end", "raw", "start")

    def __init__(self, start: int, end: int, raw: str) -> None:
        self.start, self.end, self.raw = start, end, raw
        if raw.isdigit() and raw.isascii():  # most runs: one plain number
            self.compact = self.digits = raw
        else:  # the separators " -./:" dropped (five replaces beat one translate here)
            compact = raw.replace(" ", "").replace("-", "").replace(".", "").replace("/", "")
            self.compact = compact.replace(":", "").upper()
            self.digits = raw.translate(_NOT_DIGIT) if raw.isascii() else _NON_DIGIT.sub("", raw)
        self._split: Tokens | None = None

    def split(self) -> Tokens:
        """(spans, upper-case texts, separators, holds-a-digit flags) of the run's tokens: the
        separator after each token but the last, spans in text positions."""
        if self._split is None and self.raw is self.digits:  # one plain number
            self._split = ([(self.start, self.end)], [self.raw], "", [True])
        if self._split is None:
            raw = self.raw
            pieces = _SEPARATOR.split(raw)
            spans, pos = [], self.start
            for part in pieces:
                end = pos + len(part)
                spans.append((pos, end))
                pos = end + 1
            seps = "".join(_SEPARATOR.findall(raw))
            flags = [bool(_HAS_DIGIT.search(part)) for part in pieces]
            self._split = (spans, _SEPARATOR.split(raw.upper()), seps, flags)
        return self._split

    @property
    def tokens(self) -> list[tuple[int, int]]:
        """(start, end) of each token of the run, in text positions."""
        return self.split()[0]

    def __repr__(self) -> str:
        return f"Candidate({self.start}, {self.end}, {self.raw!r})"


Tokens = tuple[list[tuple[int, int]], list[str], str, list[bool]]
_HAS_DIGIT = re.compile(r"\d")
_NON_DIGIT = re.compile(r"\D")
_SEPARATOR = re.compile(r"[ \-./:]")


def _inside_word(text: str, pos: int) -> bool:
    return 0 <= pos < len(text) and glued(text[pos])


def _trim_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a first/last token that is glued to a longer word or identifier (abc_123)."""
    if _inside_word(text, start - 1):
        cut = _SEPARATOR.search(text, start, end)
        start = cut.end() if cut else end
    if start < end and _inside_word(text, end):
        cuts = [c.start() for c in _SEPARATOR.finditer(text, start, end)]
        end = cuts[-1] if cuts else start
    return start, end


# The ASCII characters a value cannot end against (``glued``): asked as a set look-up, and
# ``glued`` itself only for other characters.
_ASCII_GLUE = frozenset(ch for ch in map(chr, range(128)) if glued(ch))


def find_candidates(text: str) -> list[Candidate]:
    """Every run of digit-bearing tokens, longest form (detectors try sub-windows)."""
    out = []
    size = len(text)
    floor = 0
    ascii_glue = _ASCII_GLUE
    for m in _VALUE_RUN.for_text(text).finditer(text):
        start, end = m.span()
        if start > floor:
            start = _with_lead(text, start, floor)
        floor = end
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < size else " "
        if (
            before in ascii_glue
            or after in ascii_glue
            or (not (before + after).isascii() and (glued(before) or glued(after)))
        ):
            start, end = _trim_to_words(text, start, end)
        if start < end and end - start <= 120:  # a wall of digits is data, not an ID
            out.append(Candidate(start, end, text[start:end]))
    return out


def _with_lead(text: str, start: int, floor: int) -> int:
    """Where the run starts once letters before its first digit are added (``_lead``), with
    the commonest case answered at once: a word and a space before a number ("paid 120")
    can only be a pair of letters dictated with it ("hh 01 02 03 d")."""
    before = text[start - 1]
    if before == " " and start >= 2:
        prev = text[start - 2]
        if prev.islower() and not prev.isupper():
            # (the pairs' digits "dd dd dd" have a space two characters on: asked first)
            spaced = start >= 3 and text[start + 2 : start + 3] == " "
            return start - 3 if spaced and _SPACED_PAIRS.match(text, start - 3) else start
    return _lead(text, start, floor) if _may_have_lead(text, start) else start


def _may_have_lead(text: str, start: int) -> bool:
    """A cheap test before ``_lead``: letters right before the digit, or a separator after a
    capital ("AB 123456 C") or after two lower-case letters ("hh 01 02 03 d")."""
    before = text[start - 1]
    if before.isalpha():
        return True
    if before not in " -./" or start < 2:
        return False
    prev = text[start - 2]
    return prev.isupper() or (before == " " and prev.islower())


def _lead(text: str, start: int, floor: int) -> int:
    """Letters before the first digit belong to the value (AB123456C, "hh 01 02 03 d")."""
    lead = _LEAD.search(text, max(floor, start - 12), start)
    if lead and lead.start() < start and text[lead.start()].isalpha():
        return lead.start()
    if start >= 3 and _SPACED_PAIRS.match(text, start - 3):
        return start - 3
    return start


def group_candidates(text: str, candidates: list[Candidate]) -> dict[str, list[Candidate]]:
    """The candidates sorted once by what they could be, so each detector walks only its own:
    ``long`` (6+ characters: cards, IDs, accounts), ``phone`` (7+ digits, or an area code in
    parentheses), ``short`` (house numbers), ``dotted`` (IPv4), ``dashed`` (sort codes),
    ``iban`` (country letters and check digits)."""
    groups: dict[str, list[Candidate]] = {
        k: [] for k in ("long", "phone", "short", "dotted", "dashed", "iban")
    }
    for c in candidates:
        raw = c.raw
        if raw is c.digits:  # one plain number
            size = len(raw)
            if size >= 6:
                groups["long"].append(c)
            if size >= 7 or text[c.end : c.end + 1] == ")":
                groups["phone"].append(c)
            if size <= 5:
                groups["short"].append(c)
            continue
        if len(c.compact) >= 6:
            groups["long"].append(c)
        if len(c.digits) >= 7 or text[c.end : c.end + 1] == ")":
            groups["phone"].append(c)
        if len(c.digits) <= 5:
            groups["short"].append(c)
        if raw.count(".") >= 3:
            groups["dotted"].append(c)
        if raw.count("-") >= 2:
            groups["dashed"].append(c)
        if _IBAN_HEAD.search(raw):
            groups["iban"].append(c)
    return groups
