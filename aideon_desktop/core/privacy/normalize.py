"""One normalisation pass before detection, with a map back to the user's own characters.

What changes (so that a value written in any of these ways is the same value to detectors):
- NFKC: fullwidth digits and letters become ASCII, ligatures split, letters written with
  separate combining accents are composed, and so on;
- the digits of every other script (Arabic-Indic, Devanagari, Thai...) become ASCII digits;
- zero-width and other format characters (ZWSP, ZWJ, BOM, soft hyphen, bidi marks) are removed;
- Arabic short-vowel marks and tatweel, and Hebrew points, are removed: most text is written
  without them, and a word written with them ("اعتُقل") is the same word ("اعتقل");
- NBSP, thin, narrow and other Unicode spaces become a plain space;
- non-breaking hyphens, en/em dashes and minus signs become "-";
- a line break inside a value ("4539 1488" / "0343 6467", "DE44 5001" / "0517 …") becomes one
  space: only between two digits (spaces around the break go with it);
- a number dictated one digit per space ("4 6 4 2 7 1 2 2 0 …", nine digits or more) is joined
  into one run of digits, and a gap of several spaces between two letters or digits
  ("IE09  BOFI  9327") becomes one space.

Every position of the normalised text maps back to a position of the original text, so a
finding highlights and masks exactly what the user typed (``Normalized.span``).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass

from aideon_desktop.core.privacy.bmp_classes import OpeningClass

_SPACES = frozenset(
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
# Arabic harakat, tanwin, shadda, sukun, superscript alef and tatweel; Hebrew niqqud and
# cantillation marks (the letters themselves, and the Hebrew maqaf and punctuation, stay).
_VOWEL_MARKS = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x0591, 0x05BE)]
    + ["\u05bf", "\u05c1", "\u05c2", "\u05c4", "\u05c5", "\u05c7"]
)


def _char_form(ch: str) -> str:
    if ch in _SPACES:
        return " "
    if ch in _DASHES:
        return "-"
    if ch in _VOWEL_MARKS:
        return ""
    if unicodedata.category(ch) in ("Cf", "Zl", "Zp") or ch == "\u00ad":
        return "\n" if ch in "\u2028\u2029" else ""
    decimal = unicodedata.decimal(ch, None)
    if decimal is not None:  # a digit of any script ("٤٥٣٩", "४५३९", "๔๕๓๙") is that digit
        return str(decimal)
    return unicodedata.normalize("NFKC", ch)


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus a piecewise map to the original.

    Segment ``i`` starts at ``norm_starts[i]`` in the normalised text and at ``orig_starts[i]``
    in the original.  An *exact* segment maps character for character; a replaced one (a
    character that NFKC expanded or a removed run) maps all of its positions to its source.
    """

    text: str
    original: str
    norm_starts: tuple[int, ...] = (0,)
    orig_starts: tuple[int, ...] = (0,)
    exact: tuple[bool, ...] = (True,)
    orig_ends: tuple[int, ...] = ()

    @property
    def identity(self) -> bool:
        return len(self.norm_starts) == 1 and self.exact[0]

    def _to_original(self, pos: int, *, end: bool) -> int:
        if self.identity:
            return pos
        i = bisect.bisect_right(self.norm_starts, pos) - 1
        if end and i > 0 and self.norm_starts[i] == pos:
            i -= 1  # an end position belongs to the segment before it
        if self.exact[i]:
            return self.orig_starts[i] + (pos - self.norm_starts[i])
        return self.orig_ends[i] if end else self.orig_starts[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original (start, end) of a normalised span."""
        return self._to_original(start, end=False), self._to_original(end, end=True)


class _Builder:
    def __init__(self, original: str) -> None:
        self.original = original
        self.pieces: list[str] = []
        self.length = 0
        self.norm_starts: list[int] = []
        self.orig_starts: list[int] = []
        self.orig_ends: list[int] = []
        self.exact: list[bool] = []

    def keep(self, start: int, end: int) -> None:
        if start >= end:
            return
        if self.exact and self.exact[-1] and self.orig_ends[-1] == start:
            self.orig_ends[-1] = end
        else:
            self._segment(start, end, exact=True)
        self.pieces.append(self.original[start:end])
        self.length += end - start

    def replace(self, start: int, end: int, new: str) -> None:
        self._segment(start, end, exact=False)
        self.pieces.append(new)
        self.length += len(new)

    def _segment(self, start: int, end: int, *, exact: bool) -> None:
        self.norm_starts.append(self.length)
        self.orig_starts.append(start)
        self.orig_ends.append(end)
        self.exact.append(exact)

    def build(self) -> Normalized:
        if not self.norm_starts:
            self._segment(0, 0, exact=True)
        return Normalized(
            "".join(self.pieces),
            self.original,
            tuple(self.norm_starts),
            tuple(self.orig_starts),
            tuple(self.exact),
            tuple(self.orig_ends),
        )


@functools.cache
def fold_table() -> re.Pattern[str]:
    """Every BMP character this pass changes (NFKC or the rules above), as one character class;
    built once, so a text is folded by visiting only the characters that change."""
    ranges: list[list[int]] = []
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        if _char_form(ch) != ch:
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    parts = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    # and the combining accents (\u0300-\u036f), which compose with the letter before them
    return re.compile(f"[{parts}\u0300-\u036f\U00010000-\U0010ffff]")


# A letter followed by combining accents ("a" + U+0301), as macOS and some keyboards write them:
# composed into one character ("á") like the rest of the world types it.
_DECOMPOSED = re.compile(r"[^\W\d_][\u0300-\u036f]+")


def _fold_unicode(text: str) -> Normalized:
    builder = _Builder(text)
    pos = 0
    changes = list(fold_table().finditer(text))
    if any("\u0300" <= m.group() <= "\u036f" for m in changes):  # rare: decomposed accents
        changes = sorted(changes + list(_DECOMPOSED.finditer(text)), key=lambda m: m.start())
    for m in changes:
        ch = m.group()
        if m.start() < pos:
            continue
        form = _char_form(ch) if len(ch) == 1 else unicodedata.normalize("NFKC", ch)
        if form == ch:
            continue  # an astral character NFKC keeps
        builder.keep(pos, m.start())
        builder.replace(m.start(), m.end(), form)
        pos = m.end()
    builder.keep(pos, len(text))
    return builder.build()


# A line break (and the spaces after it) before a capital or a digit: it may split a number
# ("4539 1488" / "0343 6467") or an IBAN whose head stands before it on its line ("GB82 WEST" /
# "1234 5698 7654 32", "RO12NVCWREQL" / "GJDN1CDF646X").  The pattern opens with the line break
# itself, so the engine skips to each one in C.  A break after an ASCII character other than a
# capital, a digit or a space (most lines of prose: "…ends.", "…words") is passed over there
# too: ``_split_points`` would drop it (what ends a line must be a capital or a digit).
_BREAK_BEFORE_VALUE = re.compile(r"\n(?<=[A-Z0-9 \t\r\x80-\U0010ffff]\n)[ \t]{0,8}(?=[A-Z0-9])")
_IBAN_LINE_TAIL = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}[A-Z0-9 ]{0,34}$")


def _iban_tail(text: str, before: str, start: int) -> bool:
    """Does the line before ``start`` end with an IBAN's head and groups ("… GB82 WEST")?"""
    capital_or_digit = "A" <= before <= "Z" or before.isdigit()
    return capital_or_digit and _IBAN_LINE_TAIL.search(text, max(0, start - 40), start) is not None


def _split_points(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line break, with the spaces around it, that splits a number or an
    IBAN."""
    points = []
    for m in _BREAK_BEFORE_VALUE.finditer(text):
        at, end = m.start(), m.end()
        start = at
        while start > 0 and text[start - 1] in " \t\r" and at - start < 8:
            start -= 1
        before = text[start - 1] if start > 0 else ""
        if not ((before.isdigit() and text[end].isdigit()) or _iban_tail(text, before, start)):
            continue  # nothing before the break that the line after could continue
        if _next_table_row(text, start, end):
            continue  # "…,5371 4803 6604 4042" / "2024-09-09,…": a new row, not the rest
        points.append((start, end))
    return points


# The first cell of a table row: one token and a cell separator ("2024-09-09," "17|").
_ROW_HEAD = re.compile(r"[0-9A-Za-z\-./:]+([,;|\t])")


def _next_table_row(text: str, start: int, end: int) -> bool:
    """Does the line after a line break open with one token and a table-cell separator that the
    line before holds too (a CSV or pipe table)?  Then the break ends a row: a value does not go
    on across it ("…,5371 4803 6604 4042" / "2024-09-09,Staples,…")."""
    head = _ROW_HEAD.match(text, end)
    return head is not None and head.group(1) in text[text.rfind("\n", 0, start) + 1 : start]


def _join_split_values(folded: Normalized) -> Normalized:
    text = folded.text
    points = _split_points(text) if "\n" in text else []
    if not points:
        return folded
    builder = _Builder(text)
    pos = 0
    for start, end in points:
        builder.keep(pos, start)
        builder.replace(start, end, " ")
        pos = end
    builder.keep(pos, len(text))
    joined = builder.build()
    return _compose(folded, joined)


def _compose(first: Normalized, second: Normalized) -> Normalized:
    """A map from ``second.text`` straight to ``first.original``, segment by segment."""
    if first.identity:
        return Normalized(
            second.text,
            first.original,
            second.norm_starts,
            second.orig_starts,
            second.exact,
            second.orig_ends,
        )
    builder = _Builder(first.original)
    builder.pieces, builder.length = [second.text], len(second.text)
    for i, start in enumerate(second.norm_starts):
        mid_start, mid_end = second.orig_starts[i], second.orig_ends[i]
        o_start, o_end = first.span(mid_start, mid_end)
        if second.exact[i]:
            _compose_exact(builder, first, start, mid_start, mid_end)
        else:
            builder.norm_starts.append(start)
            builder.orig_starts.append(o_start)
            builder.orig_ends.append(o_end)
            builder.exact.append(False)
    return builder.build()


def _compose_exact(builder: _Builder, first: Normalized, start: int, lo: int, hi: int) -> None:
    """Copy ``first``'s segments that fall inside its normalised [lo, hi), shifted to ``start``."""
    i = bisect.bisect_right(first.norm_starts, lo) - 1
    pos = lo
    while pos < hi:
        seg_end = first.norm_starts[i + 1] if i + 1 < len(first.norm_starts) else len(first.text)
        piece_end = min(seg_end, hi)
        builder.norm_starts.append(start + pos - lo)
        if first.exact[i]:
            builder.orig_starts.append(first.orig_starts[i] + pos - first.norm_starts[i])
            builder.orig_ends.append(first.orig_starts[i] + piece_end - first.norm_starts[i])
            builder.exact.append(True)
        else:
            builder.orig_starts.append(first.orig_starts[i])
            builder.orig_ends.append(first.orig_ends[i])
            builder.exact.append(False)
        pos, i = piece_end, i + 1


# "4 6 4 2 7 1 2 2 0 4 …": a number dictated one digit at a time (nine or more digits).
_ONE_DIGIT_AT_A_TIME = OpeningClass(r"\d", r"(?: \d){8,}")


def _wide_gaps(text: str) -> list[tuple[int, int]]:
    """Runs of 2-8 spaces or tabs between two letters or digits (found with str.find: such gaps
    are rare in prose, and indentation after a line break is skipped at once)."""
    gaps = []
    for gap in ("  ", " \t", "\t"):
        at = text.find(gap)
        while at != -1:
            end = at
            while end < len(text) and text[end] in " \t":
                end += 1
            if (
                2 <= end - at <= 8
                and at > 0
                and end < len(text)
                and _WORD_CHAR(text[at - 1])
                and _WORD_CHAR(text[end])
            ):
                gaps.append((at, end))
            at = text.find(gap, end)
    return sorted(set(gaps))


def _WORD_CHAR(ch: str) -> bool:  # noqa: N802 - used like a character class
    return ch.isalnum()


def _close_gaps(current: Normalized) -> Normalized:
    """A number written one digit per space becomes one run of digits; a gap of several
    spaces between two letters or digits becomes one space."""
    text = current.text
    edits = []
    for m in _ONE_DIGIT_AT_A_TIME.for_text(text).finditer(text):
        start, end = m.span()
        if not (start and text[start - 1].isalnum()) and not (
            end < len(text) and text[end].isalnum()
        ):
            edits.append((start, end, m.group().replace(" ", "")))
    edits += [(start, end, " ") for start, end in _wide_gaps(text)]
    if not edits:
        return current
    builder = _Builder(text)
    pos = 0
    for start, end, new in sorted(edits):
        if start < pos:
            continue
        builder.keep(pos, start)
        builder.replace(start, end, new)
        pos = end
    builder.keep(pos, len(text))
    return _compose(current, builder.build())


def normalize(text: str) -> Normalized:
    """Normalise ``text`` once for every detector (see the module docstring)."""
    if text.isascii():
        folded = Normalized(text, text, (0,), (0,), (True,), (len(text),))
    else:
        folded = _fold_unicode(text)
    return _close_gaps(_join_split_values(folded))
