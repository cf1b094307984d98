"""Account numbers named by their bank: "카카오뱅크 3333-21-8840172 (예금주 이서연)",
"振込先：みずほ銀行 渋谷支店 3849172", "Sparkasse Köln, Konto 48392011".

Many account numbers have no checksum (Japanese, Korean and Chinese accounts, most national
formats): what makes one private is that the text hands it over as an account, by naming the
bank right before it or the account holder beside it (contexts.toml ``bank_name``,
``account_holder``)."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator

from aideon_desktop.core.privacy.candidates import Candidate
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors._common import label_before, public_line
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import load_data
from aideon_desktop.core.privacy.placeholders import made_up_number
from aideon_desktop.core.privacy.registry import LABELLED, Detector, register

# An account: 7-20 digits in at most four groups, not a date, a time or a decimal amount.
_ACCOUNT = re.compile(r"\d{2,}(?:[ -]\d{2,}){0,3}")
_BANK_REACH = 40  # characters from the end of a bank's name to the number
_HOLDER_REACH = 40


@functools.cache
def _bank_name_ending() -> re.Pattern[str]:
    return re.compile(load_data("contexts.toml")["bank_name_ending"])


@functools.cache
def _gap_word() -> re.Pattern[str]:
    return re.compile(load_data("contexts.toml")["bank_gap_words"])


_LOWER_LATIN_WORD = re.compile(r"\b[a-zà-ÿąćęłńóśźż°]{2,}\b")


def _gap_holds_prose(gap: str) -> bool:
    """Does a lower-case word that is no part of a bank's name or an account stand between?"""
    return any(not _gap_word().match(w) for w in _LOWER_LATIN_WORD.findall(gap))


def _bank_named_before(ctx: ScanContext, start: int) -> bool:
    """A bank's name ends within reach before ``start``, on the same line, no digits between."""
    hit = ctx.hit_near("context", start, start, before=_BANK_REACH, after=0, kind="bank_name")
    lo = max(0, start - _BANK_REACH)
    gap_start = hit.end if hit is not None else lo
    gap = ctx.text[gap_start:start]
    if "\n" in gap or any(ch.isdigit() for ch in gap):
        return False
    if hit is not None:
        return not _gap_holds_prose(gap)
    words = ctx.text[lo:start].split()
    for i, word in enumerate(words):
        if _bank_name_ending().search(word.lower().strip(",:：")):
            return not _gap_holds_prose(" ".join(words[i + 1 :]))
    return False


_AFTER_REACH = 24  # "4839201175 (Sparkasse)", "7739201 at Chase", "48392011 bei der GLS Bank"


def _bank_named_after(ctx: ScanContext, end: int) -> bool:
    """A bank's name starts right after the number, on its line: only brackets, punctuation
    and the small words of a bank's name ("at", "bei der") between."""
    hit = ctx.hit_near("context", end, end, before=0, after=_AFTER_REACH, kind="bank_name")
    if hit is None or hit.start < end:
        return False
    gap = ctx.text[end : hit.start]
    if "\n" in gap or any(ch.isdigit() for ch in gap):
        return False
    return not _gap_holds_prose(gap)


@register
class BankNamedAccountDetector(Detector):
    name = "bank_named_account"
    category = "bank_account"
    precedence = LABELLED
    patterns = (_ACCOUNT,)
    labels = ("bank_name", "account_holder")

    def candidates(self, ctx: ScanContext) -> Iterator[Candidate]:
        """Long digit runs near a bank's name or an account holder (a bank word found by
        str.find, "Commerzbank" by its ending): only there is the account pattern tried."""
        spans = [
            (h.start, h.end + _BANK_REACH)
            for kind in ("bank_name", "account_holder")
            for h in ctx.hits_of("context", kind)
        ]
        spans += ctx.windows(("bank", "kass"), 0, _BANK_REACH)
        if not spans:
            return
        spans = sorted((max(0, lo - _HOLDER_REACH), hi) for lo, hi in spans)
        ends = list(itertools.accumulate((hi for _lo, hi in spans), max))  # running furthest end
        starts = [lo for lo, _hi in spans]
        for c in ctx.long_candidates:
            i = bisect.bisect_right(starts, c.start) - 1
            if i < 0 or ends[i] < c.start or not (7 <= len(c.digits) <= 20):
                continue
            if _ACCOUNT.fullmatch(c.raw):
                yield c

    def validate(self, ctx: ScanContext, c: Candidate) -> Finding | None:
        if ctx.claimed(c.start, c.end) or made_up_number(c.digits):
            return None
        if label_before(ctx, c.start, "phone", chars=40) or public_line(ctx, c.start, c.end):
            return None
        holder = ctx.hit_near(
            "context",
            c.start,
            c.end,
            before=_HOLDER_REACH,
            after=_HOLDER_REACH,
            kind="account_holder",
        )
        if holder is None and not (
            _bank_named_before(ctx, c.start) or _bank_named_after(ctx, c.end)
        ):
            return None
        return self.finding(c.start, c.end, "bank account number (named by its bank)")
