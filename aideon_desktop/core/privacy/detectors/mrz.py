"""Machine-readable zones of passports and ID cards (ICAO 9303), pasted from a scan:

    P<USAOKAFOR<<CHINEDU<JAMES<<<<<<<<<<<<<<<<<<
    5939823843USA8804123M3310171<<<<<<<<<<<<<<08

A line of 44 (passport), 36 or 30 (ID card) characters of A-Z, 0-9 and "<", whose document
number, birth date and expiry date carry their 7-3-1 check digits, is someone's document.
Only lines holding "<<" are looked at (found with str.find)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors._common import documented_example
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.registry import CHECKSUM, Detector, register

_LINE = re.compile(r"[A-Z0-9<]{30}(?:[A-Z0-9<]{6}(?:[A-Z0-9<]{8})?)?")
_WEIGHTS = (7, 3, 1)
# (line length, which line of the zone) → the (start, end, check position) of each checked field
_FIELDS: dict[int, tuple[tuple[int, int, int], ...]] = {
    44: ((0, 9, 9), (13, 19, 19), (21, 27, 27)),  # passport, line 2
    36: ((0, 9, 9), (13, 19, 19), (21, 27, 27)),  # TD2 ID card, line 2
    30: ((0, 6, 6), (8, 14, 14)),  # TD1 ID card, line 2 (birth and expiry dates)
}


def _value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    return 0 if ch == "<" else ord(ch) - 55


def check_digit(field: str) -> str:
    """The ICAO 9303 check digit of a field (weights 7, 3, 1; A=10 … Z=35, '<'=0)."""
    return str(sum(_value(ch) * _WEIGHTS[i % 3] for i, ch in enumerate(field)) % 10)


def checked_line(line: str) -> bool:
    """Does a data line of a zone carry valid check digits on all its checked fields, one of
    them a date (six digits)?"""
    fields = _FIELDS.get(len(line))
    if fields is None:
        return False
    for start, end, at in fields:
        if line[at] != check_digit(line[start:end]):
            return False
    return any(line[s:e].isdigit() for s, e, _at in fields)


def _lines_with_chevrons(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line holding "<<", and of the line after it."""
    seen: set[int] = set()
    at = text.find("<<")
    while at != -1:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        for span in ((start, end), (end + 1, _line_end(text, end + 1))):
            if span[0] not in seen and span[0] < len(text):
                seen.add(span[0])
                yield span
        at = text.find("<<", end)


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end == -1 else end


@register
class MachineReadableZoneDetector(Detector):
    name = "machine_readable_zone"
    category = "national_id"
    precedence = CHECKSUM
    patterns = (_LINE,)
    labels = ()

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[int, int]]:
        if "<<" not in ctx.text:
            return
        for start, end in _lines_with_chevrons(ctx.text):
            line = ctx.text[start:end].strip()
            if len(line) in _FIELDS and line[:1] != "P" and _LINE.fullmatch(line):
                offset = ctx.text.index(line, start)
                yield offset, offset + len(line)

    def validate(self, ctx: ScanContext, span: tuple[int, int]) -> Finding | None:
        start, end = span
        line = ctx.text[start:end]
        if not checked_line(line) or ctx.claimed(start, end):
            return None
        if documented_example(ctx, "mrz_documents", line[:9], start, end):
            return None  # the ICAO specimen, framed as an example
        first = ctx.text.rfind("\n", 0, max(0, start - 1)) + 1
        above = ctx.text[first : max(first, start - 1)].strip()
        if above and _LINE.fullmatch(above) and len(above) == end - start:
            start = ctx.text.index(above, first)  # the name line above belongs to the zone
        return self.finding(start, end, "passport or ID card machine-readable zone")
