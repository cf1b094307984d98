"""Topical sensitivity: health, personal legal/financial situations, confidential business.

A topic word alone is not enough — "What are the side effects of sertraline?" is a question
*about* health.  A finding needs, in the same sentence, a personal subject (the user, "my dad",
"our company"; or a described person in a record: "Patient Maria Schmidt, 54", "client
reports…") and, for plain condition or medicine names, a disclosure ("I take", "has ADHD").
All words come from resources/privacy/topics.toml (12 languages) via the shared lexicon pass.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import ClassVar

from aideon_desktop.core.privacy import drafting, sentences
from aideon_desktop.core.privacy.any_case import AnyCase
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors import _business_matters as matters
from aideon_desktop.core.privacy.drafting import (
    cjk_question,
    honorific,
    hypothetical,
    names_a_person,
)
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import Hit, canonical, load_data
from aideon_desktop.core.privacy.registry import Detector, register
from aideon_desktop.core.privacy.sentences import GENERIC_QUESTION_START, Sentence, possessive

_LAB_VALUE = re.compile(r"[^.\n]{0,25}?\d+(?:[.,]\d+)?")
_DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|ml|iu|units)\b|"
    r"\b(?:\d|one|two)\s?(?:x\s?|tablets?\s|pills?\s|caps(?:ules?)?\s)?(?:daily|a day|per day|at night)\b",
    re.IGNORECASE,
)
# A template's blank: "[PATIENT NAME]", "{{first_name}}", "<AGE>".
_PLACEHOLDER = re.compile(
    r"\[(?!REDACTED)[A-Z](?:[A-Z _/-]{1,30}|[a-z]+(?:[ _][A-Za-z]+){0,3})\](?!\()"
    r"|\{\{\s*\w+\s*\}\}|<[A-Z][A-Z_ ]{1,30}>"
    # the same blank in capitals of other scripts, or naming a name, a date or a company in
    # the scripts without capitals ("[ФИО]", "[IMIĘ]", "[公司名称]", "[اسم الشركة]") (round 9)
    r"|\[[A-ZÀ-ÞĀ-ŽА-ЯЁІЇЄΑ-Ω\u1ea0-\u1ef8][A-ZÀ-ÞĀ-ŽА-ЯЁІЇЄΑ-Ω\u1ea0-\u1ef8 _/-]{1,30}\](?!\()"
    r"|\[[^\]\n]{0,12}(?:名称|名字|姓名|氏名|名前|日付|日期|이름|날짜|성명|회사명|会社名|اسم|تاريخ|नाम|तारीख)"
    r"[^\]\n]{0,12}\]"
)


def _template(text: str) -> bool:
    """Does a sentence hold a template's blank ("[PATIENT NAME]", "{{name}}", "<AGE>")?"""
    return ("[" in text or "{" in text or "<" in text) and bool(_PLACEHOLDER.search(text))


def _blank_form(s: Sentence) -> bool:
    """A template's blank, or a form to fill in asked for ("a template of board minutes",
    "modèle de lettre … avec des champs à remplir"): nobody's matter (round 9)."""
    return _template(s.text) or bool(s.of("drafting", "blank_form"))


_AN = re.compile(r"(?:\b(?:a|an|one|any|some)|एक|किसी)\s+$", re.IGNORECASE)


def _the_employee(s: Sentence) -> bool:
    """ "The employee …", "للموظف …", "העובדת …", "कर्मचारी राहुल": one staff member, where a name
    has no capitals to be told by; not "an employee" or a general question (round 9)."""
    if s.not_real:
        return False
    return any(not _AN.search(s.before(h, 12)) for h in s.of("confidential_business", "staff"))


def _published(ctx: ScanContext, s: Sentence) -> bool:
    """A business matter the text says is public already ("this press release, already
    published", "公開報道"), and nowhere says is kept back or not out yet (round 9)."""
    if not ctx.hits_of("context", "published"):
        return False
    kept_back = any(
        ctx.hits_of("confidential_business", kind)
        for kind in ("secrecy", "hush", "embargo", "labels")
    )
    return not (kept_back or matters.told_nearby(s))


# A diagnosis code after its label ("icd10": "F10.20", "Diagnose (ICD-10): F32.1").
_DIAGNOSIS_CODE = re.compile(r"[\s\"':=()\-–]{0,8}\b[A-TV-Z]\d{2}(?:\.\d{1,4})?\b")
_PREGNANT_WEEKS = re.compile(
    r"\b\d{1,2}\s?(?:weeks?|wks?|semanas|semaines|wochen|settimane|weken|tygodni\w*|veckor)\b[^.\n]{0,20}"
    r"(?:pregnant|embarazada|enceinte|schwanger|incinta|grávida|zwanger|w ciąży|gravid)|"
    r"(?:pregnant|embarazada|enceinte|schwanger|incinta|grávida|zwanger|gravid)\s+(?:de\s+|with\s+|in\s+)?\d{1,2}",
    re.IGNORECASE,
)
# Weeks or months of a pregnancy in tr ru uk vi id ro hu el fi da no th cs hi ar, and the
# German chart's "38+2 SSW" ("eşim 7 haftalık hamile", "usia kehamilan 32 minggu") (round 8).
_PREGNANT = (
    r"hamile|беременн\w*|вагітн\w*|mang thai|có thai|hamil|kehamilan|însărcinată|terhes|έγκυος|"
    r"raskaana|gravid|ตั้งครรภ์|těhotn\w*|गर्भवती|حامل|בהריון"
)
_PREGNANT_MORE = re.compile(
    r"\b\d{1,2}\s?(?:haftalık|hafta|недел\w*|тиж\w*|tuần|minggu|săptămân\w*|hetes|εβδομάδ\w*|"
    r"viiko\w*|uger|uker|สัปดาห์|týdn\w*|महीने|месяц\w*|місяц\w*)[^.\n]{0,20}"
    rf"(?:{_PREGNANT})|(?:{_PREGNANT})\s+(?:\w+\s+)?(?:\d{{1,2}}\b|في الشهر)|\b\d{{1,2}}\+\d\s?SSW\b",
    re.IGNORECASE,
)
# The age of a person in a record, as the languages sentences.py's ages leave out write it
# ("bà Lan 79 tuổi", "सुनीता देवी, 24 साल", "בן 70", "47 سنة", "Siti, 33 th") (round 8).
_AGED = re.compile(
    r"\b\d{1,3}\s?(?:tuổi|yaşında|éves|vuotias|ετών|χρονών)(?!\w)"
    r"|,\s?\d{1,3}\s?(?:साल|वर्ष|th|thn|tahun|лет|года|год|років|роки|рік|ani|år|ปี|let|roky)(?!\w)"
    r"|(?<!\w)(?:בן|בת)\s?\d{1,3}(?!\d)|\d{1,3}\s(?:سنة|عامًا|عاما)(?!\w)"
)


def _aged(s: Sentence) -> bool:
    """A real person given with their age in a record, in those languages."""
    return not s.not_real and _AGED.search(s.text) is not None


# Weeks of a pregnancy in Japanese, Chinese and Korean ("妊娠12週", "怀孕八周", "임신 9주").
_CJK_PREGNANT_WEEKS = re.compile(
    r"(?:妊娠|怀孕|懷孕|임신)\s?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s?(?:週|周|주)"
)
# A medicine's dose in the units only medicines are measured in ("Prendo litio 600 mg",
# "Euthyrox 50 µg", "二甲双胍500毫克"): whatever the medicine is called.
_MEDICINE_DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|μg|ug)\b|\d\s?(?:毫克|밀리그램|ミリグラム)", re.IGNORECASE
)
# Asking whether one may take a dose ("can I take 400 mg…", "should I double…"): a question.
_ASKING = re.compile(
    r"\b(?:can|could|should|may|is it (?:safe|ok|okay) to)\s+(?:i|we|you|one|someone)\b|\?\s*$",
    re.IGNORECASE,
)
# A year in a sentence of a death ("my grandfather died in 1944"): family history, not grief.
_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
# A year long past in a sentence about someone else: a biography ("Roosevelt contracted polio in
# 1921", "by 1824 he was almost deaf"), not a disclosure (round 8).
_LONG_AGO = re.compile(r"\b(?:1[0-8]\d{2}|19[0-7]\d)\b")
# CJK punctuation between a subject and a condition ends the tie between them.
_CJK_GAP = re.compile(r"[^，。、,.!?！？\s]{0,3}\s?")
_SOBER = re.compile(r"\b\d+\s?(?:days?|weeks?|months?|years?)\s+(?:sober|clean)\b", re.IGNORECASE)
_COUNTED_CUES = (
    (_PREGNANT_WEEKS, "pregnancy"),
    (_PREGNANT_MORE, "pregnancy"),
    (_SOBER, "recovery from addiction"),
)
# Every form of the counted cues holds a digit, but one: "… في الشهر" (in the … month).
_UNCOUNTED_FORM = "في الشهر"
_DIGIT = re.compile(r"\d")


def _counted_cues(text: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The counted cues (weeks pregnant, months sober) worth searching ``text`` for: none in a
    text with no digit and no "في الشهر" (the patterns are tried at every position)."""
    if _DIGIT.search(text) is None and _UNCOUNTED_FORM not in text:
        return ()
    return _COUNTED_CUES


_MONEY = re.compile(
    r"[$€£¥]\s?\d|\d\s?(?:k|m|bn|million|billion|mio|mrd|%|usd|eur|gbp)\b|\b\d+\s?(?:%|percent)|\d\s?(?:万|億|亿|억)|"
    r"\d\s?(?:millones|millions|milliards|milioni|miliardi|milhões|mil milhões|miljoen|miljard|"
    r"miljoner|miljarder|milionów|miliardów|mln|mld|mille)\b",
    re.IGNORECASE,
)
# Said quietly: the matter is being prepared before anyone outside knows.
_QUIET = re.compile(
    r"\b(quietly|secretly|internal|confidentially|before (?:we|it'?s) announce)", re.IGNORECASE
)
_NOT_YET = re.compile(
    r"\b(board|internal|unannounced|next (?:week|month|quarter)|about to|plan(?:s|ning)? to|"
    r"prepar(?:e|es|ing) to|quietly|in (?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)|"
    r"will|we'll|won't|going to|on \d|by \d|q[1-4])\b",
    re.IGNORECASE,
)
_LINE_LABEL = re.compile(r"[\s#/*>\-(]*(?:\(c\)[^\n]{0,60}?[-–—:])?\s*")
_BUSINESS_WHO = re.compile(
    r"\b(the board|management|leadership|the company|my company|the team)\b", re.IGNORECASE
)
_SITUATION_NEEDS = re.compile(
    r"\b(court|tribunal|judge|lawyer|solicitor|tax|loan|payment|rent|interview|asylum|visa|arrest|"
    r"police|sentence|employer|job|boss|visit)\w*",
    re.IGNORECASE,
)
_IMMIGRATION = re.compile(
    r"\b(embass\w*|consulat\w*|immigration|residence|passport|universit\w*|student|work permit|"
    r"territory|country|border|overstay\w*|sponsor\w*|appl(?:y|ication)|interview|deport\w*|"
    r"home country|leave the|stay\w*|expir\w*|extension|employer|"
    # the same matters in other languages: a study visa, an overstay, an embassy (round 8)
    r"du học|quá hạn|lưu trú|đại sứ quán|öğrenci|ikamet|ülke\w*|посольств\w*|консульств\w*|"
    r"السفارة|שגרירות|दूतावास|kedutaan|ambasad\w*|nagykövetség\w*|πρεσβεία|suurlähetystö\w*|"
    r"ambassade\w*|สถานทูต|velvyslanectví|studij\w*|studi\w*)\b",
    re.IGNORECASE,
)
# A sum of money (not a percentage): "14.000 €", "$2,300", "48 000 kr", "700만 원", "3万元".
_AMOUNT = re.compile(
    r"[$€£¥₩]\s?\d|\d[\d.,\s]*+\s?(?:€|\$|£|¥|₩|kr\b|zł|zl\b|eur\b|usd\b|gbp\b|sek\b|pln\b|chf\b|"
    r"euros?\b|dollars?\b|pounds?\b|kronor\b|złotych|reais\b|r\$|円|元|원|万|萬|億|亿|억)",
    re.IGNORECASE,
)
# "This is confidential", "Es confidencial", "C'est confidentiel", "Das ist vertraulich"…
_DESCRIBED_AS = re.compile(
    r"\b(our|this|it's|is|obviously|es|est|c'est|ist|è|é|jest|är|to|dit is|het is|esto es|"
    r"questo è|isso é|das ist|det är|todo esto es|totalmente|muy|très|sehr|molto|muito|zeer|bardzo|"
    r"mycket|streng|strictement|estrictamente|strettamente|strikt)\b[^.\n]{0,30}$",
    re.IGNORECASE,
)
# After a CJK label that marks a text: a colon, a closing bracket, a space or a line break
# ("社外秘：", "[대외비]", "机密 "), not a particle ("社外秘と部外秘の違い").
_CJK_MARK = re.compile(r"\s*[:：\]】）)」』\n]|\s")


# A person named in a sentence: "for Tom Becker", "Anna's", "Herr Vogel", "김민수 책임", "田中さん".
@functools.cache
def _named_person() -> re.Pattern[str]:
    return re.compile(
        rf"\b{honorific()}\.?\s+[A-Z]"
        r"|\b(?:for|of|on|about|para|de|pour|für|über|von|di|per|do|dla|för|om|van)\s+[A-Z][\w'’-]+"
        r"(?:\s[A-Z][\w'’-]+)?|\b[A-Z][a-z]+['’]s\b|\b[A-Z][a-z]+\s[A-Z][a-z]+(?=[:,]|\s(?:missed|has|had|is|was))"
        r"|\b[A-ZÇĞİÖŞÜ][a-zçğıöşü]+\s(?:Bey|Hanım)\b"  # "Burak Bey", "Selin Hanım"
        r"|[\uac00-\ud7af]{2,4}\s?(?:책임|선임|과장|부장|대리|사원|팀장|님|씨)"
        r"|[\u4e00-\u9fff\u30a0-\u30ff]{1,4}(?:さん|様|氏|君|经理|主管|先生|女士)"
    )


_CARD_DATE = re.compile(r"\b\d{1,2}/\d{2,4}\b")
_DEBT_NEEDS = re.compile(
    r"\b(card|cards|loan|bank|collector|behind|across|mortgage|bills?)\b", re.IGNORECASE
)


@functools.cache
def _capitals_only() -> frozenset[str]:
    return frozenset(load_data("topics.toml")["health"]["capitals_only"])


def _everyday_word(ctx: ScanContext, m: Hit) -> bool:
    """A condition acronym written as the everyday word it also is ("Add", "Ms", "als")."""
    written = ctx.text[m.start : m.end]
    return written.lower() in _capitals_only() and not written.isupper()


@functools.cache
def _described_words() -> frozenset[str]:
    """Confidentiality labels that mark a matter wherever a sentence says it is one."""
    return frozenset(
        canonical(w) for w in load_data("topics.toml")["confidential_business"]["said"]
    )


class TopicDetector(Detector):
    """One finding per category at most: the first sentence that discloses it."""

    stage = "topic"
    reason_prefix: ClassVar[str]
    # Kinds whose words never make a finding alone ("expired" needs residence papers): no
    # sentence is read for them, only for their partner's hit.
    partner_only: ClassVar[frozenset[str]] = frozenset()
    # Kinds read only where the text also holds their partner (papers: a setback).
    partnered: ClassVar[dict[str, str]] = {}

    def prepare(self) -> None:
        """The patterns and word sets the topic rules build on first use, built now."""
        sentences.prepare()
        drafting.prepare()
        for build in (_named_person, _capitals_only, _described_words, _not_close, _not_names):
            build()
        matters.prepare()

    def candidates(self, ctx: ScanContext) -> Iterator[Sentence]:
        made_up = drafting.invented_people(ctx)
        seen: set[int] = set()
        for hit in ctx.hits_of(self.category):
            if hit.kind in self.partner_only:
                continue
            partner = self.partnered.get(hit.kind)
            if partner is not None and not ctx.hits_of(self.category, partner):
                continue
            start, end = ctx.sentence_bounds(hit.start)
            if start in seen:
                continue
            seen.add(start)
            if ctx.in_code(start) and ctx.in_code(max(start, end - 1)):
                continue
            sentence = sentences.sentence_at(ctx, start, end)
            if made_up and not _close_one_in_made_up(ctx, sentence):
                continue  # a role-play, a teaching case, the writer's novel: nobody real
            yield sentence

    def find(self, ctx: ScanContext) -> Iterator[Finding]:
        for sentence in self.candidates(ctx):
            finding = self.validate(ctx, sentence)
            if finding is not None:
                yield finding
                return

    def hit(self, at: Hit | tuple[int, int], why: str) -> Finding:
        start, end = (at.start, at.end) if isinstance(at, Hit) else at
        return self.finding(start, end, f"{self.reason_prefix} ({why})")


@register
class HealthDetector(TopicDetector):
    name = "topic_health"
    category = "health"
    reason_prefix = "health information about a person"
    labels = (
        "health.strong",
        "health.conditions",
        "health.medications",
        "health.lab_names",
        "health.events",
        "health.crisis",
        "health.codes",
        "health.units",
    )

    def validate(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        for crisis in s.of("health", "crisis"):
            if not (s.not_real or s.negated_near(crisis)):
                return self.hit(crisis, "a person in crisis")
        weeks = _CJK_PREGNANT_WEEKS.search(s.text)
        if weeks and not s.not_real:  # "妊娠12週ですが…": the speaker, left unsaid
            return self.hit((s.start + weeks.start(), s.start + weeks.end()), "pregnancy")
        to_doctor = _to_a_doctor(ctx)
        if not (
            s.personal(plural=False)
            or s.person_spoken_of
            or s.about_someone_real
            or _aged(s)
            or to_doctor
        ):
            return None
        if _template(s.text):
            return None  # "refer [PATIENT NAME], aged [AGE], who presents with …": a template
        if _history(s):
            return None
        return self._recorded(ctx, s) or self._strong(ctx, s) or self._condition(ctx, s)

    def _recorded(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        """An event, a pregnancy or recovery, a test result or a diagnosis code, of a person."""
        for event in s.of("health", "events"):
            if not (s.negated(event) or s.generic_question()):
                return self.hit(event, f"health event: {ctx.lower[event.start : event.end]}")
        for regex, why in _counted_cues(s.text):
            m = regex.search(s.text)
            if m:
                return self.hit((s.start + m.start(), s.start + m.end()), why)
        for lab in s.of("health", "lab_names"):
            if _LAB_VALUE.match(ctx.text, lab.end, s.end):
                return self.hit(lab, "medical test result")
        for code in s.of("health", "codes"):
            if _DIAGNOSIS_CODE.match(ctx.text, code.end, s.end) and not s.not_real:
                return self.hit(code, "diagnosis code")
        dose = _dose_of(s)
        return self.hit(dose, "medication dose") if dose is not None else None

    def _strong(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        if _in_fiction_of_nobody_close(ctx, s):
            return None  # "Dans mon roman, le commissaire apprend qu'il a un cancer"
        for strong in [*s.of("health", "strong"), *s.of("health", "findings")]:
            if not (s.negated(strong) or s.generic_question() or hypothetical(s.text)):
                return self.hit(strong, ctx.lower[strong.start : strong.end])
        return None

    def _condition(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        disclosures = s.of("health", "disclosure")
        for kind, why in (("medications", "medication"), ("conditions", "medical condition")):
            for m in s.of("health", kind):
                if s.negated(m) or _everyday_word(ctx, m):
                    continue
                possessed = _possessed(s, m) or _to_a_doctor(ctx)
                if not (possessed or _backed(ctx, s, m, disclosures)):
                    continue
                if possessed or not s.not_real:  # not "a fictional patient with pneumonia"
                    return self.hit(m, f"{why}: {ctx.lower[m.start : m.end]}")
        return None


_SALUTATION_REACH = 40


def _to_a_doctor(ctx: ScanContext) -> bool:
    """Does the text open as a message to a doctor ("Dear Dr. Patel,", "Bonjour docteur,",
    "先生へ")?  Then the symptoms and medicines it tells are the writer's or their family's, not
    a topic asked about; unless the writer says the text is for a lesson or an article (round 10)."""
    key = "to_a_doctor"
    if key not in ctx.memo:
        opening = ctx.content_span[0] + _SALUTATION_REACH
        ctx.memo[key] = any(
            h.start < opening for h in ctx.hits_of("health", "to_doctor")
        ) and not ctx.hits_of("drafting", "purpose")
    return ctx.memo[key]


def _in_fiction_of_nobody_close(ctx: ScanContext, s: Sentence) -> bool:
    """A sentence of a story, a play or a poem (contexts' fiction words) that speaks neither
    of the writer nor of someone close: its character's diagnosis is nobody's (round 10)."""
    if not ctx.hits_of("context", "fiction"):
        return False
    return not (s.first_person or (s.relation and _someone_close(s)))


def _close_one_in_made_up(ctx: ScanContext, s: Sentence) -> bool:
    """In a text whose people are invented, does this sentence speak of someone close to the
    writer (kept)?  Asked once per sentence for the three topics (kept in the scan's memo)."""
    key = ("close_one_in_made_up", s.start, s.end)
    if key not in ctx.memo:
        ctx.memo[key] = bool(s.relation and _someone_close(s))
    return ctx.memo[key]


def _history(s: Sentence) -> bool:
    """Someone's health in a year long past, told of neither the writer, their family nor a
    person in a record (whose birth year a record gives): a biography."""
    if s.first_person or s.relation or s.described_person or s.described_before:
        return False
    return _LONG_AGO.search(s.text) is not None


def _possessed(s: Sentence, m: Hit) -> bool:
    """ "my …", "his …", "her new …" right before a condition or medication, or in Chinese,
    Japanese or Korean the speaker or someone close just before it ("我有焦虑症", "母は認知症",
    "딸이 소아당뇨")."""
    before = s.before(m, 30)
    if possessive().search(before) or re.search(r"(?:his|her)\s+(?:\w+\s+)?$", before):
        return True
    return ord(s.ctx.text[m.start]) > 0x2E80 and any(
        h.kind in ("first_person", "relations")
        and ord(s.ctx.text[h.start]) > 0x2E80
        and h.end <= m.start
        and _CJK_GAP.fullmatch(s.ctx.text, h.end, m.start) is not None
        for h in s.of("subject")
    )


def _dose_of(s: Sentence) -> tuple[int, int] | None:
    """A medicine's dose said of the speaker, someone close or a person in a record ("Prendo
    litio 600 mg al giorno"): a medication, whatever it is called; not a question about doses."""
    m = _MEDICINE_DOSE.search(s.text)
    record = s.described_person or s.described_before or _aged(s)
    if m is None or not (s.first_person or s.relation or record):
        return None
    if s.not_real or _ASKING.search(s.text[: m.end()]):
        return None
    start, end = s.start + m.start(), s.start + m.end()
    taken = any(start - 40 <= d.start and d.end <= start for d in s.of("health", "disclosure"))
    # taken ("I take", "prendo", "is on …") or in a record; not an order of 500 mg tablets
    return (start, end) if taken or record else None


def _backed(ctx: ScanContext, s: Sentence, m: Hit, disclosures: list[Hit]) -> bool:
    """A condition or medication said of someone: strict mode, a disclosure word or a dose
    nearby, or a described person in this or the sentence before."""
    near = any(m.start - 60 <= d.start <= m.end + 40 and d.start != m.start for d in disclosures)
    dosed = _DOSE.search(ctx.text, max(s.start, m.start - 60), min(s.end, m.end + 40))
    described = s.described_person or s.described_before or _aged(s)
    return bool(ctx.strict or near or dosed or described)


@register
class PersonalSituationDetector(TopicDetector):
    name = "topic_personal_situation"
    category = "personal_situation"
    reason_prefix = "personal legal/financial situation"
    partner_only = frozenset({"setback"})
    partnered: ClassVar[dict[str, str]] = {"papers": "setback"}
    labels = (
        "personal_situation.terms",
        "personal_situation.legal",
        "personal_situation.money",
        "personal_situation.work",
        "personal_situation.family",
        "personal_situation.weak",
        "personal_situation.account",
        "personal_situation.residence",
        "personal_situation.hardship",
        "personal_situation.life",
        "personal_situation.close_life",
        "personal_situation.care",
        "personal_situation.loss",
        "personal_situation.papers",
        "personal_situation.substances",
        "personal_situation.prison",
    )

    def validate(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        if _blank_form(s):
            return None  # "Sehr geehrte/r [Name], hiermit kündigen wir …": a template
        hits = self._about_someone(s)
        weak = {ctx.lower[m.start : m.end] for m in hits if m.kind == "weak"}
        backed = len(weak) >= 2 or any(h.kind != "weak" for h in hits) or _second_cue(s.text)
        for m in hits:
            term = ctx.lower[m.start : m.end]
            if term in weak and not backed:
                continue  # a weak word needs a second cue (resources/privacy/topics.toml)
            if _said_of_them(s, m, term):
                return self.hit(m, term)
        return None

    @staticmethod
    def _about_someone(s: Sentence) -> list[Hit]:
        """The situation words said of someone (not negated); none in a policy, an FAQ or a
        template that speaks of no one in particular ("Our HR policy: employees who …")."""
        if _nobody_in_particular(s):
            return []
        hits = [m for m in s.of("personal_situation") if not s.negated_near(m)]
        if s.personal(plural=True) or s.person_spoken_of or s.about_someone_real or _aged(s):
            return hits
        # "クビになり、家賃を払えません" in a drafted letter: hardship said in the first
        # person's own words needs no pronoun.
        return [m for m in hits if m.kind in _SELF_EVIDENT and s.in_draft]


def _nobody_in_particular(s: Sentence) -> bool:
    """A policy, an FAQ, a template, or a case put ("если иностранцу отказали в ВНЖ …", "per
    chi ha …"), that speaks neither of the writer nor of someone close to them."""
    if not (s.of("drafting", "not_real") or hypothetical(s.text)):
        return False
    return not (s.first_person or _someone_close(s))


_SELF_EVIDENT = frozenset({"hardship", "account"})
# Kinds that name a situation only of someone close to the writer (resources/privacy/topics.toml).
_OF_SOMEONE_CLOSE = frozenset({"care", "loss", "substances"})
_CARD_WORDS = re.compile(
    r"\b(?:card|credit|debit|karte|carte|tarjeta|carta|cartão|kaart|karta|kort|payment|paid|"
    r"checkout|charged?|declined|transaction|purchase|ending in|ending)",
    re.IGNORECASE,
)
# An indefinite before a relation word: someone, not someone close ("a man", "une amie").
_SOMEONE = re.compile(
    r"\b(?:a|an|one|some|any|un|une|una|uno|ein|eine|einen|einer|een|en|ett|um|uma)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


def _said_of_them(s: Sentence, m: Hit, term: str) -> bool:
    """Kinds that need more than a person: the speaker or someone close (a matter of one's own
    life; caring, a death, drugs), no year of a death ("my grandfather died in 1944"), a setback
    of residence papers ("visa … refused"; not a Visa card that expires)."""
    if m.kind == "setback" or (term == "my visa" and _a_card(s.text)):
        return False  # "expired", "refused": only with papers, below
    if m.kind == "close_life" and not (s.first_person or s.relation):
        return False  # "the homeless shelter in our town": nobody's own life
    if m.kind in _OF_SOMEONE_CLOSE and not _someone_close(s):
        return False  # "we care for our clients", "a funeral in the news": nobody close
    if m.kind == "loss" and _YEAR.search(s.text):
        return False  # family history
    if m.kind == "papers":
        if not s.of("personal_situation", "setback"):
            return False
        return not (term.startswith("visa") and _a_card(s.text))
    return True


@functools.cache
def _not_close() -> frozenset[str]:
    return frozenset(load_data("topics.toml")["subject"]["roles"]["not_close"])


def _someone_close(s: Sentence) -> bool:
    """Someone of the writer's own family or life ("my mum", "Opiekuję się mamą", "母を"), not
    a role ("my clients", "our students")."""
    theirs = [h.end for h in s.of("subject", "third_person")]
    close = [
        h
        for h in s.of("subject", "relations")
        if s.ctx.lower[h.start : h.end] not in _not_close()
        # not "her dying father", "a man caring for …" ("a mi abuela" is "my grandmother")
        and not any(0 <= h.start - end <= 12 for end in theirs)
        and (possessive().search(s.before(h, 30)) or not _SOMEONE.search(s.before(h, 12)))
    ]
    return bool(close) and (s.relation or s.first_person or s.in_draft)


def _kept_back_words(s: Sentence) -> list[Hit]:
    """Words saying a matter is kept back: "not public yet", "under NDA"; and "don't tell
    anyone", "kimseye söyleme" where the sentence speaks of a business matter (round 10)."""
    found = s.of("confidential_business", "secrecy")
    hush = s.of("confidential_business", "hush")
    if hush and (matters.has_matter(s) or s.of("confidential_business", "substance")):
        found = sorted([*found, *hush], key=lambda h: h.start)
    return found


def _a_person(s: Sentence) -> bool:
    """A named or pronoun-given person a dismissal would be about ("Anna Berg", "a Javier
    Ortega", "不续签他的合同")."""
    if _named_person().search(s.text) or names_a_person(s.text):
        return True
    return bool(s.of("subject", "third_person")) or _full_name(s.text)


def _full_name(text: str) -> bool:
    """A first and a last name ("Tom Reyes'", "Lucía Ferrer"), not a month or a company."""
    not_names = _not_names()
    return any(
        m.group(1).lower() not in not_names and m.group(2).lower() not in not_names
        for m in _FULL_NAME.finditer(text)
    )


# Capitals and small letters of the Latin (with Vietnamese and Central European letters),
# Cyrillic and Greek scripts: "Игорю Смирнову", "Đỗ Khoa", "Γιάννης Παπάς".
_UPPER = "A-ZÀ-ÞĀ-ŽĐА-ЯЁІЇЄΑ-ΩΆ-Ώ"
_LOWER = "a-zà-ÿā-žđа-яёіїєα-ωά-ώ\u1ea0-\u1ef9"
_FULL_NAME = re.compile(
    rf"(?<![\w'’-])([{_UPPER}][{_LOWER}]+)\s(?:(?:de|van|von|da|di|del|der|la|le)\s)?"
    rf"([{_UPPER}][{_LOWER}]+)\b"
)


@functools.cache
def _not_names() -> frozenset[str]:
    return frozenset(load_data("topics.toml")["drafting"]["not_names"])


def _news_word_only(ctx: ScanContext, s: Sentence) -> bool:
    """Not real only for a word of public news, in a sentence saying the matter is not public
    yet ("dat wordt pas volgende maand aangekondigd", "아직 발표 전입니다")."""
    if ctx.hits_of("context", "fiction") or s.generic_question() or hypothetical(s.text):
        return False
    if cjk_question(s.text):
        return False
    return matters.told_nearby(s)


def _a_card(text: str) -> bool:
    """ "My visa" is as often a card ("my Visa expires 09/27") as a residence permit."""
    if _CARD_DATE.search(text) or _CARD_WORDS.search(text):
        return True  # "my Visa card expired": the card
    return not _IMMIGRATION.search(text)


_SECOND_CUES = tuple(AnyCase(p) for p in (_AMOUNT, _SITUATION_NEEDS, _DEBT_NEEDS))


def _second_cue(text: str) -> bool:
    """A sum of money or a word of the matter (court, tax, loan, card, mortgage…)."""
    return any(cue.found(text) for cue in _SECOND_CUES)


_GROUP = "confidential_business"
# The kinds of word ``_internal`` and ``_business_event`` start from: a sentence with none of
# them is found by neither (kept back, hushed, internal dealings, reported figures, an event).
_INTERNAL_KINDS = ("secrecy", "hush", "dealings", "reported", "events")


@register
class ConfidentialBusinessDetector(TopicDetector):
    name = "topic_confidential_business"
    category = "confidential_business"
    reason_prefix = "confidential business information"
    # an appraisal's verdict, "the employee", "the board decided" (round 9), "don't tell anyone"
    # (round 10): only beside their partner (an appraisal word, an act, a business matter), never
    # a candidate sentence alone
    partner_only = frozenset({"verdicts", "staff", "decided", "hush"})
    labels = (
        "confidential_business.labels",
        "confidential_business.secrecy",
        "confidential_business.events",
        "confidential_business.hr",
        "confidential_business.dealings",
        "confidential_business.reported",
        "confidential_business.acts",
        "confidential_business.closures",
        "confidential_business.offer_limits",
        "confidential_business.incidents",
        "confidential_business.offers",
        "confidential_business.metrics",
    )

    def validate(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        found = self._found(ctx, s)
        if found is not None and (_blank_form(s) or _published(ctx, s)):
            return None  # a form to fill in, or a matter already made public (round 9)
        return found

    def _found(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        found = self._marked(ctx, s) or self._deal_or_appraisal(ctx, s) or self._embargo(ctx, s)
        if found is not None:
            return found
        found = self._own_matter(ctx, s) or self._event_kept_back(ctx, s)
        if found is not None:
            return found
        if not any(s.of(_GROUP, kind) for kind in _INTERNAL_KINDS):
            return None  # nothing the two rules below read: who speaks need not be asked
        if not (s.personal(plural=True) or _BUSINESS_WHO.search(s.text) or matters.own_voice(s)):
            return None
        if GENERIC_QUESTION_START.match(s.text) and not s.plural:
            return None
        return self._internal(ctx, s) or self._business_event(ctx, s)

    def _internal(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        """Said not to be public, or the organisation's own dealings (with their substance)."""
        fiction = bool(ctx.hits_of("context", "fiction"))  # "a fictional board meeting scene"
        for m in _kept_back_words(s) if not fiction else ():
            if not matters.the_asker(s, m):  # "I don't know yet whether …": not a secret
                return self.hit(m, f"not public: '{ctx.lower[m.start : m.end]}'")
        for m in s.of("confidential_business", "dealings"):
            if not s.negated_near(m):
                return self.hit(m, f"internal dealings: {ctx.lower[m.start : m.end]}")
        substance = s.of("confidential_business", "substance") or _MONEY.search(s.text)
        for m in s.of("confidential_business", "reported") if substance else ():
            return self.hit(m, f"internal dealings: {ctx.lower[m.start : m.end]}")
        return None

    def _event_kept_back(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        """A business event the sentence says is not public yet ("the merger isn't public yet",
        "인수를 발표할 예정인데 아직 비공개예요"): whoever speaks, it is a matter kept back (not
        in fiction, news or a question about the topic)."""
        events = s.of("confidential_business", "events")
        if not events or "?" in s.text or "？" in s.text:
            return None
        if s.not_real and not _news_word_only(ctx, s):  # "announce" is a word of news too
            return None
        for m in _kept_back_words(s):
            if not matters.the_asker(s, m) and not s.negated_near(m):
                return self.hit(m, f"not public: '{ctx.lower[m.start : m.end]}'")
        return None

    def _own_matter(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        """An unannounced act, a negotiating position or internal figures, in any wording
        (detectors/_business_matters.py); not fiction, news or a question about the topic."""
        if not matters.has_matter(s) or _template(s.text):
            return None
        if s.not_real and not _news_word_only(ctx, s):
            return None
        for rule, why in (
            (lambda: matters.unannounced_act(s, lambda: _a_person(s)), "unannounced matter"),
            (lambda: matters.negotiating_position(s), "negotiating position"),
            (lambda: matters.internal_figures(s), "internal figures"),
            (lambda: matters.kept_quiet(s), "not told yet"),
        ):
            m = rule()
            if m is not None:
                return self.hit(m, f"{why}: {ctx.lower[m.start : m.end]}")
        return None

    def _business_event(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        """An event with internal figures in a drafted message, or one not announced yet."""
        events = s.of("confidential_business", "events")
        if not events:
            return None
        if events and s.in_draft and _MONEY.search(s.text):
            return self.hit(
                events[0], f"internal figures: {ctx.lower[events[0].start : events[0].end]}"
            )
        not_yet = (
            _NOT_YET.search(s.text)
            or s.of("confidential_business", "not_yet")
            or s.of("confidential_business", "decided")  # "the board decided" (round 9)
        )
        ours = s.plural or matters.own_voice(s)  # "we", or the board deciding
        sized = _MONEY.search(s.text) or matters.big_sum(s.text) or _QUIET.search(s.text)
        if events and ours and not_yet and sized:
            return self.hit(
                events[0],
                f"unannounced business matter: {ctx.lower[events[0].start : events[0].end]}",
            )
        return None

    def _embargo(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        """Material said to be held back until a date ("not public until then", "embargoed")."""
        if GENERIC_QUESTION_START.match(s.text):
            return None
        for m in s.of("confidential_business", "embargo"):
            if not s.negated_near(m):
                return self.hit(m, f"held back: '{ctx.lower[m.start : m.end]}'")
        return None

    def _deal_or_appraisal(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        """Deal terms with a sum nearby (a term sheet), or the appraisal of a named person."""
        if GENERIC_QUESTION_START.match(s.text):
            return None
        deal = s.of("confidential_business", "deal_terms")
        near = ctx.text[max(0, s.start - 300) : s.end + 300]
        if deal and (_MONEY.search(near) or matters.big_sum(near)):
            return self.hit(deal[0], f"deal terms: {ctx.lower[deal[0].start : deal[0].end]}")
        hr = s.of("confidential_business", "hr")
        # named, or given with its verdict ("تقييم أداء …: لم يحقق الأهداف ولا زيادة", round 9)
        judged = bool(s.of("confidential_business", "verdicts")) and not s.not_real
        if hr and (
            _named_person().search(s.text)
            or _full_name(s.text)
            or s.record_subject
            or judged
            or _the_employee(s)
        ):
            term = ctx.lower[hr[0].start : hr[0].end]
            return self.hit(hr[0], f"appraisal of a named person: {term}")
        pay = s.of("confidential_business", "pay")
        if pay and not s.not_real and matters.pay_of_a_person(s, lambda: _a_person(s)):
            return self.hit(
                pay[0], f"pay of a named person: {ctx.lower[pay[0].start : pay[0].end]}"
            )
        return None

    def _marked(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        """A label heading the text, a line or a code comment: "CONFIDENTIAL - …", "Vertraulich: …"."""
        for m in s.of("confidential_business", "labels"):
            word = ctx.text[m.start : m.end]
            line_start = ctx.text.rfind("\n", 0, m.start) + 1
            prefix = ctx.text[max(line_start, s.start) : m.start]
            after = ctx.text[m.end : m.end + 3].lstrip(" \u00a0\u202f")  # "Ne pas diffuser :"
            if re.search(
                r"['\"‘“「『«„]\s*$|\b(as|mark|marked|is|means?|called)\s+$", prefix, re.IGNORECASE
            ):
                continue
            if prefix.endswith(("(", "[")) and after[:1] in (")", "]"):
                return self.hit(m, f"marked '{word.strip()}'")  # "Salary review (internal): …"
            at_head = _LINE_LABEL.fullmatch(ctx.text[line_start : m.start]) is not None
            labelled = (
                after[:1] in (":", "-", "–", "—", ".", "/", ",", "]", ")")
                or after.startswith(" - ")
                or word.isupper()
            )
            cjk_marker = ord(word[0]) > 0x2E80 and bool(_CJK_MARK.match(ctx.text, m.end))
            if (at_head and labelled) or (word.isupper() and len(word) > 6) or cjk_marker:
                return self.hit(m, f"marked '{word.strip()}'")
            if _DESCRIBED_AS.search(prefix) and canonical(word) in _described_words():
                return self.hit(m, f"described as '{word.strip()}'")
        return None
