"""Numbers dictated digit by digit in words: "zero seven seven zero zero nine one two three four
five", "null eins sieben zwei, drei vier fünf …", "cero seis uno …".

Seven or more digit words in a row (contexts.toml ``[digit_words]``, 12 languages; commas,
hyphens and spaces between them) are a number someone is handing over, most often a phone
number.  Counting ("one two three four five six seven …") is not: a run that only steps up or
down by one is left alone."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import literal_alternation, load_data
from aideon_desktop.core.privacy.registry import STRUCTURED, Detector, register

_MIN_DIGITS = 7
_REACH = 80  # characters from a label to where the spelled number starts
_SPILL = 160  # how far the number may run on past that


@functools.cache
def _digit_of() -> dict[str, str]:
    table = load_data("contexts.toml")["digit_words"]
    return {word: digit for digit, words in table.items() for word in words}


@functools.cache
def _first_word() -> re.Pattern[str]:
    """A digit word, written on its own."""
    return re.compile(rf"(?<![\w])(?:{literal_alternation(_digit_of())})(?![\w])")


_WORD = re.compile(r"[^\s,;\-–.:]+")
_GAP_CHARACTERS = frozenset(" \t\n,;-–.")


def _runs(lower: str, lo: int, hi: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, digits) of the run of 7+ digit words starting at ``lo`` (up to ``hi``)."""
    digit_of = _digit_of()
    run: list[tuple[int, int, str]] = []
    for m in _WORD.finditer(lower, lo, hi):
        if not run and m.start() > lo:
            return  # the run that starts at ``lo`` has ended: another needs a label of its own
        digit = digit_of.get(m.group())
        joined = run and len(lower[run[-1][1] : m.start()]) <= 3
        if digit is not None and (not run or joined):
            run.append((m.start(), m.end(), digit))
            continue
        if len(run) >= _MIN_DIGITS:
            yield run[0][0], run[-1][1], "".join(d for _s, _e, d in run)
        run = [(m.start(), m.end(), digit)] if digit is not None else []
    if len(run) >= _MIN_DIGITS:
        yield run[0][0], run[-1][1], "".join(d for _s, _e, d in run)


def _counting(digits: str) -> bool:
    steps = {int(b) - int(a) for a, b in itertools.pairwise(digits)}
    return steps <= {1} or steps <= {-1} or len(set(digits)) == 1


@register
class SpelledNumberDetector(Detector):
    name = "spelled_number"
    category = "contact"
    precedence = STRUCTURED
    patterns = ("7+ digit words in a row (contexts.toml [digit_words])",)
    labels = ("digit_words",)

    def prepare(self) -> None:
        _first_word()

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[int, int, str]]:
        """Runs within reach after a phone label or a word for "number" (the digit words are
        too common to look for everywhere)."""
        labels = [*ctx.hits_of("label", "phone"), *ctx.hits_of("context", "number_word")]
        spans = [(h.end, h.end + _REACH) for h in labels]
        end = -1
        for lo, hi in sorted(spans):
            if hi <= end:
                continue
            first = _first_word().search(ctx.lower, max(lo, end), hi)
            if first is None:
                continue
            for run in _runs(ctx.lower, first.start(), hi + _SPILL):
                end = run[1]
                yield run
            end = max(end, hi + _SPILL)

    def validate(self, ctx: ScanContext, run: tuple[int, int, str]) -> Finding | None:
        start, end, digits = run
        if _counting(digits) or ctx.claimed(start, end):
            return None
        return self.finding(start, end, "a number spelled out digit by digit")
