"""Credentials of published shapes: provider tokens (resources/privacy/secrets.toml), JWTs."""

from __future__ import annotations

import base64
import binascii
import bisect
import functools
import json
import re
import re._parser as sre_parse
from collections.abc import Iterator
from dataclasses import dataclass

from aideon_desktop.core.privacy.boundaries import cjk_aware
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors._common import known_values
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import literal_alternation, load_data
from aideon_desktop.core.privacy.placeholders import is_placeholder, is_stand_in
from aideon_desktop.core.privacy.registry import KNOWN_SHAPE, Detector, register


@dataclass(frozen=True, eq=False)
class SecretPattern:
    """A published credential format; ``anchors`` are literal pieces, one of which it holds."""

    name: str
    reason: str
    regex: re.Pattern[str]
    anchors: tuple[str, ...]
    marker: str = ""

    @functools.cached_property
    def min_width(self) -> int:
        return sre_parse.parse(self.regex.pattern).getwidth()[0]

    @functools.cached_property
    def spaced(self) -> bool:
        return any(" " in anchor for anchor in self.anchors)

    @functools.cached_property
    def long_anchors(self) -> tuple[str, ...]:
        """Anchors of 3+ characters (found by ``_anchored_tokens``)."""
        return tuple(anchor for anchor in self.anchors if len(anchor) >= 3)

    @functools.cached_property
    def short_anchors(self) -> tuple[str, ...]:
        return tuple(anchor for anchor in self.anchors if len(anchor) < 3)


@functools.cache
def secret_patterns() -> tuple[SecretPattern, ...]:
    return tuple(
        SecretPattern(
            p["name"],
            p["reason"],
            re.compile(cjk_aware(p["regex"])),
            tuple(p.get("anchors", ())),
            p.get("marker", ""),
        )
        for p in load_data("secrets.toml")["pattern"]
    )


def _body(pattern: SecretPattern, value: str) -> str:
    """The value without its published prefix or suffix (the part a placeholder would fill)."""
    for anchor in sorted(pattern.anchors, key=len, reverse=True):
        at = value.find(anchor)
        if at != -1 and len(anchor) >= 3:
            return max(value[:at], value[at + len(anchor) :], key=len)
    return value


@functools.cache
def _anchor_finder() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """One prefix tree of every anchor of 3+ characters, and for each anchor the anchors it
    holds (finding "sk-ant-" also finds "sk-").  The tree opens with one character of a set,
    so the engine skips in C to where an anchor may start."""
    anchors = {a for p in secret_patterns() if not p.spaced for a in p.anchors if len(a) >= 3}
    held = {a: frozenset(b for b in anchors if b in a) for a in anchors}
    return re.compile(literal_alternation(anchors)), held


def _anchored_tokens(ctx: ScanContext) -> dict[str, set[int]]:
    """anchor → the indices of the long tokens holding it, from one pass over the tokens: the
    anchor at every position, overlaps included (each search resumes one character on)."""
    finder, held = _anchor_finder()
    offsets, found = ctx.joined_offsets, {}
    text = ctx.long_token_text
    m = finder.search(text)
    while m is not None:
        anchor = m.group()
        if anchor:
            token = bisect.bisect_right(offsets, m.start()) - 1
            for each in held[anchor]:
                found.setdefault(each, set()).add(token)
        m = finder.search(text, m.start() + 1)
    return found


def _token_spans(
    ctx: ScanContext, pattern: SecretPattern, anchored: dict[str, set[int]]
) -> list[tuple[int, int]]:
    """The long tokens that hold one of the pattern's anchors."""
    indices: set[int] = set()
    for anchor in pattern.long_anchors:
        indices |= anchored.get(anchor, set())
    spans = [ctx.long_tokens[i] for i in indices]
    short = [anchor for anchor in pattern.short_anchors if anchor in ctx.long_token_text]
    if short:  # "." or "AC" occur everywhere: look only in tokens long enough
        width = pattern.min_width
        spans += [(start, end) for start, end in ctx.tokens_holding(short) if end - start >= width]
    return sorted(set(spans))


@functools.cache
def _pattern_index() -> tuple[dict[str, frozenset[int]], dict[str, frozenset[int]], frozenset[int]]:
    """Which patterns (by position in ``secret_patterns()``) each anchor of 3+ characters and
    each shorter anchor belongs to, and the patterns with a space in an anchor (run on the
    text): a scan then visits only the patterns whose anchors it found."""
    long: dict[str, set[int]] = {}
    short: dict[str, set[int]] = {}
    spaced = set()
    for i, pattern in enumerate(secret_patterns()):
        if pattern.spaced:
            spaced.add(i)
            continue
        for anchor in pattern.long_anchors:
            long.setdefault(anchor, set()).add(i)
        for anchor in pattern.short_anchors:
            short.setdefault(anchor, set()).add(i)
    return (
        {a: frozenset(v) for a, v in long.items()},
        {a: frozenset(v) for a, v in short.items()},
        frozenset(spaced),
    )


def _patterns_to_run(ctx: ScanContext, anchored: dict[str, set[int]]) -> list[int]:
    """The patterns with an anchor in a long token (or a space in an anchor), in order."""
    by_long, by_short, spaced = _pattern_index()
    chosen = set(spaced)
    for anchor in anchored:
        chosen |= by_long.get(anchor, frozenset())
    tokens = ctx.long_token_text
    for anchor, indices in by_short.items():
        if anchor in tokens:
            chosen |= indices
    return sorted(chosen)


_KEY_PATTERNS = frozenset({"private_key", "private_key_body"})
# A pattern with a space in an anchor runs on the text around each anchor found (a PEM header's
# "BEGIN" stands a few words before its "PRIVATE KEY"; a Fly.io token runs up to 800 characters
# after "FlyV1 "), not on the whole text.
_BEFORE_ANCHOR, _AFTER_ANCHOR = 100, 1_000


def _around_anchors(text: str, pattern: SecretPattern) -> Iterator[re.Match[str]]:
    covered, last_end = 0, -1  # searched up to ``covered``; the last match ended at ``last_end``
    at = _next_anchor(text, pattern, 0)
    while at != -1:
        hi = min(len(text), at + _AFTER_ANCHOR)
        if hi > covered:
            for m in pattern.regex.finditer(text, max(0, at - _BEFORE_ANCHOR), hi):
                if m.start() >= last_end:
                    last_end = m.end()
                    yield m
            covered = hi
        at = _next_anchor(text, pattern, at + 1)


def _next_anchor(text: str, pattern: SecretPattern, pos: int) -> int:
    found = [at for anchor in pattern.anchors if (at := text.find(anchor, pos)) != -1]
    return min(found) if found else -1


@register
class KnownShapeDetector(Detector):
    name = "known_secret_shape"
    category = "secret"
    precedence = KNOWN_SHAPE
    patterns = ("resources/privacy/secrets.toml",)

    def prepare(self) -> None:
        _anchor_finder()
        _pattern_index()
        for pattern in secret_patterns():
            _ = pattern.min_width, pattern.long_anchors, pattern.short_anchors

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[SecretPattern, re.Match[str]]]:
        """Each pattern runs only on the long tokens that hold one of its anchors (one shared
        token scan); the few patterns with a space in them (PEM headers) run on the text."""
        anchored = _anchored_tokens(ctx)
        patterns = secret_patterns()
        for i in _patterns_to_run(ctx, anchored):
            pattern = patterns[i]
            if pattern.spaced:
                yield from ((pattern, m) for m in _around_anchors(ctx.text, pattern))
                continue
            for start, end in _token_spans(ctx, pattern, anchored):
                for m in pattern.regex.finditer(ctx.text, max(0, start - 8), end + 2):
                    yield pattern, m

    def validate(
        self, ctx: ScanContext, candidate: tuple[SecretPattern, re.Match[str]]
    ) -> Finding | None:
        pattern, m = candidate
        value = m.group()
        if pattern.name in _KEY_PATTERNS:  # a key's body is random: no placeholder test
            if ctx.test_framed(m.start(), m.end()) and "example" in ctx.lower:
                return None
        elif pattern.marker and pattern.marker in value:
            if is_stand_in(_body(pattern, value)):
                return None
        elif is_placeholder(_body(pattern, value)):
            return None
        return Finding("secret", m.start(), m.end(), pattern.name, pattern.reason)


_JWT = re.compile(
    r"eyJ[A-Za-z0-9_=-]{4,2000}\.eyJ[A-Za-z0-9_=-]{4,4000}(?:\.[A-Za-z0-9_.+/=-]{0,1000})?"
)


def _is_json_b64(segment: str) -> bool:
    try:
        padded = segment + "=" * (-len(segment) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded).decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return False
    return isinstance(data, dict)


@register
class JwtDetector(Detector):
    name = "jwt"
    category = "secret"
    precedence = KNOWN_SHAPE
    patterns = (_JWT,)

    def candidates(self, ctx: ScanContext) -> Iterator[re.Match[str]]:
        at = ctx.text.find("eyJ")
        while at != -1:
            m = _JWT.match(ctx.text, at)
            if m:
                yield m
            at = ctx.text.find("eyJ", m.end() if m else at + 3)

    def validate(self, ctx: ScanContext, m: re.Match[str]) -> Finding | None:
        parts = m.group().split(".")
        if not (_is_json_b64(parts[0]) and _is_json_b64(parts[1])):
            return None
        known = {".".join(v.split(".")[:2]).upper() for v in known_values("jwts")}
        if f"{parts[0]}.{parts[1]}".upper() in known and ctx.test_framed(m.start(), m.end()):
            return None
        return self.finding(m.start(), m.end(), "JSON Web Token")


# The Wi-Fi QR code payload (ZXing's "WIFI:" URI, printed by routers and phone share sheets):
# fields "T:", "S:", "P:", "H:" in any order, ";" between them, "\" escaping ";", ":" and ",".
_WIFI_QR = re.compile(r"WIFI:(?:[A-Z]:(?:\\.|[^;\\\n]){0,64};){0,5}?P:((?:\\.|[^;\\\n]){1,63})")


@register
class WifiQrDetector(Detector):
    """The password field of a Wi-Fi QR code payload ("WIFI:T:WPA;S:Home;P:…;;")."""

    name = "wifi_qr_password"
    category = "secret"
    precedence = KNOWN_SHAPE
    patterns = (_WIFI_QR,)

    def candidates(self, ctx: ScanContext) -> Iterator[re.Match[str]]:
        for hit in ctx.hits_of("context", "format_cue"):  # "wifi" among them
            if ctx.text.startswith("WIFI:", hit.start):
                m = _WIFI_QR.match(ctx.text, hit.start)
                if m:
                    yield m

    def validate(self, ctx: ScanContext, m: re.Match[str]) -> Finding | None:
        password = m.group(1)
        if is_stand_in(password) or (is_placeholder(password) and len(password) < 8):
            return None  # "P:<password>", "P:password", "P:****"
        return self.finding(m.start(1), m.end(1), "Wi-Fi password in a Wi-Fi QR code")


# A printed list of codes after its label: the rest of the label's line up to ":" or a line
# break, then three or more codes ("834b3-8a7e5", "8812 4471", "1. 4f2a1c9e", "- ABCD-1234")
# apart by spaces, commas or line breaks (line breaks inside a list are joined into spaces).
_ONE_CODE = r"(?:[-*•]|\d{1,2}[.)])?[ \t]*[A-Za-z0-9]{4,12}(?:-[A-Za-z0-9]{3,12})?"
_CODE_LIST = re.compile(
    rf"[^\n]{{0,40}}?[:：\n][ \t]*((?:{_ONE_CODE}[\s,;]{{1,3}}){{2,30}}{_ONE_CODE})"
)
_CODE = re.compile(r"[A-Za-z0-9]{4,12}(?:-[A-Za-z0-9]{3,12})?")
_CODE_LIST_REACH = 500  # characters after the label that a list of codes may fill


def _shape_of(code: str) -> tuple[int, ...]:
    """The lengths of a code's groups ("834b3-8a7e5" → (5, 5)): codes of one list share it."""
    return tuple(len(part) for part in code.split("-"))


@register
class RecoveryCodeListDetector(Detector):
    """A list of one-time recovery or backup codes under their label ("GitHub recovery codes,
    keep safe:" then one code a line): three or more codes of one shape, each with a digit."""

    name = "recovery_code_list"
    category = "secret"
    precedence = KNOWN_SHAPE
    patterns = (_CODE_LIST,)

    def candidates(self, ctx: ScanContext) -> Iterator[re.Match[str]]:
        for hit in ctx.hits_of("label", "access_code"):
            if "code" in ctx.lower[hit.start : hit.end]:
                m = _CODE_LIST.match(ctx.text, hit.end, hit.end + _CODE_LIST_REACH)
                if m:
                    yield m

    def validate(self, ctx: ScanContext, m: re.Match[str]) -> Finding | None:
        values = [c.group() for c in _CODE.finditer(m.group(1))]
        if len(values) < 3 or len({_shape_of(v) for v in values}) != 1:
            return None
        if not all(any(ch.isdigit() for ch in v) and not is_placeholder(v) for v in values):
            return None
        return self.finding(m.start(1), m.end(1), "list of recovery or backup codes")
