"""Numbers dictated digit by digit in words: "zero seven seven zero zero nine one two three four
five", "null eins sieben zwei, drei vier fünf …", "cero seis uno …".

Seven or more digits said as digit words in a row (contexts.toml ``[digit_words]``; commas,
hyphens and spaces between them; groups written in figures may stand among them, "4539 one four
eight eight 0343 6467") after a label are a number someone is handing over: the number the label names
(a card, an account, an ID), or a phone number after a phone label or a bare word for "number".
Spelled out, a number is still what it is: one with a card brand's prefix and length that passes
the Luhn check is a card whatever the label.  Counting ("one two three four five six seven …") is
not a number handed over: a run that only steps up or down by one is left alone."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors.cards import card_brand, luhn_valid
from aideon_desktop.core.privacy.findings import Category, Finding
from aideon_desktop.core.privacy.lexicon import literal_alternation, load_data
from aideon_desktop.core.privacy.registry import STRUCTURED, Detector, register

_MIN_DIGITS = 7
# labels.toml labels whose value may be dictated (each names its category there)
_DICTATED = ("phone", "card_number", "bank_account", "national_id", "pin", "access_code")
_REACH = 80  # characters from a label to where the spelled number starts
_SPILL = 160  # how far the number may run on past that


@functools.cache
def _digit_of() -> dict[str, str]:
    table = load_data("contexts.toml")["digit_words"]
    return {word: digit for digit, words in table.items() for word in words}


@functools.cache
def _label_categories() -> dict[str, Category]:
    """The category labels.toml gives each label whose value may be dictated."""
    labels = load_data("labels.toml")["label"]
    return {kind: labels[kind]["category"] for kind in _DICTATED}


@functools.cache
def _han_digit_of() -> dict[str, str]:
    """The Han numerals among the digit words (一, 二 … 〇, 零): written one after another
    without spaces ("四五三九 一四八八"), each character is a digit."""
    return {w: d for w, d in _digit_of().items() if w == "\u3007" or "\u4e00" <= w <= "\u9fff"}


@functools.cache
def _first_word() -> re.Pattern[str]:
    """A digit word, written on its own, or a group of Han numerals."""
    han = "".join(_han_digit_of())
    return re.compile(
        rf"(?<![\w])(?:{literal_alternation(_digit_of())})(?![\w])|(?<![\w])[{han}]{{2,8}}(?![\w])"
    )


_WORD = re.compile(r"[^\s,;\-–.:]+")
_GAP_CHARACTERS = frozenset(" \t\n,;-–.")
_GROUP = 8  # a group of figures among the words ("4539 one four eight eight 0343 6467")
# Groups of figures right before the first digit word, back to where the label's value starts.
_GROUPS_BEFORE = re.compile(r"(?:(?<![\w])\d{1,8}[ ,;\-–.]{1,3})+$")


def _digits_of(word: str) -> str | None:
    """The digits a word stands for: a digit word, or a short group written in figures."""
    digit = _digit_of().get(word)
    if digit is None and word.isdigit() and len(word) <= _GROUP:
        return word
    if digit is None and 1 < len(word) <= _GROUP:
        han = _han_digit_of()
        if all(ch in han for ch in word):
            return "".join(han[ch] for ch in word)
    return digit


def _runs(lower: str, lo: int, hi: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, digits) of the run of 7+ digits said in words (figures may stand among
    them: "4539 one four eight eight 0343 6467") starting at ``lo`` (up to ``hi``)."""
    run: list[tuple[int, int, str]] = []
    for m in _WORD.finditer(lower, lo, hi):
        if not run and m.start() > lo:
            return  # the run that starts at ``lo`` has ended: another needs a label of its own
        digit = _digits_of(m.group())
        joined = run and len(lower[run[-1][1] : m.start()]) <= 3
        if digit is not None and (not run or joined):
            run.append((m.start(), m.end(), digit))
            continue
        yield from _said(lower, run)
        run = [(m.start(), m.end(), digit)] if digit is not None else []
    yield from _said(lower, run)


_WORDS_AMONG_FIGURES = 3  # "to 116 123" (Norwegian "two"?) is a sentence, not a dictation


def _said(lower: str, run: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    """The run, when it holds 7+ digits said in words; among figures, a group of 3+ words in a
    row (one short word beside figures is more often a word of the sentence)."""
    digits = "".join(d for _s, _e, d in run)
    if len(digits) < _MIN_DIGITS:
        return
    words = longest = 0
    for s, e, _d in run:
        words = 0 if lower[s:e].isdigit() else words + 1
        longest = max(longest, words)
    if longest >= _WORDS_AMONG_FIGURES or (longest and longest == len(run)):
        yield run[0][0], run[-1][1], digits


def _run_start(lower: str, lo: int, first: int) -> int:
    """Where a run that reaches its first digit word at ``first`` begins: the groups of
    figures before it, after ``lo``."""
    if not any(ch.isdigit() for ch in lower[max(lo, first - 4) : first]):
        return first  # no figures right before: the commonest case, answered at once
    m = _GROUPS_BEFORE.search(lower, lo, first)
    return m.start() if m else first


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
        _label_categories()

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[int, int, str, Category]]:
        """Runs within reach after a label that names a number, or a word for "number" (the
        digit words are too common to look for everywhere), with what the label names."""
        categories = _label_categories()
        labels = [
            (h.end, categories[kind]) for kind in _DICTATED for h in ctx.hits_of("label", kind)
        ]
        labels += [(h.end, "contact") for h in ctx.hits_of("context", "number_word")]
        end = -1
        for lo, category in sorted(labels, key=lambda label: label[0]):
            hi = lo + _REACH
            if hi <= end:
                continue
            first = _first_word().search(ctx.lower, max(lo, end), hi)
            if first is None:
                continue
            begin = _run_start(ctx.lower, max(lo, end), first.start())
            for start, stop, digits in _runs(ctx.lower, begin, hi + _SPILL):
                end = stop
                yield start, stop, digits, category
            end = max(end, hi + _SPILL)

    def validate(self, ctx: ScanContext, run: tuple[int, int, str, Category]) -> Finding | None:
        start, end, digits, category = run
        if _counting(digits) or ctx.claimed(start, end):
            return None
        brand = card_brand(digits)
        if brand is not None and luhn_valid(digits):
            reason = f"a {brand} card number spelled out digit by digit (checksum valid)"
            return self.finding(start, end, reason, "payment_card")
        return self.finding(start, end, "a number spelled out digit by digit", category)
