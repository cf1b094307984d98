"""Wallet recovery phrases: twelve or more words in a row from one BIP-39 word list, in any of
the languages the standard has lists for (English, Spanish, French, Italian, Portuguese, Czech,
Japanese, Korean, Chinese…), numbered or not, with or without the accents."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import load_data
from aideon_desktop.core.privacy.registry import CHECKSUM, Detector, register

_NEEDED = 12
_READ_WHOLE = 1000
_WORD = re.compile(r"[^\W\d_]+")
# Between two words of a phrase: spaces, commas, line breaks, numbering ("1.", "2)", "3 -").
_GAP = re.compile(r"[\s,;.\-)(\d]*")


def _plain(word: str) -> str:
    """The word without accents ("ración" → "racion"): people type phrases both ways."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@functools.cache
def word_lists() -> dict[str, int]:
    """word → bit mask of the BIP-39 lists it belongs to (NFKC, lower case, and unaccented)."""
    from mnemonic import Mnemonic

    index: dict[str, int] = {}
    for bit, language in enumerate(sorted(Mnemonic.list_languages())):
        for word in Mnemonic(language).wordlist:
            word = unicodedata.normalize("NFKC", word).lower()
            for form in {word, _plain(word)}:
                index[form] = index.get(form, 0) | 1 << bit
    return index


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _may_hold_a_run(lower: str, start: int, end: int) -> bool:
    """A cheap first look: ``_NEEDED`` whitespace-separated tokens in a row that are list words
    (numbering and punctuation stripped)?"""
    index, row = word_lists(), 0
    for token in lower[start:end].split():
        word = token.strip(_STRIP)
        if word in index:
            row += 1
            if row >= _NEEDED:
                return True
        elif word and not word.isdigit():
            row = 0
    return False


_STRIP = ",;.:()-0123456789"


def phrase_runs(lower: str, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, words) of each run of ``_NEEDED``+ words of one list in ``lower[start:end]``."""
    if not _may_hold_a_run(lower, start, end):
        return
    index = word_lists()
    mask, count, run_start, last_end = 0, 0, start, start
    for m in _WORD.finditer(lower, start, end):
        bits = index.get(m.group(), 0)
        joined = bool(mask & bits) and bool(_GAP.fullmatch(lower, last_end, m.start()))
        if joined:
            mask, count = mask & bits, count + 1
        else:
            if count >= _NEEDED:
                yield run_start, last_end, count
            mask, count, run_start = bits, (1 if bits else 0), m.start()
        last_end = m.end()
    if count >= _NEEDED:
        yield run_start, last_end, count


@register
class SeedPhraseDetector(Detector):
    """Twelve or more BIP-39 words in a row: a wallet recovery phrase.  Ranked with the checksum
    tier: the whole phrase must win over a label that names only its first word."""

    name = "seed_phrase"
    category = "secret"
    precedence = CHECKSUM
    patterns = (_WORD, _GAP)

    def prepare(self) -> None:
        word_lists()

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[int, int, int]]:
        """A short prompt is read whole; in a longer one (over 1,000 characters) a phrase is
        looked for only near a word about wallets ("seed phrase", "mnemonic", "MetaMask"…)."""
        if len(ctx.text) <= _READ_WHOLE:
            regions = [(0, len(ctx.text))]
        else:
            cues = ctx.hits_of("context", "seed_cue")
            regions = _merged(
                [(max(0, h.start - 300), min(len(ctx.text), h.end + 700)) for h in cues]
            )
        for start, end in regions:
            yield from phrase_runs(ctx.lower, start, end)

    def validate(self, ctx: ScanContext, candidate: tuple[int, int, int]) -> Finding | None:
        start, end, words = candidate
        phrase = _WORD.findall(ctx.lower, start, end)
        if max(map(phrase.count, set(phrase))) * 2 >= len(phrase):
            return None  # "abandon abandon … about": one word over and over is made up
        if _documented(ctx, " ".join(phrase), start, end):
            return None
        return self.finding(start, end, f"{words}-word wallet recovery phrase")


def _documented(ctx: ScanContext, phrase: str, start: int, end: int) -> bool:
    """A published test vector presented as test data."""
    known = load_data("known_values.toml")["seed_phrases"]
    return any(phrase.startswith(k) or k.startswith(phrase) for k in known) and ctx.test_framed(
        start, end
    )
