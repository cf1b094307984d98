"""Validators for personal ID formats that python-stdnum does not cover.

Each takes the compact value (separators removed, upper case) and returns whether it is
well formed and, where the format has one, whether its check character is right.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from stdnum.es import dni
from stdnum.us import rtn

_SG_WEIGHTS = (2, 7, 6, 5, 4, 3, 2)
_SG_LETTERS = {
    "ST": "JZIHGFEDCBA",
    "FG": "XWUTRQPNMLK",
    "M": "KLJNPQRTUWX",
}


def sg_nric(value: str) -> bool:
    """Singapore NRIC/FIN: S/T/F/G/M, 7 digits, check letter (weights 2765432)."""
    if len(value) != 9 or value[0] not in "STFGM" or not value[1:8].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(value[1:8], _SG_WEIGHTS, strict=True))
    if value[0] in "TG":
        total += 4
    elif value[0] == "M":
        total += 3
    if value[0] == "M":
        return value[8] == _SG_LETTERS["M"][10 - total % 11]
    table = _SG_LETTERS["ST" if value[0] in "ST" else "FG"]
    return value[8] == table[total % 11]


def au_medicare(value: str) -> bool:
    """Australian Medicare card number: 10 digits (+ optional IRN), first 2-6, weighted check."""
    if len(value) not in (10, 11) or not value.isdigit() or value[0] not in "23456":
        return False
    weights = (1, 3, 7, 9, 1, 3, 7, 9)
    check = sum(int(d) * w for d, w in zip(value[:8], weights, strict=True)) % 10
    return check == int(value[8]) and (len(value) == 10 or value[10] != "0")


_MBI_LETTERS = set("ACDEFGHJKMNPQRTUVWXY")


def us_mbi(value: str) -> bool:
    """US Medicare Beneficiary Identifier (11 characters; no S, L, O, I, B or Z)."""
    if len(value) != 11:
        return False
    kinds = "CAPNAPNAANN"  # C 1-9, A letter, P letter or digit, N digit
    for ch, kind in zip(value, kinds, strict=True):
        if kind == "C" and not ("1" <= ch <= "9"):
            return False
        if kind == "N" and not ch.isdigit():
            return False
        if kind == "A" and ch not in _MBI_LETTERS:
            return False
        if kind == "P" and not (ch.isdigit() or ch in _MBI_LETTERS):
            return False
    return True


_NINO_BAD_PREFIX = frozenset({"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"})


def gb_nino(value: str) -> bool:
    """UK National Insurance number: the prefixes HMRC never issues are refused."""
    return len(value) == 9 and value[:2] not in _NINO_BAD_PREFIX and value[2:8].isdigit()


_SVNR_WEIGHTS = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)


def de_svnr(value: str) -> bool:
    """German Rentenversicherungsnummer: area, birth date, initial, serial, check digit."""
    if len(value) != 12 or not value[8].isalpha() or not (value[:8] + value[9:]).isdigit():
        return False
    day, month = int(value[2:4]), int(value[4:6])
    if not (1 <= day <= 31 or 51 <= day <= 81) or not 1 <= month <= 12:
        return False
    digits = value[:8] + f"{ord(value[8]) - 64:02d}" + value[9:11]
    total = sum(sum(divmod(int(d) * w, 10)) for d, w in zip(digits, _SVNR_WEIGHTS, strict=True))
    return total % 10 == int(value[11])


def in_pan_individual(value: str) -> bool:
    """Indian PAN of a person (fourth letter P); the format has no check character."""
    return len(value) == 10 and value[3] == "P" and value[:5].isalpha() and value[5:9].isdigit()


def es_dni(value: str) -> bool:
    """Spanish DNI: 8 digits (older ones written with 7) and the mod-23 check letter."""
    return len(value) in (8, 9) and dni.is_valid(value.zfill(9))


_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_HETU_CENTURY = {
    "+": 1800,
    "-": 1900,
    "Y": 1900,
    "X": 1900,
    "W": 1900,
    "V": 1900,
    "U": 1900,
    "A": 2000,
    "B": 2000,
    "C": 2000,
    "D": 2000,
    "E": 2000,
    "F": 2000,
}


def fi_hetu(value: str) -> bool:
    """Finnish HETU with the century signs of 2023 (U-Y, B-F) that older stdnum lacks."""
    if len(value) != 11 or value[6] not in _HETU_CENTURY or not (value[:6] + value[7:10]).isdigit():
        return False
    if not _valid_date(_HETU_CENTURY[value[6]] + int(value[4:6]), int(value[2:4]), int(value[:2])):
        return False
    return _HETU_CHECK[int(value[:6] + value[7:10]) % 31] == value[10]


def _valid_date(year: int, month: int, day: int) -> bool:

    try:
        born = datetime.date(year, month, day)
    except ValueError:
        return False
    return born <= datetime.date.today()


_RRN_CENTURY = {
    "1": 1900,
    "2": 1900,
    "3": 2000,
    "4": 2000,
    "5": 1900,
    "6": 1900,
    "7": 2000,
    "8": 2000,
}
_RRN_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def kr_rrn(value: str) -> bool:
    """A Korean RRN as written (YYMMDD-SNNNNNN): a real birth date of someone alive and the
    sex/century digit (1-8), with or without the check digit (numbers issued since October
    2020 carry none)."""
    if len(value) != 13 or not value.isdigit() or value[6] not in "12345678":
        return False
    year = _RRN_CENTURY[value[6]] + int(value[:2])
    return _valid_date(year, int(value[2:4]), int(value[4:6])) and _alive(year)


def kr_rrn_checked(value: str) -> bool:
    """A Korean RRN with its check digit and register-office code, as every number issued
    before October 2020 (people born before 2020) has them: for a bare 13-digit value."""
    if not kr_rrn(value):
        return False
    year = _RRN_CENTURY[value[6]] + int(value[:2])
    if year >= 2020:
        return True
    if int(value[7:9]) > 96:  # the place of birth (register office) code runs to 96
        return False
    total = sum(int(d) * w for d, w in zip(value[:12], _RRN_WEIGHTS, strict=True))
    return (11 - total % 11) % 10 == int(value[12])


def _alive(year: int) -> bool:
    """Born recently enough for the holder to be alive (the oldest people reach ~117)."""

    return year > datetime.date.today().year - 118


def th_province(value: str) -> bool:
    """Thai ID digits 2-3 are a province code (10-96): a check stdnum's th.pin lacks."""
    return 10 <= int(value[1:3]) <= 96


def us_itin(value: str) -> bool:
    """US ITIN: 9XX-GG-XXXX with the group in the IRS ranges 50-65, 70-88, 90-92, 94-99."""
    if len(value) != 9 or not value.isdigit() or value[0] != "9":
        return False
    group = int(value[3:5])
    return 50 <= group <= 65 or 70 <= group <= 88 or 90 <= group <= 92 or 94 <= group <= 99


_LV_CENTURY = {"0": 1800, "1": 1900, "2": 2000}


def lv_personas_kods(value: str) -> bool:
    """Latvian personal code: DDMMYY, a century digit (0-2), three digits and a check digit
    (stdnum's lv.pvn check), or since 2017 "32" and nine digits.  Company numbers, which
    lv.pvn also takes, open with 4-9."""
    from stdnum.lv import pvn

    if len(value) != 11 or not value.isdigit() or not pvn.is_valid(value):
        return False
    if value.startswith("32"):
        return True
    century = _LV_CENTURY.get(value[6])
    if century is None:
        return False
    year = century + int(value[4:6])
    return _valid_date(year, int(value[2:4]), int(value[:2])) and _alive(year)


# Formats of Presidio's predefined recognizers that stdnum lacks, with their published checks.
_TW_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO"  # A=10 … Z=33, I=34, O=35


def tw_national_id(value: str) -> bool:
    """Taiwan national ID (and resident certificate since 2021): a letter for the place of
    first registration, 1/2 (or 8/9), seven digits and a check digit (weights 1, 9, 8 … 1)."""
    if len(value) != 10 or value[0] not in _TW_LETTERS or not value[1:].isdigit():
        return False
    if value[1] not in "1289":
        return False
    code = _TW_LETTERS.index(value[0]) + 10
    digits = [code // 10, code % 10, *map(int, value[1:])]
    weights = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)
    return sum(d * w for d, w in zip(digits, weights, strict=True)) % 10 == 0


def ru_snils(value: str) -> bool:
    """Russian SNILS: nine digits and two check digits (sum of digit × (9 - position) mod 101,
    100 and 101 written 00), checked for numbers above 001-001-998."""
    if len(value) != 11 or not value.isdigit() or int(value[:9]) <= 1_001_998:
        return False
    total = sum(int(d) * (9 - i) for i, d in enumerate(value[:9])) % 101
    return int(value[9:]) == (0 if total == 100 else total)


def de_kvnr(value: str) -> bool:
    """German health insurance number (Krankenversichertennummer): a letter, eight digits and a
    check digit: the letter as two digits (A=01), weights 1, 2 alternating, digit sums, mod 10."""
    if len(value) != 10 or not value[0].isalpha() or not value[1:].isdigit():
        return False
    seq = f"{ord(value[0]) - 64:02d}" + value[1:9]
    total = sum(sum(divmod(int(d) * (1 if i % 2 == 0 else 2), 10)) for i, d in enumerate(seq))
    return total % 10 == int(value[9])


_ICAO_VALUES = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}


def de_id_card(value: str) -> bool:
    """German identity card (Personalausweis) number: nine characters of a restricted alphabet
    (no vowels but none of B, D, Q, S), then the ICAO 9303 check digit (weights 7, 3, 1)."""
    if len(value) != 10 or not value[9].isdigit():
        return False
    if value[0] not in "CFGHJKLMNPRTVWXYZ" or any(c not in _DE_ID_CHARS for c in value[:9]):
        return False
    total = sum(_ICAO_VALUES[c] * (7, 3, 1)[i % 3] for i, c in enumerate(value[:9]))
    return total % 10 == int(value[9])


_DE_ID_CHARS = frozenset("CFGHJKLMNPRTVWXYZ0123456789")


def gb_driving_licence(value: str) -> bool:
    """UK (DVLA) driving licence number: 5 surname letters (9-padded), the birth decade, month
    (+50 for women), day and year digit, 2 initials (9-padded), a digit and 2 check letters.
    No public checksum: the birth date inside it must be a real one."""
    if len(value) != 16 or not value[5:11].isdigit() or not value[13].isdigit():
        return False
    month, day = int(value[6:8]), int(value[8:10])
    return (1 <= month <= 12 or 51 <= month <= 62) and 1 <= day <= 31 and value[0] != "9"


# The Federal Reserve routing symbols an ABA routing number opens with: 00 (government), 01-12
# (Federal Reserve districts), 21-32 (thrift institutions), 61-72 (electronic), 80 (travellers'
# cheques).
_ROUTING_PREFIXES = frozenset([0, *range(1, 13), *range(21, 33), *range(61, 73), 80])


def us_routing(value: str) -> bool:
    """US ABA routing number: 9 digits, a Federal Reserve routing symbol and the 3-7-1 check."""

    return (
        len(value) == 9
        and value.isdigit()
        and int(value[:2]) in _ROUTING_PREFIXES
        and (rtn.is_valid(value))
    )


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "gb_driving_licence": gb_driving_licence,
    "sg_nric": sg_nric,
    "au_medicare": au_medicare,
    "us_mbi": us_mbi,
    "gb_nino": gb_nino,
    "de_svnr": de_svnr,
    "in_pan_individual": in_pan_individual,
    "es_dni": es_dni,
    "fi_hetu": fi_hetu,
    "kr_rrn": kr_rrn,
    "kr_rrn_checked": kr_rrn_checked,
    "us_itin": us_itin,
    "lv_personas_kods": lv_personas_kods,
    "tw_national_id": tw_national_id,
    "ru_snils": ru_snils,
    "de_kvnr": de_kvnr,
    "de_id_card": de_id_card,
    "us_routing": us_routing,
}


# Checks added to a stdnum module's own (module → check on the compact value).
REFINEMENTS: dict[str, Callable[[str], bool]] = {"th.pin": th_province}
