"""Credentials of published shapes: provider tokens (resources/privacy/secrets.toml), JWTs."""

from __future__ import annotations

import base64
import binascii
import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors._common import known_values
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import load_data
from aideon_desktop.core.privacy.placeholders import is_placeholder
from aideon_desktop.core.privacy.registry import KNOWN_SHAPE, Detector, register


@dataclass(frozen=True)
class SecretPattern:
    name: str
    reason: str
    regex: re.Pattern[str]
    anchors: tuple[str, ...]


@functools.cache
def secret_patterns() -> tuple[SecretPattern, ...]:
    return tuple(
        SecretPattern(p["name"], p["reason"], re.compile(p["regex"]), tuple(p.get("anchors", ())))
        for p in load_data("secrets.toml")["pattern"]
    )


@register
class KnownShapeDetector(Detector):
    name = "known_secret_shape"
    category = "secret"
    precedence = KNOWN_SHAPE
    patterns = ("resources/privacy/secrets.toml",)

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[SecretPattern, re.Match[str]]]:
        text = ctx.text
        for pattern in secret_patterns():
            if pattern.anchors and not any(anchor in text for anchor in pattern.anchors):
                continue
            for m in pattern.regex.finditer(text):
                yield pattern, m

    def validate(
        self, ctx: ScanContext, candidate: tuple[SecretPattern, re.Match[str]]
    ) -> Finding | None:
        pattern, m = candidate
        value = m.group()
        if pattern.name == "private_key":
            if ctx.test_framed(m.start(), m.end()) and "example" in ctx.lower:
                return None
        else:
            body = re.split(r"[_-]", value, maxsplit=2)[-1] if re.search(r"[_-]", value) else value
            if is_placeholder(body):
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
        if "eyJ" in ctx.text:
            yield from _JWT.finditer(ctx.text)

    def validate(self, ctx: ScanContext, m: re.Match[str]) -> Finding | None:
        parts = m.group().split(".")
        if not (_is_json_b64(parts[0]) and _is_json_b64(parts[1])):
            return None
        known = {".".join(v.split(".")[:2]).upper() for v in known_values("jwts")}
        if f"{parts[0]}.{parts[1]}".upper() in known and ctx.test_framed(m.start(), m.end()):
            return None
        return self.finding(m.start(), m.end(), "JSON Web Token")
