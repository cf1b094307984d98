"""Secrets: tokens of known shapes, JWTs, private keys, passwords in connection strings and
assignments, passwords/PINs/door codes said in words, high-entropy quoted strings, seed phrases."""

from __future__ import annotations

import base64
import binascii
import functools
import json
import math
import re
from collections import Counter
from collections.abc import Iterator

from aideon_desktop.core.privacy.context import Claims, TextContext
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.rules import rules


def shannon_entropy(value: str) -> float:
    if not value:
        return 0.0
    counts = Counter(value)
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def is_placeholder(value: str) -> bool:
    """A value that stands for a credential rather than being one."""
    v = value.strip().strip("'\"`").lower()
    if len(v) < 3:
        return True
    if re.fullmatch(r"(.)\1{2,}", v) or re.search(r"(x{4,}|\*{3,}|\.{3,}|_{4,}|z{6,}|0{8,})", v):
        return True
    if re.match(
        r"^(\$\{|\$\(|\{\{|<|%\(|%s|\$[a-z_]|\{[a-z_]|@[a-z_]+$|process\.env|os\.environ|env\()", v
    ):
        return True
    if v.endswith(("}", ">")) and v.startswith(("{", "<", "${")):
        return True
    words = rules().placeholder_words
    decoded = _decode_base64_text(value.strip().strip("'\"`"))
    if decoded is not None and decoded != value and is_placeholder(decoded):
        return True
    if v in words:
        return True
    return any(w in v for w in words if len(w) >= 4 and w not in ("secret", "token", "password"))


def _decode_base64_text(value: str) -> str | None:
    """The text a short base64 value encodes (k8s Secrets store `password` as `cGFzc3dvcmQ=`)."""
    if len(value) < 8 or len(value) % 4 or not re.fullmatch(r"[A-Za-z0-9+/]+={0,2}", value):
        return None
    try:
        decoded = base64.b64decode(value, validate=True).decode("ascii")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return decoded if decoded.isprintable() else None


def _is_code_expression(value: str) -> bool:
    """`request.form["password"]`, `getpass()`, `os.getenv(...)`, `self.pw` — not literal values."""
    v = value.strip()
    if re.fullmatch(r"[A-Z][A-Z0-9_]{2,}", v):  # an env var or constant name
        return True
    return bool(re.match(r"[\w.]+[(\[]|\w+\.\w+$|(?:null|nil|None|true|false)$", v))


def _is_json_b64(segment: str) -> bool:
    try:
        padded = segment + "=" * (-len(segment) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded).decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return False
    return isinstance(data, dict)


_JWT = re.compile(
    r"eyJ[A-Za-z0-9_=-]{4,2000}\.eyJ[A-Za-z0-9_=-]{4,4000}(?:\.[A-Za-z0-9_.+/=-]{0,1000})?"
)


def _find_jwts(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    known = {v.split(".")[0] + "." + v.split(".")[1] for v in rules().known["jwts"]}
    for m in _JWT.finditer(ctx.text):
        parts = m.group().split(".")
        if not (_is_json_b64(parts[0]) and _is_json_b64(parts[1])):
            continue
        if f"{parts[0]}.{parts[1]}" in known and ctx.test_framed(m.start(), m.end()):
            continue
        if taken.claim(m.start(), m.end()):
            yield Finding("secret", m.start(), m.end(), "jwt", "JSON Web Token")


def _find_known_shapes(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    for pattern in rules().secret_patterns:
        if not pattern.may_match(ctx.text):
            continue
        if min(len(a) for a in pattern.anchors or ("",)) >= 3:
            matches = ctx.finditer(
                pattern.regex, pattern.anchors, before=48, after=1100, exact_case=True
            )
        else:
            matches = list(pattern.regex.finditer(ctx.text))
        for m in matches:
            value = m.group()
            body = value.split("_", 2)[-1] if "_" in value else value
            if pattern.name != "private_key" and is_placeholder(body):
                continue
            if (
                pattern.name == "private_key"
                and ctx.test_framed(m.start(), m.end())
                and "example" in ctx.lower
            ):
                continue
            if taken.claim(m.start(), m.end()):
                yield Finding("secret", m.start(), m.end(), pattern.name, pattern.reason)


# scheme://user:password@host — the password part is what matters.
_URL_CREDENTIALS = re.compile(
    r"\b[a-z][a-z0-9+.-]{1,20}://([^\s:/@'\"<>]{1,64}):([^\s@/'\"<>]{1,128})@[\w.-]{1,253}",
    re.IGNORECASE,
)


def _find_url_credentials(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    for m in ctx.finditer(_URL_CREDENTIALS, ("://",), before=30, after=500):
        user, password = m.group(1), m.group(2)
        pair = f"{user}:{password}".lower()
        if pair in rules().credential_pairs or is_placeholder(password) or password.startswith("$"):
            continue
        if taken.claim(m.start(2), m.end(2)):
            yield Finding(
                "secret",
                m.start(2),
                m.end(2),
                "url_credentials",
                "password inside a connection URL",
            )


_KEYWORD = (
    r"(?:api_?key|apikey|auth_?key|service_?key|account_?key|db_?key|database_?key|priv_?key|"
    r"private_?key|client_?key|client_?secret|db_?pass|database_?pass|key_?pass|password|passwd|"
    r"pwd|passphrase|secret|secrete|access_?token|auth_?token|bearer|contraseña|contrasena|"
    r"passwort|kennwort|mot_de_passe|senha)"
)
# Literal pieces of the keywords above: a keyword detector only runs near one of them.
_KEYWORD_ANCHORS = (
    "key",
    "pass",
    "pwd",
    "secret",
    "token",
    "bearer",
    "contrase",
    "kennwort",
    "mot_de_passe",
    "senha",
)
_SAID_ANCHORS = (
    "pass",
    "pin",
    "code",
    "mot de passe",
    "contraseña",
    "clave",
    "passwort",
    "kennwort",
    "codice",
    "senha",
)
# An assignment in code or config: keyword[...] (=|:|:=|=>|==) value
_ASSIGNMENT = re.compile(
    _KEYWORD + r"\w{0,30}['\"\]]{0,2}(?:\[\d{0,4}\])?\s{0,4}(?::=|=>|===?|!==?|=|:)\s{0,4}@?"
    r"(?:(['\"`])(?P<quoted>[^'\"`\n]{1,200})\1|(?P<bare>[^\s'\"`]{1,200}))"
)
_REVERSED = re.compile(
    r"(['\"`])(?P<quoted>[^'\"`\n]{1,200})\1\s{0,4}[!=]==?\s{0,4}\w{0,30}" + _KEYWORD
)
_QUOTED_STATEMENT = re.compile(
    _KEYWORD + r"\w{0,30}[^\s]{0,50}?\s{1,4}(['\"`])(?P<quoted>[^'\"`\n]{1,200})\1;"
)
_CALL = re.compile(_KEYWORD + r"\w{0,20}(?:\.assign)?\(\"(?P<quoted>[^\"\n]{1,200})\"")


def _assignment_value_ok(value: str, *, quoted: bool) -> bool:
    value = value.strip()
    if not value or is_placeholder(value) or (not quoted and _is_code_expression(value)):
        return False
    return bool(re.search(r"[A-Za-z0-9]", value) or len(value) >= 6)


def _find_assignments(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    for m in ctx.finditer(_ASSIGNMENT, _KEYWORD_ANCHORS, lower=True):
        group = "quoted" if m.group("quoted") is not None else "bare"
        start = m.start(group)
        value = ctx.text[start : m.end(group)]
        if group == "bare":
            value = value.rstrip(",;)`'\"")
        if not _assignment_value_ok(value, quoted=group == "quoted"):
            continue
        if taken.claim(start, start + len(value)):
            yield Finding(
                "secret",
                start,
                start + len(value),
                "keyword_assignment",
                "credential assigned in code or config",
            )
    for regex in (_REVERSED, _CALL, _QUOTED_STATEMENT):
        for m in ctx.finditer(regex, _KEYWORD_ANCHORS, before=260, after=300, lower=True):
            value = ctx.text[m.start("quoted") : m.end("quoted")]
            if _assignment_value_ok(value, quoted=True) and taken.claim(
                m.start("quoted"), m.end("quoted")
            ):
                yield Finding(
                    "secret",
                    m.start("quoted"),
                    m.end("quoted"),
                    "keyword_assignment",
                    "credential compared or passed in code",
                )


# Natural language: "my password is X", "WiFi password 'X'", "alarm code is 8029", "PIN 1106".
_SAID_PASSWORD = re.compile(
    r"\b(password|passcode|passphrase|pass word|wi-?fi password|pin(?: code| number)?|"
    r"(?:door|alarm|gate|lockbox|lock box|key ?safe|garage|building|entry|access|security|safe|"
    r"unlock|keypad|intercom)\s+code|code (?:d'accès|d'entrée|de la porte|de acceso|del portal)|"
    r"mot de passe|contraseña|clave|passwort|kennwort|zugangscode|türcode|codice(?: di accesso)?|senha)"
    r"(?:\s+(?:for|to|of|on|at|in|de|du|für|per|à|a|al|del|de la|zum|zur|im|am)\s+[^\n.,:;!?]{1,40}?"
    r"\s{1,3}(?:is|was|will be|=|:|est(?: le)?|es(?: el)?|ist|è|é)\s{0,3}"
    r"|\s{0,3}(?:is|was|will be|=|:|est(?: le)?|es(?: el)?|ist|è|é|-)?\s{0,3})"
    r"(?:(['\"‘“`])([^'\"’”`\n]{3,64})[’”'\"`]|([A-Za-z0-9][\w!@#$%^&*+=?.~/-]{2,63}))"
)
_PIN_BEFORE = re.compile(
    r"(?i)(?<![\w.])(\d{4,8})\s+(?:as|is)?\s*(?:a|an|my|the)?\s*(?:bad|good|weak|safe|strong|secure|ok)?\s*"
    r"(?:pin|passcode)\b"
)
_CODE_IN_PARENS = re.compile(r"(?i)\((?:code|pin|combination)\s*:?\s*([0-9A-Z]{3,10}\*?)\)")
_COMMON_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "my",
        "your",
        "for",
        "to",
        "of",
        "and",
        "or",
        "is",
        "was",
        "not",
        "manager",
        "policy",
        "strength",
        "reset",
        "change",
        "length",
        "requirements",
        "rules",
        "field",
        "prompt",
        "protected",
        "hint",
        "hash",
        "hashing",
        "manager's",
        "expires",
        "expired",
        "should",
        "must",
        "can",
        "will",
        "would",
        "generator",
        "generation",
    ]
)


def _find_said_passwords(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    for m in ctx.finditer(_SAID_PASSWORD, _SAID_ANCHORS, before=60, after=160, lower=True):
        group = 3 if m.group(3) is not None else 4
        value = ctx.text[m.start(group) : m.end(group)]
        keyword = m.group(1).lower()
        if value.lower() in _COMMON_WORDS or is_placeholder(value) or _is_code_expression(value):
            continue
        if group == 4:
            # A bare word must look like a credential: digits, or mixed case/symbols.
            if keyword.startswith("pin") or "code" in keyword:
                if not re.fullmatch(r"[0-9A-Za-z*#]{3,12}\*?", value) or not re.search(
                    r"\d", value
                ):
                    continue
            elif not (re.search(r"\d", value) and re.search(r"[A-Za-z]", value)) and not re.search(
                r"[A-Z].*[a-z].*[^\w]|[!@#$%^&*]", value
            ):
                continue
        if ctx.in_code(m.start(group)):
            continue  # code and config are the assignment detector's job
        if taken.claim(m.start(group), m.end(group)):
            yield Finding(
                "secret",
                m.start(group),
                m.end(group),
                "stated_password",
                f"{keyword} stated in the prompt",
            )
    for regex, label in ((_PIN_BEFORE, "PIN"), (_CODE_IN_PARENS, "access code")):
        for m in ctx.finditer(
            regex, ("pin", "passcode", "code", "combination"), before=40, after=20
        ):
            if taken.claim(m.start(1), m.end(1)):
                yield Finding(
                    "secret",
                    m.start(1),
                    m.end(1),
                    "stated_password",
                    f"{label} stated in the prompt",
                )


# Quoted high-entropy strings (the detect-secrets approach: hex > 3.0 bits, base64 > 4.5 bits).
_QUOTED = re.compile(r"(['\"])([A-Za-z0-9+/=_-]{20,500})\1")
_HASH_CONTEXT = re.compile(
    r"sha-?\d*|md5|hash|checksum|digest|commit|fingerprint|uuid|guid|integrity"
)


def _find_high_entropy(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    for m in _QUOTED.finditer(ctx.text):
        value = m.group(2)
        if re.fullmatch(r"[0-9a-fA-F]+", value):
            if shannon_entropy(value) <= 3.0 or re.fullmatch(r"\d+", value):
                continue
        elif shannon_entropy(value) <= 4.5:
            continue
        if is_placeholder(value) or _HASH_CONTEXT.search(ctx.before(m.start(), 60)):
            continue
        if taken.claim(m.start(2), m.end(2)):
            yield Finding(
                "secret",
                m.start(2),
                m.end(2),
                "high_entropy_string",
                "random-looking quoted string (likely a key)",
            )


@functools.cache
def _bip39_words() -> frozenset[str]:
    from mnemonic import Mnemonic

    return frozenset(Mnemonic("english").wordlist)


_WORD = re.compile(r"[a-z]+")


def _find_seed_phrases(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    words = _bip39_words()
    run: list[re.Match[str]] = []
    for m in _WORD.finditer(ctx.lower):
        gap = ctx.lower[run[-1].end() : m.start()] if run else " "
        if m.group() in words and gap.strip(" ,\n\t-0123456789.)") == "":
            run.append(m)
            continue
        if len(run) >= 12:
            break
        run = [m] if m.group() in words else []
    if len(run) >= 12 and taken.claim(run[0].start(), run[-1].end()):
        yield Finding(
            "secret",
            run[0].start(),
            run[-1].end(),
            "seed_phrase",
            f"{len(run)}-word wallet recovery phrase",
        )


def find_secrets(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    yield from _find_known_shapes(ctx, taken)
    yield from _find_jwts(ctx, taken)
    yield from _find_url_credentials(ctx, taken)
    yield from _find_assignments(ctx, taken)
    yield from _find_said_passwords(ctx, taken)
    yield from _find_high_entropy(ctx, taken)
    yield from _find_seed_phrases(ctx, taken)
