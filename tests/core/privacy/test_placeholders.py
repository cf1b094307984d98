"""Placeholders, references and dummies are not secrets; real-looking values are."""

from __future__ import annotations

import itertools
import random
import string

import pytest

from aideon_desktop.core.privacy.detectors.labelled_values import ID_RUNS
from aideon_desktop.core.privacy.placeholders import (
    dummy_digits,
    is_dummy,
    is_placeholder,
    is_reference,
    is_stand_in,
    made_up_number,
)


@pytest.mark.parametrize(
    "value",
    [
        "changeme",
        "xxxxxxxxxxxx",
        "${DB_PASS}",
        "$DB_PASS",
        "os.environ['X']",
        "<your-api-key>",
        "{{ password }}",
        "your_api_key_here",
        "a1b2c3d4e5f6",
        "1a2b3c4d",
        "abcdef1234567890abcdef",
        "87654321-4321-4321-4321-cba987654321",
        "asdf1234qwer5678zxcv",
        "test-password-123",
        "sk-AAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "invalid-key-format",
        "cGFzc3dvcmQ=",
    ],
)
def test_placeholders(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    [
        "HXe8DGg1iJd2AopzyxkFB7F2",
        "Tr0ub4dor&3x",
        "4f9a2c7e1b8d3f6a0c5e9b2d7f1a4c8e",
        "{AQAAABAAA 8E6Ef8F8d5De05d8BF1491e1ec}",
    ],
)
def test_real_looking_values_are_not_placeholders(value: str) -> None:
    assert not is_placeholder(value)


def test_random_strings_are_never_dummies() -> None:
    rng = random.Random(7)
    alphabet = string.ascii_letters + string.digits
    for _ in range(500):
        assert not is_placeholder("".join(rng.choice(alphabet) for _ in range(32)))


def test_a_weak_stated_password_is_still_a_password() -> None:
    assert not is_stand_in("hunter2") and not is_stand_in("qwerty1")
    assert is_stand_in("changeme") and is_stand_in("$PASSWORD")


def test_references() -> None:
    assert is_reference("${VAR}") and is_reference("$(cat secret)") and not is_reference("hunter2")


def test_made_up_numbers() -> None:
    assert made_up_number("123456789") and made_up_number("1111111111111")
    assert not made_up_number("536228741")


def test_constant_names_and_unspaced_instructions_are_stand_ins() -> None:
    from aideon_desktop.core.privacy.placeholders import is_prose, strip_closers

    assert is_prose("TWOJE_HASLO") and is_prose("YOUR_API_KEY") and is_prose("ここにAPIキーを入力")
    assert not is_prose("Xk29_Q8ZL") and not is_prose("秘密123")
    assert is_placeholder("MOT_DE_PASSE") and is_stand_in("TWOJE_HASLO")
    assert (
        strip_closers('secret123"},') == "secret123" and strip_closers("${DB_PASS}") == "${DB_PASS}"
    )


def test_words_in_brackets_stand_in_for_a_value() -> None:
    from aideon_desktop.core.privacy import scan
    from aideon_desktop.core.privacy.placeholders import bracketed_words

    assert bracketed_words("[dein Passwort]", 0)
    assert not bracketed_words("[Xk9!m2pq]", 0)
    assert not scan("Passwort: [dein Passwort]").sensitive
    assert not scan("mot de passe : <votre mot de passe>").sensitive
    assert scan("Passwort: (Sommer2024!) bitte nicht weitersagen").sensitive


def test_a_random_id_is_seldom_read_as_made_up() -> None:
    """An ID of random digits often holds a short counting run (A12803456): only one that is
    mostly runs is made up (A12345678)."""
    rng = random.Random(19)
    ids = [
        rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + "".join(rng.choices(string.digits, k=8))
        for _ in range(5000)
    ]
    made_up = sum(is_dummy(v, runs=ID_RUNS) for v in ids) / len(ids)
    assert made_up < 0.005
    assert sum(is_dummy(v) for v in ids) / len(ids) > 0.01, "passwords keep the stricter test"
    assert is_dummy("A12345678", runs=ID_RUNS) and is_dummy("Z98765432", runs=ID_RUNS)
    assert not is_dummy("A12803456", runs=ID_RUNS)
    eight = ["".join(rng.choices(string.digits, k=8)) for _ in range(5000)]
    assert sum(is_dummy(v, runs=ID_RUNS) for v in eight) / len(eight) < 0.002  # was 0.6 % at 0.75
    assert not is_dummy("57657323", runs=ID_RUNS)  # two runs of three: 6 of 8 digits


def test_one_block_repeated_is_made_up_but_a_triple_opening_a_value_is_not() -> None:
    """xxxxxxxx, abcabcabc, 0000-0000-0000-1234 are stand-ins; "11102953" is an ID that opens
    with a triple, "111hunter" a password that does (1 % of random 8-digit IDs do)."""
    for made_up in ("xxxxxxxx", "abcabcabc", "000000001", "xxxx-xxxx", "0000-0000-0000-1234"):
        assert is_dummy(made_up) and is_dummy(made_up, runs=ID_RUNS), made_up
    for real in ("11102953", "111hunter", "AAA123BBB", "7772-9104-18"):
        assert not is_dummy(real, runs=ID_RUNS), real
    rng = random.Random(23)
    opening_triples = [
        rng.choice(string.digits) * 3 + "".join(rng.choices(string.digits, k=5))
        for _ in range(2000)
    ]
    assert sum(is_dummy(v, runs=ID_RUNS) for v in opening_triples) / 2000 < 0.02


@pytest.mark.parametrize("value", ["${{", "{{", "{%", "<%=", "[["])
def test_the_opener_of_a_template_expression_is_a_reference(value: str) -> None:
    # "token: ${{ secrets.GITHUB_TOKEN }}" read up to its first space
    assert is_reference(value)


@pytest.mark.parametrize("value", ["DATA+OMITTED", "REDACTED", "[scrubbed]"])
def test_what_tools_print_in_place_of_a_secret_is_a_placeholder(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    ["123 456 789", "06-12345678", "01 23 45 67 89", "600 000 000", "+49 30 0000000",
     "138-0000-0000", "+7 (900) 000-00-00", "03-1234-5678", "777 777 777"],
)  # fmt: skip
def test_dummy_digits(value: str) -> None:
    assert dummy_digits(value)


@pytest.mark.parametrize(
    "value",
    ["601 382 947", "+49 761 4829173", "06-48271936", "(510) 384-2917", "12 34", "2026-11-25",
     "4539 1488 0343 6467"],
)  # fmt: skip
def test_real_looking_digits_are_not_dummies(value: str) -> None:
    assert not dummy_digits(value)


def _counting_run_by_steps(digits: str) -> bool:
    """The longest run of digits each one more than the last, walked digit by digit."""
    run = longest = 1
    for a, b in itertools.pairwise(digits):
        run = run + 1 if int(b) == int(a) + 1 else 1
        longest = max(longest, run)
    return longest >= 7


def test_a_counting_run_is_found_as_the_digit_walk_finds_it() -> None:
    """dummy_digits reads a counting run of seven ASCII digits with ``in``; it must say what
    the walk over the digits says (runs wrapping 9 -> 0, broken, six long, in other digits)."""
    rng = random.Random(7)
    for _ in range(3000):
        start = rng.randrange(10)
        run = "".join(str((start + i) % 10) for i in range(rng.randrange(4, 10)))
        noise = "".join(rng.choice("0123456789") for _ in range(rng.randrange(0, 12)))
        cut = rng.randrange(len(noise) + 1)
        digits = noise[:cut] + run + noise[cut:]
        if len(set(digits)) == 1 or len(digits) - len(digits.rstrip("0")) >= 6:
            continue  # said a dummy before any run is read
        expected = len(digits) >= 6 and _counting_run_by_steps(digits)
        assert dummy_digits(digits) == expected, digits
        arabic = digits.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        assert dummy_digits(arabic) == expected, digits
