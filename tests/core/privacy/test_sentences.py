"""Who a sentence is about: the speaker, someone close, a person spoken of, or nobody."""

from __future__ import annotations

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.sentences import Sentence


def sentence(text: str) -> Sentence:
    return Sentence(ScanContext(text), 0, len(text))


def test_english_i_only_before_a_verb() -> None:
    assert sentence("I have diabetes").first_person
    assert sentence("i was diagnosed last year").first_person
    assert not sentence("Hur fungerar det i Sverige").first_person
    assert not sentence("Arbeitslosengeld I beantragen").first_person


def test_capitals_are_abbreviations_not_pronouns() -> None:
    assert not sentence("EU rules on drug prices").first_person
    assert sentence("eu tenho asma").first_person


def test_pro_drop_first_person_forms() -> None:
    assert sentence("Estoy en paro desde marzo").first_person
    assert sentence("Jestem w ciąży").first_person


def test_person_spoken_of_only_in_statements() -> None:
    assert sentence("She's starting chemo next week.").person_spoken_of
    assert not sentence("What should she eat after chemo?").person_spoken_of
    assert not sentence("If someone has cancer, should she tell her boss?").person_spoken_of


def test_generic_requests_in_several_languages() -> None:
    assert sentence("Explique-moi ce qu'est une chimiothérapie.").generic_question()
    assert sentence("Erkläre mir den Unterschied zwischen Angst und Panik.").generic_question()
    assert not sentence("What should I do, I was diagnosed yesterday?").generic_question()
