"""IBANs: country code, check digits and the mod-97 checksum, in any case and grouping."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import string
from collections.abc import Iterator

from stdnum import iban as std_iban
from stdnum import numdb

from aideon_desktop.core.privacy.candidates import Candidate
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors._common import documented_example
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.registry import CHECKSUM, Detector, register

# Two letters, two digits, then 10-32 letters/digits with optional single separators.
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ .\-/]?[A-Za-z0-9]){10,32}(?![A-Za-z0-9])")
_SEP = re.compile(r"[ .\-/_|\t]")
# An IBAN whose groups a table put in cells of their own ("| FR76 | 3000 | 6000 0112 … |").
_IBAN_IN_CELLS = re.compile(
    r"[A-Za-z]{2}\d{2}(?:(?:[ .\-/]|[ ]?[|\t][ ]?)?[A-Za-z0-9]){10,32}(?![A-Za-z0-9])"
)
# "DE 44 5001 0517 …", "de-44-5001-…": the country code written apart from the check digits.
_IBAN_APART = re.compile(r"[A-Za-z]{2}[ .\-]\d{2}(?:[ .\-/]?[A-Za-z0-9]){10,32}(?![A-Za-z0-9])")
_COUNTRY_BEFORE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}[ .\-]$")


def _country_apart(ctx: ScanContext) -> Iterator[re.Match[str]]:
    """Runs of the shared scan that open with two check digits after a country code and one
    separator (the scan takes "DE " into the run; "de " stays before it, and is taken only after
    a bank label: "is", "de", "it" are words)."""
    text = ctx.text
    countries = _length_of()
    for c in ctx.long_candidates:
        raw, at = c.raw, c.start
        if (
            raw[2:3] in _APART
            and raw[:2].upper() in countries
            and (raw[:2].isupper() or _named_iban(ctx, at))
        ):
            m = _IBAN_APART.match(text, at)
        elif (
            text[at - 1 : at] in _APART
            and text[at - 3 : at - 1].upper() in countries
            and _COUNTRY_BEFORE.search(text, max(0, at - 4), at)
            and _named_iban(ctx, at - 3)  # "is 8409 …", "de 44 …": words, unless so named
        ):
            m = _IBAN_APART.match(text, at - 3)
        else:
            continue
        if m:
            yield m


_APART = frozenset(" .-")


_CELL_AHEAD = re.compile(r"[A-Za-z0-9 .\-/]{0,30}?[ ]?[|\t][ ]?[A-Za-z0-9]")
# "IE29_AIBK_9311_5212_3456_78" (an identifier's style, or a field that takes no spaces): the
# shared scan's runs stop at "_", so each "_" right after a country code and check digits is
# looked at (a literal the engine searches for in C), then the whole value from its head.
_UNDERSCORE_AFTER_HEAD = re.compile(r"_(?<=(?<![A-Za-z0-9])[A-Za-z]{2}\d\d_)")
_UNDERSCORED_IBAN = re.compile(r"[A-Za-z]{2}\d{2}(?:_?[A-Za-z0-9]){10,32}(?![A-Za-z0-9])")
_HEAD = re.compile(r"(?<![A-Za-z])[A-Za-z]{2}\d{2}")
_COUNTRY_REACH = 40  # characters from an "IBAN" label to an IBAN written without its country


@functools.cache
def iban_countries() -> dict[int, tuple[str, ...]]:
    """The countries of the IBAN registry (stdnum's copy of it) by the length of their IBAN."""
    registry = numdb.get("iban")
    by_length: dict[int, list[str]] = {}
    for cc in (a + b for a in string.ascii_uppercase for b in string.ascii_uppercase):
        bban = registry.info(cc)[0][1].get("bban")
        if bban:
            length = 4 + sum(int(size) for size in _BBAN_PART.findall(bban))
            by_length.setdefault(length, []).append(cc)
    return {length: tuple(countries) for length, countries in by_length.items()}


_BBAN_PART = re.compile(r"(\d+)!?[nace]")  # "8!n10!n": the sizes of the BBAN's parts


def mod97_valid(compact: str) -> bool:
    """The ISO 13616 mod-97 check alone (no country rules): a quick test before stdnum's."""
    if not (compact.isascii() and compact.isalnum()):
        return False
    rearranged = compact[4:] + compact[:4]
    return int(rearranged.translate(_LETTER_VALUES)) % 97 == 1


# Each letter as its number in base 36 ("A" → "10" … "Z" → "35", either case); digits stay.
_LETTER_VALUES = {
    ord(ch): str(int(ch, 36)) for ch in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
}


def _country_valid(ctx: ScanContext, compact: str, strict_country: bool) -> bool:
    """stdnum's IBAN check (the country's length and format), asked once per value and scan."""
    key = ("iban", compact, strict_country)
    valid = ctx.memo.get(key)
    if valid is None:
        valid = ctx.memo[key] = std_iban.is_valid(compact, check_country=strict_country)
    return valid


@register
class IbanDetector(Detector):
    name = "iban"
    category = "bank_account"
    precedence = CHECKSUM
    patterns = (_IBAN,)
    labels = ("bank_account",)

    def candidates(self, ctx: ScanContext) -> Iterator[re.Match[str]]:
        """An IBAN opens with country letters and check digits: a candidate run of the shared
        scan that starts so ("DE44 …", "gb33bukb…") is where the IBAN pattern is tried."""
        text = ctx.text
        for c in ctx.candidate_groups["iban"]:
            head = _HEAD.search(c.raw)
            if head:
                at = c.start + head.start()
                m = _IBAN.match(text, at)
                if m:
                    yield m
                if _CELL_AHEAD.match(text, at + 4):
                    cells = _IBAN_IN_CELLS.match(text, at)
                    if cells:
                        yield cells
        yield from _country_apart(ctx)
        if "_" in text:
            for joint in _UNDERSCORE_AFTER_HEAD.finditer(text):
                head = joint.start() - 4
                if text[head : head + 2].upper() not in _length_of():
                    continue
                m = _UNDERSCORED_IBAN.match(text, head)
                if m:
                    yield m

    def validate(self, ctx: ScanContext, match: re.Match[str]) -> Finding | None:
        raw = match.group()
        found = _longest_valid(ctx, raw)
        if found is None and _LOOKALIKE.search(raw, 4) and _named_iban(ctx, match.start()):
            found = _longest_valid(ctx, raw[:4] + raw[4:].translate(_LOOKALIKE_DIGITS))
        if found is None:
            return None
        compact, length = found
        start, end = match.start(), match.start() + length
        if documented_example(ctx, "ibans", compact, start, end):
            return None
        return self.finding(start, end, f"IBAN ({compact[:2].upper()}, mod-97 valid)")

    def prepare(self) -> None:
        """The registry's countries by IBAN length (some 50 ms to read), and what stdnum's
        check builds on first use for each country: its BBAN format pattern and its own
        module (Belgium, Spain…: imported on first use, ~1 ms each)."""
        registry = numdb.get("iban")
        for countries in iban_countries().values():
            for cc in countries:
                std_iban._struct_to_re(registry.info(cc)[0][1]["bban"])
                std_iban._get_cc_module(cc)
        _length_of()

    def find(self, ctx: ScanContext) -> Iterator[Finding]:
        yield from super().find(ctx)
        if ctx.hits_of("label", "bank_account"):
            yield from self._without_country(ctx)

    def _without_country(self, ctx: ScanContext) -> Iterator[Finding]:
        """ "IBAN Deutschland 47 3704 0044 …", "IBAN: 76 3000 …": an IBAN with its country code
        left out (the country named in words, or taken as understood) right after an IBAN label
        is still one when the check digits validate for a country of the registry."""
        labels = [
            h for h in ctx.hits_of("label", "bank_account") if ctx.lower[h.start : h.end] == "iban"
        ]
        candidates = ctx.long_candidates
        for hit in labels:
            first = bisect.bisect_left(candidates, hit.end, key=_start)
            for c in itertools.islice(candidates, first, None):
                if c.start - hit.end > _COUNTRY_REACH:
                    break
                compact = c.compact
                if not (14 <= len(compact) <= 32 and compact[:2].isdigit()):
                    break
                countries = iban_countries().get(len(compact) + 2, ())
                country = next((cc for cc in countries if _valid_for(ctx, cc, compact)), None)
                if country and not ctx.claimed(c.start, c.end):
                    yield self.finding(c.start, c.end, f"IBAN without its country code ({country})")
                break


def _longest_valid(ctx: ScanContext, raw: str) -> tuple[str, int] | None:
    """(compact IBAN, length in ``raw``) of the longest prefix that validates (the match may
    swallow a following word), without a cell's edge."""
    cuts = [m.start() for m in _SEP.finditer(raw)] + [len(raw)]
    # lower-case text, or a country code apart, must be a real IBAN country
    strict_country = not raw[:2].isupper() or not raw[2].isdigit()
    whole = _SEP.sub("", raw).upper()
    for separators, cut in reversed(list(enumerate(cuts))):
        compact = whole[: cut - separators]  # the separators before the cut left out
        if len(compact) < 14:
            break
        if mod97_valid(compact) and _country_valid(ctx, compact, strict_country):
            return compact, len(raw[:cut].rstrip(" .-/_|\t"))
    return _glued_to_a_word(ctx, raw, whole)


def _glued_to_a_word(ctx: ScanContext, raw: str, whole: str) -> tuple[str, int] | None:
    """An IBAN that runs on into a word with no space ("…324931BIC COBADEFF"): its country's
    IBAN length says where it ends."""
    length = _length_of().get(whole[:2])
    if length is None or len(whole) <= length:
        return None
    compact = whole[:length]
    if not (mod97_valid(compact) and _country_valid(ctx, compact, True)):
        return None
    seen = 0
    for at, ch in enumerate(raw):
        seen += not _SEP.match(ch)
        if seen == length:
            return compact, at + 1
    return None


@functools.cache
def _length_of() -> dict[str, int]:
    return {cc: length for length, countries in iban_countries().items() for cc in countries}


# A letter typed for the digit it looks like, after an IBAN label ("DE44 5OO1 O517 …"): O for
# 0, I and l for 1, tried only when the value as written does not validate.
_LOOKALIKE = re.compile(r"[OoIl]")
_LOOKALIKE_DIGITS = str.maketrans("OoIl", "0011")


def _named_iban(ctx: ScanContext, start: int) -> bool:
    hit = ctx.hit_near("label", start, start, before=30, after=0, kind="bank_account")
    return hit is not None and not any(ch.isdigit() for ch in ctx.text[hit.end : start])


def _start(candidate: Candidate) -> int:
    return candidate.start


def _valid_for(ctx: ScanContext, country: str, compact: str) -> bool:
    return mod97_valid(country + compact) and _country_valid(ctx, country + compact, True)
