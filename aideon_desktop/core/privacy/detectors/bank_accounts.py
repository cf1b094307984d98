"""Bank details without an IBAN: a US routing number beside an account number (or written in
its own 4-4-1 grouping as a whole message, line or table cell), a UK sort code beside an
account number."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from stdnum.es import ccc as es_ccc

from aideon_desktop.core.privacy.context import ScanContext, standalone
from aideon_desktop.core.privacy.detectors.iban import mod97_valid
from aideon_desktop.core.privacy.detectors.id_validators import us_routing
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.placeholders import made_up_number
from aideon_desktop.core.privacy.registry import STRUCTURED, Detector, register

_BANK_WORDS = re.compile(r"rout|aba|checking|account|acct|bank|wire|deposit|cheque|check|ach")
_SORT_CODE = re.compile(r"(?<![\d-])\d{2}-\d{2}-\d{2}(?![\d-])")
_UK_ACCOUNT = re.compile(r"(?<!\d)\d{8}(?!\d)")
_ACCOUNT_REACH = 90  # characters between a routing number and its account number
# A routing number in its own written grouping ("3222-7162-7": routing symbol, institution,
# check digit), any common separator.
_ROUTING_GROUPING = re.compile(r"^\d{4}([\- .:/])\d{4}\1\d$")


def _digit_tokens(ctx: ScanContext, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """The all-digit tokens of the candidate runs that start in [lo, hi) (a cheque line is
    one run of several)."""
    candidates = ctx.candidates
    first = bisect.bisect_left([c.start for c in candidates], lo) if candidates else 0
    tokens = []
    for c in candidates[first:]:
        if c.start >= hi:
            break
        if c.raw is c.digits:  # one plain number: the run is the token
            tokens.append((c.start, c.end, c.raw))
            continue
        spans, parts, _seps, _flags = c.split()
        tokens += [
            (s, e, part) for (s, e), part in zip(spans, parts, strict=True) if part.isdigit()
        ]
    return tokens


@register
class UsBankAccountDetector(Detector):
    """A valid ABA routing number with an account number beside it, in a banking context."""

    name = "us_bank_account"
    category = "bank_account"
    precedence = STRUCTURED
    patterns = ("9-digit ABA routing number (checksum) with a 4-17 digit account nearby",)

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[int, int, str]]:
        """Nine-digit tokens of the long runs (a cheque line is one run of several tokens)."""
        for c in ctx.long_candidates:
            if len(c.digits) < 9:
                continue
            if c.raw is c.digits:
                if len(c.raw) == 9:
                    yield c.start, c.end, c.raw
                continue
            spans, parts, _seps, _flags = c.split()
            for (s, e), part in zip(spans, parts, strict=True):
                if len(part) == 9 and part.isdigit():
                    yield s, e, part

    def validate(self, ctx: ScanContext, token: tuple[int, int, str]) -> Finding | None:
        start, end, digits = token
        if not _BANK_WORDS.search(ctx.lower, max(0, start - 80), end + 80):
            return None  # no banking word nearby (cheaper than the checksum: asked first)
        if not us_routing(digits):
            return None
        return self.finding(start, end, "US routing number (with account number)")

    def _named_or_alone(self, ctx: ScanContext) -> Iterator[Finding]:
        """A valid routing number that a routing word names ("ABA 322271627", "routing:
        3222-7162-7"), or one in its own grouping that is the whole message, a whole line or a
        table cell: someone handing over their bank's routing number."""
        for c in ctx.long_candidates:
            if len(c.digits) != 9 or not (c.raw is c.digits or _ROUTING_GROUPING.match(c.raw)):
                continue
            named = ctx.hit_near(
                "context", c.start, c.end, before=40, after=25, kind="routing_number"
            )
            alone = c.raw is not c.digits and standalone(ctx.text, c.start, c.end)
            if (named is not None or alone) and us_routing(c.digits):
                yield self.finding(c.start, c.end, "US routing number")

    @staticmethod
    def _account(tokens: list[tuple[int, int, str]], index: int) -> tuple[int, int, str] | None:
        start = tokens[index][0]
        for token in tokens[max(0, index - 2) : index + 3]:
            if (
                token[0] != start
                and 4 <= len(token[2]) <= 17
                and abs(token[0] - start) < _ACCOUNT_REACH
            ):
                return token
        return None

    def find(self, ctx: ScanContext) -> Iterator[Finding]:
        yield from self._named_or_alone(ctx)
        for candidate in self.candidates(ctx):
            routing = self.validate(ctx, candidate)
            if routing is None:
                continue
            tokens = _digit_tokens(
                ctx, candidate[0] - _ACCOUNT_REACH, candidate[1] + _ACCOUNT_REACH
            )
            index = next(i for i, t in enumerate(tokens) if t[0] == candidate[0])
            account = self._account(tokens, index)
            if account is None:
                continue
            yield routing
            yield self.finding(account[0], account[1], "US bank account number")


@register
class UkBankAccountDetector(Detector):
    name = "uk_bank_account"
    category = "bank_account"
    precedence = STRUCTURED
    patterns = (_SORT_CODE, _UK_ACCOUNT)

    def candidates(self, ctx: ScanContext) -> Iterator[re.Match[str]]:
        for c in ctx.candidate_groups["dashed"]:
            yield from _SORT_CODE.finditer(ctx.text, c.start, c.end)

    def validate(self, ctx: ScanContext, match: re.Match[str]) -> Finding | None:
        if made_up_number(match.group()):
            return None  # "00-00-00": the format, not a branch
        window = ctx.lower[max(0, match.start() - 60) : match.end() + 60]
        account = _UK_ACCOUNT.search(ctx.text, match.end(), match.end() + 60)
        if "sort" not in window and not (account and "account" in window):
            return None
        return self.finding(match.start(), match.end(), "UK sort code")

    def find(self, ctx: ScanContext) -> Iterator[Finding]:
        for match in self.candidates(ctx):
            sort_code = self.validate(ctx, match)
            if sort_code is None:
                continue
            yield sort_code
            account = _account_beside(ctx, match)
            if account:
                yield self.finding(account.start(), account.end(), "UK bank account number")
        yield from self._named_undashed(ctx)

    def _named_undashed(self, ctx: ScanContext) -> Iterator[Finding]:
        """A sort code written without dashes ("sort 381718", "sortcode: 40 47 84") is six
        digits like any other: the word "sort" before it and an account number beside it."""
        for hit in ctx.hits_of("context", "format_cue"):  # "sort", "sortcode" among them
            m = _SORT_NAMED.match(ctx.lower, hit.start)
            named = m is not None and "code" in m.group()
            if m is None and _SORT_CODE_WORD.match(ctx.lower, hit.start):
                m, named = _sort_code_before(ctx, hit.start), True
            if m and _sort_code_said(ctx, m, named):
                account = _account_beside(ctx, m, group=1)
                if account:
                    yield self.finding(m.start(1), m.end(1), "UK sort code")
                    yield self.finding(account.start(), account.end(), "UK bank account number")


# "40 47 84 / 31926819 (sort code / account)": a sort code in any grouping before the words.
_SORT_CODE_WORD = re.compile(r"sort[ \-]?code")
_SORT_WRITTEN = re.compile(r"(?<![\d\-])(\d{2}[ .]?\d{2}[ .]?\d{2})(?![\d\-])")


def _sort_code_before(ctx: ScanContext, at: int) -> re.Match[str] | None:
    """The last six-digit sort code within 40 characters before the word "sort", on its line."""
    lo = max(0, at - 40, ctx.text.rfind("\n", 0, at) + 1)
    found = list(_SORT_WRITTEN.finditer(ctx.text, lo, at))
    return found[-1] if found else None


# "sort 381718", "sort-code: 40 47 84", "sortcode 404784" (dashed ones are found above)
_SORT_NAMED = re.compile(
    r"sort(?:[ \-]?code)?(?![a-z])[\s:#.=]{0,4}(\d{2} ?\d{2} ?\d{2})(?![\d\-])"
)


def _sort_code_said(ctx: ScanContext, m: re.Match[str], named: bool) -> bool:
    """Named "sort code" in full, or "sort" in a banking sentence; not a counted stand-in."""
    if made_up_number(m.group(1)):
        return False
    return named or bool(_BANK_WORDS.search(ctx.lower, max(0, m.start() - 80), m.end() + 80))


def _account_beside(ctx: ScanContext, match: re.Match[str], group: int = 0) -> re.Match[str] | None:
    """An 8-digit account number within 60 characters after the sort code, or before it."""
    start, end = match.start(group), match.end(group)
    account = _UK_ACCOUNT.search(ctx.text, end, end + 60)
    return account or _UK_ACCOUNT.search(ctx.text, max(0, start - 60), start)


# Domestic account numbers that carry their own check digits: Poland's NRB is its IBAN without
# "PL" (26 digits, mod-97), Spain's CCC has two mod-11 check digits (20 digits).
_GROUPS = re.compile(r"\d{2,10}")
_SEPARATOR = re.compile(r"[ \-.]")
_IFSC = re.compile(r"(?<![A-Za-z0-9])[A-Z]{4}0[A-Z0-9]{6}(?![A-Za-z0-9])")
_INDIAN_ACCOUNT = re.compile(r"(?<![\d\-/.])\d{9,18}(?![\d\-/.])")


def _domestic_kind(digits: str) -> str | None:
    if len(digits) == 26 and mod97_valid(f"PL{digits}"):
        return "Polish account number (NRB, mod-97 valid)"
    if len(digits) == 20 and es_ccc.is_valid(digits):
        return "Spanish account number (CCC, check digits valid)"
    return None


@register
class DomesticAccountDetector(Detector):
    """Account numbers whose own check digits validate (PL NRB, ES CCC), written in groups of
    2-10 digits or, as one block, where a bank label or a bank's name is near; and an Indian
    account number beside an IFSC code (the branch's code, which names the bank)."""

    name = "domestic_bank_account"
    category = "bank_account"
    precedence = STRUCTURED
    patterns = ("26-digit NRB (mod-97)", "20-digit CCC (mod-11)", _IFSC, _INDIAN_ACCOUNT)

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[int, int, str, str]]:
        for c in ctx.long_candidates:
            if len(c.digits) in (20, 26) and c.compact == c.digits:  # no letters (an IBAN)
                yield c.start, c.end, c.raw, c.digits

    def validate(self, ctx: ScanContext, candidate: tuple[int, int, str, str]) -> Finding | None:
        start, end, raw, digits = candidate
        if not all(_GROUPS.fullmatch(g) for g in _SEPARATOR.split(raw)):
            return None
        if raw == digits and not self._bank_said(ctx, start, end):
            return None  # one block of digits: a bank label or a bank's name must say so
        kind = _domestic_kind(digits)
        return None if kind is None else self.finding(start, end, kind)

    @staticmethod
    def _bank_said(ctx: ScanContext, start: int, end: int) -> bool:
        near = ctx.hit_near("label", start, end, before=60, after=30, kind="bank_account")
        return near is not None or ctx.hit_near("context", start, end, kind="bank_name") is not None

    def find(self, ctx: ScanContext) -> Iterator[Finding]:
        yield from super().find(ctx)
        cues = ctx.hits_of("context", "format_cue")
        if not any(ctx.lower.startswith("ifsc", hit.start) for hit in cues):
            return
        for code in _IFSC.finditer(ctx.text):
            lo, hi = max(0, code.start() - 90), code.end() + 90
            account = _INDIAN_ACCOUNT.search(ctx.text, code.end(), hi)
            account = account or _last(_INDIAN_ACCOUNT.finditer(ctx.text, lo, code.start()))
            if account and not made_up_number(account.group()):
                yield self.finding(account.start(), account.end(), "Indian account (IFSC beside)")


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    found = list(matches)
    return found[-1] if found else None
