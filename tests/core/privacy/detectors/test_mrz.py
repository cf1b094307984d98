"""Machine-readable zones of passports and ID cards: check digits decide."""

from __future__ import annotations

from aideon_desktop.core.privacy import scan
from aideon_desktop.core.privacy.detectors.mrz import check_digit, checked_line

PASSPORT = (
    "P<GBRSMITH<<ANNA<MARIE<<<<<<<<<<<<<<<<<<<<<<\n5333809061GBR8501019F3001019<<<<<<<<<<<<<<00"
)


def test_check_digit_follows_icao_9303() -> None:
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"


def test_a_zone_pasted_from_a_scan_is_a_document() -> None:
    found = [f for f in scan(f"Why is the form rejecting my MRZ?\n{PASSPORT}").findings]
    assert [f.detector for f in found] == ["machine_readable_zone"]
    assert found[0].end - found[0].start == len(PASSPORT)


def test_a_line_whose_check_digits_fail_is_not() -> None:
    assert not checked_line("5333809062GBR8501019F3001019<<<<<<<<<<<<<<00")
    assert not scan("P<GBRSMITH<<ANNA\n5333809062GBR8501019F3001019<<<<<<<<<<<<<<00").sensitive


def test_the_icao_specimen_framed_as_an_example_and_code_are_not() -> None:
    specimen = (
        "Example from the ICAO spec:\nP<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    )
    assert not scan(specimen).sensitive
    assert not scan('std::cout << "total" << std::endl;').sensitive
