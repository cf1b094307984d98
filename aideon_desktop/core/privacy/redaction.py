"""Masking what a scan found, and putting it back into an answer."""

from __future__ import annotations

from collections.abc import Sequence

from aideon_desktop.core.privacy.findings import MASKABLE, Finding

_PLACEHOLDER_NAMES = {
    "payment_card": "CARD",
    "national_id": "ID",
    "bank_account": "ACCOUNT",
    "secret": "SECRET",
    "contact": "CONTACT",
    "custom_term": "TERM",
}
_DETECTOR_NAMES = {
    "email": "EMAIL",
    "phone": "PHONE",
    "street_address": "ADDRESS",
    "labelled_address": "ADDRESS",
    "card_expiry": "CARD_EXPIRY",
    "card_security_code": "CARD_CODE",
    "cardholder_name": "CARD_HOLDER",
}


def _merged(findings: Sequence[Finding]) -> list[Finding]:
    """Maskable findings by start; one that overlaps an earlier one extends it."""
    spans: list[Finding] = []
    for f in sorted((f for f in findings if f.category in MASKABLE), key=lambda f: f.start):
        if spans and f.start < spans[-1].end:
            last = spans[-1]
            if f.end > last.end:
                spans[-1] = Finding(last.category, last.start, f.end, last.detector, last.reason)
            continue
        spans.append(f)
    return spans


def redact(text: str, findings: Sequence[Finding]) -> tuple[str, dict[str, str]]:
    """Replace maskable findings by placeholders like ``[CARD_1]``.

    Returns the masked text and the mapping placeholder → original, to restore an answer
    locally.  The scan reports a private record whole (a card with its expiry date, security
    code and holder's name; a street address with its city and post code), so each part is
    masked.  Topical findings (health, business…) cannot be masked and are left as they are.
    """
    counters: dict[str, int] = {}
    by_value: dict[str, str] = {}
    mapping: dict[str, str] = {}
    out: list[str] = []
    pos = 0
    for f in _merged(findings):
        value = text[f.start : f.end]
        placeholder = by_value.get(value)
        if placeholder is None:
            name = _DETECTOR_NAMES.get(f.detector, _PLACEHOLDER_NAMES[f.category])
            counters[name] = counters.get(name, 0) + 1
            placeholder = f"[{name}_{counters[name]}]"
            by_value[value] = placeholder
            mapping[placeholder] = value
        out.append(text[pos : f.start])
        out.append(placeholder)
        pos = f.end
    out.append(text[pos:])
    return "".join(out), mapping


class StreamRestorer:
    """Restores placeholders in a streamed answer, where "[CARD_1]" may arrive as "[CA" + "RD_1]":
    text after an unclosed "[" is held back until it closes (or is clearly not a placeholder)."""

    MAX_PLACEHOLDER = 24

    def __init__(self, mapping: dict[str, str]) -> None:
        self.mapping = mapping
        self._pending = ""

    def feed(self, text: str) -> str:
        out = self._pending + text
        self._pending = ""
        cut = out.rfind("[")
        if cut != -1 and "]" not in out[cut:] and len(out) - cut < self.MAX_PLACEHOLDER:
            out, self._pending = out[:cut], out[cut:]
        return restore(out, self.mapping)

    def flush(self) -> str:
        out, self._pending = restore(self._pending, self.mapping), ""
        return out


def restore(text: str, mapping: dict[str, str]) -> str:
    """Put the original values back into an answer that uses the placeholders."""
    for placeholder in sorted(mapping, key=len, reverse=True):
        text = text.replace(placeholder, mapping[placeholder])
    return text
