"""Numbers dictated digit by digit in words, after a phone label or a word for "number"."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy import scan


def spelled(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text).findings if f.detector == "spelled_number"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "my personal number for emergencies: zero seven two six two four three three nine.",
            "zero seven two six two four three three nine",
        ),
        (
            "meine Nummer: null eins sieben zwei, drei vier fünf, sechs sieben acht neun.",
            "null eins sieben zwei, drei vier fünf, sechs sieben acht neun",
        ),
        (
            "Llámame al seis uno dos, tres cuatro cinco, seis siete ocho",
            "seis uno dos, tres cuatro cinco, seis siete ocho",
        ),
    ],
)
def test_a_number_said_in_words(text: str, value: str) -> None:
    assert spelled(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Teach my kid to count: one two three four five six seven eight nine ten.",
        "My number one priority: one two three, go!",
        "zero seven two six two four three three nine",  # no label: words alone are no number
    ],
)
def test_counting_and_unlabelled_words_are_not(text: str) -> None:
    assert not spelled(text)


def categories(text: str) -> list[str]:
    return [f.category for f in scan(text).findings if f.detector == "spelled_number"]


@pytest.mark.parametrize(
    "text",
    [
        # Luhn-valid Visa numbers, dictated after a card label (en, ru, de)
        "my card number is four five three nine one four eight eight zero three four three "
        "six four six seven",
        "номер карты четыре пять три девять один четыре восемь восемь ноль три четыре три "
        "шесть четыре шесть семь",
        "Kreditkarte: vier fünf drei neun eins vier acht acht null drei vier drei sechs vier sechs "
        "sieben",
    ],
)
def test_a_card_number_said_in_words_is_a_card(text: str) -> None:
    assert categories(text) == ["payment_card"]


def test_a_spelled_card_number_is_a_card_even_after_a_phone_label() -> None:
    text = "call me back about four five three nine one four eight eight zero three four three six four six seven"
    assert categories(text) == ["payment_card"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("мой телефон ноль три девять шесть один семь три девять ноль шесть", "contact"),
        ("telefonum sıfır beş üç iki yedi dört sekiz dokuz bir altı", "contact"),
        ("το κινητό μου μηδέν έξι εννέα τρία δύο επτά οκτώ τέσσερα", "contact"),
        ("số điện thoại của tôi là không chín một hai ba tám bảy sáu", "contact"),
        ("Kontonummer: fünf acht drei eins null null sieben zwei neun", "bank_account"),
        ("my PIN is two seven one nine eight eight four", "secret"),
    ],
)
def test_what_the_label_names_is_what_a_dictated_number_is(text: str, category: str) -> None:
    assert categories(text) == [category]


@pytest.mark.parametrize(
    "text",
    [
        "Переведи на английский: один два три четыре пять шесть семь восемь",  # counting
        "номер карты: четыре четыре четыре четыре четыре четыре четыре",  # one repeated word
        "Πες μου τα νούμερα: ένα δύο τρία τέσσερα πέντε έξι επτά οκτώ",  # counting, no label
    ],
)
def test_counting_in_other_languages_is_no_number(text: str) -> None:
    assert categories(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # Luhn-valid cards with some groups said in words, some in figures (en, de, sv, zh)
        "My card number is 4539 one four eight eight 0343 6467, why is it declined?",
        "Meine Kreditkartennummer lautet 4539 eins vier acht acht 0343 6467.",
        "Mitt kortnummer är 4539 1488 noll tre fyra tre 6467",
        "我的信用卡号是 4539 一 四 八 八 0343 6467",
    ],
)
def test_a_card_partly_said_in_words_is_a_card(text: str) -> None:
    assert categories(text) == ["payment_card"]


@pytest.mark.parametrize(
    "text",
    [
        "my card number is 4539 1488 0343 6467",  # all figures: the card detector's, not this one
        "Room number 12, then 14, one more at 16 and 18",  # a word for one, not a dictated number
    ],
)
def test_figures_alone_are_not_a_spelled_number(text: str) -> None:
    assert not spelled(text)


def test_one_short_word_beside_figures_is_a_word_of_the_sentence() -> None:
    # Polish "to" ("is"), Norwegian "to" ("two"): a helpline's number, not a dictation
    assert not spelled("Telefon Zaufania to 116 123, a numer alarmowy 112")


@pytest.mark.parametrize(
    "text",
    [
        "カード番号：四五三九　一四八八　〇三四三　六四六七",
        "我的卡号：四五三九 一四八八 〇三四三 六四六七",
    ],
)
def test_a_card_in_han_numerals_is_a_card(text: str) -> None:
    assert categories(text) == ["payment_card"]


def test_han_numerals_inside_words_are_not_a_number() -> None:
    assert not spelled("我的电话是一个新号码，三四个月前换的")
