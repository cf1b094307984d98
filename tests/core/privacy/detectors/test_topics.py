"""Topical disclosures need a person: the user, a relation, or a described person in a record."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy import scan


def categories(text: str, strictness: str = "balanced") -> list[str]:
    return scan(text, strictness=strictness).categories  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Patient Maria Schmidt, 54, presents with chest pain since this morning.", "health"),
        ("Session 6: client reports panic attacks on the commute.", "health"),
        ("My dad was diagnosed with Parkinson's last year.", "health"),
        ("Meine Tochter ist schwanger in der 12. Woche.", "health"),
        ("うつ病と診断されて、抗うつ薬を飲んでいます。", "health"),
        ("我被确诊为焦虑症，正在服用抗抑郁药。", "health"),
        ("저는 공황장애 진단을 받았고 항우울제를 복용하고 있어요.", "health"),
        ("I'm going through a divorce and my ex wants custody.", "personal_situation"),
        ("Tengo deudas con tres bancos y me van a embargar el sueldo.", "personal_situation"),
        ("CONFIDENTIAL - term sheet: Series B at $60M pre-money.", "confidential_business"),
        ("Under NDA: we are acquiring Brightlane for $42M next quarter.", "confidential_business"),
        ("社外秘：来期の人員削減計画について要約してください。", "confidential_business"),
    ],
)
def test_disclosures(text: str, category: str) -> None:
    assert category in categories(text), scan(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "What are the common side effects of sertraline?",
        "Can a patient with asthma take ibuprofen?",
        "How do custody arrangements work after a divorce in Spain?",
        "Microsoft announced quarterly earnings; revenue grew 13%.",
        "What is a term sheet in venture capital?",
        "Diagnose why my sourdough starter smells like acetone.",
        "Wat zijn de symptomen van een depressie?",
    ],
)
def test_questions_about_topics_are_not_disclosures(text: str) -> None:
    assert not scan(text).sensitive, scan(text).findings


def test_strict_mode_needs_no_disclosure_verb() -> None:
    text = "My son and his ADHD: tips for homework?"
    assert "health" in categories(text, "strict")
