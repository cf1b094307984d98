"""Whole-word term alternations from data files."""

from __future__ import annotations

from aideon_desktop.core.term_match import term_regex


def test_whole_words_only_longest_first_and_endings() -> None:
    regex = term_regex(["ms", "multiple sclerosis", "alzheimer*"])
    assert regex.search("I have multiple sclerosis").group() == "multiple sclerosis"
    assert regex.search("Diagnosed with MS in May")
    assert not regex.search("The msg queue and 'terms' are fine")
    assert regex.search("my gran's Alzheimer's is worse").group() == "Alzheimer's"
    assert not regex.search("non-ms")  # a hyphen is part of the word
