"""`scan()`: normalise once, run the detector registry, report in the user's own characters."""

from __future__ import annotations

import gc
import re
from collections.abc import Sequence
from typing import Literal

from aideon_desktop.core.privacy import registry
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.findings import NOT_SENSITIVE, Finding, Verdict
from aideon_desktop.core.privacy.lexicon import lexicon, sentence_lexicon
from aideon_desktop.core.privacy.normalize import fold_table

Strictness = Literal["strict", "balanced"]


def _sanitize(text: str) -> str:
    """Same length as the input (spans stay valid); NULs and lone surrogates become spaces."""
    if "\x00" in text:
        text = text.replace("\x00", " ")
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = "".join(" " if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)
    return text


def _custom_terms(ctx: ScanContext, terms: Sequence[str]) -> list[Finding]:
    findings = []
    for term in terms:
        term = term.strip()
        if not term:
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)
        for m in pattern.finditer(ctx.text):
            reason = f"your private term '{term}'"
            findings.append(Finding("custom_term", m.start(), m.end(), "custom_term", reason))
    return findings


_WARM_UP = "card 4539 1488 0343 6467, SSN 536-22-8741, café, 私の IBAN DE44 5001 0517 5407 3249 31"
# Made-up prose of the kinds the topic rules and the labelled values read, so that the patterns
# they compile on first use (regular expressions given as strings) are compiled here too.
_WARM_UP_PROSE = (
    "Dear Dr Weber, my wife Anna (54) was diagnosed with diabetes; her insulin dose is "
    "marked as private. The merger with Northwind is confidential until March, and our "
    "revenue fell 12%. Call me at 10:30 on +1 415 555 0132, 12 Main Street, Springfield. "
    "Password: Tr0ub4dor&3 RFC GODE561231GR8 CURP GODE561231HDFRRN09 ID AB1234567. "
    "Priya told me that her boss found her anxiety pills."
)


def prepare() -> None:
    """Build every table the detectors use (lexicons, the ID catalogue, token patterns, the
    Unicode folding table) now, off the GUI thread, so the first real scan is as fast as the rest.
    Calling it is optional: ``scan`` builds what it needs on first use (a few hundred ms).

    Then freeze what the process has built so far (``gc.freeze``): the tables live as long as
    the app, so the cyclic collector need not walk them at every full collection."""
    lexicon().prepare()
    sentence_lexicon().prepare()
    fold_table()
    registry.prepare()
    scan(_WARM_UP)  # and the regular expressions the detectors compile on first use
    scan(_WARM_UP_PROSE)
    scan(_WARM_UP + " 🙂")  # (text beyond the BMP has patterns of its own: bmp_classes.py)
    gc.freeze()


def scan(
    text: str,
    *,
    strictness: Strictness = "balanced",
    custom_terms: Sequence[str] = (),
) -> Verdict:
    """Decide whether ``text`` must stay on this device, and say why.

    Finding spans index ``text`` itself, whatever normalisation the detectors worked on.
    """
    if not text or text.isspace():
        return NOT_SENSITIVE
    # A scan allocates many short-lived objects and makes no reference cycles: reference
    # counting frees them all, so the cyclic collector is kept from pausing the scan (and from
    # walking the detectors' tables) until it returns.
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        return _scan(text, strictness, custom_terms)
    finally:
        if collecting:
            gc.enable()


def _scan(text: str, strictness: Strictness, custom_terms: Sequence[str]) -> Verdict:
    ctx = ScanContext(_sanitize(text))
    ctx.strict = strictness == "strict"
    found = registry.run(ctx) + _custom_terms(ctx, custom_terms)
    mapped = []
    for f in found:
        start, end = ctx.norm.span(f.start, f.end)
        moved = start != f.start or end != f.end
        mapped.append(Finding(f.category, start, end, f.detector, f.reason) if moved else f)
    mapped.sort(key=lambda f: (f.start, f.end))
    return Verdict(sensitive=bool(mapped), findings=tuple(mapped))
