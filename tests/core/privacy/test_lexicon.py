"""The lexicon: every word list in one prefix-tree pass, with word boundaries where they exist."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aideon_desktop.core.privacy.lexicon import (
    Lexicon,
    _all_entries,
    _render,
    _render_root,
    _sentence_only,
    any_case_alternation,
    canonical,
    has_cjk,
    lexicon,
    prefix_tree,
    spellings,
    trie_regex,
)

ROOT = Path(__file__).resolve().parents[3]


def kinds(text: str, lex: Lexicon) -> list[tuple[str, str]]:
    return [(text[h.start : h.end], h.kind) for h in lex.scan(text.lower())]


def test_trie_matches_whole_words_and_word_endings() -> None:
    regex = trie_regex(["pin", "pin code", "alzheimer*", "mot de passe"])
    assert regex is not None
    assert regex.search("my pin code").group() == "pin code"
    assert regex.search("spinning") is None
    assert regex.search("alzheimer's disease").group() == "alzheimer's"
    assert regex.search("mot-de-passe").group() == "mot-de-passe"


def test_hotel_does_not_contain_the_phone_label_tel() -> None:
    assert ("hotel", "phone") not in kinds("Book the hotel", lexicon())
    assert ("tel", "phone") in [(w.lower(), k) for w, k in kinds("tel: 555", lexicon())]


def test_cjk_and_thai_terms_need_no_spaces() -> None:
    lex = Lexicon([("label", "password", "密码"), ("label", "password", "비밀번호")])
    assert kinds("我的密码是x 비밀번호는", lex) == [("密码", "password"), ("비밀번호", "password")]
    found = {k for _w, k in kinds("เลขบัตรประชาชนของฉันคือ 1", lexicon())}
    assert "th.pin" in found


def test_labels_cover_twelve_languages() -> None:
    samples = {
        "en": "password",
        "de": "passwort",
        "fr": "mot de passe",
        "es": "contraseña",
        "it": "parola d'ordine",
        "pt": "senha",
        "nl": "wachtwoord",
        "pl": "hasło",
        "sv": "lösenord",
        "ja": "パスワード",
        "zh": "密码",
        "ko": "비밀번호",
    }
    for language, word in samples.items():
        assert ("label", "password") in {(h.group, h.kind) for h in lexicon().scan(word)}, language


def test_canonical_folds_spacing_and_apostrophes() -> None:
    assert canonical("Driver’s  License") == canonical("driver's-license") == "driver's license"


def test_terms_are_found_without_their_accents() -> None:
    lex = Lexicon([("label", "password", "contraseña"), ("health", "strong", "náusea*")])
    assert kinds("mi contrasena es", lex) == [("contrasena", "password")]
    assert kinds("la nausea y la náuseas", lex) == [("nausea", "strong"), ("náuseas", "strong")]


def test_one_hit_per_group_and_kind() -> None:
    hits = lexicon().scan("mon code de carte bleue")
    assert len(hits) == len(set(hits))


def test_terms_are_matched_in_nfkc_as_the_text_is() -> None:
    """Thai "ำ" (U+0E33) is "ํา" in NFKC: a Thai label must still be found."""
    from aideon_desktop.core.privacy import scan

    assert scan("เลขประจำตัวประชาชน 4142622339480").sensitive


@pytest.mark.parametrize(
    "text",
    [
        "my password: hunter2, my IBAN (DE44 5001 0517 5407 3249 31) and diagnosed with asthma",
        "Mein Passwort ist «geheim» — Kontonummer: 1234567; 私のパスワードは abc です",
        "[name] (id number): 12 345 678; pin-code=4471 'secret' „Steuer-ID“ 12345678901",
    ],
)
def test_the_lexicon_finds_the_same_terms_with_either_gap_class(text: str) -> None:
    """The table class (text within the Basic Multilingual Plane) and ``[^\\w]`` (other text)
    find the same terms."""
    gap = lexicon()._after_gap
    assert gap is not None
    lower = text.lower()
    table = [m.span(1) for m in gap.within_bmp.finditer(lower)]
    assert table == [m.span(1) for m in gap.anywhere.finditer(lower)]
    assert table  # the texts hold terms


def test_emoji_are_gaps_between_terms() -> None:
    """Text with an emoji is scanned with ``[^\\w]``: an emoji separates words as a BMP symbol
    does, so the hits are those of the same text with a BMP symbol in its place."""
    with_emoji = "🙂password: hunter2 🙂 diagnosed with asthma🙂"
    with_symbol = with_emoji.replace("🙂", "☃")
    found = lexicon().scan(with_emoji.lower())
    assert found and found == lexicon().scan(with_symbol.lower())


def _lexicon_terms(sentence_level: bool) -> list[str]:
    """The Latin-script terms of the whole-text (or the sentence) lexicon, as it builds them."""
    return [
        term
        for group, kind, written in _all_entries()
        if _sentence_only(group, kind) == sentence_level
        for term in spellings(written)
        if not has_cjk(term)
    ]


def _texts_with_terms(terms: list[str]) -> list[str]:
    """Prompts of the project's own cases, and every term in running text: at the start, after
    other terms, glued to letters of other scripts, apostrophes and hyphens around it."""
    rows = (ROOT / "tests" / "data" / "privacy_own_cases.jsonl").read_text(encoding="utf-8")
    texts = [json.loads(line)["prompt"].lower() for line in rows.splitlines() if line.strip()]
    words = sorted({canonical(t.rstrip("*")) for t in terms})
    texts += [" ".join(words), ", ".join(words), "-".join(words), "’".join(words)]
    texts += ["x".join(words), "é".join(words), "".join(words), "мой " + " мой".join(words)]
    texts += [" ".join(w + w[-1:] + "s" for w in words), " ".join(w[:-1] for w in words)]
    return texts


_BEYOND = "àäåèéöúüčłśšαγμеилнпрсізמתشقआपमव"  # the characters that open non-ASCII terms


@pytest.mark.parametrize("sentence_level", [False, True])
def test_terms_opening_beyond_ascii_grouped_find_what_the_plain_tree_finds(
    sentence_level: bool,
) -> None:
    """The first level of the tree puts the terms that open with a non-ASCII character behind
    one class (``_render_root``): the bounded pattern and the after-a-gap pattern find the same
    terms, at the same places, as the plain tree (``_render``) of the same terms."""
    terms = _lexicon_terms(sentence_level)
    root = prefix_tree(terms)
    plain, grouped = _render(root), _render_root(root)
    assert plain != grouped  # the lexicons hold terms of both kinds: the rewrite is in force
    bounded = [re.compile(rf"(?<![\w])(?:{body})(?![\w])") for body in (plain, grouped)]
    after_gap = [re.compile(rf"[^\w]((?:{body}))(?![\w])") for body in (plain, grouped)]
    for text in _texts_with_terms(terms):
        for old, new in (bounded, after_gap):
            assert [m.span(m.lastindex or 0) for m in old.finditer(text)] == [
                m.span(m.lastindex or 0) for m in new.finditer(text)
            ], text[:80]


@functools.cache
def _after_gap_both_ways() -> tuple[re.Pattern[str], re.Pattern[str]]:
    root = prefix_tree(_lexicon_terms(False))
    return (
        re.compile(rf"[^\w]((?:{_render(root)}))(?![\w])"),
        re.compile(rf"[^\w]((?:{_render_root(root)}))(?![\w])"),
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["pesel", "мой", "é", "ärzt", "α", "क", " ", "-", "'", ".", "x"])))
def test_grouped_first_level_on_any_mix_of_scripts(pieces: list[str]) -> None:
    plain, grouped = _after_gap_both_ways()
    text = " " + "".join(pieces) + " " + _BEYOND
    assert [m.span(1) for m in plain.finditer(text)] == [m.span(1) for m in grouped.finditer(text)]


def test_any_case_alternation_takes_the_longest_word_as_the_joined_words_do() -> None:
    words = ["patient", "patient name", "name", "nom", "nom du patient", "élève"]
    joined = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    tree = any_case_alternation(words)
    assert tree != joined  # lower-case words with no letters alike: a prefix tree
    for text in ("Patient Name: Ada", "NOM DU PATIENT: Leon", "Élève: Hugo", "nom: x", "patients"):
        expected = re.search(rf"(?i:{joined})", text)
        found = re.search(rf"(?i:{tree})", text)
        assert (found and found.span()) == (expected and expected.span())


def test_any_case_alternation_joins_words_whose_letters_case_blindness_confuses() -> None:
    # "ſ" (long s) and "s" are one letter to a pattern that ignores case: a tree would branch
    # on both, and the first branch, not the longest word, would win
    words = ["ſa", "sab"]
    assert any_case_alternation(words) == "sab|ſa"
    assert any_case_alternation(["Name", "name"]) == "Name|name"  # not all in lower case


def test_vietnamese_phrases_and_turkish_dotless_i_are_found_as_typed_without_marks() -> None:
    lex = Lexicon(
        [
            ("label", "password", "mật khẩu"),
            ("subject", "relations", "mẹ"),
            ("personal_situation", "terms", "işten çıkarıldım"),
        ]
    )
    assert kinds("mat khau wifi la abc", lex) == [("mat khau", "password")]
    assert kinds("isten cikarildim dun", lex) == [("isten cikarildim", "terms")]
    # one syllable without its marks is many others ("mẹ" would be English "me")
    assert kinds("give me a minute", lex) == []
    assert kinds("mẹ tôi", lex) == [("mẹ", "relations")]


def test_phrases_are_found_without_their_apostrophes_but_words_are_not() -> None:
    assert "im gay" in spellings("i'm gay")
    assert "dont tell anyone" in spellings("don't tell anyone")
    assert spellings("we'll") == {"we'll"}  # "well" is another word


def test_prepare_compiles_the_pattern_for_text_beyond_the_bmp_and_looks_up_the_terms() -> None:
    """The sentence lexicon's pattern for text with an emoji took ~30 ms to compile in the
    first such scan with a topical sentence; prepare() compiles it, and the tags of every term
    as listed are looked up (the first scans met them one by one)."""
    from aideon_desktop.core.privacy.lexicon import Lexicon

    lex = Lexicon([("label", "password", "password"), ("health", "strong", "diabetes")])
    assert lex._after_gap is not None
    assert "anywhere" not in vars(lex._after_gap)
    lex.prepare()
    assert "anywhere" in vars(lex._after_gap)
    assert lex._memo["diabetes"] == [("health", "strong")]
