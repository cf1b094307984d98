"""Email addresses, also when written to dodge filters ("jo dot smith at gmail dot com")."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import load_data
from aideon_desktop.core.privacy.registry import STRUCTURED, Detector, register

_EMAIL = re.compile(
    r"(?<![\w.+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})@((?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z][A-Za-z0-9-]{1,62})(?![\w-])"
)
# "name at gmail dot com", "name (at) example [dot] org", "name [at] mail.com"
_AT = r"\s*(?:\(at\)|\[at\]|\{at\}|<at>|\bat\b)\s*"
_DOT = r"\s*(?:\(dot\)|\[dot\]|\{dot\}|<dot>|\bdot\b|\.)\s*"
_OBFUSCATED = re.compile(
    rf"(?<![\w.])([A-Za-z0-9][A-Za-z0-9._+-]{{0,40}}(?:{_DOT}[A-Za-z0-9_+-]{{1,30}}){{0,3}}){_AT}"
    rf"([A-Za-z0-9-]{{2,40}}(?:{_DOT}[A-Za-z0-9-]{{2,20}}){{1,3}})(?![\w])",
    re.IGNORECASE,
)
# A top-level domain: any two-letter country code, or a common generic one.
_TLD = re.compile(
    r"\.(?:[a-z]{2}|com|org|net|edu|gov|info|biz|io|dev|app|mail|name|email)$", re.IGNORECASE
)


@functools.cache
def _placeholders() -> tuple[frozenset[str], frozenset[str]]:
    known = load_data("known_values.toml")
    return frozenset(known["placeholder_email_domains"]), frozenset(
        known["placeholder_email_users"]
    )


def _placeholder_address(ctx: ScanContext, user: str, domain: str, start: int, end: int) -> bool:
    domains, users = _placeholders()
    if domain in domains or any(domain.endswith("." + d) for d in domains if "." in d):
        return True
    if user.startswith(("noreply", "no-reply", "donotreply")):
        return True
    return user in users and ctx.test_framed(start, end)


@register
class EmailDetector(Detector):
    name = "email"
    category = "contact"
    precedence = STRUCTURED
    patterns = (_EMAIL, _OBFUSCATED)
    labels = ("email",)

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[bool, re.Match[str]]]:
        text = ctx.text
        at = text.find("@")
        while at != -1:
            m = _EMAIL.search(text, max(0, at - 64), min(len(text), at + 256))
            if m and m.start() <= at < m.end():
                yield False, m
            at = text.find("@", at + 1)
        lower = ctx.lower
        if (
            " dot " in lower
            or "(dot)" in lower
            or "[dot]" in lower
            or "(at)" in lower
            or "[at]" in lower
        ):
            for start, end in ctx.windows((" at ", "(at)", "[at]"), 60, 120):
                for m in _OBFUSCATED.finditer(text, start, end):
                    yield True, m

    def validate(self, ctx: ScanContext, candidate: tuple[bool, re.Match[str]]) -> Finding | None:
        obfuscated, m = candidate
        user, domain = m.group(1).lower(), m.group(2).lower()
        if obfuscated:
            domain = re.sub(_DOT, ".", domain, flags=re.IGNORECASE)
            user = re.sub(_DOT, ".", user, flags=re.IGNORECASE)
            spelled = re.search(r"\bdot\b|\(dot\)|\[dot\]|\(at\)|\[at\]", m.group(), re.IGNORECASE)
            if not _TLD.search(domain) or not (spelled or re.search(r"\bat\b", m.group())):
                return None
            if not spelled and not re.search(r"\d|\.", m.group(1)):
                return None  # "meet me at home.com"-like prose needs a spelled-out dot
        if _placeholder_address(ctx, user, domain, m.start(), m.end()):
            return None
        return self.finding(m.start(), m.end(), "email address")
