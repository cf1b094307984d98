"""Guesses from a value's looks: random-looking quoted strings, and wallet recovery phrases."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.placeholders import is_placeholder, shannon_entropy
from aideon_desktop.core.privacy.registry import HEURISTIC, Detector, register

# Quoted high-entropy strings (the detect-secrets approach: hex > 3.0 bits, base64 > 4.5 bits).
_QUOTED = re.compile(r"(['\"])([A-Za-z0-9+/=_-]{20,500})\1")
_HASH_CONTEXT = re.compile(
    r"sha-?\d*|md5|hash|checksum|digest|commit|fingerprint|uuid|guid|integrity|etag|nonce|id\b"
)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)


@register
class HighEntropyDetector(Detector):
    name = "high_entropy_string"
    category = "secret"
    precedence = HEURISTIC
    patterns = (_QUOTED,)

    def candidates(self, ctx: ScanContext) -> Iterator[re.Match[str]]:
        if "'" in ctx.text or '"' in ctx.text:
            yield from _QUOTED.finditer(ctx.text)

    def validate(self, ctx: ScanContext, m: re.Match[str]) -> Finding | None:
        value = m.group(2)
        if re.fullmatch(r"[0-9a-fA-F]+", value):
            if shannon_entropy(value) <= 3.0 or value.isdigit():
                return None
        elif shannon_entropy(value) <= 4.5 or not (
            re.search(r"\d", value) and re.search(r"[A-Z]", value)
        ):
            return None
        if (
            _UUID.fullmatch(value)
            or is_placeholder(value)
            or _HASH_CONTEXT.search(ctx.before(m.start(), 60))
        ):
            return None
        return self.finding(m.start(2), m.end(2), "random-looking quoted string (likely a key)")


@functools.cache
def _bip39_words() -> frozenset[str]:
    from mnemonic import Mnemonic

    return frozenset(Mnemonic("english").wordlist)


_LIST_PUNCTUATION = {ord(","): " ", ord(";"): " "}


def _has_word_run(lower: str, words: frozenset[str], needed: int = 12) -> bool:
    """A cheap first look: are there ``needed`` wordlist words in a row (numbering allowed)?"""
    marks = "".join(
        [
            "1" if w in words else "" if w[0].isdigit() else "0"
            for w in lower.translate(_LIST_PUNCTUATION).split()
        ]
    )
    return "1" * needed in marks


# Runs of 12+ short lower-case words (BIP-39 words are 3-8 letters), numbered or not.
_WORD_RUN = re.compile(
    r"(?:(?<![\w])[a-z]{3,8}(?:[ ,\t\n]|\s*\d{1,2}[.)]\s*|-)+){11,}[a-z]{3,8}(?![\w])"
)


@register
class SeedPhraseDetector(Detector):
    name = "seed_phrase"
    category = "secret"
    precedence = HEURISTIC
    patterns = (_WORD_RUN,)

    def candidates(self, ctx: ScanContext) -> Iterator[re.Match[str]]:
        if len(ctx.text) > 4000 and not ctx.hits_of("context", "seed_cue"):
            return  # a phrase pasted without a word about wallets comes in a short prompt
        if _has_word_run(ctx.lower, _bip39_words()):
            yield from _WORD_RUN.finditer(ctx.lower)

    def validate(self, ctx: ScanContext, m: re.Match[str]) -> Finding | None:
        words = _bip39_words()
        run: list[re.Match[str]] = []
        for w in re.finditer(r"[a-z]+", m.group()):
            if w.group() in words:
                run.append(w)
                if len(run) >= 12:
                    continue
            elif len(run) >= 12:
                break
            else:
                run = []
        if len(run) < 12:
            return None
        start, end = m.start() + run[0].start(), m.start() + run[-1].end()
        return self.finding(start, end, f"{len(run)}-word wallet recovery phrase")
