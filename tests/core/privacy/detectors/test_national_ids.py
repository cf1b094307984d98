"""National IDs from python-stdnum's whole catalogue."""

from __future__ import annotations

import importlib
import pkgutil
import warnings

import pytest
import stdnum

from aideon_desktop.core.privacy import scan
from aideon_desktop.core.privacy.detectors.national_ids import catalogue
from aideon_desktop.core.privacy.lexicon import load_data


def ids(text: str) -> list[tuple[str, str]]:
    return [
        (text[f.start : f.end], f.reason)
        for f in scan(text).findings
        if f.category == "national_id"
    ]


def test_every_stdnum_module_was_reviewed() -> None:
    """Each stdnum module is either used as a personal ID or listed, with a reason, as not one."""
    modules = set()
    for info in pkgutil.walk_packages(stdnum.__path__, "stdnum."):
        if info.ispkg:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # renamed aliases
                module = importlib.import_module(info.name)
        except ImportError:
            continue
        if hasattr(module, "is_valid"):
            modules.add(info.name.removeprefix("stdnum."))
    data = load_data("national_ids.toml")
    used = {entry["module"] for entry in data["id"]}
    reviewed = {m for group in data["reviewed"].values() for m in group}
    assert modules <= used | reviewed, sorted(modules - used - reviewed)
    assert len(used) >= 80


def test_catalogue_entries_are_well_formed() -> None:
    for spec in catalogue():
        assert spec.when in ("alone", "formatted", "context"), spec.module
        assert spec.label and callable(spec.validator)
        if spec.when == "formatted":
            assert spec.format is not None, spec.module


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Mój PESEL to 84121153283.", "PESEL"),
        ("NRIC S8212345H please", "Singapore"),
        ("Thai ID 1-7756-62056-34-1", "Thai"),
        ("Medicare 2953 18477 1", "Medicare"),
        ("henkilötunnus 150390-1239", "Finnish"),
        ("주민등록번호 850101-1234568", "Korean"),
        ("TC kimlik 10234567828", "Turkish"),
        ("Steuer-ID 29 456 371 834", "Steuer-ID"),
        ("SSN 536-22-8741", "Social Security"),
        ("codice fiscale RSSMRA85T10A562S", "codice fiscale"),
        ("NINO AB 12 34 56 C", "National Insurance"),
    ],
)
def test_the_finding_names_the_id(text: str, label: str) -> None:
    found = ids(text)
    assert found and label in found[0][1], found


def test_generic_formats_need_a_context_word() -> None:
    assert ids("The BSN of the client is 670106513")
    assert not ids("The total came to 670106513 points")  # a valid BSN checksum, no context


def test_checksum_failures_and_made_up_numbers_are_not_ids() -> None:
    assert not ids("PESEL 84121153284")
    assert not ids("NRIC S8212345A")
    assert not ids("1111111111111")


def test_a_longer_number_is_not_cut_into_an_id() -> None:
    assert not ids("IBAN DE75 1627 1373 4602 8749 54 is rejected")


def test_reference_and_phone_labels_win() -> None:
    assert not ids("Order number 84121153283 was shipped")


def test_spaced_nir_in_seven_groups() -> None:
    assert ids("mon numéro de sécu : 2 61 11 33 201 063 94")
    assert ids("Mon n° de sécu c'est 2\u202f82\u202f06\u202f67\u202f006\u202f679\u202f03")


def test_six_two_digit_groups_are_no_swedish_id() -> None:
    """Beyond five groups only an ID's own written grouping counts."""
    assert not ids("lottery: 19 01 02 12 34 58")


def test_an_id_standing_alone_counts() -> None:
    """The whole message, a line or a cell holding a value with a strong check digit."""
    assert ids("312345678909")
    assert ids("name,aadhaar\nRavi,312345678909\n")
    assert not ids("order 312345678909 shipped")


def test_no_one_is_born_in_the_future() -> None:
    assert not ids("Rückfragen an Jonas, 0171 2345678.")  # PESEL date 2201: a phone number


def test_bare_korean_numbers_need_their_check_digit() -> None:
    assert not ids("000402-6214431")  # born 1900: nobody alive
    assert ids("주민등록번호 900101-1234568")  # written form, named


def test_a_number_grouped_like_an_id_but_called_a_phone_line_is_no_id() -> None:
    """A Luhn-valid 3-3-3 number is a Canadian SIN by its grouping alone, unless the sentence
    calls it a phone number; named as a SIN it stays one."""
    assert not ids("¿El teléfono de atención al cliente de Iberia sigue siendo el 901 111 500?")
    assert ids("My SIN is 901 111 500, is that safe to give my landlord?")


def test_an_id_named_nearby_whose_checksum_fails_is_no_other_countrys_id() -> None:
    """ "PESEL 44051401358" fails PESEL's check digit; that an Australian Medicare number of the
    same length would accept it does not make it one."""
    assert not ids("PESEL 44051401358 nie przechodzi walidacji, dlaczego?")
    assert ids("Mój PESEL to 44051401359, czy mogę go podać?")


def test_an_id_written_with_a_separator_it_never_uses_is_not_that_id() -> None:
    assert not ids("2024-10-03 build 4.12.0+20241003.1187 (was 4.11.7)")
    assert ids("Mitt personnummer är 19850709-9805")
