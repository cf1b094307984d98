"""What the learned topic model reads: words, stems, CJK characters and pairs, numbers, cues."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from aideon_desktop.core.privacy.topic_features import (
    CHUNK,
    HEAD,
    STEM,
    TAIL,
    chunks,
    features,
    readable,
    token_features,
    tokens,
)


def test_a_long_word_gives_the_word_and_its_stem() -> None:
    assert token_features("therapist") == ["w:therapist", "p:" + "therapist"[:STEM]]
    assert token_features("therapie")[1] == token_features("therapy")[1] == "p:thera"


def test_a_short_word_gives_the_word_only() -> None:
    assert token_features("my") == ["w:my"]


def test_numbers_say_only_that_there_is_one() -> None:
    assert features("in 2024 we paid 7 and 12") == ["w:in", "w:we", "w:paid", "w:and", "w:0"]


def test_cjk_runs_give_characters_and_neighbouring_pairs() -> None:
    assert token_features("診断され") == ["診", "断", "さ", "れ", "診断", "断さ", "され"]
    assert token_features("암") == ["암"]


def test_each_distinct_word_counts_once_and_the_lexicon_cues_follow() -> None:
    found = features("my dog, my dog, my dog", ["health"])
    assert found == ["w:my", "w:dog", "h:health"]


def test_distinct_words_with_one_stem_each_bring_it() -> None:
    assert features("therapy therapist").count("p:thera") == 2


def test_a_long_paste_is_read_at_its_start_and_end_only() -> None:
    text = "a " * HEAD + "middle " * 5_000 + "z " * TAIL
    read = readable(text)
    assert len(read) == HEAD + TAIL + 1
    assert "middle" not in read
    assert "".join(chunks(text)) == read


def test_a_long_text_is_judged_in_prompt_sized_pieces_cut_at_sentence_ends() -> None:
    text = "This is one sentence of the paste. " * 100
    pieces = chunks(text)
    assert len(pieces) > 1
    assert all(len(piece) <= CHUNK for piece in pieces)
    assert all(piece.endswith(".") for piece in pieces[:-1])


def test_a_short_text_is_one_piece() -> None:
    assert readable("short text") == "short text"
    assert chunks("short text") == ["short text"]
    assert list(tokens("short text, short")) == ["short", "text"]


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60) | st.text(alphabet="ab ç1_-é私ß🙂\u0301\u00a0𝟙", max_size=60))
def test_tokens_are_the_word_runs_of_any_text(piece: str) -> None:
    """Within the BMP the word runs are found with ``\\w`` spelled out: the same runs as
    ``\\w+`` (and text beyond it, an emoji, is read with ``\\w+`` itself)."""
    assert tokens(piece) == dict.fromkeys(re.findall(r"\w+", piece))
