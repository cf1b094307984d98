"""Bank details without an IBAN: a US routing number beside an account number (or written in
its own 4-4-1 grouping as a whole message, line or table cell), a UK sort code beside an
account number."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from aideon_desktop.core.privacy.context import ScanContext, standalone
from aideon_desktop.core.privacy.detectors.id_validators import us_routing
from aideon_desktop.core.privacy.findings import Finding
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
            account = _UK_ACCOUNT.search(ctx.text, match.end(), match.end() + 60)
            account = account or _UK_ACCOUNT.search(
                ctx.text, max(0, match.start() - 60), match.start()
            )
            if account:
                yield self.finding(account.start(), account.end(), "UK bank account number")
