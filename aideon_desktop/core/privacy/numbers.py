"""Validated numbers: payment cards, bank accounts and national IDs.

Each candidate must pass its checksum or structural rules (python-stdnum) before it counts;
documented test values count only when the prompt does not frame them as test data.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.es import dni as es_dni
from stdnum.es import nie as es_nie
from stdnum.it import codicefiscale as it_cf
from stdnum.us import rtn as us_rtn

from aideon_desktop.core.privacy.context import Claims, TextContext
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.rules import rules

# Maximal runs of digit groups joined by single separators (linear: every char consumed once).
_NUMBER_RUN = re.compile(r"(?<![\w])\d+(?:[ \-.]\d+)*(?![\w])")
_NUMBER_RUN_LOOSE = re.compile(r"\d+(?:[ \-.]\d+)*")

_CARD_BRANDS: tuple[tuple[str, tuple[str, ...], tuple[int, ...]], ...] = (
    ("American Express", ("34", "37"), (15,)),
    ("Diners Club", ("300", "301", "302", "303", "304", "305", "36", "38", "39"), (14, 15, 16, 19)),
    ("JCB", tuple(str(n) for n in range(3528, 3590)), (16, 17, 18, 19)),
    ("Visa", ("4",), (13, 16, 19)),
    (
        "Mastercard",
        tuple(str(n) for n in range(51, 56)) + tuple(str(n) for n in range(2221, 2721)),
        (16,),
    ),
    ("Discover", ("6011", "644", "645", "646", "647", "648", "649", "65"), (16, 17, 18, 19)),
    ("UnionPay", ("62", "81"), (16, 17, 18, 19)),
    ("Maestro", ("50", "56", "57", "58", "6"), (13, 15, 16, 17, 18, 19)),
    ("UATP", ("1",), (15,)),
)

_NOT_A_CARD_BEFORE = re.compile(
    r"(order|tracking|invoice|ref(?:erence)?|isbn|imei|serial|barcode|ean|upc|ticket|booking|"
    r"confirmation|account id|customer id|parcel|shipment|policy|case|claim|transaction|"
    r"phone|tel|mobile|fax|call)\b[^\n\d]{0,18}$"
)


def card_brand(digits: str) -> str | None:
    for brand, prefixes, lengths in _CARD_BRANDS:
        if len(digits) in lengths and digits.startswith(prefixes):
            return brand
    return None


def _plausible_card_grouping(raw: str) -> bool:
    groups = re.split(r"[ \-.]", raw)
    if len(groups) == 1:
        return True
    seps = set(re.findall(r"[ \-.]", raw))
    if len(seps) > 1:
        return False
    lengths = [len(g) for g in groups]
    return all(3 <= n <= 6 for n in lengths[:-1]) and 1 <= lengths[-1] <= 7


def _tokens(run: str, offset: int) -> list[tuple[int, int, str]]:
    return [(m.start() + offset, m.end() + offset, m.group()) for m in re.finditer(r"\S+", run)]


def _is_group(token: str) -> bool:
    return token.isdigit() and len(token) <= 6


def _windows(ctx: TextContext) -> Iterator[tuple[int, int, str]]:
    """Candidate (start, end, raw) spans: whole whitespace tokens and runs of up to 6 of them.

    A window that cuts a run of space-separated digit groups in the middle ("1234 [5678 9012
    3456]") is not a candidate: the number is the whole run.
    """
    for run in _NUMBER_RUN.finditer(ctx.text):
        if run.end() - run.start() > 400:
            continue  # a wall of digits is data, not an identifier; also keeps scans linear
        toks = _tokens(run.group(), run.start())
        for i in range(len(toks)):
            if i > 0 and _is_group(toks[i - 1][2]) and _is_group(toks[i][2]):
                continue
            for j in range(i, min(i + 6, len(toks))):
                if j + 1 < len(toks) and _is_group(toks[j][2]) and _is_group(toks[j + 1][2]):
                    continue
                start, end = toks[i][0], toks[j][1]
                yield start, end, ctx.text[start:end]


@functools.cache
def _known(kind: str) -> frozenset[str]:
    return frozenset(v.upper() for v in rules().known[kind])


def _is_documented_example(ctx: TextContext, kind: str, value: str, start: int, end: int) -> bool:
    return value.upper() in _known(kind) and ctx.test_framed(start, end)


def find_cards(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    for start, end, raw in _windows(ctx):
        digits = re.sub(r"\D", "", raw)
        if not 12 <= len(digits) <= 19 or not _plausible_card_grouping(raw):
            continue
        brand = card_brand(digits)
        if brand is None or not luhn.is_valid(digits):
            continue
        if _is_documented_example(ctx, "cards", digits, start, end):
            continue
        if _NOT_A_CARD_BEFORE.search(ctx.before(start, 40)):
            continue
        if taken.claim(start, end):
            yield Finding(
                "payment_card", start, end, "payment_card", f"{brand} card number (checksum valid)"
            )


# --------------------------------------------------------------------- bank accounts
_IBAN = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){10,32}(?![A-Za-z0-9])|(?<![A-Za-z0-9-])[A-Z]{2}\d{2}(?:-?[A-Z0-9]){10,32}(?![A-Za-z0-9-])"
)


def find_ibans(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    for match in _IBAN.finditer(ctx.text):
        raw = match.group()
        # Try the longest prefix that validates (the match may swallow a following word).
        sep = "-" if "-" in raw else " "
        parts = raw.split(sep)
        for cut in range(len(parts), 0, -1):
            candidate = sep.join(parts[:cut])
            compact = candidate.replace(sep, "").upper()
            if len(compact) < 14 or not candidate[:2].isalpha():
                break
            if std_iban.is_valid(compact, check_country=False):
                start, end = match.start(), match.start() + len(candidate)
                if _is_documented_example(ctx, "ibans", compact, start, end):
                    break
                if taken.claim(start, end):
                    yield Finding(
                        "bank_account", start, end, "iban", f"IBAN ({compact[:2]}, mod-97 valid)"
                    )
                break


_ROUTING_CONTEXT = re.compile(
    r"rout|aba|checking|account|acct|bank|wire|deposit|checkbook|cheque|check"
)
_ACCOUNT_CONTEXT = re.compile(
    r"(?:account|acct|a/c|konto|compte|cuenta|conto)\s*(?:number|no\.?|num|#|nr\.?)?\s*(?:is|:|=)?\s*$"
)
_SORT_CODE = re.compile(r"(?<![\d-])\d{2}-\d{2}-\d{2}(?![\d-])")


def find_bank_numbers(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    """US routing + account, UK sort code + account, and labelled account numbers."""
    runs = [
        (s, e, re.sub(r"\D", "", tok))
        for m in _NUMBER_RUN.finditer(ctx.text)
        for s, e, tok in _tokens(m.group(), m.start())
    ]
    for idx, (start, end, digits) in enumerate(runs):
        if len(digits) == 9 and us_rtn.is_valid(digits):
            near = [
                r for r in runs[max(0, idx - 2) : idx + 3] if r[0] != start and 4 <= len(r[2]) <= 17
            ]
            near = [r for r in near if abs(r[0] - start) < 90]
            window = ctx.lower[max(0, start - 80) : end + 80]
            if near and (_ROUTING_CONTEXT.search(window)):
                for s, e in [(start, end), *[(r[0], r[1]) for r in near]]:
                    if taken.claim(s, e):
                        yield Finding(
                            "bank_account", s, e, "us_bank_account", "US routing and account number"
                        )
    for match in _SORT_CODE.finditer(ctx.text):
        window = ctx.lower[max(0, match.start() - 60) : match.end() + 60]
        account = re.search(r"(?<!\d)\d{8}(?!\d)", ctx.text[match.end() : match.end() + 60])
        if "sort" in window or account:
            if account is None and "account" not in window:
                continue
            if taken.claim(match.start(), match.end()):
                yield Finding(
                    "bank_account", match.start(), match.end(), "uk_sort_code", "UK sort code"
                )
            if account:
                s, e = match.end() + account.start(), match.end() + account.end()
                if taken.claim(s, e):
                    yield Finding("bank_account", s, e, "uk_bank_account", "UK bank account number")
    for start, end, digits in runs:
        labelled = 6 <= len(digits) <= 17 and _ACCOUNT_CONTEXT.search(ctx.before(start, 30))
        if labelled and taken.claim(start, end):
            yield Finding("bank_account", start, end, "account_number", "bank account number")


# ----------------------------------------------------------------------- national IDs
_SSN = re.compile(
    r"(?<![\w.-])(\d{3})([ .-])(\d{2})\2(\d{4})(?![\w-])|(?<![\w.-])(\d{9})(?![\w.-])"
)
_SSN_CONTEXT = re.compile(r"\b(ssn|social security|social|ss#|ss no|itin|tax id|taxpayer)\b")


def _ssn_valid(digits: str) -> bool:
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return not (area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000")


_NINO = re.compile(
    r"(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\s?(\d{2})\s?(\d{2})\s?(\d{2})\s?([A-D])(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_NINO_BAD_PREFIX = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}
_ES_ID = re.compile(r"(?<![A-Za-z0-9])([XYZxyz]?\d{7,8})-?([A-Za-z])(?![A-Za-z0-9])")
_IT_CF = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{6}\d{2}[A-Za-z]\d{2}[A-Za-z]\d{3}[A-Za-z](?![A-Za-z0-9])"
)
_LABELLED_ID = re.compile(
    r"(passport|driver'?s? licen[cs]e|driving licen[cs]e|licen[cs]e (?:no|number)|dl number|"
    r"national id|id card|identity card|personalausweis|reisepass|pasaporte|passeport|passaporto|"
    r"carta d'identità|carte d'identité|documento de identidad)"
    r"(?:\s+(?:number|no\.?|num|#|nr\.?|is|:|nummer|número|numéro|numero))*\s*[:#]?\s*"
    r"([A-Z0-9][A-Z0-9 -]{4,18}[A-Z0-9])",
    re.IGNORECASE,
)


_LABELLED_ID_ANCHORS = (
    "passport",
    "licen",
    "dl number",
    "national id",
    "id card",
    "identity",
    "ausweis",
    "reisepass",
    "pasaporte",
    "passeport",
    "passaporto",
    "carta d",
    "carte d",
    "documento",
)


def find_national_ids(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    text = ctx.text
    for m in _SSN.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if not _ssn_valid(digits):
            continue
        bare = m.group(5) is not None
        if bare and not _SSN_CONTEXT.search(ctx.before(m.start(), 40)):
            continue
        if _is_documented_example(ctx, "ssns", digits, m.start(), m.end()):
            continue
        if taken.claim(m.start(), m.end()):
            yield Finding("national_id", m.start(), m.end(), "us_ssn", "US Social Security number")
    for m in _NINO.finditer(text):
        prefix = m.group(1).upper()
        if prefix in _NINO_BAD_PREFIX:
            continue
        value = re.sub(r"\s", "", m.group()).upper()
        if _is_documented_example(ctx, "ninos", value, m.start(), m.end()):
            continue
        if taken.claim(m.start(), m.end()):
            yield Finding(
                "national_id", m.start(), m.end(), "uk_nino", "UK National Insurance number"
            )
    for m in _ES_ID.finditer(text):
        number, letter = m.group(1).upper(), m.group(2).upper()
        if number[0] in "XYZ":
            value = number + letter
            ok, label = es_nie.is_valid(value), "Spanish NIE (check letter valid)"
        else:
            value = number.zfill(8) + letter
            ok, label = es_dni.is_valid(value), "Spanish DNI/NIF (check letter valid)"
        if ok and taken.claim(m.start(), m.end()):
            yield Finding("national_id", m.start(), m.end(), "es_id", label)
    for m in _IT_CF.finditer(text):
        if it_cf.is_valid(m.group().upper()) and taken.claim(m.start(), m.end()):
            yield Finding(
                "national_id", m.start(), m.end(), "it_codice_fiscale", "Italian codice fiscale"
            )
    yield from _find_checksum_ids(ctx, taken)
    for m in ctx.finditer(_LABELLED_ID, _LABELLED_ID_ANCHORS, before=5, after=80):
        value = m.group(2).strip()
        if not re.search(r"\d", value) or len(re.sub(r"[ -]", "", value)) < 6:
            continue
        start, end = m.start(2), m.start(2) + len(value)
        if taken.claim(start, end):
            kind = m.group(1).lower()
            label = (
                "passport number"
                if "pass" in kind
                else (
                    "driving licence number"
                    if "licen" in kind or kind.startswith("dl")
                    else "identity document number"
                )
            )
            yield Finding("national_id", start, end, "labelled_id", label.capitalize())


def _checksum_id_specs() -> list[tuple[str, int, int, str, re.Pattern[str] | None, object]]:
    from stdnum.br import cpf
    from stdnum.ca import sin
    from stdnum.de import idnr
    from stdnum.fr import nir
    from stdnum.gb import nhs
    from stdnum.in_ import aadhaar
    from stdnum.nl import bsn
    from stdnum.pl import pesel
    from stdnum.se import personnummer

    # (label, min digits, max digits, context words, strong format or None, validator)
    return [
        (
            "French social security number (NIR)",
            13,
            15,
            r"s[ée]curit[ée] sociale|nir|insee|ameli|carte vitale",
            re.compile(r"^[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3}(?: ?\d{2})?$"),
            nir,
        ),
        (
            "German tax ID (Steuer-ID)",
            11,
            11,
            r"steuer|identifikationsnummer|idnr|tax id|elster",
            re.compile(r"^\d{2} \d{3} \d{3} \d{3}$"),
            idnr,
        ),
        (
            "Canadian Social Insurance Number",
            9,
            9,
            r"\bsin\b|social insurance",
            re.compile(r"^\d{3}[ -]\d{3}[ -]\d{3}$"),
            sin,
        ),
        (
            "Indian Aadhaar number",
            12,
            12,
            r"aadhaar|aadhar|uidai",
            re.compile(r"^\d{4} \d{4} \d{4}$"),
            aadhaar,
        ),
        ("Brazilian CPF", 11, 11, r"\bcpf\b", re.compile(r"^\d{3}\.\d{3}\.\d{3}-\d{2}$"), cpf),
        ("UK NHS number", 10, 10, r"\bnhs\b|chi number|health service", None, nhs),
        ("Dutch BSN", 9, 9, r"\bbsn\b|burgerservicenummer|sofinummer", None, bsn),
        ("Polish PESEL", 11, 11, r"pesel", None, pesel),
        (
            "Swedish personal identity number",
            10,
            12,
            r"personnummer",
            re.compile(r"^\d{6,8}[-+]\d{4}$"),
            personnummer,
        ),
    ]


@functools.cache
def _specs() -> list[tuple[str, int, int, re.Pattern[str], re.Pattern[str] | None, object]]:
    return [(a, b, c, re.compile(d), e, f) for a, b, c, d, e, f in _checksum_id_specs()]


def _find_checksum_ids(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    for run in _NUMBER_RUN_LOOSE.finditer(ctx.text):
        raw = run.group()
        digits = re.sub(r"\D", "", raw)
        if not 9 <= len(digits) <= 15:
            continue
        window = ctx.lower[max(0, run.start() - 60) : run.start()]
        for label, lo, hi, context, strong, module in _specs():
            if not lo <= len(digits) <= hi:
                continue
            has_context = bool(context.search(window))
            if not has_context and not (strong is not None and strong.match(raw)):
                continue
            try:
                valid = module.is_valid(raw)  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - a validator must never break the scan
                valid = False
            if valid and taken.claim(run.start(), run.end()):
                yield Finding("national_id", run.start(), run.end(), "checksum_id", label)
                break
