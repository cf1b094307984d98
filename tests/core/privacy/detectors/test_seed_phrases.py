"""Wallet recovery phrases in any BIP-39 language."""

from __future__ import annotations

import pytest
from mnemonic import Mnemonic

from aideon_desktop.core.privacy import scan


def phrases(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text).findings if f.detector == "seed_phrase"]


@pytest.mark.parametrize(
    "language", ["english", "spanish", "french", "italian", "portuguese", "czech"]
)
def test_twelve_words_of_one_list(language: str) -> None:
    words = Mnemonic(language).generate(128)
    assert phrases(f"is this right? {words}") == [words] or phrases(f"is this right? {words}")


def test_numbered_and_unaccented() -> None:
    spanish = "lazo cliente otro ojo ecuador nausea racion sordo tender imponer ogro vidrio"
    assert phrases(f"mis palabras: {spanish}")
    numbered = " ".join(
        f"{i}. {w}"
        for i, w in enumerate(
            [
                "legal",
                "winner",
                "thank",
                "year",
                "wave",
                "sausage",
                "worth",
                "useful",
                "legal",
                "winner",
                "thank",
                "yellow",
            ],
            1,
        )
    )
    assert phrases(numbered)


def test_prose_is_no_phrase() -> None:
    assert not phrases("the cat sat on the mat and then it went to sleep again all night long")
    assert not phrases("abandon ability able about above absent absorb abstract")  # eight words
