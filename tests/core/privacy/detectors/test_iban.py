"""IBANs in any case and grouping; the mod-97 check decides."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy import scan


def ibans(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text).findings if f.detector == "iban"]


@pytest.mark.parametrize(
    "text",
    [
        "IBAN DE44 5001 0517 5407 3249 31 please",
        "iban de44500105175407324931 please",
        "IBAN: DE44.5001.0517.5407.3249.31",
        "IBAN GB33 BUKB 2020 1555 5555 55",
        "PL61 1090 1014 0000 0712 1981 2874",
    ],
)
def test_valid_ibans(text: str) -> None:
    assert ibans(text)


def test_the_longest_valid_prefix_is_taken() -> None:
    assert ibans("DE44 5001 0517 5407 3249 31 ABCD") == ["DE44 5001 0517 5407 3249 31"]


def test_invalid_and_documented_ibans() -> None:
    assert not ibans("DE45 5001 0517 5407 3249 31")
    assert not ibans("The docs example IBAN is DE89 3704 0044 0532 0130 00")


def test_a_value_named_an_example_right_before_it_is_documentation() -> None:
    from aideon_desktop.core.privacy import scan

    assert not scan("Use the example IBAN GB77 BARC 2025 6673 8428 73 in test mode.").sensitive
    assert not scan("Testkarte 4539 1488 0343 6467 für die Sandbox").sensitive
    assert scan("My IBAN is GB77 BARC 2025 6673 8428 73, it was a test of the app").sensitive


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("IBAN Deutschland 47370400440532013077", "47370400440532013077"),
        ("IBAN: 47 3704 0044 0532 0130 77", "47 3704 0044 0532 0130 77"),
    ],
)
def test_an_iban_without_its_country_code_after_an_iban_label(text: str, value: str) -> None:
    assert ibans(text) == [value]


def test_a_number_after_an_iban_label_that_validates_for_no_country() -> None:
    assert ibans("IBAN order 12345678901234567890") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("IBAN_DE=DE44_5001_0517_5407_3249_31", "DE44_5001_0517_5407_3249_31"),
        ("mitt IBAN är gb33_bukb_2020_1555_5555_55", "gb33_bukb_2020_1555_5555_55"),
        ("virement sur DE44/5001/0517/5407/3249/31 stp", "DE44/5001/0517/5407/3249/31"),
    ],
)
def test_an_iban_grouped_with_underscores_or_slashes(text: str, value: str) -> None:
    assert ibans(text) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("| Anna | DE44 | 5001 | 0517 5407 3249 31 |", "DE44 | 5001 | 0517 5407 3249 31"),
        ("| Anna | DE44 5001 | 0517 5407 3249 31 | 120 |", "DE44 5001 | 0517 5407 3249 31"),
        ("Anna\tDE44\t5001\t0517\t5407\t3249\t31", "DE44\t5001\t0517\t5407\t3249\t31"),
        ("| DE44 5001 0517 5407 3249 31 | 120 |", "DE44 5001 0517 5407 3249 31"),
    ],
)
def test_an_iban_whose_groups_a_table_put_in_cells(text: str, value: str) -> None:
    assert ibans(text) == [value]


def test_cells_that_do_not_make_an_iban() -> None:
    assert not ibans("| DE44 | 5001 | 0517 | 5407 | 3249 | 32 |")  # the check fails
    assert not ibans("| DE12 | 3 | 4 |")


def test_an_iban_in_other_digits() -> None:
    arabic = "DE44 5001 0517 5407 3249 31".translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert ibans(f"IBAN: {arabic}") == [arabic]


@pytest.mark.parametrize(
    "text",
    [
        "IBAN de 44 5001 0517 5407 3249 31",
        "DE 44 5001 0517 5407 3249 31",
        "DE-44-5001-0517-5407-3249-31",
        "IBAN: FR 76 3000 6000 0112 3456 7890 189",
    ],
)
def test_an_iban_with_its_country_code_apart(text: str) -> None:
    assert ibans(text) == [text.removeprefix("IBAN: ").removeprefix("IBAN ")]


def test_a_lower_case_country_apart_needs_a_bank_label() -> None:
    # "is", "de", "it" are words before a number; after an IBAN label they are a country
    assert not ibans("the number is 44 5001 0517 5407 3249 31")
    assert not ibans("de 44 5001 0517 5407 3249 31")


def test_a_country_code_apart_still_needs_the_check() -> None:
    assert not ibans("de 45 5001 0517 5407 3249 31")
    assert not ibans("ES 12 3456 7890 1234 5678 9012")


def test_letters_for_digits_in_an_iban_after_its_label() -> None:
    assert ibans("IBAN DE44 5OO1 O517 54O7 3249 31") == ["DE44 5OO1 O517 54O7 3249 31"]
    assert not ibans("DE44 5OO1 O517 54O7 3249 31")  # no label: the letters stay letters
    assert ibans("IBAN GB33 BUKB 2020 1555 5555 55") == ["GB33 BUKB 2020 1555 5555 55"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("DE44500105175407324931COBADEFFXXX", "DE44500105175407324931"),
        ("IBAN:DE44 5001 0517 5407 3249 31BIC:COBADEFF", "DE44 5001 0517 5407 3249 31"),
    ],
)
def test_an_iban_glued_to_the_next_word_ends_at_its_country_length(text: str, value: str) -> None:
    assert ibans(text) == [value]
    assert not ibans(text.replace("31", "32", 1))
