"""Normalisation: one pass that folds disguises away, and a map back to the user's characters."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy.normalize import normalize

NBSP, THIN, ZWSP, NBH, EN_DASH = "\u00a0", "\u2009", "\u200b", "\u2011", "\u2013"


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in text)


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        (f"4539{NBSP}1488{THIN}0343 6467", "4539 1488 0343 6467"),
        (f"45{ZWSP}39 1488", "4539 1488"),
        (fullwidth("DE44 5001"), "DE44 5001"),
        (f"0343{NBH}6467{EN_DASH}9", "0343-6467-9"),
        ("4539 1488\n  0343 6467", "4539 1488 0343 6467"),
        ("soft\u00adhyphen \u202eRTL", "softhyphen RTL"),
        ("plain ascii stays", "plain ascii stays"),
    ],
)
def test_disguises_are_folded(original: str, expected: str) -> None:
    assert normalize(original).text == expected


def test_text_lines_are_not_joined_only_split_values() -> None:
    text = "First line ends here\nSecond line 12\nthird"
    assert normalize(text).text == text


@pytest.mark.parametrize(
    ("original", "value"),
    [
        (f"card 4539{NBSP}1488{ZWSP}0343{NBH}6467 ok", "4539 14880343-6467"),
        (f"iban {fullwidth('DE44')} 5001 done", "DE44 5001"),
        ("x 4539 1488\n  0343 6467 y", "4539 1488 0343 6467"),
        ("ﬁne 4\u200b5\u200b3\u200b9 and café", "4539"),
        ("emoji 😀 then 1234 5678", "1234 5678"),
    ],
)
def test_every_normalised_span_maps_to_the_original_characters(original: str, value: str) -> None:
    norm = normalize(original)
    start = norm.text.index(value)
    o_start, o_end = norm.span(start, start + len(value))
    shown = original[o_start:o_end]
    # The original slice is the value as the user wrote it: same digits and letters, in order.
    assert [c for c in normalize(shown).text if c.isalnum()] == [c for c in value if c.isalnum()]
    assert not original[o_start].isspace() and not original[o_end - 1].isspace()


def test_identity_map_for_plain_text() -> None:
    norm = normalize("nothing to fold")
    assert norm.identity and norm.span(3, 7) == (3, 7)


def test_a_character_that_expands_maps_to_itself() -> None:
    norm = normalize("a\ufb01b")  # the "fi" ligature becomes two letters
    assert norm.text == "afib"
    assert norm.span(1, 3) == (1, 2)


def test_a_number_dictated_one_digit_at_a_time_is_joined() -> None:
    text = "it is 4 6 4 2 7 1 2 2 0 4 6 2 3 7 8 5 — ok"
    norm = normalize(text)
    assert "4642712204623785" in norm.text
    start = norm.text.index("4642712204623785")
    assert norm.span(start, start + 16) == (6, 37)


def test_wide_gaps_between_letters_and_digits_close() -> None:
    norm = normalize("IBAN  IE09  BOFI  9327")
    assert norm.text == "IBAN IE09 BOFI 9327"
    assert norm.span(5, 9) == (6, 10)


def test_decomposed_accents_are_composed() -> None:
    norm = normalize("racio\u0301n y na\u0301usea")
    assert norm.text == "ración y náusea"
    assert norm.span(0, 6) == (0, 7)


def test_an_iban_split_over_lines_between_letters_is_joined() -> None:
    from aideon_desktop.core.privacy import scan

    for text, value in (
        ("Please pay GB82 WEST\n1234 5698 7654 32 today", "GB82 WEST\n1234 5698 7654 32"),
        ("IBAN: NL91 ABNA\n0417 1643 00", "NL91 ABNA\n0417 1643 00"),
        ("Pay RO12NVCWREQL\nGJDN1CDF646X", "RO12NVCWREQL\nGJDN1CDF646X"),
    ):
        found = scan(text).findings
        assert [text[f.start : f.end] for f in found] == [value]
    assert not scan("Version AB12 released\nNotes follow").sensitive


def test_a_table_row_is_not_joined_to_the_next() -> None:
    """A CSV row that ends in a number and the next row opening with a date are two cells,
    not one value split over a line break."""
    text = "date,card\n2024-09-05,5371 4803 6604 4042\n2024-09-09,**** 7833"
    assert normalize(text).text == text
    assert normalize("Card 4539 1488\n0343 6467").text == "Card 4539 1488 0343 6467"


def test_arabic_vowel_marks_and_hebrew_points_are_read_past() -> None:
    """ "اعتُقل" (with a damma) was missed where "اعتقل" was caught; the finding still points at
    the user's own characters, marks included."""
    from aideon_desktop.core.privacy import scan

    for marked, plain in (
        ("اعتُقل أخي أمس في المطار", "اعتقل أخي أمس في المطار"),
        ("אחי נֶעֱצַר אתמול בשדה התעופה", "אחי נעצר אתמול בשדה התעופה"),
    ):
        assert normalize(marked).text == plain
        found = scan(marked).findings
        assert found and found[0].category == "personal_situation"
        assert marked[found[0].start : found[0].end] in ("اعتُقل", "נֶעֱצַר")


def test_digits_of_every_script_become_ascii_digits() -> None:
    original = "٤٥٣٩ ۱۴۸۸ ०३४३ ৬৪৬৭ ๑๒"
    result = normalize(original)
    assert result.text == "4539 1488 0343 6467 12"
    start = result.text.index("0343")
    assert result.span(start, start + 4) == (10, 14)
