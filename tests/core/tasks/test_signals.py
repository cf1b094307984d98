"""One prompt analysed once (core/tasks/signals.py): every word list is matched in one pass, and
the answers are those of each list matched on its own."""

from __future__ import annotations

import pytest

from aideon_desktop.core.tasks.lexicon import lexicon
from aideon_desktop.core.tasks.signals import Analysis

PROMPTS = [
    "Write a haiku about autumn rain, number 7.",
    "Why did the Roman Empire fall? Weigh the causes step by step.",
    "Schreib mir ein Programm in Python, das jeden Morgen eine E-Mail schickt.",
    "Explain this:\n```py\nprint(len(set(s)))\n```",
    "関数を書いてください。如果明天下雨，我们应该怎么办？",
]


@pytest.mark.parametrize("prompt", PROMPTS)
def test_every_list_answers_as_it_would_alone(prompt: str) -> None:
    a = Analysis(prompt)
    for name, word_list in lexicon().lists.items():
        assert a.terms(name) == word_list.found(a._whole)
        assert a.terms(name, prose=True) == word_list.found(a._prose)
        assert a.has(name, prose=True) == word_list.occurs(a._prose)
        assert a.cue(name) == word_list.occurs(a._prose)
        assert a.count(name) == len(word_list.found(a._whole))


def test_a_short_language_is_searched_only_when_its_word_is_there() -> None:
    lex = lexicon()
    texts = [*PROMPTS, "write it in C", "w C#, potem w F# i Go", "a Go program", "met Zig."]
    for text in texts + [f"{p} in {name}" for p in PROMPTS for name in ("C", "Rust", "D")]:
        a = Analysis(text)
        if lex.short_language.search(a.text):
            assert not lex.short_words.isdisjoint(a._whole.distinct), text
        expected = len(a.terms("tech")) + len(set(lex.names.findall(a.text)))
        assert a.tools == expected + (lex.short_language.search(a.text) is not None)


def test_a_name_of_no_list_is_an_error_not_a_miss() -> None:
    a = Analysis("Write a haiku about autumn rain")
    for ask in (a.terms, a.has, a.cue, a.count):
        with pytest.raises(KeyError, match="nonsense"):
            ask("nonsense")
