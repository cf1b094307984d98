"""Public IP addresses (a home IP locates a person); private ranges and public resolvers are
not personal."""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Iterator

from aideon_desktop.core.privacy.boundaries import cjk_aware
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import load_data
from aideon_desktop.core.privacy.registry import STRUCTURED, Detector, register

_IPV4 = re.compile(cjk_aware(r"(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?(?![\w])(?!\.\d)"))
_IPV6 = re.compile(r"(?<![\w:])([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![\w:.])")
_VERSION_BEFORE = re.compile(r"\b(version|v|ver|release|build|chrome|firefox|ios|android)\s*$")


@functools.cache
def _public() -> frozenset[str]:
    return frozenset(load_data("known_values.toml")["public_ips"])


@register
class IpAddressDetector(Detector):
    name = "ip_address"
    category = "contact"
    precedence = STRUCTURED
    patterns = (_IPV4, _IPV6)

    def candidates(self, ctx: ScanContext) -> Iterator[re.Match[str]]:
        for c in ctx.candidate_groups["dotted"]:
            yield from _IPV4.finditer(ctx.text, c.start, min(len(ctx.text), c.end + 7))
        for start, end in ctx.long_tokens:
            if ctx.text.count(":", start, end) >= 2:
                yield from _IPV6.finditer(ctx.text, start, end)

    def validate(self, ctx: ScanContext, m: re.Match[str]) -> Finding | None:
        raw = m.group(1)
        if "." in raw and any(len(p) > 1 and p.startswith("0") for p in raw.split(".")):
            return None
        try:
            address = ipaddress.ip_address(raw)
        except ValueError:
            return None
        if (
            not address.is_global
            or raw in _public()
            or _VERSION_BEFORE.search(ctx.before(m.start(), 12))
        ):
            return None
        if address.version == 6 and re.search(r"\d{1,2}:\d{2}(?::\d{2})?$", raw):
            return None  # a time of day
        return self.finding(m.start(1), m.end(1), "public IP address")
