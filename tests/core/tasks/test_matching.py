"""Word lists matched by word sets plus a regular expression for the rest (core/tasks/matching.py):
they find every term the plain regular expression of the same list finds, and only words that
are really there."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aideon_desktop.core.tasks.matching import ListIndex, Scanned, WordList, vocabulary

TERMS = st.sampled_from(
    [
        "git", "plan", "plan pour", "step by step", "programm*", "c++", "node.js", "e-mail",
        "python", "rate limit*", "a plan", "関数", "函数を", "함수", "for loop", "loop",
        "i'd like", "c'est quoi", "in english", "o que é", "ask a question",
    ]
)  # fmt: skip
PIECES = st.sampled_from(
    [
        "git", "gitlab", "plan", "pour", "plan pour", "step", "by", "programmer", "programmieren",
        "c++", "node.js", "e-mail", "pythonie", "rate limiting", "a", "関数を", "函数", "함수를",
        "for", "loop", " ", ", ", "-", ".", "x", "i'd", "like", "likely", "c'est", "quoi",
        "in", "english", "o", "que", "é", "ask", "question", "questions", "'",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    terms=st.lists(TERMS, min_size=1, max_size=6, unique=True), pieces=st.lists(PIECES, max_size=14)
)
def test_finds_everything_the_plain_pattern_finds(terms: list[str], pieces: list[str]) -> None:
    text = " ".join(pieces)
    words = WordList.of(terms, inflect=True)
    found = words.found(Scanned(text))
    assert {m.group() for m in vocabulary(terms, inflect=True).finditer(text)} <= found
    assert words.occurs(Scanned(text)) == bool(found)
    for term in found - {m.group() for m in vocabulary(terms, inflect=True).finditer(text)}:
        # the only extra finds: a single word inside a longer phrase that matched
        assert term in Scanned(text).distinct


def test_stems_phrases_and_cjk() -> None:
    words = WordList.of(["programmier*", "step by step", "関数", "git"])
    assert words.found(Scanned("wir programmieren step by step")) == {
        "programmieren",
        "step by step",
    }
    assert words.found(Scanned("関数を書いて")) == {"関数"}
    assert words.found(Scanned("gitで戻す")) == {"git"}
    assert words.found(Scanned("gitlab and digit")) == frozenset()


def test_a_phrase_is_looked_for_only_when_its_longest_word_is_there() -> None:
    words = WordList.of(["i need", "what is"])
    assert words.anchors == {"need", "what"}
    assert words.found(Scanned("i need a plan")) == {"i need"}
    assert words.found(Scanned("i want a plan")) == frozenset()


def test_occurrences_count_repeats() -> None:
    words = WordList.of(["beat", "lost to"])
    assert words.occurrences(Scanned("a beat b, b beat c, c lost to d")) == 3


@settings(max_examples=200, deadline=None)
@given(
    lists=st.lists(st.lists(TERMS, min_size=1, max_size=5, unique=True), min_size=1, max_size=4),
    pieces=st.lists(PIECES, max_size=14),
)
def test_the_index_finds_what_each_list_finds(lists: list[list[str]], pieces: list[str]) -> None:
    word_lists = {f"list{i}": WordList.of(terms, inflect=i == 0) for i, terms in enumerate(lists)}
    scanned = Scanned(" ".join(pieces))
    expected = {name: wl.found(scanned) for name, wl in word_lists.items()}
    assert ListIndex.of(word_lists).found(scanned) == expected


def test_the_index_scans_a_phrase_only_when_its_anchor_begins_a_word() -> None:
    index = ListIndex.of({"asks": WordList.of(["i need", "plan"]), "goals": WordList.of(["need"])})
    assert index.found(Scanned("i need a plan")) == {
        "asks": {"i need", "plan"},
        "goals": {"need"},
    }
    assert index.found(Scanned("i want a plan")) == {"asks": {"plan"}, "goals": frozenset()}
