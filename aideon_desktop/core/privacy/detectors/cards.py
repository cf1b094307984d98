"""Payment cards: brand prefix, length and Luhn checksum; plus the rest of the card record."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator, Sequence

from stdnum import ean

from aideon_desktop.core.privacy.candidates import Candidate
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors._common import (
    SEPARATOR,
    Window,
    documented_example,
    label_before,
    windows,
)
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import Hit, load_data
from aideon_desktop.core.privacy.registry import (
    CHECKSUM,
    LABELLED,
    Detector,
    RecordDetector,
    register,
)


@functools.cache
def _card_brands() -> tuple[tuple[str, tuple[str, ...], tuple[int, ...]], ...]:
    """(brand, issuer prefixes, lengths) from resources/privacy/card_brands.toml, ranges
    spelled out as prefixes ("2200-2204" -> "2200", "2201", …), in the file's order."""
    brands = []
    for brand in load_data("card_brands.toml")["brand"]:
        prefixes: list[str] = []
        for spec in brand["prefixes"]:
            low, _, high = spec.partition("-")
            width = len(low)
            prefixes += [str(n).zfill(width) for n in range(int(low), int(high or low) + 1)]
        brands.append((str(brand["name"]), tuple(prefixes), tuple(brand["lengths"])))
    return tuple(brands)


def card_brand(digits: str) -> str | None:
    for brand, prefixes, lengths in _card_brands():
        if len(digits) in lengths and digits.startswith(prefixes):
            return brand
    return None


def plausible_grouping(raw: str) -> bool:
    """One block, or groups of 3-8 digits (4-4-4-4, 4-6-5 …), one of them perhaps cut in two by a
    stray space after the first ("4539 1488 0343 64 67").  Mixed separators are allowed only
    between long groups (a disguise like "4539 1488·0343-6467"), never dates or times."""
    groups = SEPARATOR.split(raw)
    if len(groups) == 1:
        return True
    lengths = [len(g) for g in groups]
    if len(set(SEPARATOR.findall(raw))) > 1 and min(lengths) < 4:
        return False
    inner = lengths[1:-1]
    short = sum(n < 3 for n in inner)  # a space typed inside a group ("… 0343 64 67")
    return (
        3 <= lengths[0] <= 8
        and all(n <= 8 for n in inner)
        and (short == 0 or (short == 1 and len(lengths) >= 4))
        and 1 <= lengths[-1] <= 8
    )


_IN_PAIRS = re.compile(r"\d\d(?:[ \-./]\d\d){5,}[ \-./]?\d?")


def read_in_pairs(raw: str) -> bool:
    """Pairs of digits with one separator ("45 39 14 88 03 43 64 67"): a card read out two
    digits at a time, or a list of small numbers (scores, a draw), so it takes a card label."""
    groups = SEPARATOR.split(raw)
    return len(set(SEPARATOR.findall(raw))) == 1 and {len(g) for g in groups[:-1]} == {2}


def _grouping_fits(ctx: ScanContext, start: int, end: int, raw: str) -> bool:
    if plausible_grouping(raw):
        return True
    if not read_in_pairs(raw):
        return False
    near = ctx.hit_near("label", start, end, before=60, after=40, kind="card_number")
    return near is not None


def _continues(ctx: ScanContext, start: int, end: int, raw: str) -> bool:
    """Does the same grouping go on past the window, so the number is longer than a card?
    ("1234 [5678 9012 3456 7890] 12", "RS35 [2600 0560 1001 6113] 70"); an expiry date or a
    security code after the card ("… 7855 09/28 703", "… 7855 0928 703") is another value, not a
    continuation."""
    groups = SEPARATOR.split(raw)
    if len(groups) == 1:
        return False
    sep, size = raw[len(groups[0])], len(groups[0])
    text = ctx.text
    nxt = _ALNUM_RUN.match(text, end + 1, end + 12) if text.startswith(sep, end) else None
    prv = (
        _ALNUM_TAIL.search(text[max(0, start - 12) : start - 1])
        if start > 0 and text[start - 1] == sep
        else None
    )
    for neighbour, after in ((nxt, True), (prv, False)):
        token = neighbour.group() if neighbour else ""
        if after and (token[:1].isalpha() or _EXPIRY_GROUP.fullmatch(token)):
            continue  # "… 6467 GB82 WEST …", "… 6467 0928 737": another value starts
        if _DIGIT.search(token) and (len(token) == size or not token.isdigit()):
            return True
    return False


_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
# An expiry date written as one group after the card ("… 6467 0928 737"): month, then the year.
_EXPIRY_GROUP = re.compile(r"(?:0[1-9]|1[0-2])(?:2\d|3\d|4[0-5])")
# "5280_8303_1031_2350": groups joined by underscores, found from each "_" before a digit
# (a literal the engine searches for in C), then matched from the start of its digit run.
_UNDERSCORE_DIGIT = re.compile(r"_\d")
_UNDERSCORED = re.compile(r"\d{3,8}(?:_\d{3,8}){1,5}(?![\w])")


def _underscored(text: str) -> Iterator[Window]:
    covered = 0
    for joint in _UNDERSCORE_DIGIT.finditer(text):
        at = joint.start()
        if at < covered or not text[at - 1 : at].isdigit():
            continue
        start = at - 1
        while start > 0 and at - start < 9 and text[start - 1].isdigit():
            start -= 1
        before = text[start - 1 : start]
        m = _UNDERSCORED.match(text, start)
        if m is None or before.isalnum() or before == "_":
            continue
        covered = m.end()
        digits = m.group().replace("_", "")
        if 12 <= len(digits) <= 19:
            yield m.start(), m.end(), m.group().replace("_", " "), digits


# A letter typed for the digit it looks like ("4539 l488 O343 6467"): O for 0, I and l for 1.
_LOOKALIKE_DIGITS = str.maketrans("OIL", "011")
_LOOKALIKES = frozenset("0123456789OIL")
_LOOKALIKE_LETTER = re.compile(r"[OoIiLl]")
_MAX_LOOKALIKES = 4


def _misread(ctx: ScanContext, window: Window) -> Iterator[Window]:
    """A window with a few letters for digits is a card number only right after a card label:
    the letters read as the digits they look like."""
    start, end, raw, compact = window
    digits = compact.translate(_LOOKALIKE_DIGITS)
    if sum(a != b for a, b in zip(compact, digits, strict=True)) > _MAX_LOOKALIKES:
        return
    if label_before(ctx, start, "card_number", chars=40):
        yield start, end, raw, digits


# The digits of a run that letters touch ("card4539148803436467", "…6467exp1227"): a label or
# the next field typed without a space.
_DIGIT_STRETCH = re.compile(r"\d+(?:[ \-./]\d+)*")
_HEX_ONLY = re.compile(r"[0-9A-Fa-f \-./:]+")


def _glued(ctx: ScanContext, candidate: Candidate) -> Iterator[Window]:
    """The number of a run that opens with it and runs on into letters, or that a card label
    opens ("visa4539…"; "ORD4539…" is an order's id)."""
    raw = candidate.raw
    if _HEX_ONLY.fullmatch(raw):
        return  # a hash or a hex dump: its digits are no number of their own
    for m in _DIGIT_STRETCH.finditer(raw):
        digits = SEPARATOR.sub("", m.group())
        if 12 <= len(digits) <= 19 and (m.start() or m.end() < len(raw)):
            start = candidate.start + m.start()
            if m.start() == 0 or raw[: m.start()].lower().endswith(_card_words()):
                yield start, start + len(m.group()), m.group(), digits


@functools.cache
def _card_words() -> tuple[str, ...]:
    """labels.toml's words for a card (every language), as a label glued to the number ends."""
    terms = load_data("labels.toml")["label"]["card_number"]["terms"]
    return tuple(sorted({t.lower() for words in terms.values() for t in words}))


_ALNUM_TAIL = re.compile(r"[A-Za-z0-9]+$")
_DIGIT = re.compile(r"\d")
_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum of a string of ASCII digits."""
    odd = sum(map(int, digits[-1::-2]))
    even = sum(_DOUBLED[int(c)] for c in digits[-2::-2])
    return (odd + even) % 10 == 0


@register
class PaymentCardDetector(Detector):
    name = "payment_card"
    category = "payment_card"
    precedence = CHECKSUM
    patterns = ("12-19 digits, one kind of separator, a card brand's prefix and length",)
    labels = ("card_number",)

    def prepare(self) -> None:
        _card_brands()
        _card_words()

    def candidates(self, ctx: ScanContext) -> Iterator[Window]:
        for candidate in ctx.long_candidates:
            if candidate.raw is not candidate.digits and len(candidate.digits) >= 12:
                yield from _glued(ctx, candidate)
            size = len(candidate.digits)
            if size >= 12 or (size >= 8 and _LOOKALIKE_LETTER.search(candidate.raw)):
                tokens = 10 if _IN_PAIRS.fullmatch(candidate.raw) else 7
                for window in windows(ctx, candidate, max_tokens=tokens, lengths=range(12, 20)):
                    if window[3].isdigit():
                        yield window
                    elif _LOOKALIKES.issuperset(window[3]):
                        yield from _misread(ctx, window)
        yield from _underscored(ctx.text)

    def validate(self, ctx: ScanContext, candidate: Window) -> Finding | None:
        start, end, raw, digits = candidate
        brand = card_brand(digits)
        if brand is None or not luhn_valid(digits) or not _grouping_fits(ctx, start, end, raw):
            return None
        if ctx.claimed(start, end) or _continues(ctx, start, end, raw):
            return None
        if documented_example(ctx, "cards", digits, start, end):
            return None
        if label_before(ctx, start, "phone", chars=18):
            return None
        if _product_barcode(ctx, start, end, digits):
            return None
        return self.finding(start, end, f"{brand} card number (checksum valid)")


def _product_barcode(ctx: ScanContext, start: int, end: int, digits: str) -> bool:
    """13 digits that carry a valid barcode check, next to a word for one (EAN, barcode, SKU,
    order…), are a product's EAN-13 (Germany's start with 4, the UK's with 50), not one of the
    13-digit Visa or Maestro numbers nobody issues any more; one EAN in ten also passes Luhn by
    chance.  Without such a word the number stays private (fail closed: it may be an account)."""
    return (
        len(digits) == 13
        and ean.is_valid(digits)
        and ctx.hit_near("context", start, end, before=80, after=40, kind="not_personal_number")
        is not None
        and not label_before(ctx, start, "card_number", chars=40)
    )


# A card written in pieces a single separator does not join: table cells ("| 4819 | 3036 |
# …"), halves said apart ("the first 8 digits are … and the last 8 are …").  Pieces are the
# shared scan's plain numbers of 4-8 digits, at most 40 characters apart.
_PIECE_GAP = 40
_PIECE_REACH = 100  # characters around a card label where its pieces may stand


def _merged_windows(hits: Sequence[Hit], size: int) -> list[tuple[int, int]]:
    """The stretches of text within ``_PIECE_REACH`` of a label, overlapping ones merged."""
    merged: list[tuple[int, int]] = []
    for hit in hits:
        lo, hi = max(0, hit.start - _PIECE_REACH), min(size, hit.end + _PIECE_REACH)
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _pieces(ctx: ScanContext, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, digits) of the plain numbers of 4-8 digits in [lo, hi): whole runs of the
    shared scan, or the tokens of a run ("40334011 y")."""
    found = ctx.candidates
    first = bisect.bisect_left(found, lo, key=_start)
    pieces = []
    for c in itertools.islice(found, first, None):
        if c.start >= hi:
            break
        if c.raw is c.digits:
            if 4 <= len(c.raw) <= 8:
                pieces.append((c.start, c.end, c.raw))
            continue
        if len(c.digits) >= 12:
            continue  # a run of 12+ digits is the card detector's to judge, whole
        spans, parts, _seps, _flags = c.split()
        pieces += [
            (s, e, part)
            for (s, e), part in zip(spans, parts, strict=True)
            if 4 <= len(part) <= 8 and part.isdigit()
        ]
    return pieces


def _start(candidate: Candidate) -> int:
    return candidate.start


@register
class SplitCardDetector(Detector):
    """A card number in 2-4 pieces near a card label: together they have a brand's prefix and
    length and pass Luhn (one in ten random numbers of a brand's prefix would)."""

    name = "split_payment_card"
    category = "payment_card"
    precedence = LABELLED
    patterns = ("2-4 plain numbers of 4-8 digits near a card label",)
    labels = ("card_number",)

    def candidates(self, ctx: ScanContext) -> Iterator[list[tuple[int, int, str]]]:
        for lo, hi in _merged_windows(ctx.hits_of("label", "card_number"), len(ctx.text)):
            pieces = _pieces(ctx, lo, hi)
            if sum(len(piece[2]) for piece in pieces) < 13:
                continue  # too few digits around the label for any card
            for first in range(len(pieces) - 1):
                run = [pieces[first]]
                for piece in pieces[first + 1 : first + 4]:
                    if piece[0] - run[-1][1] > _PIECE_GAP:
                        break
                    run.append(piece)
                    yield list(run)

    def validate(self, ctx: ScanContext, run: list[tuple[int, int, str]]) -> Finding | None:
        digits = "".join(piece[2] for piece in run)
        if not 13 <= len(digits) <= 19 or card_brand(digits) is None or not luhn_valid(digits):
            return None
        start, end = run[0][0], run[-1][1]
        if ctx.claimed(start, end) or documented_example(ctx, "cards", digits, start, end):
            return None
        return self.finding(start, end, f"{card_brand(digits)} card number in pieces (Luhn valid)")


_EXPIRY = re.compile(r"(?<![\d/])(0[1-9]|1[0-2])\s?[/\-.]\s?(\d{4}|\d{2})(?![\d/])")
_CODE = re.compile(r"(?<!\d)\d{3,4}(?!\d)")
_NAME = re.compile(r"[A-Z][a-zA-Z'’.-]+(?:[ ]+[A-Z][a-zA-Z'’.-]+){1,3}")


@register
class CardRecordDetector(RecordDetector):
    """After a card: its expiry date, security code and holder's name, so redaction masks the
    whole card record, not only the number."""

    name = "card_record"
    category = "payment_card"
    precedence = LABELLED
    patterns = (_EXPIRY, _CODE, _NAME)
    labels = ("card_expiry", "card_security_code", "cardholder")
    REACH = 90

    def complete(self, ctx: ScanContext, accepted: Sequence[Finding]) -> Iterator[Finding]:
        for card in accepted:
            if card.detector != "payment_card":
                continue
            lo, hi = max(0, card.start - self.REACH), min(len(ctx.text), card.end + self.REACH)
            yield from self._expiry(ctx, card, lo, hi)
            yield from self._security_code(ctx, card, lo, hi)
            yield from self._holder(ctx, lo, hi)

    def _expiry(self, ctx: ScanContext, card: Finding, lo: int, hi: int) -> Iterator[Finding]:
        for m in _EXPIRY.finditer(ctx.text, card.end, hi):
            yield Finding("payment_card", m.start(), m.end(), "card_expiry", "card expiry date")
            return

    def _security_code(
        self, ctx: ScanContext, card: Finding, lo: int, hi: int
    ) -> Iterator[Finding]:
        for hit in ctx.hits_of("label", "card_security_code"):
            if lo <= hit.start <= hi:
                m = _CODE.search(ctx.text, hit.end, min(len(ctx.text), hit.end + 16))
                if m:
                    yield Finding(
                        "payment_card",
                        m.start(),
                        m.end(),
                        "card_security_code",
                        "card security code",
                    )
                return
        # "5308 5941 1842 7855 09/28 703": a 3-4 digit group right after the expiry date.
        tail = re.match(
            r"[\s,;]*(?:(?:0[1-9]|1[0-2])\s?[/\-.]\s?\d{2,4})[\s,;]+(\d{3,4})(?!\d)",
            ctx.text[card.end : hi],
        )
        if tail:
            s = card.end + tail.start(1)
            yield Finding(
                "payment_card",
                s,
                s + len(tail.group(1)),
                "card_security_code",
                "card security code",
            )

    def _holder(self, ctx: ScanContext, lo: int, hi: int) -> Iterator[Finding]:
        for hit in ctx.hits_of("label", "cardholder"):
            if lo <= hit.start <= hi:
                m = _NAME.match(ctx.text, _skip_filler(ctx.text, hit.end))
                if m:
                    yield Finding(
                        "payment_card", m.start(), m.end(), "cardholder_name", "cardholder name"
                    )
                return


_FILLER_BEFORE_NAME = re.compile(r"[\s:=\-–,]*(?:is\s+|ist\s+|est\s+|es\s+)?")


def _skip_filler(text: str, pos: int) -> int:
    m = _FILLER_BEFORE_NAME.match(text, pos)
    return m.end() if m else pos
