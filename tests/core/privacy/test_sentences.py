"""Who a sentence is about: the speaker, someone close, a person spoken of, or nobody."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aideon_desktop.core.privacy import scan
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.sentences import (
    _AGE,
    Sentence,
    _says_an_age,
    _titled,
    _titled_name,
)


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


def test_generic_questions_behind_opening_marks_and_elided_words() -> None:
    """Spanish opens a question with "¿"; French and Italian elide ("Qu'est-ce", "cos'è")."""
    for question in (
        "¿Cómo funciona el divorcio en España?",
        "¡Explícame qué es la quimioterapia!",
        "Qu'est-ce que la dépression post-partum ?",
        "Che cos'è la sclerosi multipla?",
        "Cos’è la NASpI?",
        "«Was ist eine Angststörung?»",
    ):
        assert sentence(question).generic_question(), question
    assert not sentence("¿Cómo le digo a mi jefe que estoy embarazada?").generic_question()


def test_a_general_question_behind_an_opening_mark_stays_in_the_cloud() -> None:
    assert not scan("¿Cómo funciona el divorcio en España?").sensitive
    assert scan("¿Qué hago? Mi marido me pega y tengo miedo.").sensitive


def line_of(text: str, line: str) -> Sentence:
    ctx = ScanContext(text)
    start = text.index(line)
    return Sentence(ctx, start, start + len(line))


def test_an_english_past_tense_after_a_capital_i_is_the_speaker() -> None:
    assert sentence("Got a notice saying I under-reported my income").first_person


def test_dutch_je_is_you_not_the_french_je() -> None:
    dutch = sentence("Hoe lang heb je recht op een uitkering?")
    assert not any(dutch._speaker(h) for h in dutch.of("subject") if h.end - h.start == 2)
    assert sentence("Je suis en arrêt maladie depuis lundi").first_person


def test_a_record_field_names_the_person_of_the_lines_below() -> None:
    record = "Patient: Leon Fischer\nDOB: 03/1979\nAssessment: type 2 diabetes"
    assert line_of(record, "Assessment: type 2 diabetes").described_person
    assert not line_of(
        "Name: Project Phoenix\nSummary: a diabetes app", "Summary: a diabetes app"
    ).described_person
    template = "Patient: Leon Fischer\nDiagnosis: asthma\nThis is a template for the demo."
    assert not line_of(template, "Diagnosis: asthma").described_person


def test_a_letter_to_a_named_person_about_a_sum_is_about_the_addressee() -> None:
    letter = "Dear Mr. Peter Lang,\nYour account is overdue. Amount owed: £2,140.55."
    assert line_of(letter, "Amount owed: £2,140.55.").personal(plural=False)
    generic = "Dear Customer,\nYour account is overdue. Amount owed: £20.00."
    assert not line_of(generic, "Amount owed: £20.00.").personal(plural=False)


def test_an_instruction_ending_in_a_colon_is_about_the_paste_below() -> None:
    text = "For the hearing, make this neutral:\nMon: he didn't return our daughter"
    assert line_of(text, "For the hearing, make this neutral:").personal(plural=False)
    text = "Translate this:\nThe weather is nice today"
    assert not line_of(text, "Translate this:").personal(plural=False)


def test_a_verb_form_asking_someone_else_is_no_speaker() -> None:
    assert not sentence("Hoe lang heb je recht op een uitkering?").first_person
    assert sentence("Ik heb een uitkering").first_person


def test_a_relation_opening_a_sentence_without_a_possessive() -> None:
    assert sentence("Brat jest uzależniony od alkoholu").relation
    assert not sentence("Make a quiz about the French Revolution").relation


def test_a_relation_or_a_record_person_carries_over_to_the_next_sentence() -> None:
    text = "Meine Oma (81) stürzt seit Wochen oft. Die Hausärztin vermutet eine Demenz."
    assert line_of(text, "Die Hausärztin vermutet eine Demenz.").personal(plural=False)
    spoken = "I am writing an essay. The surgeon removed a tumour."
    assert not line_of(spoken, "The surgeon removed a tumour.").personal(plural=False)
    apart = "My uncle is visiting.\n\nThe surgeon removed a tumour."
    assert not line_of(apart, "The surgeon removed a tumour.").personal(plural=False)


def test_honorifics_of_letters_name_a_described_person() -> None:
    assert sentence("Wir berichten über Herrn Kaya nach seinem Aufenthalt.").described_person
    assert sentence("La signora Conti è stata dimessa ieri.").described_person
    assert not sentence("Madame, Monsieur, veuillez trouver ci-joint le dossier.").described_person


AGE_AND_TITLE_PIECES = [
    "Mrs", "Herrn", "signora", "miss", " ", "\t", ".", ",", "Rossi", "K", "k", "54", "٥٤",
    "-year-old", " yo", "歳", "lat ", "(", ")", "Anna", "x", "Dr", "\n",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(AGE_AND_TITLE_PIECES), max_size=16))
def test_age_and_title_checks_answer_as_their_patterns(pieces: list[str]) -> None:
    """``_says_an_age`` and ``_titled`` search only a text with a digit, or with a capital after
    white space: they answer as ``_AGE`` and ``_titled_name`` searched everywhere."""
    text = "".join(pieces)
    assert _says_an_age(text) == bool(_AGE.search(text))
    assert _titled(text) == bool(_titled_name().search(text))


def test_hits_of_a_kind_are_those_the_hits_hold_in_order() -> None:
    """``of`` reads an index built once per sentence: the same hits, in order, as filtering
    the sentence's hits; and a list of the caller's own."""
    text = (
        "My mother and my dad were told the merger is confidential, CONFIDENTIAL: my therapist "
        "says I have depression, the patient Mrs Rossi, 54, had chemo and my brother too."
    )
    s = sentence(text)
    keys = {(h.group, h.kind) for h in s.hits} | {(h.group, None) for h in s.hits}
    keys |= {("health", "nothing"), ("none", None)}
    assert len(keys) > 8
    for group, kind in keys:
        want = [h for h in s.hits if h.group == group and (kind is None or h.kind == kind)]
        assert s.of(group, kind) == want
        s.of(group, kind).append(s.hits[0])  # changing the answer changes no later answer
        assert s.of(group, kind) == want


def test_chat_leaves_the_speaker_out_at_a_sentences_start() -> None:
    assert sentence("been having panic attacks every nite").first_person
    assert sentence("got laid off last week").first_person
    assert sentence("jsuis au chomage depuis mars").first_person
    # a question's lead-in, and words that open statements about anyone
    assert not sentence("been wondering about adhd meds, do they work?").first_person
    assert not sentence("having diabetes means checking your sugar").first_person
    assert not sentence("got a question about sertraline").first_person


def test_news_elsewhere_does_not_make_the_writers_own_sentence_unreal() -> None:
    text = "Apple announced record profits. meanwhile i got laid off and cant pay rent."
    ctx = ScanContext(text)
    own = Sentence(ctx, *ctx.sentence_bounds(text.index("meanwhile")))
    news = Sentence(ctx, *ctx.sentence_bounds(0))
    assert not own.not_real
    assert news.not_real
    # a word of public life in the same sentence still makes it news
    assert sentence("I read that the president announced he has cancer").not_real
    assert scan(text).categories == ["personal_situation"]
