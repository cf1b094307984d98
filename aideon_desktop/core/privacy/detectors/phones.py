"""Phone numbers: valid for some region (libphonenumber), or international, or labelled."""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from phonenumbers import re_util
from phonenumbers.phonemetadata import PhoneMetadata

from aideon_desktop.core.privacy.boundaries import cjk_aware
from aideon_desktop.core.privacy.candidates import Candidate
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors._common import (
    documented_example,
    public_line,
    sample_value,
)
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.registry import STRUCTURED, Detector, register

# libphonenumber compiles its metadata's patterns as it checks a number against a region; with
# thirty regions tried per number they overflow the re module's cache (512 patterns), so that
# every scan with a phone number compiled some of them again (and pushed the detectors' own
# re-module patterns out).  Kept once compiled: the metadata is fixed, so the set is bounded.
phonenumbers.enable_pattern_cache()

_NUMBER_TYPES = (
    "general_desc",
    "fixed_line",
    "mobile",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "personal_number",
    "voip",
    "pager",
    "uan",
    "voicemail",
    "no_international_dialling",
)


def _compile_patterns(metadata: PhoneMetadata | None) -> None:
    """A region's number-type and leading-digit patterns, compiled into libphonenumber's
    pattern cache now (else in the first scan that checks a number against the region:
    ~1,400 patterns, ~50 ms in all, 0.1-0.7 ms a region in a user's first scans)."""
    if metadata is None:
        return
    for number_type in _NUMBER_TYPES:
        desc = getattr(metadata, number_type, None)
        if desc is not None and desc.national_number_pattern:
            re_util.re_compile(desc.national_number_pattern)
    if metadata.leading_digits:
        re_util.re_compile(metadata.leading_digits)


_REGIONS = (
    "US",
    "GB",
    "DE",
    "FR",
    "ES",
    "IT",
    "NL",
    "PL",
    "SE",
    "JP",
    "CN",
    "KR",
    "PT",
    "BR",
    "IN",
    "AU",
    "CA",
    "IE",
    "CH",
    "AT",
    "BE",
    "MX",
    "IL",
    "SG",
    "HK",
    "TW",
    "TR",
    "ZA",
    "NZ",
    "RU",
    "AR",
)
# Tried only for a number a label calls a phone number (few per text): the other countries of
# the languages the labels cover, where a number alone is too weak a sign to try them all.
_LABELLED_REGIONS = (
    "DK", "NO", "FI", "CZ", "SK", "RO", "HU", "GR", "UA", "BG", "HR", "SI", "LT", "LV", "EE",
    "ID", "VN", "TH", "PH", "MY", "SA", "AE", "EG", "MA", "NG", "KE", "PK", "BD", "CL", "CO", "PE",
)  # fmt: skip
# "my number is …", "Nummer:", "numéro" — a number said to be someone's.  (An area code set off
# by a slash, "0176 / 238 44 91", is one of its groups.)
_NUMBER_WORDS = (
    "number",
    "nummer",
    "numéro",
    "número",
    "numero",
    "numer",
    "nr",
    "номер",
    "číslo",
    "cislo",
)
_NUMBER_WORD = re.compile(
    r"\b(?:my|his|her|our|their|your|mein\w*|mon|mi|il mio|meu|mijn|mitt|mój|moj|"
    r"мой|мій|moje|mé|mera|meri)\b[^\n\d]{0,20}"
    rf"\b(?:{'|'.join(_NUMBER_WORDS)})\b[^\d\n]{{0,12}}$",
    re.IGNORECASE,
)
# Two letters every number word opens with ("nu", "nú", "nr"): without one, no number word.
_NUMBER_WORD_OPENINGS = tuple(sorted({word[:2] for word in _NUMBER_WORDS}))
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$|^\d{4}$")
_NANP = re.compile(r"\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}")
_PAIRS = re.compile(r"0\d(?:[ .\-]\d\d){4}")  # French-style national numbers
_NOT_DIGITS = re.compile(r"\D")
_DIGIT = re.compile(r"\d")
_TRUNK_AND_NUMBER = re.compile(r"0\d{3,4}[ ]?\d{6,7}")
_FICTION_NUMBER = re.compile(r"555[ .-]?01\d\d$")
_GROUP_BREAK = re.compile(r"[ .\-()/]+")
# An area code in parentheses ("(212) 555-0198", "(41) 96857-1296", "(030) 1234 5678").
_PAREN = re.compile(r"\(\d{2,5}\)[ ]?\d{3,5}[ .-]?\d{3,4}")
# A number written the way most countries write a national number: the trunk "0", then three
# to five groups ("073-595 68 32", "06 12 34 56 78", "0151 2345 6789", "020 7946 0958").
_NATIONAL = re.compile(r"0\d{1,4}(?:[ .\-/]\d{2,7}){1,4}")


# Numbers that reach a business or a service, not a person: North American toll-free codes
# (800, 833 … 888) and the European freephone, shared-cost and premium ranges (0800, 0808, 084x,
# 087x, 0900).
_SERVICE_NUMBER = re.compile(
    r"^(?:\+?1[ .-]?)?\(?8(?:00|33|44|55|66|77|88)\)?[ .-]?\d{3}[ .-]?\d{4}$|"
    r"^(?:\+44[ ]?|0)8(?:00|08|4[2-5]|7[01])\b|^0(?:800|900)\b"
)


def phone_valid(raw: str, *, labelled: bool = False) -> bool:
    """A number a person would dial: valid in one of the regions, or in international form;
    after a phone label, in the labels' other countries too."""
    digits = _NOT_DIGITS.sub("", raw)
    if not 7 <= len(digits) <= 15 or _DATE_LIKE.match(raw):
        return False
    # Fictional or unassigned area codes still read as a phone number to a person.
    if _NANP.fullmatch(raw) or _TRUNK_AND_NUMBER.fullmatch(raw):
        return True
    if raw.startswith(("+", "00")):
        try:
            num = phonenumbers.parse("+" + raw.lstrip("+0") if raw.startswith("00") else raw, None)
        except phonenumbers.NumberParseException:
            return False
        return phonenumbers.is_possible_number(num) and len(str(num.national_number)) >= 6
    for region in (*_REGIONS, *_LABELLED_REGIONS) if labelled else _REGIONS:
        try:
            num = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(num):
            return True
    return False


_PHONE_RUN = re.compile(
    cjk_aware(
        r"(?<![\w+])(?:\+|00)?\(?\d{1,4}\)?(?:(?:[ .\-]?| ?/ ?)\(?\d{1,5}\)?){2,6}(?![\w])|(?<![\w+])\+\d{7,14}(?![\w])|(?<![\w])\d{10,11}(?![\w])"
    )
)


@register
class PhoneDetector(Detector):
    name = "phone"
    category = "contact"
    precedence = STRUCTURED
    patterns = (_PHONE_RUN,)
    labels = ("phone",)

    def prepare(self) -> None:
        """Load libphonenumber's metadata of every region tried (lazily loaded otherwise, so
        the first scan with a phone number would pay for it)."""
        for region in (*_REGIONS, *_LABELLED_REGIONS):
            example = phonenumbers.example_number(region)
            if example is not None:
                phonenumbers.is_valid_number(example)
        # and every other region's metadata (~70 ms): a number written with its country code
        # ("+1 …", "+44 …") is checked against each region sharing the code
        for region in sorted(phonenumbers.SUPPORTED_REGIONS):
            _compile_patterns(PhoneMetadata.metadata_for_region(region))

    def candidates(self, ctx: ScanContext) -> Iterator[re.Match[str]]:
        """Phone numbers are digit runs of the shared scan, perhaps with a "+" or an area code
        in parentheses before them: the phone pattern runs only around those runs."""
        text = ctx.text
        seen: set[tuple[int, int]] = set()
        for c in ctx.candidate_groups["phone"]:
            limit, floor = min(len(text), c.end + 12), -1
            for start in _starts(text, c):
                if start < floor:
                    continue  # inside a number already found: leftmost matches only
                m = _PHONE_RUN.match(text, start, limit)
                if m and len(m.group()) >= 7 and m.end() > c.start:
                    floor = m.end()
                    if m.span() not in seen:
                        seen.add(m.span())
                        yield m

    @staticmethod
    def _not_a_persons_number(ctx: ScanContext, raw: str, start: int, end: int) -> bool:
        """A reference number, a freephone/premium service line, or a number from fiction or
        documentation (555-01xx, a published example) presented as such."""
        if ctx.reference_number(start) or _SERVICE_NUMBER.search(raw):
            return True
        if _FICTION_NUMBER.search(raw) and ctx.test_framed(start, end):
            return True
        if public_line(ctx, start, end) or sample_value(ctx, raw, start, end):
            return True
        return documented_example(ctx, "national_ids", _NOT_DIGITS.sub("", raw), start, end)

    @staticmethod
    def _labelled(ctx: ScanContext, start: int, end: int) -> bool:
        if ctx.hit_near("label", start, end, before=60, after=0, kind="phone") is not None:
            return True
        return number_word_before(ctx.before(start, 50))

    def validate(self, ctx: ScanContext, m: re.Match[str]) -> Finding | None:
        raw = m.group().strip(" .-")
        start = m.start() + (len(m.group()) - len(m.group().lstrip(" .-")))
        end = start + len(raw)
        if ctx.claimed(start, end) or not _shaped_like_a_phone(raw):
            return None
        strong = raw.startswith("+") or bool(_PAREN.fullmatch(raw)) or bool(_NANP.fullmatch(raw))
        national = _national_number(ctx, raw, start, end)
        labelled = self._labelled(ctx, start, end)
        if not (strong or national or labelled):
            return None
        groups = _GROUP_BREAK.split(raw.strip("()"))
        pairs = sum(1 for g in groups if len(g) <= 2) >= 4 and not _PAIRS.fullmatch(raw)
        if pairs and not labelled:
            return None  # lottery numbers, dates and version lists (not "06 12 34 56 78")
        if self._not_a_persons_number(ctx, raw, start, end):
            return None
        if not _valid_in_scan(ctx, raw, labelled):
            return None
        return self.finding(start, end, "phone number")


def _valid_in_scan(ctx: ScanContext, raw: str, labelled: bool) -> bool:
    """``phone_valid``, asked once per scan of each number (one pasted again: a log, a thread)."""
    key = ("phone", raw, labelled)
    valid = ctx.memo.get(key)
    if valid is None:
        valid = ctx.memo[key] = phone_valid(raw, labelled=labelled)
    return valid


def number_word_before(before: str) -> bool:
    """Does the (lower-case) text before a number end in "my number is", "meine Nummer"…?
    The two letters a number word opens with are looked for first: the pattern (which tries
    every position) runs only when one of them is there."""
    return any(opening in before for opening in _NUMBER_WORD_OPENINGS) and bool(
        _NUMBER_WORD.search(before)
    )


def _starts(text: str, c: Candidate) -> list[int]:
    """Where a phone number in or around a candidate run may start: a "+", "00" or "(" just
    before it, or the start of one of its tokens (the pattern is tried there, not everywhere)."""
    starts = []
    for at in range(c.start - 1, max(-1, c.start - 9), -1):  # "+44 (20) 7123 4567"
        ch = text[at]
        if ch not in _PHONE_CHARACTERS:
            break
        if ch in "+(" or (ch.isdigit() and (at == 0 or not text[at - 1].isdigit())):
            starts.append(at)
    return starts[::-1] + [start for start, _end in c.split()[0]]


_PHONE_CHARACTERS = frozenset("+()0123456789 .-/")


def _national_number(ctx: ScanContext, raw: str, start: int, end: int) -> bool:
    """Written as a national number, 10-11 digits from a trunk "0", and standing alone: not a
    stretch of a longer code ("DE89 A704 [0044 0532 0130] 00"), whose token before it holds a
    digit or whose groups go on after it."""
    if not _NATIONAL.fullmatch(raw) or not 10 <= len(_NOT_DIGITS.sub("", raw)) <= 11:
        return False
    text = ctx.text
    if (
        start >= 2
        and text[start - 1] in " -./"
        and _CODE_TOKEN.search(text, max(0, start - 41), start - 1)
    ):
        return False
    return not (end + 1 < len(text) and text[end] in " -./" and text[end + 1].isdigit())


# A code-like token (with a digit, or all capitals: "A704", "ABNA") right before a number.
_CODE_TOKEN = re.compile(r"(?<!\S)(?:\S*\d\S*|[A-Z]{2,})$")


def _shaped_like_a_phone(raw: str) -> bool:
    """Not a decimal or a coordinate, and grouped or long enough to be dialled."""
    if "." in raw and any(len(g) > 4 for g in _GROUP_BREAK.split(raw.strip("()"))):
        return False
    if raw.startswith("+") or " " in raw or "." in raw or "-" in raw:
        return True
    return len(_NOT_DIGITS.sub("", raw)) >= 10
