"""Payment cards and the rest of the card record."""

from __future__ import annotations

import random

import pytest
from stdnum import ean

from aideon_desktop.core.privacy import scan
from aideon_desktop.core.privacy.detectors.cards import (
    card_brand,
    luhn_valid,
    plausible_grouping,
)


def spans(text: str, detector: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text).findings if f.detector == detector]


def test_brands() -> None:
    assert card_brand("4539148803436467") == "Visa"
    assert card_brand("378282246310005") == "American Express"
    assert card_brand("9999999999999999") is None


def test_grouping() -> None:
    assert plausible_grouping("4539 1488 0343 6467") and plausible_grouping("3782 822463 10005")
    assert not plausible_grouping("45 39 14 88 03 43 64 67")
    assert not plausible_grouping("12/03 1488-0343 6467")


@pytest.mark.parametrize(
    "text",
    [
        "Book the hotel with 4319252063607043, name on card J. Doe",  # "hotel" is no "tel" label
        "card 5308 5941 1842 7855 09/28 703",
        "pay 4539-1488-0343-6467 now",
        # another value right after the card (here an IBAN) ends it; it does not lengthen it
        "Hi 4539 1488 0343 6467 GB82 WEST 1234 5698 7654 32",
    ],
)
def test_cards_are_found(text: str) -> None:
    assert spans(text, "payment_card")


@pytest.mark.parametrize(
    "text",
    [
        "Order 4999 6748 7657 8293 has not shipped.",  # fails Luhn
        "Tracking number 4319252063607044 shows delivered",  # fails Luhn
        "Stripe test card 4242 4242 4242 4242 in our unit tests",
        "Call me on tel 4319252063607043",
        "1234 4539 1488 0343 6467 0000",  # the grouping goes on: a longer number
    ],
)
def test_not_cards(text: str) -> None:
    assert not spans(text, "payment_card")


def test_the_record_around_a_card() -> None:
    text = "Visa 4539 1488 0343 6467, exp 12/27, CVV 737, cardholder Maria Lopez"
    card = [text[f.start : f.end] for f in scan(text).findings if f.category == "payment_card"]
    assert card == ["4539 1488 0343 6467", "12/27", "737", "Maria Lopez"]


@pytest.mark.parametrize(
    "text",
    [
        "Book the hotel for Friday with my card 4371204363687022.",
        "Order #88213 - paid with 3789 395687 27070, refund it please",
        "Facture payée avec la carte 2223 7811 2478 6650, pourquoi un second débit ?",
        "予約番号ではなくカード番号です：６２４３ ５０６１ ７４５５ １６９７",
    ],
)
def test_a_checksum_valid_card_counts_whatever_word_frames_it(text: str) -> None:
    assert any(f.detector == "payment_card" for f in scan(text).findings)


def test_a_tracking_number_that_fails_luhn_is_no_card() -> None:
    assert not scan("Track my parcel: 4371204363687023 is the tracking number.").sensitive


def _ean13_passing_luhn(prefix: str, seed: int) -> str:
    rng = random.Random(seed)
    while True:
        body = prefix + "".join(rng.choices("0123456789", k=12 - len(prefix)))
        total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
        code = body + str((10 - total % 10) % 10)
        if luhn_valid(code):
            return code


@pytest.mark.parametrize(("prefix", "seed"), [("40", 1), ("42", 2), ("50", 3), ("690", 4)])
def test_a_product_barcode_is_no_card(prefix: str, seed: int) -> None:
    """A German (40-44), British (50) or Chinese (690) EAN-13 that passes Luhn by chance (one in
    ten do) reads as a 13-digit Visa or Maestro number, which nobody issues any more."""
    code = _ean13_passing_luhn(prefix, seed)
    assert ean.is_valid(code) and card_brand(code) is not None
    assert not scan(f"Barcode {code} scanned twice at the till").sensitive
    assert not scan(f"EAN;Artikel;Menge\n{code};Hafermilch;12").sensitive
    assert spans(f"Card number: {code}", "payment_card") == [code]
    assert scan(f"Please check {code} for me").sensitive, "no product word: it stays private"


@pytest.mark.parametrize(
    ("number", "brand"),
    [
        ("2200 3562 3012 3838", "Mir"),  # Russia's national scheme (2200-2204)
        ("9792 0000 0000 0003", "Troy"),  # Turkey
        ("8600 0000 0000 0007", "UzCard"),
        ("9860 0000 0000 0000", "Humo"),
        ("8200 0000 0000 0001", "RuPay"),
    ],
)
def test_national_card_schemes_are_cards(number: str, brand: str) -> None:
    digits = number.replace(" ", "")
    assert card_brand(digits) == brand
    assert luhn_valid(digits), "the example must pass Luhn"
    found = scan(f"карта {number}, срок 08/27").findings
    assert [(f.category, f.reason.split(" card")[0]) for f in found][:1] == [
        ("payment_card", brand)
    ]


def test_brand_ranges_end_where_the_schemes_end() -> None:
    assert card_brand("2720990000000000") == "Mastercard"
    assert card_brand("2221000000000009") == "Mastercard"
    assert card_brand("2204000000000000") == "Mir"
    assert card_brand("2205000000000000") is None  # between Mir and Mastercard's 2-series


def test_a_card_with_underscores_between_its_groups() -> None:
    assert spans("card: 5280_8303_1031_2350", "payment_card") == ["5280_8303_1031_2350"]
    assert spans("build_5280_8303_1031_2350 and v_4111_2024", "payment_card") == []


@pytest.mark.parametrize(
    "text",
    [
        "| Card | 4819 | 3036 | 4262 | 1297 |",  # one group a table cell
        "Los primeros 8 dígitos de mi tarjeta son 40334011 y los últimos 8 son 35869579",
    ],
)
def test_a_card_in_pieces_near_its_label(text: str) -> None:
    assert spans(text, "split_payment_card")


@pytest.mark.parametrize(
    "text",
    [
        "My card ending 4417 was charged twice on order 1234",
        "| Card | 4819 | 3036 | 4262 | 1298 |",  # Luhn fails
        "| room | ext |\n|---|---|\n| 4012 | 8881 |\n| 4013 | 8882 |",  # no card named
    ],
)
def test_pieces_that_are_no_card(text: str) -> None:
    assert spans(text, "split_payment_card") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Numer karty: 4539 l488 O343 6467", "4539 l488 O343 6467"),
        ("Kartennummer 4539 I488 0343 6467 bitte", "4539 I488 0343 6467"),
        ("my card number is 45391488O3436467", "45391488O3436467"),
    ],
)
def test_letters_typed_for_digits_after_a_card_label(text: str, value: str) -> None:
    assert spans(text, "payment_card") == [value]


@pytest.mark.parametrize(
    "text",
    [
        "4539 l488 O343 6467",  # no card label: letters stay letters
        "Serial 4539 l488 O343 6467 on the box",
        "card number 4539 LOIL OOIL 6467",  # mostly letters: no number
    ],
)
def test_letters_for_digits_need_a_card_label(text: str) -> None:
    assert not spans(text, "payment_card")


def test_a_card_read_out_in_pairs_after_a_card_label() -> None:
    assert spans("my card: 45 39 14 88 03 43 64 67", "payment_card") == ["45 39 14 88 03 43 64 67"]
    assert spans("Numer karty 45-39-14-88-03-43-64-67", "payment_card")
    assert not spans("Scores this week: 45 39 14 88 03 43 64 67", "payment_card")
    assert not spans("00000010  45 39 14 88 03 43 64 67  12 34 56 78 90 12 34 56", "payment_card")


@pytest.mark.parametrize("zero", ["٠", "۰", "०", "০", "๐", "０"])
def test_a_card_in_the_digits_of_another_script(zero: str) -> None:
    digits = str.maketrans("0123456789", "".join(chr(ord(zero) + i) for i in range(10)))
    value = "4539 1488 0343 6467".translate(digits)
    assert spans(f"{value} still works?", "payment_card") == [value]


def test_a_barcode_named_in_another_language_is_no_card() -> None:
    code = _ean13_passing_luhn("43", 5)
    for word in ("Kod kreskowy", "Streckkod", "バーコード", "条形码", "바코드", "código de barras"):
        assert not spans(f"{word} {code} nie działa", "payment_card"), word


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4539 1488 0343 6467 0928 737", "4539 1488 0343 6467"),
        ("3782 822463 10005 0927 1234", "3782 822463 10005"),
        ("4539.1488.0343.6467.1227", "4539.1488.0343.6467"),
    ],
)
def test_an_expiry_written_as_one_group_after_the_card(text: str, value: str) -> None:
    assert spans(text, "payment_card") == [value]


def test_a_longer_number_that_goes_on_in_the_same_grouping_is_no_card() -> None:
    assert not spans("4539 1488 0343 6467 7890", "payment_card")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("card4539148803436467", "4539148803436467"),
        ("Kreditkarte4539148803436467 bitte", "4539148803436467"),
        ("4539148803436467exp1227", "4539148803436467"),
        ("4539 1488 0343 6467exp12/27", "4539 1488 0343 6467"),
    ],
)
def test_a_card_glued_to_its_label_or_the_next_field(text: str, value: str) -> None:
    assert spans(text, "payment_card") == [value]


@pytest.mark.parametrize(
    "text",
    [
        "order ORD4539148803436467",  # an id's own letters, not a card label
        "sha a4539148803436467b",  # a hex string
        "id=4539148803436467abcdef",
    ],
)
def test_digits_inside_an_id_or_a_hash_are_no_card(text: str) -> None:
    assert not spans(text, "payment_card")


def test_a_stray_space_inside_one_group() -> None:
    assert plausible_grouping("4539 1488 0343 64 67")
    assert plausible_grouping("4539 1 488 0343 6467")
    assert not plausible_grouping("49 151 1234 5678")  # a short first group: a phone's country
    assert not plausible_grouping("4539 14 88 03 436467")  # two short groups


@pytest.mark.parametrize(
    "text",
    [
        "My card ending 4821 was charged twice, how do I dispute it?",
        "Statement shows **** **** **** 7310 – is that my Visa?",
        "La tarjeta XXXX-XXXX-XXXX-5512 no aparece en la app",
        "4539 14** **** 6467 was used at a gas station",
        "Visa •••• 6467 expires 12/27",
        "末尾3381のカードが使えません",
    ],
)
def test_a_masked_card_is_not_a_card_number(text: str) -> None:
    """The last four digits (or the first six and last four) are what statements and receipts
    print: not the number, so not private on their own."""
    assert not scan(text).sensitive
