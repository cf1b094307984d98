"""drafting.py: a message the user drafts is about real people; a sentence can name its person."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.drafting import (
    cjk_question,
    drafted_message,
    hypothetical,
    names_a_person,
)


@pytest.mark.parametrize(
    "text",
    [
        "Write an email to my manager that Priya is going on maternity leave.",
        "proofread: Confirmed with client that there is no new launch in Q4.",
        "Schreib eine E-Mail an Herrn Keller, dass Frau Lorenz in Mutterschutz geht.",
        "Écris un mail à mon chef pour dire que Julie est en congé maternité.",
        "Popraw maila: Klient potwierdził, że obetnie budżet.",
        "上司にメールを書いて：田中さんが来月から産休に入ります。",
        "帮我写邮件给经理，说小王下个月开始休产假。",
        "팀장님께 김민지 씨가 출산휴가에 들어간다고 메일 써줘.",
        # the request closes the prompt
        "you were based in Taiwan during the Year of Assessment 2022/2023; check grammar",
    ],
)
def test_a_drafted_message(text: str) -> None:
    assert drafted_message(ScanContext(text))


@pytest.mark.parametrize(
    "text",
    [
        "How does maternity leave work in Germany?",
        "Draft a template email that employees can use to request parental leave.",
        "Write a maternity leave policy for a 50-person startup.",
        "Write a short story in which the hero writes a letter to his sister.",
        "Translate into Spanish: Your visa application was refused.",
        "Summarise the WHO fact sheet on hypertension in five bullet points.",
        "Plantilla: redacta un correo genérico de ejemplo para clientes.",
    ],
)
def test_no_drafted_message(text: str) -> None:
    assert not drafted_message(ScanContext(text))


@pytest.mark.parametrize(
    "text",
    [
        "Since Hanisha is going on maternity next month",
        "Priya is going on leave",
        "dass Frau Lorenz ab nächster Woche",
        "ma collègue Julie est en congé",
        "A Ana entra de licença",
        "田中さんが来月から",
        "김민지 씨가 다음 달부터",
        "说小王下个月开始",
    ],
)
def test_names_a_person(text: str) -> None:
    assert names_a_person(text)


@pytest.mark.parametrize(
    "text",
    [
        "Abraham Lincoln is often said to have suffered from depression",  # a full name
        "Welche Symptome hat Multiple Sklerose?",  # German nouns are capitalised
        "Write a maternity leave policy",
        "The Ministry is closed",
        "As Apple is launching a phone",
        "一小时以后",
        "老师说",
    ],
)
def test_names_nobody(text: str) -> None:
    assert not names_a_person(text)


def test_hypothetical_and_cjk_questions() -> None:
    assert hypothetical("What do I say if someone tells me they want to die?")
    assert not hypothetical("My friend told me he wants to die.")
    assert cjk_question("계정 정지 이의 제기는 어떻게 하나요?")
    assert not cjk_question("제가 하지 않은 결제 때문에 계정이 정지됐어요.")
