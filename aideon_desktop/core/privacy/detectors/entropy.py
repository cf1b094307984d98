"""Guesses from a value's looks: random-looking quoted strings and tokens."""

from __future__ import annotations

import re
from collections.abc import Iterator

from aideon_desktop.core.privacy.boundaries import cjk_aware
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors._service_keys import UUID, public_id
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.placeholders import is_placeholder, shannon_entropy
from aideon_desktop.core.privacy.registry import HEURISTIC, Detector, register

# Quoted high-entropy strings (the detect-secrets approach: hex > 3.0 bits, base64 > 4.5 bits).
_QUOTED = re.compile(r"(['\"])([A-Za-z0-9+/=_-]{20,500})\1")
# The same, one pattern per quote: each opens with a literal character, which the engine finds
# many times faster than a class of two.  Their matches are ``_QUOTED``'s: a quoted run holds no
# quote, so a match of one quote never overlaps one of the other.
_QUOTED_EACH = tuple(
    (quote, re.compile(rf"({quote})([A-Za-z0-9+/=_-]{{20,500}}){quote}")) for quote in "'\""
)


def quoted_runs(text: str) -> list[re.Match[str]]:
    """``_QUOTED.finditer(text)``, from one pass per quote character."""
    found = [m for quote, p in _QUOTED_EACH if quote in text for m in p.finditer(text)]
    return sorted(found, key=lambda m: m.start())


_HASH_CONTEXT = re.compile(
    r"sha-?\d*|md5|hash|checksum|digest|commit|fingerprint|uuid|guid|integrity|etag|nonce|id\b"
)
# Keys that are public by design (Stripe publishable keys).


def random_looking(value: str, *, quoted: bool) -> bool:
    """Could this string only have come from a random generator?  Quoted strings follow
    detect-secrets (hex > 3.0 bits, base64 > 4.5 bits a character); bare tokens must be long and
    mix upper case, lower case and digits; lower-case tokens need letters beyond hex."""
    if _HEX.fullmatch(value):
        return _random_hex(value, quoted=quoted)
    upper, lower, digits = (
        sum(map(test, value)) for test in (str.isupper, str.islower, str.isdigit)
    )
    if upper >= 2 and lower >= 2 and digits >= 2:
        return _random_mixed(value, quoted=quoted)
    return quoted and _random_one_case(value, upper, lower, digits)


def _random_one_case(value: str, upper: int, lower: int, digits: int) -> bool:
    """A quoted value of one letter case and digits: lower case beyond hex
    (e2rgfqdg7xpzbq0nmj8l68gmuz), or capitals as licence keys are (A3-ASWWYB-798JRY-LJVD4)."""
    if not upper and digits >= 3 and lower >= 8 and _BEYOND_HEX.search(value):
        return shannon_entropy(value) > 3.8 and digits / len(value) >= 0.1
    if not lower and upper >= 8 and digits >= 4:
        return shannon_entropy(_NOT_ALNUM.sub("", value)) > 3.8
    return False


def _random_hex(value: str, *, quoted: bool) -> bool:
    if value.isdigit():
        return False
    return shannon_entropy(value) > (3.0 if quoted else 3.5) and (quoted or len(value) >= 32)


def _random_mixed(value: str, *, quoted: bool) -> bool:
    if not quoted and (len(value) < 24 or not _mixed_throughout(value)):
        return False
    return shannon_entropy(value) > (4.5 if quoted else 4.0)


def _mixed_throughout(value: str) -> bool:
    """Random strings change character class often; words joined by "_" do not."""
    runs = _CLASS_RUN.findall(value.translate(_CHARACTER_CLASS))
    changes, longest = len(runs) - 1, max(map(len, runs))
    return changes / len(value) >= 0.3 and longest <= 8


_HEX = re.compile(r"[0-9a-fA-F]+")
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")
_BEYOND_HEX = re.compile(r"[g-z]")
_CLASS_RUN = re.compile(r"u+|l+|d+|s+")
# Each character as its class: u(pper), l(ower), d(igit), s(ymbol); the values are ASCII tokens.
_CHARACTER_CLASS = {
    c: "u" if chr(c).isupper() else "l" if chr(c).islower() else "d" if chr(c).isdigit() else "s"
    for c in range(128)
}


# A vendor-prefixed token anywhere: a short lower-case prefix, "_" or "-", then 30+ random
# characters (the shape most providers give their keys: "ntn_…", "lin_api_…", "pscale_tkn_…").
_PREFIXED = re.compile(
    cjk_aware(
        r"(?<![\w-])[a-z][a-z0-9]{0,9}(?:[_-][a-z0-9]{2,6})?[_-]([A-Za-z0-9]{30,200})(?![\w-])"
    )
)
# A bare token given as the value of some key ("sourcegraph: 6d2Fab…", "key=…"): letters,
# digits, "-" and "_" only, 24 to 200 characters.
_BARE = re.compile(
    r"(?<=[:=] )[A-Za-z0-9_\-]{24,200}(?![\w/+.=])|(?<=[:=])[A-Za-z0-9_\-]{24,200}(?![\w/+.=])"
)


@register
class HighEntropyDetector(Detector):
    name = "high_entropy_string"
    category = "secret"
    precedence = HEURISTIC
    patterns = (_QUOTED, _BARE)

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[bool, re.Match[str]]]:
        for m in quoted_runs(ctx.text):
            yield True, m
        for start, end in ctx.long_tokens:
            # a bare value follows ":" or "=" (its look-behind reaches two characters before
            # the first position tried): without one nearby the pattern cannot match
            around = ctx.text[max(0, start - 4) : end]
            if ":" in around or "=" in around:
                for m in _BARE.finditer(ctx.text, max(0, start - 2), end):
                    yield False, m
            m = _PREFIXED.match(ctx.text, start, end)
            if m:
                yield False, m

    def validate(self, ctx: ScanContext, candidate: tuple[bool, re.Match[str]]) -> Finding | None:
        quoted, m = candidate
        group = 2 if quoted else 0
        value = m.group(group)
        body = m.group(1) if m.re is _PREFIXED else value  # a vendor prefix is no randomness
        if ctx.claimed(m.start(group), m.end(group)):
            return None  # a higher tier kept a finding here: this one would lose to it
        if not random_looking(body, quoted=quoted):
            return None
        if UUID.fullmatch(value) or is_placeholder(value) or public_id(value):
            return None
        if _HASH_CONTEXT.search(ctx.before(m.start(), 60)) or (
            ctx.in_code(m.start()) and not quoted
        ):
            return None
        reason = (
            "random-looking quoted string (likely a key)"
            if quoted
            else "random-looking token (likely a key)"
        )
        return self.finding(m.start(group), m.end(group), reason)
