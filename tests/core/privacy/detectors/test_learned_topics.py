"""The learned second reader flags disclosures by their wording, in any of the 12 languages, and
leaves questions about a topic, news, fiction and code alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aideon_desktop.core.privacy import scan
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors.learned_topics import (
    LearnedTopicDetector,
    impersonal_question,
    topics_hit,
)
from aideon_desktop.core.privacy.registry import detectors


def learned(text: str) -> list:
    return list(LearnedTopicDetector().find(ScanContext(text)))


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "My mother was told last week that the tumour has spread to her liver; "
            "how do I help her with the pain?",
            "health",
        ),
        (
            "Ich bin seit drei Monaten krankgeschrieben wegen einer schweren Depression "
            "und mein Chef ruft ständig an.",
            "health",
        ),
        ("私の夫は先月がんと診断されました。", "health"),
        (
            "Tengo deudas con tres bancos y me van a embargar la nómina el mes que viene.",
            "personal_situation",
        ),
        (
            "Strictly internal: we will lay off 300 people in the Lyon plant in March, "
            "before the results are published.",
            "confidential_business",
        ),
    ],
)
def test_a_disclosure_is_flagged_with_its_topic(text: str, category: str) -> None:
    found = learned(text)
    assert [f.category for f in found] == [category]
    finding = found[0]
    assert 0 <= finding.start < finding.end <= len(text)
    assert "learned model" in finding.reason
    assert category in scan(text).categories


@pytest.mark.parametrize(
    "text",
    [
        "What is the usual treatment for a kidney stone?",
        "Quali sono i sintomi dell'influenza?",
        "How does a company prepare for an acquisition announcement?",
        "Summarise: Nestlé announced today that it will sell its water business.",
        "Write a short story about a pirate who is afraid of the sea.",
        "def mean(xs):\n    return sum(xs) / len(xs)\n",
        "My grandmother turns 90 next week. Suggest a gift she would love.",
    ],
)
def test_questions_news_fiction_and_code_are_left_alone(text: str) -> None:
    assert learned(text) == []


def test_blank_text_gives_nothing() -> None:
    assert learned("   \n ") == []


def test_it_runs_in_the_topic_stage_of_the_registry() -> None:
    ours = [d for d in detectors() if d.name == "topic_learned"]
    assert len(ours) == 1
    assert ours[0].stage == "topic"


def test_a_long_paste_is_judged_by_its_start_and_end() -> None:
    filler = "The weather in the valley was mild and the harvest went well. " * 600
    disclosure = "I was diagnosed with breast cancer last week and start chemo on Monday."
    found = learned(filler + disclosure)
    assert [f.category for f in found] == ["health"]
    assert found[0].end > len(filler)


def test_fresh_rows_written_after_training_rules_and_model_together() -> None:
    """tests/data/privacy_learned6_check.jsonl was written after the model was trained and is
    never trained on: there the rules alone found 27 of 39 disclosures, with the model 31, and
    neither flagged any of the 32 look-alikes."""
    path = Path(__file__).resolve().parents[4] / "tests/data/privacy_learned6_check.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    found = [(row["sensitive"], scan(row["prompt"]).sensitive) for row in rows]
    positives = [got for want, got in found if want]
    assert not [got for want, got in found if not want and got]
    assert sum(positives) / len(positives) >= 0.79


@pytest.mark.parametrize(
    "text",
    [
        "Che cos'è la NASpI e chi ne ha diritto?",
        "Quels sont les droits d'un locataire pendant une procédure d'expulsion ?",
        "双相情感障碍有哪些治疗方法？",
    ],
)
def test_a_lone_question_naming_nobody_is_left_alone(text: str) -> None:
    assert impersonal_question(ScanContext(text))
    assert learned(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Is my HbA1c of 8.4 bad?",
        "Should Anna tell her boss about the chemo?",
        "What are the symptoms of diabetes? My dad has all of them.",
    ],
)
def test_a_question_about_someone_is_still_read(text: str) -> None:
    assert not impersonal_question(ScanContext(text))


@pytest.mark.parametrize(
    "text",
    [
        "The API token expired yesterday and the deploy was rejected.",
        "Each tablet contains 500 mg of the active ingredient.",
    ],
)
def test_words_that_need_a_partner_are_no_topic_cue(text: str) -> None:
    """A setback ("expired") or a unit of dose alone is no topic: the model learned its cues
    without them (NOT_A_CUE)."""
    assert topics_hit(ScanContext(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Qual è la differenza tra ansia e attacchi di panico? Mi serve per una lezione.",
        "Wie funktioniert eine Schuldnerberatung? Ich brauche das für ein Referat.",
    ],
)
def test_a_question_with_its_purpose_said_is_impersonal(text: str) -> None:
    assert impersonal_question(ScanContext(text))


@pytest.mark.parametrize(
    "text",
    [
        "Qual è la differenza tra ansia e attacchi di panico? Mia figlia ne soffre.",
        "Wie funktioniert eine Schuldnerberatung? Ich habe 30.000 Euro Schulden.",
    ],
)
def test_a_question_beside_a_disclosure_is_not_impersonal(text: str) -> None:
    assert not impersonal_question(ScanContext(text))


def test_a_form_naming_nobody_is_no_disclosure() -> None:
    from aideon_desktop.core.privacy.detectors.learned_topics import form_of_nobody

    assert form_of_nobody(ScanContext("편지 양식을 만들어 주세요. 이름과 금액은 빈칸으로 두세요."))
    assert not form_of_nobody(
        ScanContext("Board decided to close the plant; prepare an internal FAQ for managers.")
    )
    assert not form_of_nobody(ScanContext("Template for my landlord: I lost my job in May."))
