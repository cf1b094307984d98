"""Bank details without an IBAN: a US routing number beside an account number, a UK sort code
beside an account number."""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.us import rtn as us_rtn

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.registry import STRUCTURED, Detector, register

_BANK_WORDS = re.compile(r"rout|aba|checking|account|acct|bank|wire|deposit|cheque|check|ach")
_SORT_CODE = re.compile(r"(?<![\d-])\d{2}-\d{2}-\d{2}(?![\d-])")
_UK_ACCOUNT = re.compile(r"(?<!\d)\d{8}(?!\d)")


def _digit_tokens(ctx: ScanContext) -> list[tuple[int, int, str]]:
    """Every all-digit token of every candidate run (a cheque line is one run of several)."""
    tokens = []
    for c in ctx.candidates:
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

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[int, list[tuple[int, int, str]]]]:
        if not any(len(c.digits) >= 9 for c in ctx.long_candidates):
            return  # no nine-digit routing number anywhere
        tokens = _digit_tokens(ctx)
        for i, (_start, _end, digits) in enumerate(tokens):
            if len(digits) == 9:
                yield i, tokens

    def validate(
        self, ctx: ScanContext, candidate: tuple[int, list[tuple[int, int, str]]]
    ) -> Finding | None:
        index, tokens = candidate
        start, end, digits = tokens[index]
        if not us_rtn.is_valid(digits) or not _BANK_WORDS.search(
            ctx.lower, max(0, start - 80), end + 80
        ):
            return None
        if self._account(tokens, index) is None:
            return None
        return self.finding(start, end, "US routing number (with account number)")

    @staticmethod
    def _account(tokens: list[tuple[int, int, str]], index: int) -> tuple[int, int, str] | None:
        start = tokens[index][0]
        for token in tokens[max(0, index - 2) : index + 3]:
            if token[0] != start and 4 <= len(token[2]) <= 17 and abs(token[0] - start) < 90:
                return token
        return None

    def find(self, ctx: ScanContext) -> Iterator[Finding]:
        for candidate in self.candidates(ctx):
            routing = self.validate(ctx, candidate)
            if routing is None:
                continue
            yield routing
            account = self._account(candidate[1], candidate[0])
            if account is not None:
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
