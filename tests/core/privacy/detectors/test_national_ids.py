"""National IDs from python-stdnum's whole catalogue."""

from __future__ import annotations

import functools
import importlib
import json
import pkgutil
import random
import re._parser as sre_parse
import warnings
from pathlib import Path

import pytest
import stdnum

from aideon_desktop.core.privacy import scan
from aideon_desktop.core.privacy.detectors.national_ids import IdSpec, _epoch_time, catalogue
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
    """The whole message, a line or a cell holding a checksum-valid value: written in groups
    when the check is one digit, bare too when it is strong (a birth date and a check) or when
    the value is the whole message (fail closed: pasted alone, it is what the user asks about)."""
    assert ids("3123 4567 8909")
    assert ids("name,aadhaar\nRavi,312345678909\n")  # named by its column
    assert ids("44051401458")  # PESEL
    assert ids("312345678909")  # one check digit, bare, but the whole message
    assert not ids("build log:\n312345678909\n")  # one check digit, a bare line of output
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


# ---------------------------------------------------------------- one rule for every row
# A random value of a row's (all-digit) shape passes its validator at this rate or less when the
# format has a real check character (one check digit: about 1 in 10).
_CHECK_RATE = 0.12
# ... and at this rate or less when the check is strong enough for a bare value to count alone.
_STRONG_RATE = 0.03
# ... and at this rate or less when the format is distinctive enough to count anywhere (a birth
# date with a check digit, or a long check).
_DISTINCTIVE_RATE = 0.02


def _digit_values(spec: IdSpec, rng: random.Random, tries: int = 2000) -> list[str]:
    """Random all-digit values of the row's shape (none for shapes that need letters)."""
    low, high = sre_parse.parse(spec.shape.pattern).getwidth()
    values = []
    for _ in range(tries):
        size = rng.randint(low, min(high, 20))
        value = "".join(rng.choice("0123456789") for _ in range(size))
        if spec.shape.match(value):
            values.append(value)
    return values


@functools.cache
def _pass_rate(module: str) -> float | None:
    spec = next(s for s in catalogue() if s.module == module)
    values = _digit_values(spec, random.Random(module))
    return sum(map(spec.validator, values)) / len(values) if len(values) >= 100 else None


def _rows() -> list[dict]:
    return load_data("national_ids.toml")["id"]


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row["module"])
def test_standalone_is_set_for_every_format_with_a_check_and_ten_characters(row: dict) -> None:
    """A row counts standing alone exactly when its values have 10+ characters and a real
    check, unless it says why not (``not_standalone``); an ``alone`` row counts anyway."""
    spec = next(s for s in catalogue() if s.module == row["module"])
    rate = _pass_rate(row["module"])
    shortest = sre_parse.parse(spec.shape.pattern).getwidth()[0]
    if row.get("standalone"):
        assert row["standalone"] in ("any", "grouped")
        assert shortest >= 10 or row["module"] in {"cz.rc", "sk.rc"}  # old 9-digit forms
        limit = _STRONG_RATE if row["standalone"] == "any" else _CHECK_RATE
        assert rate is None or rate <= limit, rate
        if row["standalone"] == "grouped":
            assert rate is None or rate > _STRONG_RATE, "a strong check: standalone = 'any'"
    elif row["when"] != "alone" and shortest >= 10 and rate is not None and rate <= _CHECK_RATE:
        assert row.get("not_standalone"), f"{row['module']}: pass rate {rate:.3f}"


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row["module"])
def test_formats_that_count_in_a_sentence_are_distinctive(row: dict) -> None:
    """``alone``: all-digit values pass at most ~2 %; ``formatted``: the grouping is needed
    unless the digits alone are that distinctive."""
    spec = next(s for s in catalogue() if s.module == row["module"])
    rate = _pass_rate(row["module"])
    if row["when"] == "alone":
        assert rate is None or rate <= _DISTINCTIVE_RATE, rate
    if row["when"] == "formatted" and (rate is None or rate > _DISTINCTIVE_RATE):
        low, high = sre_parse.parse(spec.shape.pattern).getwidth()
        bare = [d * n for d in "0123456789" for n in range(low, min(high, 20) + 1)]
        assert not any(spec.format.match(value) for value in bare)


def _valid_values(spec: IdSpec, count: int) -> list[str]:
    """Checksum-valid all-digit values of a row, that are no Unix time and no repeated digit."""
    rng = random.Random(f"valid {spec.module}")
    found: list[str] = []
    for _ in range(60):
        found += [
            v
            for v in _digit_values(spec, rng)
            if len(v) >= 10 and spec.validator(v) and not _epoch_time(v) and len(set(v)) > 2
        ]
        if len(found) >= count:
            break
    return found[:count]


_STANDALONE_ROWS = [
    spec
    for spec in catalogue()
    if spec.standalone and spec.module not in {"gb.upn", "mu.nid"}  # letters in their shapes
]


@pytest.mark.parametrize("spec", _STANDALONE_ROWS, ids=lambda spec: spec.module)
@pytest.mark.parametrize("separator", ["", " ", "-", ".", ":", "/", "\u00a0"])
def test_a_checksum_valid_value_alone_is_an_id_with_any_separator(
    spec: IdSpec, separator: str
) -> None:
    """The whole message, a line or a table cell: private, and the finding names an ID (a bare
    line or cell only for a format with a strong check; a bare whole message always)."""
    for value in _valid_values(spec, 2):
        written = separator.join(value[i : i + 4] for i in range(0, len(value), 4))
        assert ids(written), written  # pasted alone: the user is asking about that number
        for text in (f"ID list:\n{written}\n", f"name,id\nRavi,{written}\n"):
            if separator or spec.standalone == "any":
                assert ids(text), text
            else:  # one check digit, a bare line of output: as likely any number a tool printed
                assert spec.label not in [reason for _v, reason in ids(text)], text


@pytest.mark.parametrize(
    "spec", [s for s in _STANDALONE_ROWS if s.when == "context"], ids=lambda s: s.module
)
def test_a_generic_value_in_a_sentence_needs_its_word(spec: IdSpec) -> None:
    for value in _valid_values(spec, 2):
        assert not [
            reason
            for _v, reason in ids(f"The script printed {value} and stopped, why?")
            if reason == spec.label
        ]
        word = next(w for w in load_data("national_ids.toml")["id"] if w["module"] == spec.module)
        assert ids(f"My {word['context'][0]} is {value}, can you check it?")


@pytest.mark.parametrize(
    "text",
    [
        "3123:4567:8909",  # Aadhaar, colon-grouped (peer vectors)
        "3998:7654:3211",
        "Aadhaar 3123:4567:8909 bitte prüfen",
        "943:476:5919",  # NHS
        "65 070803 A 019",  # German social insurance number as its card prints it
        "Meine Sozialversicherungsnummer: 65 070803 A 019",
        "S2740116C",
        "F2346401L",
        "M4332674T",
    ],
)
def test_ids_written_as_users_and_tools_write_them(text: str) -> None:
    assert ids(text)


@pytest.mark.parametrize(
    "text",
    [
        "T1234567Z",  # the Singapore check letter of T1234567 is J
        "G1122144L",  # ... and of G1122144 is R
        "0005053637892",  # born 2000: its RRN has a check digit, and this one fails it
        "1732567890",  # a Unix time in seconds
        "1732567890123",  # ... in milliseconds
        "169.254.169.254",  # an IP address
        "00000000001",  # typed to stand for a number
        "Anna, 073-595 68 32, lgh 1102.",  # a phone number, grouped as one
        "docker run -p 8080:8080 nginx",
        "at 12:30:45 the job ran",
    ],
)
def test_values_that_are_no_id(text: str) -> None:
    assert not ids(text)


def test_own_cases_ids_and_bank_numbers_as_people_write_them() -> None:
    """tests/data/privacy_ids4.jsonl: checksum-valid IDs and routing numbers alone, in table
    cells and in sentences of the 12 languages, and hard negatives (order, invoice, tracking and
    build numbers, timestamps, dates, versions, amounts, ISBNs, bare numbers, a made-up FIN)."""
    path = Path(__file__).resolve().parents[3] / "data" / "privacy_ids4.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    wrong = [
        (r["note"], r["prompt"]) for r in rows if scan(r["prompt"]).sensitive != r["sensitive"]
    ]
    assert len(rows) >= 80 and not wrong, wrong


_ISSUE_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "ja", "zh", "ko")


@pytest.mark.parametrize(
    "kind",
    ["national_id", "passport", "driving_licence", "id_card", "medical_record", "bank_account"],
)
def test_id_and_bank_labels_exist_in_the_issues_twelve_languages(kind: str) -> None:
    """A generic number needs a word naming it: those words exist in every language the issue
    lists (per-country words live in national_ids.toml ``context``)."""
    terms = load_data("labels.toml")["label"][kind]["terms"]
    assert [lang for lang in _ISSUE_LANGUAGES if not terms.get(lang)] == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Meine Ausweisnummer ist 558749434", "national_id"),
        ("Mon numéro de compte est 558749434", "bank_account"),
        ("Il mio numero di conto è 558749434", "bank_account"),
        ("Mijn rekeningnummer is 558749434", "bank_account"),
        ("Mój numer konta to 558749434", "bank_account"),
        ("Mitt kontonummer är 558749434", "bank_account"),
        ("口座番号は558749434です", "bank_account"),
        ("我的银行账号是558749434", "bank_account"),
        ("계좌번호 558749434 로 보내주세요", "bank_account"),
        ("Mi número de documento es 558749434", "national_id"),
        ("O número de identificação é 558749434", "national_id"),
        ("My ID number is 558749434", "national_id"),
    ],
)
def test_a_generic_nine_digit_number_counts_with_its_word_in_each_language(
    text: str, label: str
) -> None:
    assert label in scan(text).categories, text
    assert not scan(text.replace(text.split("558749434")[0], "Bitte: ")).sensitive


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Is 1267.59.017 geldig?", "Dutch citizen service number (BSN)"),
        ("Est-ce que 87.30.21-857.65 est valide ?", "Belgian BIS number"),
        ("please double-check 900-1049805-86", "Belgian eID card number"),
        ("Ist 65-731/3706 gültig?", "Austrian tax number"),
        ("Est-ce que 09 02 787 220 454 est valide ?", "French tax identification number"),
        ("¿Es válido 150-3526812-5?", "Dominican Republic cédula"),
        ("Is 9312 092 743 valid?", "British Columbia Personal Health Number"),
        ("Is 1P09-G71-QE13 valid?", "US Medicare Beneficiary Identifier"),  # a 0 in 3rd-4th
        ("is 1p09-g71-qe13 valid?", "US Medicare Beneficiary Identifier"),  # lower case
    ],
)
def test_ids_in_their_official_grouping_count_in_a_sentence(text: str, label: str) -> None:
    """stdnum's ``format()`` grouping of an ID with a check is distinctive in any case: a
    sentence with no word naming it is enough."""
    assert label in [reason for _v, reason in ids(text)], text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("My Social Insurance Number is 210-170-098.", "Canadian Social Insurance Number"),
        ("My SSN is 210-17-0098", "US Social Security number"),
        ("Slovak birth number: 990126/215", "Czech or Slovak birth number (rodné číslo)"),
    ],
)
def test_the_finding_names_the_id_the_text_names_most_exactly(text: str, label: str) -> None:
    """ "Social Insurance Number" holds "social" (a word for the SSN): the longer name wins."""
    assert [reason for _v, reason in ids(text)] == [label]


def test_generated_cases_of_the_whole_catalogue() -> None:
    """tests/data/privacy_ids7.jsonl (scripts/generate_id_cases.py): checksum-valid IDs of
    every catalogue row with their official and colloquial labels in the country's language
    and English are found, and none of the hard negatives (checksum failures and numbers of
    every ID length in order, invoice and ticket sentences, timestamps, amounts) is an ID."""
    path = Path(__file__).resolve().parents[3] / "data" / "privacy_ids7.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    labelled = [
        r
        for r in rows
        if r["sensitive"] and r["note"].endswith("label") and "no" not in r["note"].split()[-2:]
    ]
    missed = [r["prompt"] for r in labelled if not scan(r["prompt"]).sensitive]
    negatives = [r["prompt"] for r in rows if not r["sensitive"]]
    flagged = [text for text in negatives if ids(text)]
    assert len(labelled) >= 1000 and len(missed) <= 0.03 * len(labelled), missed
    assert len(negatives) >= 150 and not flagged, flagged


def test_a_plain_number_is_its_own_one_window() -> None:
    """The candidates of a plain number are given without ``windows`` (one window, the number
    itself): the same windows, in the same order, as ``uncut_windows`` gives for every run."""
    from aideon_desktop.core.privacy.context import ScanContext
    from aideon_desktop.core.privacy.detectors._common import uncut_windows
    from aideon_desktop.core.privacy.detectors.national_ids import (
        _LENGTHS,
        _MAX_TOKENS,
        NationalIdDetector,
    )

    text = (
        "IDs 123456 1234567 123456789012345678 1234567890123456789, 12 34 56 78 90, "
        "AB123456C 756.1234.5678.97 and 0170 1234567 or 2 61 11 33 201 063 94 ٣٤٥٦٧٨٩٠"
    )
    ctx = ScanContext(text)
    want = [
        window
        for candidate in ctx.long_candidates
        if len(candidate.compact) >= 7
        for window in uncut_windows(ctx, candidate, _MAX_TOKENS, _LENGTHS)
    ]
    assert list(NationalIdDetector().candidates(ctx)) == want
    assert any(w[2] == "1234567" for w in want) and len(want) > 5


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Mans personas kods ir 110991-10000", "Latvian"),
        ("Latvian personal code 110991-10000 for the contract", "Latvian"),
        ("110991-10000", "Latvian"),  # written in its own grouping, alone
        # context words as the language inflects them
        ("Kennitalan mín er 1201740109", "Icelandic"),
        ("מספר תעודת הזהות שלי הוא 123456709", "Israeli"),
        ("Moj JMBG je 1505985710005", "EMŠO"),  # Serbian region 71: the same number
    ],
)
def test_round_ten_formats_and_inflected_context(text: str, label: str) -> None:
    found = ids(text)
    assert found and label in found[0][1], found


def test_a_latvian_company_number_is_no_personal_code() -> None:
    # lv.pvn takes both; a company's (first digit 4-9) is a public register entry
    assert not ids("PVN reģistrācijas numurs LV40000000000 (SIA)")
    assert not ids("personas kods 110991-10001")  # the check digit fails


@pytest.mark.parametrize(
    "text",
    [
        # business register numbers after their labels: public entries, not a person's number
        "Our supplier's ABN is 51 824 753 556, please add it to the invoice.",
        "Company UEN: 201912345K (as printed on the receipt)",
        "Bolagets organisationsnummer är 556036-0793",
        "SIRET de l'entreprise : 732 829 320 00074",
        "CNPJ da empresa: 11.222.333/0001-81",
        "CVR-nr. 13585628 (virksomheden)",
    ],
)
def test_business_register_numbers_are_not_private(text: str) -> None:
    assert not scan(text).sensitive, scan(text).findings


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # formats of Presidio's recognizers that stdnum lacks, with their published checks
        ("Krankenversichertennummer A123456780", "KVNR"),
        ("Meine Personalausweisnummer ist T220001293", "Personalausweis"),
        ("СНИЛС 112-233-445 95", "SNILS"),
        ("112-233-445 95", "SNILS"),  # its own grouping, alone
        ("我的身分證字號是A123456789", "Taiwan"),
    ],
)
def test_presidio_formats_stdnum_lacks(text: str, label: str) -> None:
    found = ids(text)
    assert found and label in found[0][1], found


def test_presidio_formats_need_their_word_and_their_check() -> None:
    assert not ids("Order A123456780 shipped")  # a KVNR's shape, no word naming it
    assert not ids("part T220001293 in stock")
    assert not ids("我的身分證字號是A123456788")  # the check digit fails
    assert not ids("СНИЛС 112-233-445 96") or "SNILS" not in ids("СНИЛС 112-233-445 96")[0][1]
