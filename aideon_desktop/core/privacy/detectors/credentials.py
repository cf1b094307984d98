"""Credentials named by their key, wherever they are written: code and config assignments
(``JIRA_API_TOKEN=…``, ``"client_secret": "…"``, ``<password>…</password>``), command lines
(``curl --user id:secret``, ``--token=…``, ``Authorization: Bearer …``) and connection URLs
(``postgres://user:secret@host``).  The value must not be a placeholder, a variable reference
or an obvious dummy."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors._common import known_values
from aideon_desktop.core.privacy.detectors._service_keys import (
    data_structure_key,
    generated_value,
    key_parts,
)
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import load_data
from aideon_desktop.core.privacy.placeholders import (
    bracketed_words,
    is_code_expression,
    is_placeholder,
    shannon_entropy,
    strip_closers,
)
from aideon_desktop.core.privacy.registry import LABELLED, Detector, register

# Key names are found from a credential word ("pass", "secret", "token", "auth", "key"…) by
# walking back over identifier characters; each form below then runs anchored at the key.
_CREDENTIAL_WORDS = ("pass", "pwd", "secret", "token", "auth", "bearer", "cred", "key", "sess")
# Keys whose "…id" or "…name" is itself the secret: a client secret, a session id (a cookie
# that logs anyone in).
_ID_IS_SECRET = re.compile(r"secret|sess(?:ion)?_?id")
# The last character before a key name that cannot be part of it (matched from a window start).
_LAST_NON_KEY_CHAR = re.compile(r".*[^a-z0-9_.\-]", re.DOTALL)
_KEY_NAME = re.compile(r"[a-z0-9_.\-]{1,70}")
_KEY_WORD = re.compile(
    r"pass(?:word|wd|phrase|code)?|pwd|secret|token|auth|bearer|cred(?:ential)?s?|key|sess(?:ion)?(?:_?id)?"
)
_VALUE = r"(?:(?P<q>['\"`])(?P<quoted>[^'\"`\n]{1,1200})(?P=q)|(?P<bare>[^\s'\"`,;]{1,1200}))"
_ASSIGNMENT = re.compile(
    r"(?P<key>[a-z0-9_.\-]{1,70})['\"\]]{0,2}(?:\[\d{0,4}\])?[ \t]{0,4}"
    r"(?::=|=>|!==?|===?|=|:|[ \t]-[ \t])[ \t]{0,4}@?" + _VALUE
)
# 'secrete "value";', 'password("value")', '<password>value</password>', '"value" != secret'
_STATEMENT = re.compile(
    r"(?P<key>[a-z0-9_.\-]{1,70})[ \t]{1,4}(?P<q>['\"`])(?P<quoted>[^'\"`\n]{1,200})(?P=q)[ \t]*;"
)
_CALL = re.compile(
    r"(?P<key>[a-z0-9_.\-]{1,70})(?:\.assign)?\((?P<q>['\"])(?P<quoted>[^'\"\n]{1,200})(?P=q)"
)
_XML = re.compile(r"(?P<key>[a-z0-9_:.\-]{1,70})>\s*(?P<quoted>[^<\n]{4,300}?)\s*</(?P=key)>")
_REVERSED = re.compile(r"(?P<q>['\"`])(?P<quoted>[^'\"`\n]{1,200})(?P=q)\s{0,4}[!=]==?\s{0,4}$")
_NOT_SECRET_SUFFIX = re.compile(
    r"(?:type|url|uri|endpoint|path|file|filename|name|method|length|len|policy|expiry|expires|"
    r"expiration|ttl|timeout|header|prefix|format|ids?|count|size|version|mode|enabled|required|"
    r"hint|field|label|regex|pattern|hash|algorithm|alg|env|var|location|store|provider|strategy|"
    r"source|kind|scheme|scopes?|user|username|email|host|port|region|keyboard|monkey|turkey|hockey|"
    r"author|authors|authority)$"
)
_DUMMY_KEY = re.compile(
    r"(?:^|[_.\-])(?:fake|dummy|example|sample|test|mock|placeholder)(?:[_.\-]|$)"
)
_URL_CREDENTIALS = re.compile(
    r"\b[a-z][a-z0-9+.-]{1,20}://([^\s:/@'\"<>]{0,64}):([^\s@/'\"<>]{1,128})@[\w.-]{1,253}",
    re.IGNORECASE,
)
_CLI_USER = re.compile(
    r"(?:^|\s)(?:-u|--user|--basic-auth|--auth)[ =]+['\"]?([^\s:'\"]{1,64}):([^\s'\"]{3,128})"
)
_CLI_FLAG = re.compile(
    r"(?:^|\s)--?[a-z0-9-]*(?:token|password|passwd|secret|api-?key|apikey|auth)[a-z0-9-]*(?:=|[ \t]+)['\"]?([^\s'\"]{6,300})",
    re.IGNORECASE,
)
# "docker login -u ci-bot -p S3cret", "mysql -u root -pS3cret", "mysqldump -u root -p'S3cret'":
# a password flag after a user flag, the value bare or quoted
_CLI_PASSWORD = re.compile(r"(?:^|\s)-u[ =]?\S+(?:\s+\S+){0,3}?\s+-p[ =]?['\"]?([^\s'\"]{4,128})")
# "sshpass -p 'S3cret' ssh …": sshpass takes the password itself, with no user flag
_SSHPASS = re.compile(r"\bsshpass\s+-p[ =]?['\"]?([^\s'\"]{3,128})")
_AUTH_SCHEME = re.compile(
    r"\b(?:bearer|basic|token)[ \t]+([A-Za-z0-9._~+/=\-]{12,500})", re.IGNORECASE
)


_SHORT_NUMBER = re.compile(r"[\d.]{1,8}")
_SNAKE_WORDS = re.compile(r"[a-z]+(?:_[a-z]+)+")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[A-Za-z]")
_SYMBOL = re.compile(r"[^A-Za-z0-9\s]")
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]")
_NOT_KEY_CHAR = re.compile(r"[^a-z0-9_.\-]")


def credential_words(ctx: ScanContext) -> list[int]:
    """Where a credential word ("pass", "secret", "token", "auth", "key"…) starts, found once
    per scan for every detector of credentials named by their key or flag."""
    found = ctx.memo.get("credential_words")
    if found is None:
        lower, starts = ctx.lower, set()
        for word in _CREDENTIAL_WORDS:  # str.find: eight scans in C beat one regex here
            at = lower.find(word)
            while at != -1:
                starts.add(at)
                at = lower.find(word, at + 1)
        found = ctx.memo["credential_words"] = sorted(starts)  # type: ignore[assignment]
    return found  # type: ignore[return-value]


@functools.cache
def _credential_pairs() -> frozenset[str]:
    return frozenset(load_data("placeholders.toml")["credential_pairs"])


def _not_a_literal_secret(value: str) -> bool:
    """A URL, a path, a short number, a bare prefix ("CFPAT-") or words joined by "_"."""
    if "://" in value or value.startswith(("/", "./", "~", "../")):
        return True
    if _SHORT_NUMBER.fullmatch(value) or (value.endswith(("-", "_")) and len(value) < 12):
        return True
    return bool(_SNAKE_WORDS.fullmatch(value))


def _secret_looking(value: str) -> bool:
    """Could this literal be a credential (not a word, path, URL, number or boolean)?"""
    if _not_a_literal_secret(value):
        return False
    has_digit = bool(_DIGIT.search(value))
    if has_digit and _LETTER.search(value) and len(value) >= 6:
        return True
    if _SYMBOL.search(value) and len(value) >= 6:
        return True
    if value.endswith(("-", "_", ".")) or len(value) < 8:
        return has_digit and len(value) >= 6
    return bool(_INNER_CAPITAL.search(value)) or len(value) >= 12


def _word_before(lower: str, at: int) -> str:
    """The word before ``at`` on its line ("file" in "Figma file key: …")."""
    words = lower[max(0, lower.rfind("\n", 0, at) + 1, at - 30) : at].split()
    return words[-1] if words else ""


def _random_looking(value: str) -> bool:
    return len(value) >= 16 and bool(_DIGIT.search(value)) and shannon_entropy(value) >= 3.5


def documented_secret(ctx: ScanContext, value: str, start: int) -> bool:
    """A published sample (the jwt.io token, a provider's docs key) presented as test data."""
    known = known_values("jwts") | known_values("secrets")
    upper = value.upper()
    return any(upper.startswith(k[:40]) for k in known) and ctx.test_framed(
        start, start + len(value)
    )


def credential_value_ok(value: str, *, quoted: bool) -> bool:
    value = value.strip()
    if len(value) < 4 or is_placeholder(value):
        return False
    if not quoted and is_code_expression(value):
        return False
    return _secret_looking(value)


@register
class CredentialAssignmentDetector(Detector):
    """``KEY_NAME = value`` in code, config, .env, YAML, JSON, XML and logs."""

    name = "credential_assignment"
    category = "secret"
    precedence = LABELLED
    patterns = (_ASSIGNMENT, _STATEMENT, _CALL, _XML, _REVERSED)

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[str, re.Match[str]]]:
        lower = ctx.lower
        seen: set[int] = set()
        for at in credential_words(ctx):
            lo = max(0, at - 40)
            back = _LAST_NON_KEY_CHAR.match(lower, lo, at)
            start = back.end() if back else lo
            if start in seen:
                continue
            seen.add(start)
            yield from self._forms(lower, start)

    @staticmethod
    def _forms(lower: str, start: int) -> Iterator[tuple[str, re.Match[str]]]:
        forms = (
            (_XML,) if start > 0 and lower[start - 1] == "<" else (_ASSIGNMENT, _STATEMENT, _CALL)
        )
        for regex in forms:
            m = regex.match(lower, start)
            if m and _KEY_WORD.search(m.group("key")):
                yield m.group("key"), m
        if not lower[max(0, start - 6) : start].rstrip().endswith("="):
            return
        before = _REVERSED.search(lower, max(0, start - 220), start)
        if before:
            key = _KEY_NAME.match(lower, start)
            yield key.group() if key else "", before

    def validate(self, ctx: ScanContext, candidate: tuple[str, re.Match[str]]) -> Finding | None:
        key, m = candidate
        key = _NOT_KEY_CHAR.split(key, maxsplit=1)[0].strip("._-")
        if not _KEY_WORD.search(key):
            return None
        if _NOT_SECRET_SUFFIX.search(key.replace("-", "_")) and not _ID_IS_SECRET.search(key):
            return None
        if _DUMMY_KEY.search(key):
            return None  # fake_key, example_token, test-password: the key says it is a stand-in
        key_at = m.start("key") if "key" in m.re.groupindex else m.end()
        if data_structure_key(key_parts(f"{_word_before(ctx.lower, key_at)} {key}")):
            return None  # cache_key, primary_key, "file key": a key of data, not of a lock
        group, start, value = _assigned_value(ctx, m)
        if ctx.claimed(start, start + len(value)):
            return None  # a higher tier kept a finding here: this one would lose to it
        if value.lower().startswith(("bearer ", "basic ")) or bracketed_words(ctx.text, start):
            return None
        if key in ("key", "keys") and not (
            _random_looking(value) and generated_value(value, strict=True)
        ):
            return None  # a bare "key" names many things (a Jira issue key, a sort key)
        if not credential_value_ok(value, quoted=group == "quoted"):
            return None
        if documented_secret(ctx, value, start):
            return None
        return self.finding(
            start, start + len(value), "credential assigned to a key named like one"
        )


def _assigned_value(ctx: ScanContext, m: re.Match[str]) -> tuple[str, int, str]:
    """("quoted" or "bare", where the value starts, the value) of an assignment match."""
    group = "quoted" if m.group("quoted") is not None else "bare"
    if "bare" not in m.groupdict():
        group = "quoted"
    start = m.start(group)
    value = ctx.text[start : m.end(group)]
    if group == "bare":
        value = strip_closers(value)
    return group, start, value


@register
class CommandLineCredentialDetector(Detector):
    """``curl --user id:secret``, ``--token=…``, ``Authorization: Bearer …``."""

    name = "command_line_credential"
    category = "secret"
    precedence = LABELLED
    patterns = (_CLI_USER, _CLI_PASSWORD, _SSHPASS, _CLI_FLAG, _AUTH_SCHEME)

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[str, re.Match[str]]]:
        text, lower = ctx.text, ctx.lower
        for start, end in ctx.windows((" -u", "\t-u", "--user", "--basic-auth", "--auth"), 2, 220):
            for m in _CLI_USER.finditer(text, start, end):
                yield "user", m
            for m in _CLI_PASSWORD.finditer(text, start, end):
                yield "password_flag", m
        if "sshpass" in lower:
            for m in _SSHPASS.finditer(text):
                yield "password_flag", m
        # A flag is " -" or " --" then a name holding a credential word: found from the words.
        for at in credential_words(ctx):
            dash = lower.rfind("-", max(0, at - 30), at + 1)
            if dash > 0 and lower[dash - 1] in " -\t\n":
                m = _CLI_FLAG.match(text, dash - (2 if lower[dash - 1] == "-" else 1))
                if m:
                    yield "flag", m
            if lower.startswith(("bearer", "token"), at):
                m = _AUTH_SCHEME.match(text, at)
                if m:
                    yield "scheme", m
        for start, _end in ctx.windows(("basic ",), 0, 0):
            m = _AUTH_SCHEME.match(text, start)
            if m:
                yield "scheme", m

    def validate(self, ctx: ScanContext, candidate: tuple[str, re.Match[str]]) -> Finding | None:
        kind, m = candidate
        if kind == "user":
            if ctx.claimed(m.start(2), m.end(2)):
                return None  # a higher tier kept a finding here: this one would lose to it
            pair = f"{m.group(1)}:{m.group(2)}".lower()
            if pair in _credential_pairs() or not credential_value_ok(m.group(2), quoted=True):
                return None
            return self.finding(m.start(2), m.end(2), "password given on a command line")
        value = m.group(1).rstrip(".,;)")
        if ctx.claimed(m.start(1), m.start(1) + len(value)):
            return None
        if not credential_value_ok(value, quoted=True) or value.startswith("$"):
            return None
        reason = (
            "token in an Authorization header"
            if kind == "scheme"
            else "credential flag on a command line"
        )
        return self.finding(m.start(1), m.start(1) + len(value), reason)


@register
class UrlCredentialDetector(Detector):
    """scheme://user:password@host — the password part is what matters."""

    name = "url_credentials"
    category = "secret"
    precedence = LABELLED
    patterns = (_URL_CREDENTIALS,)

    def candidates(self, ctx: ScanContext) -> Iterator[re.Match[str]]:
        text = ctx.text
        at = text.find("://")
        while at != -1:
            m = _URL_CREDENTIALS.search(text, max(0, at - 24), min(len(text), at + 400))
            if m and m.start() < at + 3:
                yield m
            at = text.find("://", at + 3)

    def validate(self, ctx: ScanContext, m: re.Match[str]) -> Finding | None:
        user, password = m.group(1), m.group(2)
        if ctx.claimed(m.start(2), m.end(2)):
            return None  # a higher tier kept a finding here: this one would lose to it
        if f"{user}:{password}".lower() in _credential_pairs() or password.startswith("$"):
            return None
        if is_placeholder(password) and not _DIGIT.search(password):
            return None
        return self.finding(m.start(2), m.end(2), "password inside a connection URL")
