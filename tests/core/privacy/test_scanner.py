"""The privacy detector: corpora bars, varied cases, generated numbers, hostile input."""

from __future__ import annotations

import json
import random
import time
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn

from aideon_desktop.core.privacy import redact, restore, scan
from bench.privacy import in_bar, split_of
from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared" / "privacy"
VARIED = ROOT / "tests" / "data" / "privacy_varied.jsonl"
OWN = ROOT / "tests" / "data" / "privacy_own_cases.jsonl"
STRUCTURED = ("payment_card", "national_id", "bank_account", "secret")


def load(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def shown(prompt: str) -> str:
    """A miss as a failure message may show it: study rows only (untouched rows are scored,
    never read — see bench/privacy.py)."""
    return prompt[:80] if split_of(prompt) == "study" else "<untouched row>"


def score(rows: list[dict]) -> tuple[float, float, dict[str, list[str]]]:
    tp = fp = fn = 0
    misses: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        got = scan(row["prompt"]).sensitive
        if got and row["sensitive"]:
            tp += 1
        elif got:
            fp += 1
            misses["false_positive"].append(shown(row["prompt"]))
        elif row["sensitive"]:
            fn += 1
            misses[row["category"]].append(shown(row["prompt"]))
    return tp / max(1, tp + fp), tp / max(1, tp + fn), misses


def corpus(name: str) -> list[dict]:
    path = SHARED / name
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is missing: CI lays shared/ beside the checkout")
        pytest.skip(f"{path} is not laid out beside this checkout")
    return load(path)


def test_dev_corpus_bars() -> None:
    precision, recall, misses = score(corpus("dev.jsonl"))
    assert precision >= 0.98 and recall >= 0.97, dict(misses)
    for category in STRUCTURED:
        assert not misses.get(category), f"recall on {category} must be 1.0: {misses[category]}"


def test_peer_corpus_bars() -> None:
    precision, recall, misses = score(corpus("peer.jsonl"))
    assert precision >= 0.95 and recall >= 0.95, dict(misses)


def test_own_varied_set() -> None:
    precision, recall, misses = score(load(VARIED))
    assert precision >= 0.95 and recall >= 0.95, dict(misses)


def test_own_cases_in_twelve_languages_formats_and_disguises() -> None:
    precision, recall, misses = score(load(OWN))
    assert precision >= 0.97 and recall >= 0.97, dict(misses)


GENERALIZATION = ROOT / "tests" / "data" / "privacy_generalization.jsonl"


def test_own_generalization_cases_in_twelve_languages() -> None:
    """Cases written for the second round (tests/data/privacy_generalization.jsonl): spelled
    emails, phones and addresses of each country, topical disclosures and their generic-question
    twins in the 12 languages, the disguises of the blind sets' kinds."""
    precision, recall, misses = score(load(GENERALIZATION))
    assert precision >= 0.97 and recall >= 0.97, dict(misses)


ROUND3 = ROOT / "tests" / "data" / "privacy_round3_cases.jsonl"


def test_own_round3_cases_by_family() -> None:
    """Cases written for the third round (tests/data/privacy_round3_cases.md): each family the
    study halves showed missing, in several languages and formats, with hard negatives."""
    precision, recall, misses = score(load(ROUND3))
    assert precision >= 0.98 and recall >= 0.97, dict(misses)
    for category in STRUCTURED:
        assert not misses.get(category), f"recall on {category} must be 1.0: {misses[category]}"


def test_peer2_regression_floor() -> None:
    """peer2 (other projects' vectors, the issue's bar rows): the issue asks P and R >= 0.95;
    this floor holds today's level (bench/privacy.py reports the study/untouched split) so that
    a change cannot quietly lose ground."""
    rows = [r for r in corpus("peer2.jsonl") if in_bar("peer2.jsonl", r)]
    precision, recall, misses = score(rows)
    assert precision >= 0.95 and recall >= 0.77, dict(misses)


# ------------------------------------------------------------ the issue's examples
@pytest.mark.parametrize(
    ("prompt", "category"),
    [
        ("My password is hunter2, is it strong?", "secret"),
        ("Book the hotel with 4319252063607043, name on card Jasper Selwood", "payment_card"),
        ("5308 5941 1842 7855 09/28 703 - is this card still valid?", "payment_card"),
        (
            "My OpenAI key sk-proj-Qm8rT2xLwP9vB4nK7sJ1dF6gH3zC5yA0eU8iO2pR4tY6wX9qV1bN3mL5k returns 401",
            "secret",
        ),
        ("Summarise: patient Alan Pryce, MRN 0042187, admitted with pneumonia.", "national_id"),
        ("Summarise: patient Alan Pryce, MRN 0042187, admitted with pneumonia.", "health"),
        ("Therapy notes, session 4: client reports panic attacks and low mood.", "health"),
        (
            "CONFIDENTIAL - NDA term sheet: Series A, $8M at $32M pre-money.",
            "confidential_business",
        ),
        (
            "Term sheet (under NDA): Series A, $8M at a $32M pre-money valuation, 1x liquidation "
            "preference, 12-month exclusivity period.",
            "confidential_business",
        ),
        ("card 4539\u00a01488\u00a00343\u00a06467", "payment_card"),
        ("card 4539\u200b1488\u200b0343\u200b6467", "payment_card"),
        ("card \uff14\uff15\uff13\uff19 1488 0343 6467", "payment_card"),
        ("SSN 536\u201122\u20118741", "national_id"),
        ("card 4539 1488\n0343 6467 please", "payment_card"),
        ("iban de44500105175407324931 thanks", "bank_account"),
        ("IBAN DE44.5001.0517.5407.3249.31", "bank_account"),
        ("write to jane.doe77 at gmail dot com", "contact"),
        ("JIRA_API_TOKEN=HXe8DGg1iJd2AopzyxkFB7F2", "secret"),
        ("curl --user c28wlsosanujy2z:qgsnai0xokrw4j1 https://api.example.org", "secret"),
        ("STRIPE_KEY=rk_prod_51NxQ2bK8mD4vR7tY9wZ3cF6hJ1", "secret"),
        ("เลขบัตรประชาชน 1-7756-62056-34-1", "national_id"),
        ("주민등록번호 850101-1234568", "national_id"),
        ("Mitt personnummer: 150390-1239 (henkilötunnus)", "national_id"),
        ("My NRIC is S8212345H", "national_id"),
        ("Medicare number 2953 18477 1", "national_id"),
        ("Ik ben gediagnosticeerd met een depressie.", "health"),
        ("Ho la depressione e prendo sertralina.", "health"),
        ("Od roku choruję na depresję i biorę leki.", "health"),
        ("うつ病と診断されて、抗うつ薬を飲んでいます。", "health"),
    ],
)
def test_every_example_in_the_issue_stays_on_the_device(prompt: str, category: str) -> None:
    prompt = prompt.encode().decode("unicode_escape") if "\\u" in prompt else prompt
    verdict = scan(prompt)
    assert category in verdict.categories, (prompt, verdict.findings)


@pytest.mark.parametrize(
    "prompt",
    [
        "How do I make a GitHub repo private?",
        "What are the side effects of ibuprofen?",
        "Use user@example.com in the docs, please.",
        "Order 4999 6748 7657 8293 has not shipped.",  # fails Luhn
        "Generate a UUID like 123e4567-e89b-12d3-a456-426614174000 for my test.",
        "Is #FF8800 a good accent colour?",
        "Flight LH 1837 leaves at 14:05 on 2025-03-14.",
        "Barack Obama was born in Honolulu in 1961.",
        "Is this password policy OK: min 12 chars, one symbol?",
    ],
)
def test_harmless_prompts_are_not_flagged(prompt: str) -> None:
    verdict = scan(prompt)
    assert not verdict.sensitive, verdict.findings


def test_findings_explain_themselves() -> None:
    text = "Charge 4539 1488 0343 6467 and mail jo.bloggs77@gmail.com"
    verdict = scan(text)
    assert verdict.categories == ["payment_card", "contact"]
    card, email = verdict.findings
    assert text[card.start : card.end] == "4539 1488 0343 6467"
    assert "Visa" in card.reason and "checksum" in card.reason
    assert text[email.start : email.end] == "jo.bloggs77@gmail.com"
    assert verdict.summary() == "card number, contact details detected"


def test_custom_terms_and_strictness_from_settings() -> None:
    assert scan(
        "Status update on Project Bluefin for Monday", custom_terms=["bluefin"]
    ).categories == ["custom_term"]
    assert not scan("Status update on Project Bluefin for Monday").sensitive


def test_redact_and_restore_roundtrip() -> None:
    text = "Card 4539 1488 0343 6467, again 4539 1488 0343 6467, email jo.bloggs77@gmail.com"
    masked, mapping = redact(text, scan(text).findings)
    assert "4539" not in masked and "gmail" not in masked
    assert masked.count("[CARD_1]") == 2 and "[EMAIL_1]" in masked
    assert restore(masked, mapping) == text


# ------------------------------------------------------------ generated numbers
def luhn_complete(prefix: str, length: int, rng: random.Random) -> str:
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    return body + luhn.calc_check_digit(body)


def formatted(number: str, style: int) -> str:
    groups = [number[i : i + 4] for i in range(0, len(number), 4)]
    return [number, " ".join(groups), "-".join(groups)][style]


@settings(max_examples=150, deadline=None)
@given(
    prefix=st.sampled_from(["4", "51", "55", "2221", "6011", "3530"]),
    seed=st.integers(0, 2**32),
    style=st.integers(0, 2),
    wrap=st.sampled_from(
        ["my card is {} thanks", "{}", "Pay with {}.", "Tarjeta: {} caduca 09/28"]
    ),
)
def test_valid_cards_in_any_format_are_found(prefix: str, seed: int, style: int, wrap: str) -> None:
    number = luhn_complete(prefix, 16, random.Random(seed))
    text = wrap.format(formatted(number, style))
    verdict = scan(text)
    assert "payment_card" in verdict.categories, text


@settings(max_examples=150, deadline=None)
@given(
    prefix=st.sampled_from(["4", "51", "6011"]), seed=st.integers(0, 2**32), style=st.integers(0, 2)
)
def test_cards_with_a_broken_checksum_are_not_cards(prefix: str, seed: int, style: int) -> None:
    number = luhn_complete(prefix, 16, random.Random(seed))
    broken = number[:-1] + str((int(number[-1]) + 1) % 10)
    verdict = scan(f"Is {formatted(broken, style)} divisible by 7?")
    assert "payment_card" not in verdict.categories


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    country=st.sampled_from(["DE", "FR", "GB", "ES", "IT", "NL"]),
    spaced=st.booleans(),
)
def test_valid_ibans_are_found_and_broken_ones_are_not(
    seed: int, country: str, spaced: bool
) -> None:
    from stdnum import iban

    rng = random.Random(seed)
    lengths = {"DE": 18, "FR": 23, "GB": 18, "ES": 20, "IT": 23, "NL": 14}
    if country == "GB":
        bban = "NWBK" + "".join(rng.choice("0123456789") for _ in range(14))
    elif country == "NL":
        bban = "ABNA" + "".join(rng.choice("0123456789") for _ in range(10))
    elif country == "IT":
        bban = "X" + "".join(rng.choice("0123456789") for _ in range(22))
    elif country == "FR":
        bban = "".join(rng.choice("0123456789") for _ in range(23))
    else:
        bban = "".join(rng.choice("0123456789") for _ in range(lengths[country]))
    check = iban.calc_check_digits(country + "00" + bban)
    valid = country + check + bban
    broken = country + f"{(int(check) + 1) % 97 or 2:02d}" + bban

    def show(v: str) -> str:
        return " ".join(v[i : i + 4] for i in range(0, len(v), 4)) if spaced else v

    assert "bank_account" in scan(f"Please pay into {show(valid)} today").categories
    assert "bank_account" not in scan(f"Please pay into {show(broken)} today").categories


# ------------------------------------------------------------------ hostile input
def best_times(small: str, large: str, runs: int = 5) -> tuple[float, float]:
    """Best of ``runs`` for each text, measured in turns so both see the same machine load."""
    best_small = best_large = float("inf")
    for _ in range(runs):
        for text in (small, large):
            start = time.process_time()
            scan(text)
            spent = time.process_time() - start
            if text is small:
                best_small = min(best_small, spent)
            else:
                best_large = min(best_large, spent)
    return best_small, best_large


@pytest.mark.parametrize(
    "unit",
    [
        "1",
        "1-",
        "1 ",
        "a@",
        "password = ",
        "eyJA",
        "word ",
        "4539 1488 ",
        "token: ",
        "a.b.c.d ",
        "x" * 9 + " my ssn is 536-22-8741 ",
        "Patient, 54, presents with ",
    ],
)
def test_adversarial_input_scans_in_linear_time(unit: str) -> None:
    """time(2n) stays near 2 x time(n): no catastrophic backtracking, no quadratic loops."""
    n = max(1, 40_000 // len(unit))
    small, large = unit * n, unit * (2 * n)
    scan(small)  # warm caches
    t_small, t_large = best_times(small, large)
    ratio = t_large / max(t_small, 1e-3)
    assert ratio < 3.5, f"time(2n)/time(n) = {ratio:.1f} for {unit!r} (linear: 2, quadratic: 4)"


def test_unicode_nul_and_surrogates_are_tolerated() -> None:
    text = "مرحبا 👋🏽 e\u0301 \ud800 card\x004539 1488 0343 6467 \u202eRTL"
    verdict = scan(text)
    assert "payment_card" in verdict.categories
    finding = next(f for f in verdict.findings if f.category == "payment_card")
    assert text[finding.start : finding.end] == "4539 1488 0343 6467"
    assert not scan("").sensitive and not scan("   ").sensitive


def test_prepare_builds_the_tables_before_the_first_scan() -> None:
    from aideon_desktop.core.privacy import prepare
    from aideon_desktop.core.privacy.detectors.national_ids import _any_shape, _by_length, catalogue
    from aideon_desktop.core.privacy.detectors.secret_shapes import secret_patterns
    from aideon_desktop.core.privacy.lexicon import lexicon, sentence_lexicon
    from aideon_desktop.core.privacy.normalize import fold_table

    tables = (
        catalogue,
        _by_length,
        _any_shape,
        secret_patterns,
        lexicon,
        sentence_lexicon,
        fold_table,
    )
    for table in tables:
        table.cache_clear()
    prepare()
    assert all(table.cache_info().currsize == 1 for table in tables)


def test_prepare_builds_the_topic_rules_patterns() -> None:
    """The patterns the sentence and drafting questions build on first use (a few ms each:
    the record-field search alone compiles three patterns of every field word) are built by
    prepare(), not in the first scan that asks; and libphonenumber's metadata of every region."""
    from phonenumbers.phonemetadata import PhoneMetadata

    from aideon_desktop.core.privacy import drafting, prepare, sentences
    from aideon_desktop.core.privacy.detectors import _business_matters, topics

    built = (
        sentences._record_field,
        sentences._salutation,
        sentences._titled_name,
        sentences._subject_words_any_case,
        drafting._named_subject,
        drafting._name_then_verb,
        drafting._hypothetical_any_case,
        topics._named_person,
        _business_matters._headcount,
        _business_matters._organisation,
        _business_matters._organisation_any_case,
    )
    for build in built:
        build.cache_clear()
    prepare()
    assert all(build.cache_info().currsize >= 1 for build in built)
    assert "BB" in PhoneMetadata._region_metadata  # a region sharing +1, loaded up front
