"""Small helpers several detectors share."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from aideon_desktop.core.privacy.candidates import Candidate
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.lexicon import literal_alternation, load_data
from aideon_desktop.core.privacy.placeholders import dummy_digits

SEPARATOR = re.compile(r"[ \-./]")


@functools.cache
def known_values(kind: str) -> frozenset[str]:
    return frozenset(v.upper() for v in load_data("known_values.toml")[kind])


def documented_example(ctx: ScanContext, kind: str, value: str, start: int, end: int) -> bool:
    """A published test value (4111…, DE89…) presented as test data, or any value named a
    test or example one right before it ("the example IBAN GB77 …")."""
    return documented_in(ctx, (kind,), value, start, end)


def documented_in(
    ctx: ScanContext, kinds: tuple[str, ...], value: str, start: int, end: int
) -> bool:
    """``documented_example`` for a value that may be of any of ``kinds`` (the same answer as
    asking kind by kind; the words before the value are looked at once)."""
    upper = value.upper()
    if any(upper in known_values(kind) for kind in kinds) and ctx.test_framed(start, end):
        return True
    hit = ctx.hit_near("context", start, start, before=40, after=0, kind="test_value_name")
    if hit is not None and start - hit.end > 12:
        return False
    return hit is not None and not any(ch.isdigit() for ch in ctx.text[hit.end : start])


@functools.cache
def sample_words() -> frozenset[str]:
    """Words that name a value an example one (known_values.toml's sample_words)."""
    return frozenset(load_data("known_values.toml")["sample_words"])


@functools.cache
def _sample_words() -> re.Pattern[str]:
    return re.compile(literal_alternation(sample_words()))


def sample_word_in(value: str) -> bool:
    """Does a value name itself an example ("Musterstraße 1", "rue de l'Exemple",
    "jan.kowalski@przyklad.pl")?"""
    return _sample_words().search(value.lower()) is not None


def sample_value(ctx: ScanContext, value: str, start: int, end: int) -> bool:
    """Sample data presented as such: a value with dummy digits or an example word in it, in a
    text that frames it as an example, a template, test or made-up data.  A real value in the
    same form is still found (its digits are not dummies and it names no example)."""
    if not (dummy_digits(value) or sample_word_in(value)):
        return False
    return ctx.test_framed(start, end)


def tokens_of(candidate: Candidate) -> list[tuple[int, int]]:
    """(start, end) of each token of a candidate run, in text positions."""
    return candidate.tokens


Window = tuple[int, int, str, str]  # start, end, raw text, compact (no separators, upper case)


def windows(
    ctx: ScanContext,
    candidate: Candidate,
    max_tokens: int = 7,
    lengths: range = range(1, 99),
    *,
    uncut: bool = False,
) -> Iterator[Window]:
    """Contiguous sub-runs of up to ``max_tokens`` tokens whose compact length is in ``lengths``.
    With ``uncut``, a sub-run cut out of a longer run grouped the same way is skipped: one whose
    tokens are joined by one separator when the run goes on with that separator to another
    digit-bearing token ("DE75 [1627 1373 4602] 87" is no ID of its own)."""
    toks, parts, seps, digit = candidate.split()
    text, low, high, count = ctx.text, lengths.start, lengths.stop, len(toks)
    if count == 1:  # most runs: one token, one window (the run itself)
        if low <= len(parts[0]) < high:
            yield toks[0][0], toks[0][1], candidate.raw, parts[0]
        return
    for i in range(count):
        compact = ""
        for j in range(i, min(i + max_tokens, count)):
            compact += parts[j]
            size = len(compact)
            if size > high:
                break
            if low <= size < high and not (uncut and _cut(seps, digit, i, j)):
                start, end = toks[i][0], toks[j][1]
                yield start, end, text[start:end], compact


def uncut_windows(
    ctx: ScanContext, candidate: Candidate, max_tokens: int, lengths: range
) -> Iterator[Window]:
    """``windows`` without those cut out of a longer run grouped the same way."""
    return windows(ctx, candidate, max_tokens, lengths, uncut=True)


def _cut(seps: str, digit: list[bool], i: int, j: int) -> bool:
    """Do tokens i..j, joined by one separator, go on with it to a digit-bearing token?"""
    if j == i:
        return False
    inside = seps[i:j]
    sep = inside[0]
    if inside.count(sep) != len(inside):
        return False  # mixed separators: a grouping of its own
    before = i > 0 and digit[i - 1] and seps[i - 1] == sep
    return before or (j + 1 < len(digit) and digit[j + 1] and seps[j] == sep)


def label_before(ctx: ScanContext, start: int, kind: str, chars: int = 30) -> bool:
    """Is a label of ``kind`` right before ``start`` (no digits and no line break between)?"""
    hit = ctx.hit_near("label", start, start, before=chars, after=0, kind=kind)
    if hit is None:
        return False
    gap = ctx.text[hit.end : start]
    return "\n" not in gap and not re.search(r"\d", gap)


# The writer calls the number theirs: "my personal number", "meine Nummer", "mi móvil".
_OWN_NUMBER = re.compile(
    r"\b(?:my|mine|personal|private|own|mein\w*|mon|ma|mes|mi|mio|mia|meu|minha|mijn|mitt|min|"
    r"mój|moja|moje)\b|私の|我的|내 |제 ",
    re.IGNORECASE,
)


def public_line(ctx: ScanContext, start: int, end: int) -> bool:
    """Is the number named as an organisation's published line (a helpline, switchboard or
    customer service: contexts.toml ``public_line``) and not called the writer's own?"""
    hit = ctx.hit_near("context", start, end, before=90, after=40, kind="public_line")
    if hit is None:
        return False
    gap_start = hit.end if hit.end <= start else max(0, start - 40)
    return _OWN_NUMBER.search(ctx.text, gap_start, start) is None
