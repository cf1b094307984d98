"""National and personal ID numbers from python-stdnum's catalogue (resources/privacy/
national_ids.toml lists every personal-ID module and why the others are left out).

A candidate counts when its checksum/structure validates and either its format is distinctive
(``alone``), it is written in the ID's own grouping (``formatted``), or a word naming that ID
stands near it (``context``).  The finding names the ID.
"""

from __future__ import annotations

import functools
import importlib
import re
import re._parser as sre_parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from aideon_desktop.core.privacy.candidates import Candidate
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors._common import (
    Window,
    documented_example,
    label_before,
    windows,
)
from aideon_desktop.core.privacy.detectors.id_validators import VALIDATORS
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import load_data
from aideon_desktop.core.privacy.placeholders import made_up_number
from aideon_desktop.core.privacy.registry import CHECKSUM, Detector, register


@dataclass(frozen=True)
class IdSpec:
    module: str
    label: str
    shape: re.Pattern[str]
    when: str
    format: re.Pattern[str] | None
    validator: Callable[[str], bool]


def _validator(module: str) -> Callable[[str], bool]:
    if module.startswith("aideon."):
        return VALIDATORS[module.removeprefix("aideon.")]
    std = importlib.import_module(f"stdnum.{module}")

    def valid(value: str) -> bool:
        try:
            return bool(std.is_valid(value))
        except Exception:  # noqa: BLE001 - a validator must never break the scan
            return False

    return valid


@functools.cache
def catalogue() -> tuple[IdSpec, ...]:
    specs = []
    for entry in load_data("national_ids.toml")["id"]:
        fmt = entry.get("format")
        specs.append(
            IdSpec(
                entry["module"],
                entry["label"],
                re.compile(entry["shape"]),
                entry["when"],
                re.compile(fmt) if fmt else None,
                _validator(entry["module"]),
            )
        )
    return tuple(specs)


@functools.cache
def _any_shape() -> dict[int, re.Pattern[str]]:
    """Per compact length, one regex of every shape: most windows are refused in one call."""
    return {
        n: re.compile("|".join(f"(?:{spec.shape.pattern.strip('^$')})" for spec in specs))
        for n, specs in _by_length().items()
    }


@functools.cache
def _by_length() -> dict[int, tuple[IdSpec, ...]]:
    """Specs whose shape admits a compact value of each length (from the regex's width)."""
    table: dict[int, list[IdSpec]] = {}
    for spec in catalogue():
        low, high = sre_parse.parse(spec.shape.pattern).getwidth()
        for n in range(low, min(high, 24) + 1):
            table.setdefault(n, []).append(spec)
    return {n: tuple(specs) for n, specs in table.items()}


_FORM = re.compile(r"[ .]")

_SEPARATORS = re.compile(r"[ \-./]")


def checksum_refutes(label: str, value: str) -> bool:
    """Does a label name an ID whose checksum this value fails ("DNI 12345678A")?"""
    compact = re.sub(r"[ \-./]", "", value).upper()
    named = [
        spec
        for spec in _by_length().get(len(compact), ())
        if spec.shape.match(compact) and label in _context_words(spec.module)
    ]
    if len(compact) >= 15 and compact[:2].isalpha() and compact[2:4].isdigit():
        from stdnum import iban

        return not iban.is_valid(compact)
    return bool(named) and not any(spec.validator(compact) for spec in named)


@functools.cache
def _context_words(module: str) -> frozenset[str]:
    for entry in load_data("national_ids.toml")["id"]:
        if entry["module"] == module:
            return frozenset(w.lower() for w in entry.get("context", ()))
    return frozenset()


def _cut_from_longer(candidate: Candidate, seps: list[str], start: int, end: int) -> bool:
    """Does the run go on past [start, end) with the separator used inside the window?"""
    tokens = candidate.tokens
    first = next(i for i, (s, _e) in enumerate(tokens) if s == start)
    last = next(i for i, (_s, e) in enumerate(tokens) if e == end)
    inside = set(seps[first:last])
    if len(inside) != 1:
        return False
    sep = inside.pop()
    text = candidate.raw
    before = (
        first > 0
        and seps[first - 1] == sep
        and _has_digit(text, tokens[first - 1], candidate.start)
    )
    after = (
        last + 1 < len(tokens)
        and seps[last] == sep
        and _has_digit(text, tokens[last + 1], candidate.start)
    )
    return before or after


def _has_digit(raw: str, token: tuple[int, int], offset: int) -> bool:
    return any(c.isdigit() for c in raw[token[0] - offset : token[1] - offset])


def _specs_for(compact: str, squeezed: str) -> tuple[IdSpec, ...]:
    """The catalogue entries whose shape fits the value (one combined regex per length first)."""
    shapes, table = _any_shape(), _by_length()
    specs: tuple[IdSpec, ...] = ()
    for value in {compact, squeezed}:
        quick = shapes.get(len(value))
        if quick is not None and quick.fullmatch(value):
            specs += table.get(len(value), ())
    return specs


def _documented(ctx: ScanContext, compact: str, start: int, end: int) -> bool:
    return documented_example(ctx, "ssns", compact, start, end) or documented_example(
        ctx, "national_ids", compact, start, end
    )


@register
class NationalIdDetector(Detector):
    name = "national_id"
    category = "national_id"
    precedence = CHECKSUM
    patterns = ("national_ids.toml: shape, format and validator of each personal-ID module",)
    labels = ("national_id", "id_card", "passport")

    def prepare(self) -> None:
        _any_shape()

    def candidates(self, ctx: ScanContext) -> Iterator[Window]:
        """Sub-runs of 7-18 characters that are not cut out of a longer run grouped the same
        way ("DE75 [1627 1373 4602] 87" is no Aadhaar number)."""
        for candidate in ctx.long_candidates:
            if len(candidate.compact) < 7:
                continue
            raw, start = candidate.raw, candidate.start
            seps = [raw[e - start] for _s, e in candidate.tokens[:-1]]
            for window in windows(ctx, candidate, max_tokens=5, lengths=range(7, 19)):
                if not _cut_from_longer(candidate, seps, window[0], window[1]):
                    yield window

    def validate(self, ctx: ScanContext, window: Window) -> Finding | None:
        start, end, raw, compact = window
        squeezed = _FORM.sub("", raw).upper() if "-" in raw or "/" in raw else compact
        specs = _specs_for(compact, squeezed)
        if not specs or (compact.isdigit() and made_up_number(compact)):
            return None
        named = ctx.kinds_near("id_context", start, end)
        for spec in sorted(specs, key=lambda spec: spec.module not in named):
            value = compact if spec.shape.match(compact) else squeezed
            if not spec.shape.match(value) or not self._allowed(spec, raw, named):
                continue
            if spec.validator(value) and not _documented(ctx, compact, start, end):
                if ctx.reference_number(start) or label_before(ctx, start, "phone"):
                    return None
                return self.finding(start, end, spec.label)
        return None

    @staticmethod
    def _allowed(spec: IdSpec, raw: str, named: set[str]) -> bool:
        """Distinctive alone, written in its own grouping, or named by a word nearby."""
        if spec.when == "alone" or spec.module in named:
            return True
        return spec.when == "formatted" and spec.format is not None and bool(spec.format.match(raw))
