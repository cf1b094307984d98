"""`scan()` runs every detector over a prompt; `redact()` masks what they found."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

from aideon_desktop.core.privacy.contact import find_contacts
from aideon_desktop.core.privacy.context import Claims, TextContext
from aideon_desktop.core.privacy.credentials import find_secrets
from aideon_desktop.core.privacy.findings import Finding, Verdict
from aideon_desktop.core.privacy.numbers import (
    find_bank_numbers,
    find_cards,
    find_ibans,
    find_national_ids,
)
from aideon_desktop.core.privacy.topics import find_topics

Strictness = Literal["strict", "balanced"]


def _sanitize(text: str) -> str:
    """Same length as the input (spans stay valid); NULs and lone surrogates become spaces."""
    if "\x00" in text:
        text = text.replace("\x00", " ")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = "".join(" " if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)
    return text


def _custom_terms(text: str, terms: Iterable[str]) -> list[Finding]:
    findings = []
    for term in terms:
        term = term.strip()
        if not term:
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)
        for m in pattern.finditer(text):
            findings.append(
                Finding(
                    "custom_term", m.start(), m.end(), "custom_term", f"your private term '{term}'"
                )
            )
    return findings


def scan(
    text: str,
    *,
    strictness: Strictness = "balanced",
    custom_terms: Sequence[str] = (),
) -> Verdict:
    """Decide whether ``text`` must stay on this device, and say why."""
    if not text:
        return Verdict(sensitive=False)
    ctx = TextContext.of(_sanitize(text))
    taken = Claims()
    findings: list[Finding] = []
    findings += find_secrets(ctx, taken)
    findings += find_ibans(ctx, taken)
    findings += find_cards(ctx, taken)
    findings += find_national_ids(ctx, taken)
    findings += find_bank_numbers(ctx, taken)
    findings += find_contacts(ctx, taken)
    findings += find_topics(ctx, taken, strict=strictness == "strict")
    findings += _custom_terms(ctx.text, custom_terms)
    findings.sort(key=lambda f: (f.start, f.end))
    return Verdict(sensitive=bool(findings), findings=tuple(findings))


_MASKABLE = {"payment_card", "national_id", "bank_account", "secret", "contact", "custom_term"}
_PLACEHOLDER_NAMES = {
    "payment_card": "CARD",
    "national_id": "ID",
    "bank_account": "ACCOUNT",
    "secret": "SECRET",
    "contact": "CONTACT",
    "custom_term": "TERM",
}


def redact(text: str, findings: Sequence[Finding]) -> tuple[str, dict[str, str]]:
    """Replace maskable findings by placeholders like ``[CARD_1]``.

    Returns the masked text and the mapping placeholder → original, to restore an answer
    locally.  Topical findings (health, business…) cannot be masked and are left as they are.
    """
    spans = sorted((f for f in findings if f.category in _MASKABLE), key=lambda f: f.start)
    counters: dict[str, int] = {}
    by_value: dict[str, str] = {}
    mapping: dict[str, str] = {}
    out: list[str] = []
    pos = 0
    for f in spans:
        if f.start < pos:
            continue
        value = text[f.start : f.end]
        placeholder = by_value.get(value)
        if placeholder is None:
            name = _PLACEHOLDER_NAMES[f.category]
            if f.detector == "email":
                name = "EMAIL"
            elif f.detector == "phone":
                name = "PHONE"
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
    for placeholder, value in mapping.items():
        text = text.replace(placeholder, value)
    return text
