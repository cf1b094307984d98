"""Credentials in code forms that ``KEY = value`` does not read:

- a key named in one string and its value in the next: ``define('DB_PASSWORD', '…')``,
  ``config.set('db', 'password', '…')``, ``<add key="SmtpPassword" value="…"/>``,
  ``<property name="password" value="…"/>``;
- a user and a password handed together to a login: ``auth=('admin', '…')``,
  ``HTTPBasicAuth('svc', '…')``, ``server.login(user, '…')``, ``NetworkCredential("u", "…")``,
  ``conn.simple_bind_s(dn, '…')``;
- an app password (four groups of four letters) after a password key: ``SMTP_PASS=abcd efgh …``;
- the bind password of the LDAP tools (``ldapsearch -D … -w '…'``);
- a session cookie's value in a ``Cookie:`` or ``Set-Cookie:`` header (``connect.sid=…``).

The value must pass the same test as any assigned credential: not a placeholder, a variable
reference or an obvious dummy."""

from __future__ import annotations

import re
from collections.abc import Iterator

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors.credentials import (
    credential_value_ok,
    credential_words,
)
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.placeholders import is_placeholder, shannon_entropy
from aideon_desktop.core.privacy.registry import LABELLED, Detector, register

_PASSWORD_KEY = re.compile(r"pass(?:word|wd|phrase)?|pwd|secret|token|api_?key|credential")
# 'DB_PASSWORD', 'value'   "password", "value"   <add key="SmtpPassword" value="value"
_KEY_THEN_VALUE = re.compile(
    r"(['\"])(?P<key>[\w.\-]{2,60})\1(?:\s*,\s*|\s+value\s*=\s*)"
    r"(?P<q>['\"])(?P<value>[^'\"\n]{3,200})(?P=q)"
)
# A login call or an auth tuple: the name, "(" or "=(", the user, then the password literal.
_NAME_REST = re.compile(r"[\w.]*")  # the rest of a name from its login word ("login_user")
_LOGIN_ARGS = re.compile(
    r"(?:[ \t]*=[ \t]*\(?|\()[ \t]*\(?[ \t]*(?:['\"][^'\"\n]{1,120}['\"]|[\w.\[\]'\"]{1,80})"
    r"[ \t]*,[ \t]*(?P<q>['\"])(?P<value>[^'\"\n]{3,200})(?P=q)"
)
# A Google or Apple app password as both print it: four groups of four lower-case letters.
_APP_PASSWORD = re.compile(
    r"(?:pass\w{0,20}|pwd\w{0,20})['\"]?[ \t]*[=:][ \t]*['\"]?"
    r"(?P<value>[a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4})(?![a-z])",
    re.IGNORECASE,
)
_APP_SHAPE = re.compile(r"[a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4}", re.IGNORECASE)
_LDAP_BIND = re.compile(r"\bldap\w*\b[^\n]{0,300}?\s-w[ \t]*(['\"]?)(?P<value>[^\s'\"]{3,128})\1")
_COOKIE_HEADER = re.compile(r"[ \t]*(?:set-)?cookie[ \t]*:[^\n]*", re.IGNORECASE)
_COOKIE = re.compile(r"(?P<key>[\w.\-]{1,60})=(?P<value>[^;\s]{16,400})")
_SESSION_COOKIE = re.compile(r"sess|sid|auth|token|jwt|remember|login|identity", re.IGNORECASE)


def _quoted_keys(ctx: ScanContext) -> Iterator[re.Match[str]]:
    """A quoted key holding a credential word, then its quoted value: found from the words
    (one shared search), each tried from the quote that opens its key."""
    text, tried = ctx.text, set()
    for at in credential_words(ctx):
        lo = max(0, at - 60)
        quote = max(text.rfind("'", lo, at), text.rfind('"', lo, at))
        if quote == -1 or quote in tried:
            continue
        tried.add(quote)
        m = _KEY_THEN_VALUE.match(text, quote)
        if m and _PASSWORD_KEY.search(m.group("key").lower()):
            yield m


def _login_calls(ctx: ScanContext) -> Iterator[re.Match[str]]:
    """Calls and tuples named for a login ("auth", "cred" from the shared credential words;
    "login" and "bind" found here), each with a literal password after the user."""
    text, lower = ctx.text, ctx.lower
    starts = [at for at in credential_words(ctx) if lower.startswith(("auth", "cred"), at)]
    for word in ("login", "bind"):
        at = lower.find(word)
        while at != -1:
            starts.append(at)
            at = lower.find(word, at + len(word))
    for at in starts:
        if lower.find("(", at, at + 40) == -1:
            continue  # no call or tuple opens after the name
        m = _LOGIN_ARGS.match(text, _NAME_REST.match(lower, at).end())
        if m:
            yield m


def _session_cookies(ctx: ScanContext) -> Iterator[re.Match[str]]:
    """The session cookies of each line that is a Cookie or Set-Cookie header."""
    text, lower, done = ctx.text, ctx.lower, -1
    for hit in ctx.hits_of("context", "format_cue"):  # "cookie", "set-cookie" among them
        at = hit.start
        if at < done or not lower.startswith(("cookie", "set-cookie"), at):
            continue
        header = _COOKIE_HEADER.match(text, lower.rfind("\n", 0, at) + 1)
        if header and header.end() > at:
            done = header.end()
            for m in _COOKIE.finditer(text, header.start(), header.end()):
                if _SESSION_COOKIE.search(m.group("key")):
                    yield m


def _session_value(value: str) -> bool:
    """A cookie value that logs someone in: long, random, not a placeholder."""
    return shannon_entropy(value) >= 3.5 and not is_placeholder(value)


@register
class CredentialFormDetector(Detector):
    """Key-and-value pairs, login calls, the LDAP bind flag and session cookies."""

    name = "credential_form"
    category = "secret"
    precedence = LABELLED
    patterns = (_KEY_THEN_VALUE, _LOGIN_ARGS, _LDAP_BIND, _COOKIE_HEADER)

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[str, re.Match[str]]]:
        text, lower = ctx.text, ctx.lower
        if "'" in text or '"' in text:
            yield from (("pair", m) for m in _quoted_keys(ctx))
            yield from (("login", m) for m in _login_calls(ctx))
        for at in credential_words(ctx):
            if lower.startswith(("pass", "pwd"), at):
                m = _APP_PASSWORD.match(text, at)
                if m:
                    yield "app", m
        for hit in ctx.hits_of("context", "format_cue"):  # the LDAP tools, cookie headers
            if lower.startswith("ldap", hit.start):
                m = _LDAP_BIND.match(text, hit.start)
                if m:
                    yield "ldap", m
        yield from (("cookie", m) for m in _session_cookies(ctx))

    def validate(self, ctx: ScanContext, candidate: tuple[str, re.Match[str]]) -> Finding | None:
        kind, m = candidate
        start, end = m.start("value"), m.end("value")
        value = m.group("value")
        if ctx.claimed(start, end):
            return None  # a higher tier kept a finding here
        if kind == "cookie":
            ok = _session_value(value)
        elif kind == "app":
            ok = not is_placeholder(value.replace(" ", ""))
        elif " " in value.strip() and not _APP_SHAPE.fullmatch(value):
            ok = False  # words for a person to read ("Logged in as admin"), not a password
        else:
            ok = credential_value_ok(value, quoted=kind != "ldap")
        if not ok:
            return None
        return self.finding(start, end, _REASONS[kind])


_REASONS = {
    "pair": "credential given beside its key's name",
    "login": "password passed to a login",
    "ldap": "LDAP bind password on a command line",
    "cookie": "session cookie",
    "app": "app password",
}
