"""Topical disclosures need a person: the user, a relation, or a described person in a record."""

from __future__ import annotations

import json
from pathlib import Path

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


# ------------------------------------------------------------ second round
@pytest.mark.parametrize(
    ("text", "category"),
    [
        # situations by concept, in other languages (weak words backed by a second cue)
        ("Mio fratello è stato arrestato a Bologna ieri sera.", "personal_situation"),
        (
            "Ik heb een betalingsachterstand van €6.800 bij de Belastingdienst.",
            "personal_situation",
        ),
        ("Me han llegado cartas de Hacienda reclamándome 14.000 €.", "personal_situation"),
        ("我在公司干了五年，老板通知我不用来了，我能申请劳动仲裁吗？", "personal_situation"),
        ("음주운전으로 면허 취소됐고 벌금 700만 원 나왔어요.", "personal_situation"),
        # pro-drop first person, and a person spoken of
        ("Descobri que sou HIV positivo e comecei o tratamento.", "health"),
        ("Od roku choruję na depresję i biorę leki.", "health"),
        ("Priya will be out for a few weeks, she's starting chemo for breast cancer.", "health"),
        ("Mein Vater hatte letzte Woche einen Schlaganfall.", "health"),
        # confidentiality said in any language, a CJK label before a colon, appraisals
        (
            "Es confidencial: vamos a despedir a 30 personas y todavía no lo saben.",
            "confidential_business",
        ),
        (
            "Ne pas diffuser : notre marge brute est tombée à 11 % ce trimestre.",
            "confidential_business",
        ),
        (
            "Tighten this performance review for Tom Becker: missed 4 of 6 targets.",
            "confidential_business",
        ),
    ],
)
def test_second_round_disclosures(text: str, category: str) -> None:
    assert category in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hur fungerar bodelning vid skilsmässa i Sverige?",  # Swedish "i" is "in"
        "Wie berechnet man das Arbeitslosengeld I?",  # a Roman numeral is no "I"
        "Explique-moi simplement ce qu'est une chimiothérapie adjuvante.",  # "moi" of a request
        "社外秘と部外秘の違いは何ですか？",  # a label as the topic of a question
        "Posso pagare il nuovo frigorifero a rate con Findomestic?",  # an instalment is no debt
        "Write a short story about a detective who is diagnosed with cancer.",  # fiction
        "Summarise the WHO fact sheet on hypertension in five bullet points.",
    ],
)
def test_second_round_non_disclosures(text: str) -> None:
    assert not categories(text)


def test_a_weak_word_needs_a_sum_not_a_percentage() -> None:
    """ "fired" (a kiln) with percentages is no dismissal; "fired" with a sum of money could be."""
    recipe = "Our glaze, fired to cone 6: 42% feldspar, 18% silica, 16% whiting."
    assert "personal_situation" not in categories(recipe)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("My brother got his results: he carries a BRCA1 mutation.", "health"),
        ("Mijn collega heeft de diagnose multiple sclerose gekregen.", "health"),
        ("Name: Dana Hoyt\nReason unfit for work: major depressive episode", "health"),
        (
            "Enfant : Hugo Martin, 6 ans\nConclusion : trouble du déficit de l'attention (TDAH)",
            "health",
        ),
        (
            "Dear Mr. Peter Lang,\nYour account is overdue. Amount owed: £2,140.55.",
            "personal_situation",
        ),
        ("Got an IRS CP2000 saying I under-reported $18,400 and owe $5,912.", "personal_situation"),
        ("Mi ex no paga la pensión alimenticia y me debe 2.400 €.", "personal_situation"),
        (
            "Employee: Marcus Reed\nRating: Below expectations, no raise this cycle.",
            "confidential_business",
        ),
        (
            "Legal says we are not disclosing the breach until the investigation closes.",
            "confidential_business",
        ),
        ("Antes del anuncio oficial: vamos a cerrar la planta en junio.", "confidential_business"),
    ],
)
def test_round3_families(text: str, category: str) -> None:
    assert category in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Diagnose why my sourdough smells like acetone.",
        "Fix the grammar:\nMy team will present the mutation testing framework tomorrow.",
        "Explain what a BRCA1 mutation is.",
        "Employee: Jane Smith\nRole: Designer\nFill in the performance review with placeholders.",
        "Hoeveel bedraagt een WW-uitkering en hoe lang duurt die?",
        "What does a notice of assessment from the tax office mean?",
    ],
)
def test_round3_hard_negatives(text: str) -> None:
    assert not categories(text)


def test_condition_acronyms_count_only_in_capitals() -> None:
    assert not categories("Add to my email signature: call me at the office.")
    assert "health" in categories("My son has ADD and struggles at school.")
    assert not categories("Ich arbeite als Lehrerin und meine Mutter ist krank.")


def test_surgery_said_with_a_first_person_verb() -> None:
    assert "health" in categories("Mañana no vengo: me operan de la vesícula a las 9.")
    assert not categories("What happens during gallbladder surgery?")


def test_a_json_record_names_its_person() -> None:
    record = '{"applicant": "J. Okoro", "status": "asylum seeker", "hearing_date": "2024-09-12"}'
    assert "personal_situation" in categories(record)
    assert not categories('{"applicant": "<name>", "status": "asylum seeker"}')


@pytest.mark.parametrize(
    "text",
    [
        "Negociación con Telefónica: nuestro precio mínimo es 1,2 millones, no bajes de ahí.",
        "Minutes of yesterday's board meeting: approved the sale of the logistics unit for €85M.",
        "这是我们和华为谈判的底价：每台不低于800元，千万别告诉对方。",
        "Our pentest found an unpatched SQL injection in the billing API, still exploitable.",
    ],
)
def test_negotiation_floors_board_minutes_and_unpatched_holes(text: str) -> None:
    assert "confidential_business" in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "What is a walk-away price in negotiation?",
        "What are board minutes and who keeps them?",
        "How do I patch an unpatched Windows server?",
    ],
)
def test_the_same_words_in_general_questions(text: str) -> None:
    assert not categories(text)


@pytest.mark.parametrize(
    "text",
    [
        'Help me reply to this: "Your application for Universal Credit has been refused because '
        'your savings exceed £16,000."',
        "I got a letter from the police saying I'm a suspect in a hit and run.",
        "Mein Asylantrag wurde abgelehnt und ich habe zwei Wochen für den Widerspruch.",
        "Min man och jag ska skiljas och vi bråkar om huset.",
    ],
)
def test_round3_situations(text: str) -> None:
    assert "personal_situation" in categories(text)


def test_a_translation_of_a_letter_is_no_situation() -> None:
    assert not categories('Translate into Spanish: "Your visa application was refused."')


# --- round 4: disclosures inside messages the user drafts, about a named or described person,
# or about the writer's organisation (a personal subject is the message itself).


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Write in a better way - Hi Jacob (PM), Since Hanisha is going on maternity, can you "
            "let me know when the replacement for Hanisha will be required.",
            "health",
        ),
        ("Schreib eine E-Mail an Herrn Keller, dass Frau Lorenz in Mutterschutz geht.", "health"),
        ("上司にメールを書いて：田中さんが来月から産休に入ります。", "health"),
        ("帮我写邮件给经理，说小王下个月开始休产假。", "health"),
        (
            "Rewrite: Daniel is in hospital after a heart attack and will be off for weeks.",
            "health",
        ),
        (
            "Here my friend Oscar message after the exam: I am just going to jump building.",
            "health",
        ),
        ("Mon meilleur ami m'a écrit qu'il veut se suicider, que dois-je faire ?", "health"),
        ("友達から「もう死にたい」とLINEが来ました。", "health"),
        (
            "Write a detailed appeal to Google with a request to unblock my account, since it was "
            "blocked due to suspicious payments that I did not make.",
            "personal_situation",
        ),
        (
            "(ii) you were based in Taiwan and did not render any services in Hong Kong during "
            "the Year of Assessment 2022/2023; check gramamr",
            "personal_situation",
        ),
        (
            "Napisz odwołanie: moje konto zostało zablokowane z powodu podejrzanych płatności.",
            "personal_situation",
        ),
        ("大家さんに手紙を書いて。先月会社をクビになり、家賃を払えません。", "personal_situation"),
        (
            "write an email to Ms.yoyo; tell her 6480 USD has been transfer to the ApoStar IBAN "
            "Account, please send our ordered products",
            "confidential_business",
        ),
        (
            "proof read this: Confirmed with client that there is no new game launch in Q4 nor "
            "market expansion plan.",
            "confidential_business",
        ),
        (
            "Due to problems at a supplier we can't produce the current generation with an "
            "acceptable delivery.",
            "confidential_business",
        ),
        (
            "Kürze das: Der Kunde hat bestätigt, dass er den Rahmenvertrag Ende Juni kündigt.",
            "confidential_business",
        ),
        (
            "메일 다듬어줘: 공급업체 문제로 신제품 생산이 11월까지 지연됩니다.",
            "confidential_business",
        ),
    ],
)
def test_round4_disclosures_in_drafted_messages(text: str, category: str) -> None:
    assert category in categories(text), scan(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "How does maternity leave work in Germany?",
        "Write a maternity leave policy for a 50-person startup.",
        "Draft a template email that employees can use to request parental leave.",
        "Make it shorter: Maternity leave in the UK can last up to 52 weeks, of which 39 are paid.",
        "Rewrite: Regular exercise lowers the risk of heart attack and a stroke in older adults.",
        "Pope Francis was admitted to hospital with bronchitis, according to the Vatican.",
        "In the novel, Anna is in hospital after a heart attack; write the next chapter.",
        "What do I say if someone tells me they want to die? General advice please.",
        "Write a poem about a girl who wants to jump into the ocean at sunset.",
        "계정 정지 이의 제기는 어떻게 하나요?",
        "문장 다듬어줘: 출산휴가 제도는 회사마다 다릅니다.",
        "帮我润色：定期运动可以降低中风的风险。",
        "Translate into French: The client confirmed the meeting for Tuesday.",
        "Reply to Tom: yes, the files have been transferred to the shared drive.",
        "Improve this sentence: Suppliers often face problems when demand changes quickly.",
        "Apple confirmed that the iPhone 16 will launch in September, according to the press release.",
        "Welche Symptome hat Multiple Sklerose typischerweise?",
    ],
)
def test_round4_the_same_words_naming_nobody(text: str) -> None:
    assert not categories(text), scan(text).findings


def test_round4_own_cases_keep_negatives_clean_and_recall_up() -> None:
    """tests/data/privacy_prose4.jsonl: topical prose in 12 languages, positives and hard
    negatives (topic questions, policies, templates, public news, general statements pasted into
    an edit request).  Batch "check" was written before the rules and never tuned on."""
    path = Path(__file__).resolve().parents[3] / "data" / "privacy_prose4.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    flagged = [(row, scan(row["prompt"]).sensitive) for row in rows]
    false_alarms = [row["prompt"] for row, got in flagged if got and not row["sensitive"]]
    positives = [got for row, got in flagged if row["sensitive"]]
    assert not false_alarms
    assert sum(positives) / len(positives) >= 0.85


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Befundbericht: Herr Lukas Brandt, 49, wird wegen einer Tuberkulose behandelt.", "health"),
        ("Ma tante est suivie pour une insuffisance cardiaque depuis l'hiver.", "health"),
        ('{"insured": "Oona Price", "icd10": "J45.909", "provider": "Northside Clinic"}', "health"),
        ("My grandad (84) keeps falling. The GP suspects early heart failure.", "health"),
        ("My flatmate's script says quetiapine, 1 daily at night: what is it for?", "health"),
        ("Zorgnotitie: mevrouw Jansen hoort stemmen en slaapt slecht.", "health"),
        ("She keeps saying we'd all be better off without her.", "health"),
        ("Mój tata leczy się na zapalenie trzustki od miesiąca.", "health"),
        ("My girlfriend says her ex threatens her and checks her phone.", "personal_situation"),
        ("Min mamma blev gripen i går och vi vet inte varför.", "personal_situation"),
        (
            "Il mio socio è accusato di appropriazione indebita e io rischio la casa.",
            "personal_situation",
        ),
        ("Mijn oom is failliet verklaard en zijn bedrijf is dicht.", "personal_situation"),
        ("兄の会社が倒産して、家が競売にかけられます。", "personal_situation"),
        (
            "Our son has persistent absence this term and the school wrote to us.",
            "personal_situation",
        ),
        (
            "Ich habe heute den Bescheid bekommen: meine Aufenthaltserlaubnis läuft aus.",
            "personal_situation",
        ),
        ("Care log: Mr Baptiste, 91, ate little today. Pressure sore on the left heel.", "health"),
        (
            "Letter:\nDear Noor,\nyou are suspended pending a disciplinary hearing.",
            "personal_situation",
        ),
        ("We have refused your application for leave to remain. What now?", "personal_situation"),
    ],
)
def test_round5_letters_records_and_plain_words(text: str, category: str) -> None:
    assert category in categories(text), scan(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Template: Dear [PARENT NAME], your child [CHILD NAME] was treated for [CONDITION] today.",
        "Draft a fictional case study: a patient with tuberculosis arrives at the clinic.",
        "Patient leaflet: heart failure is treated with diuretics; weigh yourself daily.",
        "Which ICD-10 chapter covers diseases of the circulatory system?",
        "Adults take two tablets daily with food unless the pharmacist advises otherwise.",
        "Wat betekent het als een bedrijf failliet wordt verklaard?",
        "The minister was accused of embezzlement, the newspaper reported on Friday.",
        "How do schools handle persistent absence in England?",
        "Our company faces the threat of a price war next year.",
        "Vorlage: Sehr geehrte/r [Name], wir kündigen das Arbeitsverhältnis fristgerecht.",
        "Dear Noor, have you read the new guidance on disciplinary hearings?",
        "Pressure sores are common in bedbound patients. Reposition every two hours.",
    ],
)
def test_round5_the_same_words_naming_nobody(text: str) -> None:
    assert not {"health", "personal_situation"} & set(categories(text)), scan(text).findings


def test_round5_own_cases_keep_negatives_clean_and_recall_up() -> None:
    """tests/data/privacy_prose5.jsonl: letters, records, case notes and forms in 12 languages
    with hard negatives (leaflets, guidelines, templates, public news, fiction).  Batch "check"
    was written before the round-five rules."""
    path = Path(__file__).resolve().parents[3] / "data" / "privacy_prose5.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    flagged = [(row, scan(row["prompt"]).sensitive) for row in rows]
    false_alarms = [row["prompt"] for row, got in flagged if got and not row["sensitive"]]
    positives = [got for row, got in flagged if row["sensitive"]]
    assert not false_alarms
    assert sum(positives) / len(positives) >= 0.9


# ------------------------------------------------------------ round six
# Confidential business by what it is (detectors/_business_matters.py): an organisation's act
# with its size, a negotiating position with its sum, figures said internal or set against its
# plan, anything the people concerned have not been told; no "confidential" marker needed.
@pytest.mark.parametrize(
    "text",
    [
        "Wir schließen das Werk in Kassel, 210 Stellen fallen weg, der Betriebsrat weiß es noch nicht.",
        "Nous allons licencier Julien Moreau pour faute grave lundi ; rédige la convocation.",
        "Nuestra oferta por Grupo Salinas es de 30 millones de euros; podemos subir a 34.",
        "Bozza per il CdA: il fatturato interno del semestre è di 7,8 milioni, contro un budget di 9,5.",
        "Vamos fechar a loja de Coimbra e 22 funcionários serão afetados; ainda não sabem.",
        "We ontslaan Mark Jansen volgende week vanwege fraude; help me met het gesprek.",
        "Notatka: zarząd zdecydował o likwidacji oddziału, 50 etatów, pracownicy jeszcze nie wiedzą.",
        "Vårt bud på Lindqvist AB är 60 miljoner kronor men vi kan gå upp till 75.",
        "来月、大阪工場を閉鎖して120人を削減する予定です。まだ社員には伝えていません。",
        "我们对华远科技的收购报价是2亿元，底线是2.5亿。",
        "내부 자료: 3분기 매출은 42억 원으로 목표 60억 원에 크게 못 미쳤습니다.",
        "We had a ransomware incident on Tuesday. Legal says we don't have to disclose it yet.",
    ],
)
def test_round6_unpublished_matters_of_an_organisation(text: str) -> None:
    assert "confidential_business" in categories(text), scan(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Amazon says it will lay off about 14,000 corporate employees, according to a blog post.",
        "Our store closes at 9pm on December 24; 5 staff will be on shift. Write a notice.",
        "Our revenue target for the charity bake sale is $500.",
        "We offered $20 gift cards to the first 100 survey respondents.",
        "Internal server error 500 after the sales page loads, revenue widget shows $0.",
        "I don't know yet whether the launch webinar is open to everyone, do you?",
        "In my novel, the CEO secretly plans to close the factory and 300 workers will lose their jobs.",
        "Die Deutsche Bank hat angekündigt, 3.500 Stellen abzubauen. Fasse die Meldung zusammen.",
        "Jak negocjować cenę przejęcia firmy? Podaj przykład z ofertą 5 mln zł.",
        "某公司宣布裁员1000人，这对行业有什么影响？",
        "Write a story where Anna Berg gets fired from her job.",
    ],
)
def test_round6_the_same_words_in_news_fiction_and_small_change(text: str) -> None:
    assert "confidential_business" not in categories(text), scan(text).findings


def test_round6_a_head_count_alone_needs_the_people_it_affects() -> None:
    """A site that closes for the evening with its staff on shift is no lay-off."""
    assert not scan("Il ristorante chiude alle 22, servono 3 persone in sala.").sensitive
    text = "We're shutting the Leeds warehouse, 140 people affected."
    assert "confidential_business" in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mia sorella sta divorziando e il marito le ha svuotato il conto corrente.",
        "Mijn vader is vorige maand overleden en mijn broer en ik maken ruzie over de erfenis.",
        "My partner found out I'm gay from my phone and now my family won't talk to me.",
        "Jag har spelskulder på 200 000 kr och min fru vet inget.",
        "在留資格の更新が不許可になり、来月までに出国しなければなりません。",
        "비자가 만료돼서 출입국사무소에 가야 하는데 추방될까 봐 무서워요.",
        "I've been sleeping in my car for two weeks since my landlord changed the locks.",
        "Mi ex no me deja ver a mi hija desde hace tres meses y el juzgado no responde.",
    ],
)
def test_round6_situations_in_any_inflection(text: str) -> None:
    assert "personal_situation" in categories(text), scan(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "My favourite character died in the last episode, why did the writers do that?",
        "Our team fell out with the vendor over the API; write a neutral email.",
        "Explain inheritance in object-oriented programming with an example.",
        "在留資格の種類と、それぞれの申請方法を教えてください。",
        "이 소설의 주인공은 비자가 만료돼서 추방될 위기에 처합니다. 줄거리를 요약해 주세요.",
    ],
)
def test_round6_situation_words_of_nobody_in_particular(text: str) -> None:
    assert "personal_situation" not in categories(text), scan(text).findings


def test_round6_own_cases_keep_negatives_clean_and_recall_up() -> None:
    """tests/data/privacy_prose6.jsonl: five batches in 12 languages, each written before the
    rules it then checked (check: before round six; check2 to check5: after the previous
    batch's rules).  One hard negative stays flagged ("Welche Rechte habe ich … als Mieter bei
    einer Räumungsklage?": a first-person question that may be the asker's own case)."""
    path = Path(__file__).resolve().parents[3] / "data" / "privacy_prose6.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    flagged = [(row, scan(row["prompt"]).sensitive) for row in rows]
    false_alarms = [row["prompt"] for row, got in flagged if got and not row["sensitive"]]
    positives = [got for row, got in flagged if row["sensitive"]]
    assert len(false_alarms) <= 1, false_alarms
    assert sum(positives) / len(positives) >= 0.95


# ------------------------------------------------------------ seventh round
@pytest.mark.parametrize(
    ("text", "category"),
    [
        # caring for someone close, in the words of several languages
        ("Since the stroke I've been looking after my grandad full time.", "personal_situation"),
        (
            "Ich pflege meinen Vater seit dem Sommer und schaffe meine Arbeit nicht mehr.",
            "personal_situation",
        ),
        ("Cuido a mi abuela desde marzo y he tenido que dejar el trabajo.", "personal_situation"),
        ("Opiekuję się ojcem po operacji i nie mam już urlopu.", "personal_situation"),
        ("祖母を自宅で介護しているので、残業ができません。", "personal_situation"),
        # the death of someone close, not dated to a year
        (
            "My aunt passed away on Thursday and I need to ask for the week off.",
            "personal_situation",
        ),
        (
            "Mijn vader is vorige week overleden en ik kan me niet concentreren.",
            "personal_situation",
        ),
        ("외할머니가 어제 돌아가셨어요.", "personal_situation"),
        # a dose of a medicine whatever it is called
        ("Sto prendendo quetiapina 25 mg la sera da un mese.", "health"),
        ("Mein Mann bekommt jetzt Apixaban 5 mg zweimal täglich.", "health"),
        # a condition right after a CJK subject
        ("我妈妈有糖尿病，最近血糖一直很高。", "health"),
        # pregnancy weeks without a spoken subject
        ("임신 7주인데 회사에는 아직 말하지 않았어요.", "health"),
        # a vital sign in a record
        ("Paciente, 71 anos, dispneia, SpO2 88% em ar ambiente.", "health"),
        # gambling, separating, a changed religion
        ("Mon mari joue au casino tous les soirs et on a perdu 8 000 €.", "personal_situation"),
        (
            "We're separating after twelve years and I don't know how to tell my parents.",
            "personal_situation",
        ),
        ("Ik ben uit de kerk gestapt en mijn ouders weten het niet.", "personal_situation"),
        ("I'm relapsing and my sponsor doesn't know.", "health"),
        # residence papers with a setback, in the same sentence
        (
            "My husband's work permit was revoked last week and his employer let him go.",
            "personal_situation",
        ),
        ("Mijn asielaanvraag is afgewezen en ik moet binnen vier weken weg.", "personal_situation"),
        ("在留カードが先月切れてしまいました。", "personal_situation"),
        # drugs taken by someone close; coming out
        ("Mia sorella prende eroina di nuovo, l'ho vista ieri.", "personal_situation"),
        ("I came out as trans at work on Monday.", "personal_situation"),
        # a vital sign, a scope, a paralysis by name
        ("Mi padre se midió la tensión arterial: 172/104.", "health"),
        ("Ich habe nächste Woche eine Darmspiegelung wegen Blut im Stuhl.", "health"),
    ],
)
def test_round7_disclosures_by_kind(text: str, category: str) -> None:
    assert category in categories(text), scan(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "We care for our clients with the same attention every day.",
        "My grandfather died in 1944 in Normandy; write a short tribute for the family album.",
        "Draft an FAQ for our staff: bereavement leave, carer's leave and debt advice.",
        "Can I take 400 mg of ibuprofen with 500 mg of paracetamol?",
        "Is 50 mg of sertraline a normal starting dose?",
        "妊娠12週の胎児はどれくらいの大きさですか？",
        "Write a story where a nurse cares for her dying mother.",
        "Our policy: employees who care for a sick parent may work from home two days a week.",
        "My Visa card expired last month, how do I update it in the app?",
        "The visa office refused to answer the phone all week, typical.",
        "My favourite novel is about a man caring for his dying mother; recommend similar books.",
        "I'm writing an essay on how cocaine reached Europe in the 1980s.",
    ],
)
def test_round7_the_same_kinds_of_nobody_in_particular(text: str) -> None:
    assert not scan(text).sensitive, scan(text).findings


def _prose7_rows(batch: str) -> list[tuple[dict[str, object], bool]]:
    path = Path(__file__).resolve().parents[3] / "data" / "privacy_prose7.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [(row, scan(row["prompt"]).sensitive) for row in rows if row["batch"] == batch]


@pytest.mark.parametrize(
    ("batch", "recall", "false_alarms"), [("prose7-study", 0.98, 0), ("prose7-estimate", 0.86, 3)]
)
def test_round7_own_cases_per_half(batch: str, recall: float, false_alarms: int) -> None:
    """tests/data/privacy_prose7.jsonl, 12 languages, split by a hash of the prompt: the rules
    were written from the misses of the study half only; the estimate half is only scored
    (its floors are what it scored, so that it can only go up)."""
    flagged = _prose7_rows(batch)
    wrong = [row["prompt"] for row, got in flagged if got and not row["sensitive"]]
    positives = [got for row, got in flagged if row["sensitive"]]
    assert len(wrong) <= false_alarms
    assert sum(positives) / len(positives) >= recall


def test_a_business_event_said_to_be_kept_back_is_confidential_whoever_speaks() -> None:
    """Korean and Japanese leave the "we" out: the event and "not public yet" are enough."""
    for text in (
        "다음 달에 경쟁사 인수를 발표할 예정인데 아직 비공개예요. 보도자료 초안 좀 써 주세요.",
        "The merger with Halden isn't public yet, draft the FAQ for the team.",
    ):
        assert "confidential_business" in {f.category for f in scan(text).findings}, text
    for text in (
        "Why do companies keep mergers secret before they are announced?",
        "Write a novel scene where the merger is not public yet and a spy leaks it.",
    ):
        assert not scan(text).sensitive, text


def test_the_real_figure_set_against_what_the_outside_is_told_is_internal() -> None:
    for text in (
        "Our churn is actually 9% monthly, not the 3% in the investor deck. How do I fix the model?",
        "Il nostro margine lordo reale è al 18%, non al 25% che diciamo ai distributori.",
    ):
        assert "confidential_business" in {f.category for f in scan(text).findings}, text
    for text in (
        "What is a good churn rate for SaaS, 3% or 5%?",
        "How do I build an investor deck for a seed round with 20% growth?",
        "Il margine lordo medio del settore è al 25%.",
    ):
        assert not scan(text).sensitive, text


def test_nobody_knows_yet_in_swedish_marks_our_plan() -> None:
    text = "Vi ska sälja divisionen i Malmö till en konkurrent, ingen vet något än."
    assert "confidential_business" in {f.category for f in scan(text).findings}
    assert not scan("Ingen vet än varför dinosaurierna dog ut helt.").sensitive


@pytest.mark.parametrize(
    "text",
    [
        "Salaries for the design team: Ana 72k, Jonas 68k, Mei 81k — is this fair against market?",
        "Jonas Berg earns 68,000 a year, Mei Lin 81,000. Is that fair?",
        "Write a retention offer for Priya — she has an offer from Stripe and we'd match up to 160k.",
        "Das Gehalt von Anna Schulz liegt bei 72.000 €, soll ich erhöhen?",
    ],
)
def test_the_pay_of_a_named_person_is_confidential(text: str) -> None:
    assert "confidential_business" in {f.category for f in scan(text).findings}, text


@pytest.mark.parametrize(
    "text",
    [
        "What is the average salary of a UX designer in Berlin? 65k?",
        "Taylor Swift earns 80 million a year",
        "The job ad says the salary is 70k to 85k.",
        "How much does a nurse earn in Spain, around 30.000 €?",
    ],
)
def test_pay_in_general_or_a_celebritys_is_not(text: str) -> None:
    assert not scan(text).sensitive, text


# Round 8: the topical rules in tr ru uk vi ar he hi id ro hu el fi da no th cs, and what makes
# a text nobody's in any language (resources/privacy/topics.toml, "(round 8)").
@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "babama geçen hafta akciğer kanseri teşhisi kondu, kemoterapiye ne zaman başlanır",
            "health",
        ),
        ("мне поставили диагноз депрессия, психиатр выписал флуоксетин", "health"),
        ("Mẹ tôi bị tiểu đường và đang chạy thận ba lần một tuần.", "health"),
        ("eşim 7 haftalık hamile ama kanama başladı, acile gidiyoruz", "health"),
        ("Bệnh nhân Trần Văn Nam, 66 tuổi, ung thư phổi giai đoạn 3, đang hóa trị.", "health"),
        ("sertralin 50mg kullanıyorum 3 aydır, biraz rakı içersem ne olur?", "health"),
        ("Мы с мужем разводимся, он отказывается платить алименты.", "personal_situation"),
        (
            "Saya terjerat pinjol 40 juta dan penagih sudah menelepon kantor saya.",
            "personal_situation",
        ),
        ("oturma iznim reddedildi, sınır dışı edilmekten korkuyorum", "personal_situation"),
        ("Jeg blev fyret i går og har gæld til inkasso.", "personal_situation"),
        (
            "Вирішили закрити офіс у Львові, 40 працівників, поки ніхто не знає.",
            "confidential_business",
        ),
        (
            "Выручка за квартал 120 млн руб, на 25% ниже плана. Перефразируй для правления.",
            "confidential_business",
        ),
        (
            "Напиши отказ Анне Петровой: её зарплата 150 тыс, повышения не будет.",
            "confidential_business",
        ),
        (
            "Gaji Bu Sari sebagai manajer Rp 18 juta, tahun ini tidak naik. Buat memo.",
            "confidential_business",
        ),
        ("Mellem os: ledelsen lukker lageret i Vejle, 60 ansatte berørt.", "confidential_business"),
    ],
)
def test_round8_disclosures_in_more_languages(text: str, category: str) -> None:
    assert category in categories(text), scan(text).findings


@pytest.mark.parametrize(
    "text",
    [
        # questions about the topic, in the new languages
        "diyabet hastaları hangi meyveleri yiyebilir? genel bir liste yap",
        "Bệnh tiểu đường type 2 có chữa khỏi được không? Giải thích ngắn gọn.",
        "Mennyi ideig tart egy válóper Magyarországon általában?",
        # a case put, not a person's ("if a foreigner is refused a residence permit …")
        "если иностранцу отказали в ВНЖ, сколько дней у него обычно есть на выезд?",
        # invented people: a role-play, a teaching case, the writer's novel
        "Rollenspiel: du bist Personalchefin, ich spiele einen erfundenen Mitarbeiter, der gekündigt wird.",
        "Role-play a fictitious patient with panic attacks so I can practise my intake interview.",
        "For my screenwriting class: dialogue between a divorcing couple arguing over the dog.",
        "Рольова гра: ти лікар, я вигаданий пацієнт з діабетом. Почни прийом.",
        # news already published
        "Кратко перескажи опубликованный годовой отчёт Сбербанка: выручка и прибыль.",
    ],
)
def test_round8_nobody_in_particular(text: str) -> None:
    assert not scan(text).sensitive, scan(text).findings


def test_role_play_of_telling_ones_own_family_is_still_a_disclosure() -> None:
    """Invented people make a text nobody's, but not the writer's own family in it."""
    text = "Let's role-play: you are my mum and I tell her I'm pregnant and was diagnosed with diabetes."
    assert "health" in categories(text)


def _prose8_rows(batch: str) -> list[tuple[dict[str, object], bool]]:
    path = Path(__file__).resolve().parents[3] / "data" / "privacy_prose8.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [(row, scan(row["prompt"]).sensitive) for row in rows if row["batch"] == batch]


@pytest.mark.parametrize(
    ("batch", "recall", "false_alarms"), [("prose8-study", 0.97, 1), ("prose8-estimate", 0.89, 1)]
)
def test_round8_own_cases_per_half(batch: str, recall: float, false_alarms: int) -> None:
    """tests/data/privacy_prose8.jsonl (28 languages, split by bench/privacy.py's split_of):
    rules were written from the study half's misses only; the estimate half was scored once
    (its floors are what it scored)."""
    flagged = _prose8_rows(batch)
    wrong = [row["prompt"] for row, got in flagged if got and not row["sensitive"]]
    positives = [got for row, got in flagged if row["sensitive"]]
    assert len(wrong) <= false_alarms, wrong
    assert sum(positives) / len(positives) >= recall


def test_someones_health_in_a_year_long_past_is_biography_but_not_ones_own_family() -> None:
    assert not scan("Frida Kahlo caught polio in 1913 and walked with a limp for life.").sensitive
    assert "health" in categories("My grandmother caught polio in 1952 and now uses a wheelchair.")
    record = "Patient Hans Weber, born 1948, type 2 diabetes, takes metformin 1000 mg daily."
    assert "health" in categories(record)


def test_a_deal_the_board_will_announce_next_quarter_is_kept_back_in_any_language() -> None:
    text = "Η διοίκηση: η εξαγορά της εταιρείας για 40 εκατομμύρια ευρώ θα ανακοινωθεί το επόμενο τρίμηνο."
    assert "confidential_business" in categories(text), scan(text).findings


def _prose9_rows(batch: str) -> list[tuple[dict[str, object], bool]]:
    path = Path(__file__).resolve().parents[3] / "data" / "privacy_prose9.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [(row, scan(row["prompt"]).sensitive) for row in rows if row["batch"] == batch]


@pytest.mark.parametrize(
    ("batch", "recall", "false_alarms"), [("prose9-study", 0.98, 0), ("prose9-estimate", 0.95, 1)]
)
def test_round9_own_cases_per_half(batch: str, recall: float, false_alarms: int) -> None:
    """tests/data/privacy_prose9.jsonl (personal situations and confidential business, 20
    languages, half negatives; split by split_of): rules were written from the study half's
    misses; the estimate half's floors are what it scored (the same writer wrote both halves,
    so it is an optimistic estimate)."""
    flagged = _prose9_rows(batch)
    wrong = [row["prompt"] for row, got in flagged if got and not row["sensitive"]]
    positives = [got for row, got in flagged if row["sensitive"]]
    assert len(wrong) <= false_alarms, wrong
    assert sum(positives) / len(positives) >= recall


@pytest.mark.parametrize(
    "text",
    [
        # a blank of any script, a form asked for
        "Шаблон соглашения о неразглашении с полями [ФИО] и [ДАТА].",
        "给我一份保密协议模板，甲方乙方用[公司名称]代替。",
        "会社法に沿った取締役会議事録のひな形を作成してください。日付や出席者は空欄で。",
        # a matter said to be published already
        "Riassumi questo comunicato già pubblicato: la fusione annunciata a settembre è firmata, "
        "2.300 dipendenti e ricavi di 640 milioni.",
        # a question about a topic opening in a language round 9 added
        "ما هي إجراءات الطلاق في القانون المصري؟",
        "מה זה שימוע לפני פיטורים ומה הזכויות של העובד באופן כללי?",
        # invented people: a story's protagonist
        "cria um roteiro de novela: a protagonista descobre que o marido tem uma amante e uma "
        "dívida milionária com agiota",
    ],
)
def test_round9_nobodys_matter(text: str) -> None:
    assert not scan(text).sensitive, scan(text).findings


@pytest.mark.parametrize(
    "text",
    [
        # an appraisal with its verdict, where the name has no capitals
        "اكتب تقييم أداء للموظف خالد العتيبي: لم يحقق الأهداف ولا زيادة في الراتب هذا العام.",
        "कर्मचारी राहुल वर्मा के लिए निलंबन पत्र ड्राफ्ट करो, आंतरिक जाँच पूरी होने तक।",
        # the board named as having decided a lay-off
        "Σήμερα το ΔΣ αποφάσισε περικοπή 15% του προσωπικού στο εργοστάσιο της Θεσσαλονίκης.",
        # a relative held by the police, in the languages round 9 added
        "Bantu saya tulis pesan ke atasan: adik saya ditangkap polisi kemarin.",
        "Pomoz mi napsat zprávu šéfovi: bratra včera zadržela policie a zítra musím k soudu.",
        # gambling debts and collectors
        "У подруги муж-игроман, набрал кредитов, и коллекторы звонят ей на работу.",
        # a deal with the sums of Indonesian
        "Rapikan update investor ini: burn Rp 3,2 miliar/bulan, term sheet Seri A di valuasi "
        "USD 40 juta pre-money.",
    ],
)
def test_round9_disclosures(text: str) -> None:
    assert scan(text).sensitive


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("been having panic attacks every nite since sept", "health"),
        ("mujhe diabetes hai aur daily insulin leta hu", "health"),
        ("minh bi tram cam, bac si cho uong thuoc", "health"),
        ("doktor bana antidepresan verdi, depresyondayim galiba", "health"),
        ("isten cikarildim, kirayi odeyemiyorum", "personal_situation"),
        ("minh bi duoi viec roi, no nan chong chat", "personal_situation"),
        ("im gay but my parents dont know", "personal_situation"),
        ("my dad hits my mom when hes drunk", "personal_situation"),
        ("no lo digas pero nos va a comprar Telefonica", "confidential_business"),
        ("boss wants us to keep the Q3 numbers quiet, rev dropped 18%", "confidential_business"),
        ("gizli: sirket satiliyor, kimseye soyleme", "confidential_business"),
        ("los numeros del Q3 son internos, bajamos un 12% en ventas", "confidential_business"),
    ],
)
def test_disclosures_as_chat_types_them(text: str, category: str) -> None:
    assert category in categories(text), scan(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "planning a surprise party for my mom, dont tell anyone!",
        "been wondering about adhd meds, do they work?",
        "been reading about divorce law in texas",
        "got a question about sertraline side effects",
        "Microsoft to lay off 10,000 workers, says Reuters",
        "how long does chemo usually take? asking for a school project",
        "trieu chung tram cam la gi",
    ],
)
def test_chat_about_a_topic_is_nobodys_disclosure(text: str) -> None:
    assert categories(text) == [], scan(text).findings


def _messy10_rows(part: str) -> list[tuple[dict[str, object], bool]]:
    from bench.privacy import split_of

    path = Path(__file__).resolve().parents[3] / "data" / "privacy_messy10.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [(row, scan(row["prompt"]).sensitive) for row in rows if split_of(row["prompt"]) == part]


@pytest.mark.parametrize(
    ("part", "recall", "false_alarms"), [("study", 0.97, 0), ("untouched", 0.86, 1)]
)
def test_round10_messy_chat_per_half(part: str, recall: float, false_alarms: int) -> None:
    """tests/data/privacy_messy10.jsonl (short messy chat messages, 20 languages, half hard
    negatives; split by bench/privacy.py's split_of): rules were written from the study half's
    misses only; the untouched half's floors are what it scored (before any rule of round 10:
    study P .985 R .637, untouched P .973 R .692)."""
    flagged = _messy10_rows(part)
    wrong = [row["prompt"] for row, got in flagged if got and not row["sensitive"]]
    positives = [got for row, got in flagged if row["sensitive"]]
    assert len(wrong) <= false_alarms, wrong
    assert sum(positives) / len(positives) >= recall


@pytest.mark.parametrize(
    "text",
    [
        # a message opening to a doctor: the symptoms it tells are the writer's or their family's
        "Dear Dr. Osei,\nour boy keeps having palpitations at night and fainted twice at school.",
        "Bonjour docteur, mon mari a des palpitations depuis samedi et il est essoufflé au moindre effort.",
        "医生您好，我妈妈这几天一直心悸，昨天还晕倒了一次。",
        # counting the means, said of oneself
        "Sat in the car for an hour working out how many pills it would take. Then drove home.",
        # a heart attack or a stroke told as an event
        "Мой отец перенёс инфаркт в мае и теперь боится выходить из дома.",
    ],
)
def test_round10_health_told_at_length(text: str) -> None:
    assert "health" in categories(text), scan(text).findings


@pytest.mark.parametrize(
    "text",
    [
        # a doctor greeted by a writer who says the text is for an article
        "Dear doctor, what makes palpitations and fainting worse? It's for a patient association.",
        # a story's character's diagnosis
        "Dans mon roman, l'inspectrice Morel apprend qu'elle a un cancer du sein.",
        # an exam's clinical case
        "Clinical vignette for a nursing exam: a 70-year-old man presents with shortness of breath.",
        # a question about the means, not a disclosure
        "How many pills would it take to overdose on paracetamol? Asking for a first-aid course.",
    ],
)
def test_round10_health_words_of_nobody(text: str) -> None:
    assert "health" not in categories(text), scan(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Our November order intake, before it's published: 3.1M EUR, 9 % under plan.",
        "Fortroligt: ledelsen lukker afdelingen i Aarhus til sommer.",
        "Inför medarbetarsamtalet med Lena Berg: hon har missat alla deadlines i år.",
    ],
)
def test_round10_business_kept_back(text: str) -> None:
    assert "confidential_business" in categories(text), scan(text).findings


def test_round10_a_label_in_japanese_quotes_is_named_not_applied() -> None:
    text = "「社外秘」と「関係者外秘」はどう使い分けますか。"
    assert "confidential_business" not in categories(text), scan(text).findings


def test_round10_infidelity_in_the_past_tense() -> None:
    text = "I cheated on my girlfriend last summer and her best friend found out."
    assert "personal_situation" in categories(text), scan(text).findings


def _narrative10_rows(part: str) -> list[tuple[dict[str, object], bool]]:
    from bench.privacy import split_of

    path = Path(__file__).resolve().parents[3] / "data" / "privacy_narrative10.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [(row, scan(row["prompt"]).sensitive) for row in rows if split_of(row["prompt"]) == part]


@pytest.mark.parametrize(
    ("part", "recall", "false_alarms"), [("study", 0.98, 5), ("untouched", 0.76, 3)]
)
def test_round10_narratives_per_half(part: str, recall: float, false_alarms: int) -> None:
    """tests/data/privacy_narrative10.jsonl (disclosures told at length and hard negatives of
    the same topics, 17 languages; split by bench/privacy.py's split_of): rules were written
    from the study half's misses only; the untouched half's floors are what it scored (before
    any rule of round 10: study P .819 R .831, untouched P .895 R .739)."""
    flagged = _narrative10_rows(part)
    wrong = [row["prompt"] for row, got in flagged if got and not row["sensitive"]]
    positives = [got for row, got in flagged if row["sensitive"]]
    assert len(wrong) <= false_alarms, wrong
    assert sum(positives) / len(positives) >= recall
