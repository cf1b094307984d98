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
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ .\-]?[A-Za-z0-9]){10,32}(?![A-Za-z0-9])")
_SEP = re.compile(r"[ .\-]")
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
                m = _IBAN.match(text, c.start + head.start())
                if m:
                    yield m

    def validate(self, ctx: ScanContext, match: re.Match[str]) -> Finding | None:
        raw = match.group()
        cuts = [m.start() for m in _SEP.finditer(raw)] + [len(raw)]
        strict_country = not raw[:2].isupper()  # lower-case text must be a real IBAN country
        whole = _SEP.sub("", raw).upper()
        # The longest prefix that validates (the match may swallow a following word).
        for separators, cut in reversed(list(enumerate(cuts))):
            compact = whole[: cut - separators]  # the separators before the cut left out
            if len(compact) < 14:
                break
            if mod97_valid(compact) and _country_valid(ctx, compact, strict_country):
                start, end = match.start(), match.start() + cut
                if documented_example(ctx, "ibans", compact, start, end):
                    return None
                return self.finding(start, end, f"IBAN ({compact[:2]}, mod-97 valid)")
        return None

    def prepare(self) -> None:
        """The registry's countries by IBAN length (some 50 ms to read), and what stdnum's
        check builds on first use for each country: its BBAN format pattern and its own
        module (Belgium, Spain…: imported on first use, ~1 ms each)."""
        registry = numdb.get("iban")
        for countries in iban_countries().values():
            for cc in countries:
                std_iban._struct_to_re(registry.info(cc)[0][1]["bban"])
                std_iban._get_cc_module(cc)

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


def _start(candidate: Candidate) -> int:
    return candidate.start


def _valid_for(ctx: ScanContext, country: str, compact: str) -> bool:
    return mod97_valid(country + compact) and _country_valid(ctx, country + compact, True)
