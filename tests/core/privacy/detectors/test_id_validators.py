"""Our validators for personal ID formats python-stdnum lacks."""

from __future__ import annotations

from aideon_desktop.core.privacy.detectors import id_validators as v


def test_singapore_nric_check_letter() -> None:
    assert v.sg_nric("S8212345H") and v.sg_nric("T0312345B") and v.sg_nric("F9876543M")
    assert not v.sg_nric("S8212345A") and not v.sg_nric("X8212345H")


def test_australian_medicare() -> None:
    assert v.au_medicare("2953184771") and not v.au_medicare("2953184871")


def test_us_mbi_shape() -> None:
    assert v.us_mbi("3CD5FG7HJ89") and not v.us_mbi("1EG4ZE5MK73") and not v.us_mbi("AEG4TE5MK73")


def test_german_svnr_check_digit() -> None:
    assert v.de_svnr("65070803A019") and not v.de_svnr("15071349C103")


def test_finnish_hetu_with_new_century_signs() -> None:
    assert v.fi_hetu("150390-1239") and v.fi_hetu("150305A4563") and not v.fi_hetu("111111-111A")


def test_korean_rrn_and_us_itin() -> None:
    assert v.kr_rrn("8501011234568") and not v.kr_rrn("8513011234568")
    assert v.us_itin("911531234") and v.us_itin("911701234") and not v.us_itin("911401234")


def test_spanish_dni_with_seven_digits() -> None:
    assert v.es_dni("48213377H") and v.es_dni("1111111G") and not v.es_dni("48213377A")


def test_korean_rrn_check_digit_before_2020() -> None:
    from stdnum.kr import rrn

    assert v.kr_rrn_checked("9001011234568") == rrn.is_valid("9001011234568")
    assert v.kr_rrn("0004026214431") is False  # 1900: not someone alive


def test_thai_province_code() -> None:
    assert v.th_province("1101234567890") and not v.th_province("1994567890124")


def test_uk_driving_licence_numbers_hold_a_real_birth_date() -> None:
    from aideon_desktop.core.privacy.detectors.id_validators import gb_driving_licence

    assert gb_driving_licence("MORGA761165SM9IJ")  # a woman's: month 11 + 50
    assert gb_driving_licence("SMITH801016AB9CD")
    assert not gb_driving_licence("ABCDE123456FG7HI")  # month 34


def test_us_routing_numbers_open_with_a_federal_reserve_routing_symbol() -> None:
    assert v.us_routing("322271627") and v.us_routing("021000021") and v.us_routing("071101307")
    assert not v.us_routing("421042111")  # check digit
    assert not v.us_routing("992271620")  # check digit right, but no routing symbol 99
    assert not v.us_routing("32227162")


def test_latvian_personal_code() -> None:
    assert v.lv_personas_kods("11099110000")  # 11.09.1991, century digit 1
    assert v.lv_personas_kods("32000079190")  # the 2017 form
    assert not v.lv_personas_kods("11099110001")  # check digit
    assert not v.lv_personas_kods("40000000000")  # a company number
    assert not v.lv_personas_kods("31029110007")  # no 31 February


def test_presidio_formats_stdnum_lacks() -> None:
    # the examples the issuers publish
    assert v.tw_national_id("A123456789") and not v.tw_national_id("A123456788")
    assert v.ru_snils("11223344595") and not v.ru_snils("11223344596")
    assert v.de_kvnr("A123456780") and not v.de_kvnr("A123456781")
    assert v.de_id_card("T220001293") and not v.de_id_card("T220001294")
    assert not v.de_id_card("A220001293")  # no vowels in the card's alphabet
