"""National and personal ID numbers from python-stdnum's catalogue (resources/privacy/
national_ids.toml lists every personal-ID module and why the others are left out).

A candidate counts when its checksum/structure validates and either its format is distinctive
(``alone``), it is written in the ID's own grouping (``formatted``), or a word naming that ID
stands near it (``context``).  The finding names the ID.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import importlib
import re
import re._parser as sre_parse
import time
from collections.abc import Callable, Iterator, Set
from dataclasses import dataclass
from typing import NamedTuple

from aideon_desktop.core.privacy.context import ScanContext, standalone
from aideon_desktop.core.privacy.detectors._common import (
    Window,
    documented_in,
    label_before,
    public_line,
    sample_value,
    uncut_windows,
)
from aideon_desktop.core.privacy.detectors.id_validators import REFINEMENTS, VALIDATORS
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import canonical, load_data
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
    standalone: str | None = None  # "any" or "grouped": may count standing alone, written so
    separators: str | None = None  # the only separators its written forms use, if listed


def _validator(module: str) -> Callable[[str], bool]:
    if module.startswith("aideon."):
        return VALIDATORS[module.removeprefix("aideon.")]
    std = importlib.import_module(f"stdnum.{module}")
    birth_date = getattr(std, "get_birth_date", None)
    refinement = REFINEMENTS.get(module, lambda _value: True)

    def valid(value: str) -> bool:
        """The module's check, and for an ID that holds a birth date: not a date to come (no
        one alive was born in 2201, whatever the checksum says)."""
        try:
            if not std.is_valid(value) or not refinement(value):
                return False
            return birth_date is None or birth_date(value) <= datetime.date.today()
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
                re.compile(fmt, re.IGNORECASE) if fmt else None,
                _validator(entry["module"]),
                entry.get("standalone"),
                entry.get("separators"),
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


_FORM = re.compile(r"[ .:]")
# A spaced French NIR is written in 7 groups ("2 61 11 33 201 063 94").
_MAX_TOKENS, _LENGTHS, _MAX_USUAL_GROUPS = 7, range(7, 19), 5


def checksum_refutes(label: str, value: str) -> bool:
    """Does a label name an ID whose checksum this value fails ("DNI 12345678A")?"""
    compact = _SEPARATORS_AWAY.sub("", value).upper()
    if len(compact) >= 15 and compact[:2].isalpha() and compact[2:4].isdigit():
        from stdnum import iban

        from aideon_desktop.core.privacy.detectors.iban import mod97_valid

        return not (mod97_valid(compact) and iban.is_valid(compact))
    modules = _modules_named_by(label)
    if not modules:
        return False
    named = [
        spec
        for spec in _by_length().get(len(compact), ())
        if spec.module in modules and spec.shape.match(compact)
    ]
    return bool(named) and not any(spec.validator(compact) for spec in named)


_SEPARATORS_AWAY = re.compile(r"[ \-./:]")
_FOREIGN_SEPARATOR = re.compile(r"[^0-9A-Za-z]")


def _modules_named_by(label: str) -> frozenset[str]:
    """The catalogue modules one of whose context words is ``label``."""
    return _modules_by_context_word().get(label, frozenset())


@functools.cache
def _modules_by_context_word() -> dict[str, frozenset[str]]:
    """Each context word of the catalogue (lower case) → the modules it names (built once: the
    catalogue walked for each new label took ~0.35 ms)."""
    by_word: dict[str, set[str]] = {}
    for entry in load_data("national_ids.toml")["id"]:
        for word in {w.lower() for w in entry.get("context", ())}:
            by_word.setdefault(word, set()).add(entry["module"])
    return {word: frozenset(modules) for word, modules in by_word.items()}


def valid_id(ctx: ScanContext, spec: IdSpec, value: str) -> bool:
    """``spec``'s validator on ``value``, asked once per scan (detectors share the answers)."""
    key = (spec.module, value)
    known = ctx.memo.get(key)
    if known is None:
        known = ctx.memo[key] = spec.validator(value)
    return known


@functools.cache
def _free_by_length() -> dict[int, tuple[IdSpec, ...]]:
    """Per length, the specs that may count without a context word (``alone``, ``formatted``)."""
    return {
        n: tuple(spec for spec in specs if spec.when != "context")
        for n, specs in _by_length().items()
    }


def _shape_lengths(compact: str, squeezed: str) -> list[int]:
    """The lengths at which the value fits some catalogue shape (one combined regex per length
    refuses most values in one call)."""
    shapes = _any_shape()
    lengths = []
    for value in (compact,) if squeezed == compact else (compact, squeezed):
        quick = shapes.get(len(value))
        if quick is not None and quick.fullmatch(value):
            lengths.append(len(value))
    return lengths


class Surroundings(NamedTuple):
    """What the text around a value says about it: the IDs named nearby, and whether it stands
    alone (the whole message, a line or a table cell) or is the whole message itself.  (A named
    tuple: part of the key of each answer kept per scan, hashed and compared in C.)"""

    named: frozenset[str]
    alone: bool = False
    whole_message: bool = False
    first: tuple[str, ...] = ()  # of several IDs named, those named by the longest words first


def _specs_for(lengths: list[int], around: Surroundings) -> list[IdSpec]:
    """The catalogue entries the value may be, those named by a word nearby first; a value
    standing alone may also be any ``standalone`` one."""
    table, named = _by_length(), around.named
    free = _free_alone_by_length() if around.alone else _free_by_length()
    specs = [spec for n in lengths for spec in table[n] if spec.module in named] if named else []
    if around.first:  # "Social Insurance Number" names the SIN before "social" names the SSN
        specs.sort(key=lambda spec: spec.module not in around.first)
    return specs + [spec for n in lengths for spec in free[n] if spec.module not in named]


def _most_specific(
    ctx: ScanContext, named: frozenset[str], start: int, end: int
) -> tuple[str, ...]:
    """Of several IDs named near [start, end), those named by the longest word ("social
    insurance number" over "social"): the finding says the ID the text names most exactly.
    (A hit spans the whole phrase matched, also for the shorter word it opens with.)"""
    if len(named) < 2:
        return ()
    hits, words = ctx.hits_of("id_context"), _context_words()
    first = bisect.bisect_left(hits, start - _NAMED_BEFORE, key=lambda hit: hit.start)
    longest: dict[str, int] = {}
    for hit in hits[first:]:
        if hit.start > end + _NAMED_AFTER:
            break
        if (hit.end <= start or hit.start >= end) and canonical(
            ctx.text[hit.start : hit.end]
        ) in words.get(hit.kind, ()):
            longest[hit.kind] = max(longest.get(hit.kind, 0), hit.end - hit.start)
    top = max(longest.values(), default=0)
    return tuple(sorted(kind for kind, n in longest.items() if n == top))


_NAMED_BEFORE, _NAMED_AFTER = 60, 25  # as ScanContext.kinds_near looks


@functools.cache
def _context_words() -> dict[str, frozenset[str]]:
    """Each catalogue module's context words, as the lexicon compares them."""
    return {
        entry["module"]: frozenset(canonical(w) for w in entry.get("context", ()))
        for entry in load_data("national_ids.toml")["id"]
    }


@functools.cache
def _free_alone_by_length() -> dict[int, tuple[IdSpec, ...]]:
    """Per length, the specs that may count without a context word when the value stands
    alone: those of ``_free_by_length`` and the ``standalone`` ones."""
    return {
        n: tuple(spec for spec in specs if spec.when != "context" or spec.standalone)
        for n, specs in _by_length().items()
    }


@functools.cache
def _standalone_lengths() -> frozenset[int]:
    """Lengths at which some ID may count standing alone (10 characters or more: of shorter
    numbers with one check digit, too many are something else)."""
    return frozenset(
        n
        for n, specs in _by_length().items()
        if n >= _STANDALONE_MIN and any(s.standalone for s in specs)
    )


_STANDALONE_MIN = 10
_EPOCH_FIRST = 1_000_000_000  # 2001-09-09 in seconds since 1970
_EPOCH_AHEAD = 10 * 365 * 86_400  # times up to ten years from now are still times


def _may_stand_alone(raw: str, compact: str) -> bool:
    """May a value standing alone count as an ID without a word naming it?  It has 10+
    characters, is written bare or with one kind of separator ("073-595 68 32", mixed, is how
    phone numbers are written), is not typed to stand for a number ("00000000001") and does
    not read as a Unix time."""
    return (
        len(compact) >= _STANDALONE_MIN
        and len(set(_FOREIGN_SEPARATOR.findall(raw))) <= 1
        and len(set(compact)) > 2
        and not _epoch_time(compact)
    )


def _whole_message(ctx: ScanContext, start: int, end: int) -> bool:
    """Is [start, end) all the message holds, bar surrounding space?"""
    return ctx.content_span == (start, end)


def _epoch_time(compact: str) -> bool:
    """Does a bare number read as a Unix time, in seconds (10 digits) or milliseconds (13),
    from 2001 to ten years from now?  Standing alone, such a number is a time a tool printed
    ("1732567890"), not an ID; named as an ID it still counts."""
    if not compact.isdigit() or len(compact) not in (10, 13):
        return False
    seconds = int(compact) // (1000 if len(compact) == 13 else 1)
    return _EPOCH_FIRST <= seconds <= time.time() + _EPOCH_AHEAD


def _documented(ctx: ScanContext, compact: str, start: int, end: int) -> bool:
    documented = documented_in(ctx, ("ssns", "national_ids"), compact, start, end)
    return documented or sample_value(ctx, compact, start, end)


def _written_as(spec: IdSpec, raw: str) -> bool:
    """Are the value's separators ones the ID's written forms use (when the catalogue says)?"""
    allowed = spec.separators
    return allowed is None or all(ch in allowed for ch in _FOREIGN_SEPARATOR.findall(raw))


# Four dotted groups of 0-255: an IPv4 address ("169.254.169.254"), whatever checksum its digits
# pass.  No ID is written so (the Swiss AHV's dotted groups open with 756).
_IPV4 = re.compile(r"^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$")


def _refuted(
    ctx: ScanContext, spec: IdSpec, named: Set[str], compact: str, span: tuple[int, int]
) -> bool:
    """A valid value that is still no ID here: a documented example, an IP address, a failing
    ID of the kind named nearby, a reference number, or a phone number."""
    start, end = span
    if _documented(ctx, compact, start, end) or _IPV4.match(ctx.text, start, end):
        return True
    if spec.module not in named and _named_id_refutes(named, compact):
        return True  # "PESEL 44051401358": a PESEL that fails, not an Australian Medicare
    if ctx.reference_number(start) or label_before(ctx, start, "phone"):
        return True
    return spec.module not in named and _said_to_be_a_phone(ctx, start, end)


def _named_id_refutes(named: Set[str], compact: str) -> bool:
    """Does a word nearby name an ID of this value's shape whose checksum it fails?"""
    return any(
        spec.module in named and spec.shape.match(compact)
        for spec in _by_length().get(len(compact), ())
    )


def _said_to_be_a_phone(ctx: ScanContext, start: int, end: int) -> bool:
    """An ID counted by its grouping alone ("901 111 500") that the sentence calls a phone
    number or an organisation's line is a phone number."""
    return label_before(ctx, start, "phone", chars=80) or public_line(ctx, start, end)


@register
class NationalIdDetector(Detector):
    name = "national_id"
    category = "national_id"
    precedence = CHECKSUM
    patterns = ("national_ids.toml: shape, format and validator of each personal-ID module",)
    labels = ("national_id", "id_card", "passport")

    def prepare(self) -> None:
        _any_shape()
        _free_by_length()
        _free_alone_by_length()
        _standalone_lengths()
        _context_words()

    def candidates(self, ctx: ScanContext) -> Iterator[Window]:
        """Sub-runs of 7-18 characters that are not cut out of a longer run grouped the same
        way ("DE75 [1627 1373 4602] 87" is no Aadhaar number)."""
        for candidate in ctx.long_candidates:
            compact = candidate.compact
            if len(compact) < 7:
                continue
            if candidate.raw is candidate.digits:  # one plain number: its one window, itself
                if len(compact) in _LENGTHS:  # (as ``windows`` gives it, without a generator)
                    yield candidate.start, candidate.end, candidate.raw, compact
                continue
            yield from uncut_windows(ctx, candidate, _MAX_TOKENS, _LENGTHS)

    def validate(self, ctx: ScanContext, window: Window) -> Finding | None:
        start, end, raw, compact = window
        if compact.isdigit() and made_up_number(compact):
            return None
        squeezed = _FORM.sub("", raw).upper() if "-" in raw or "/" in raw else compact
        lengths = _shape_lengths(compact, squeezed)
        if not lengths:
            return None
        alone = not _standalone_lengths().isdisjoint(lengths) and standalone(ctx.text, start, end)
        named = frozenset(ctx.kinds_near("id_context", start, end))
        around = Surroundings(
            named,
            alone,
            alone and _whole_message(ctx, start, end),
            _most_specific(ctx, named, start, end),
        )
        key = ("national_id", raw, around)  # the same value in the same setting: one answer
        if key in ctx.memo:
            spec = ctx.memo[key]
        else:
            specs = _specs_for(lengths, around)
            spec = ctx.memo[key] = self._first_valid(ctx, raw, compact, squeezed, specs, around)
        if spec is None or _refuted(ctx, spec, around.named, compact, (start, end)):
            return None
        return self.finding(start, end, spec.label)

    def _first_valid(
        self,
        ctx: ScanContext,
        raw: str,
        compact: str,
        squeezed: str,
        specs: list[IdSpec],
        around: Surroundings,
    ) -> IdSpec | None:
        """The first catalogue entry the value may be here and whose validator accepts it."""
        many_groups = sum(map(raw.count, " -.:")) >= _MAX_USUAL_GROUPS
        for spec in specs:
            if not self._allowed(spec, raw, compact, around) or (
                many_groups and not (spec.format and spec.format.match(raw))
            ):
                continue  # six or seven groups: only an ID whose own grouping that is
            if not _written_as(spec, raw):
                continue  # "20241003.1187": no personnummer is written with a dot
            value = compact if spec.shape.match(compact) else squeezed
            if spec.shape.match(value) and valid_id(ctx, spec, value):
                return spec
        return None

    @staticmethod
    def _allowed(spec: IdSpec, raw: str, compact: str, around: Surroundings) -> bool:
        """Distinctive alone, written in its own grouping, named by a word nearby, or a value
        of 10+ characters with a check standing alone as the message, a line or a table cell:
        bare when its check is strong (``standalone = "any"``); with one check digit
        (``"grouped"``: a bare number passes it 1 time in 10) written in groups, or bare when it
        is the whole message (someone who pastes "312345678909" alone is asking about that
        number: fail closed), not a bare line or cell of a tool's output."""
        if spec.when == "alone" or spec.module in around.named:
            return True
        own_format = spec.format is not None and bool(spec.format.match(raw))
        shown_as_id = (
            spec.standalone == "any"
            or around.whole_message
            or _FOREIGN_SEPARATOR.search(raw) is not None
        )
        if spec.standalone and around.alone and shown_as_id and _may_stand_alone(raw, compact):
            return True
        return spec.when == "formatted" and own_format
