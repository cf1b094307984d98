"""What one sentence says about whom: the speaker ("I", "estoy", "私は…ました"), someone close
("my dad", "mio fratello"), a person in a record ("Patient …, 54", "client reports"), a person
spoken of ("she's starting chemo"), or nobody in particular (a generic question).

The topic detectors ask these questions of each sentence that holds a topic word; the words
come from resources/privacy/topics.toml and contexts.toml, found by the lexicon.
"""

from __future__ import annotations

import functools
import re

from aideon_desktop.core.privacy.any_case import AnyCase
from aideon_desktop.core.privacy.context import OncePerScan, ScanContext
from aideon_desktop.core.privacy.drafting import (
    cjk_question,
    drafted_message,
    honorific,
    hypothetical,
    names_a_person,
)
from aideon_desktop.core.privacy.lexicon import (
    Hit,
    any_case_alternation,
    literal_alternation,
    load_data,
    sentence_lexicon,
)
from aideon_desktop.core.privacy.line_starts import LineStartPattern

_NEGATED = AnyCase(
    re.compile(
        r"\b(?:don't|do not|doesn't|does not|never|not|no|without|isn't|aren't|kein\w*|nicht|pas|sin|"
        r"senza|sem|geen|niet|nie|inte)\s+(?:\w+\s+){0,2}$",
        re.IGNORECASE,
    )
)
_MODAL_QUESTION = AnyCase(
    re.compile(
        r"\b(?:can|could|should|may|might|would)\s+(?:i|you|we|one|someone|people)\s+(?:\w+\s+){0,1}$",
        re.IGNORECASE,
    )
)
# A question or request about a topic in general ("What is…", "Explique-moi…", "Wie…").
GENERIC_QUESTION_START = re.compile(
    r"^[\s¿¡«»\"“”„'‘(\[]*(?:what|how|why|when|which|who|is|are|does|do|explain|describe|"
    r"tell me about|qu['’]est|che cos|cos['’]|qu[eé]|c[oó]mo|comment|was|wie|warum|cosa|come|"
    r"o que|wat|hoe|waarom|co|jak|dlaczego|vad|hur|"
    r"varför|welche[rsmn]?|quel(?:le)?s?|cu[aá]l(?:es)?|qual[ei]?|quais|welke|jakie|jaki|jaka|vilka|vilken|"
    r"expl[ií]ca(?:me)?|explique(?:[- ]moi)?|erkl[äa]re?(?: mir)?|spiega(?:mi)?|"
    r"leg(?: me)? uit|wyjaśnij(?: mi)?|förklara|d[ée]cri[st]|describe|descrivi|descreva|beschrijf|"
    r"beschreibe|opisz|beskriv|"
    # the same openings in ar ru uk cs id vi hi tr (round 9): "ما هي إجراءات الطلاق…",
    # "Что такое…", "Jak funguje…", "Bagaimana prosedur…"
    r"ما هي|ما هو|ما هى|ما معنى|كيف|لماذا|اشرح|что такое|что делать|как|почему|какие|какой|какая|"
    r"каковы|объясни(?:те)?|що таке|що робити|як|чому|які|який|яка|поясни|co je|co dělat|jak|proč|"
    r"jaké|jaký|jaká|vysvětli|apa itu|apa saja|bagaimana|mengapa|kenapa|jelaskan|tại sao|làm thế nào|"
    r"làm sao|giải thích|क्या|कैसे|क्यों|neden|nasıl|מה זה|מה הם|מה הן|איך|למה|מדוע|הסבר|"
    r"τι είναι|πώς|γιατί|εξήγησε|mi az|mi a|hogyan|miért|magyarázd|mikä on|miten|miksi|selitä|"
    r"hvad er|hvordan|hvorfor|hva er|forklar|ce este|cum|de ce|explică)(?:\b|(?=[\s?,.!]|$))",
    re.IGNORECASE,
)
_AGE = re.compile(
    r"\b\d{1,3}[- ](?:year|yr)s?[- ]old\b|,\s?\d{1,3}\s?(?:,|y/?o\b|yo\b|[mfMF]\b)|"
    r"\b\d{1,3}\s?(?:y/o|yo|jährig\w*|ans\b|años|anni|anos|jaar|lat\b|år\b)|\d{1,3}\s?(?:歳|岁|세)|"
    r"\blat\s\d{1,3}\b|[A-ZÀ-Þ][a-zà-ÿ]+\s\(\d{2}\)",
)


@functools.cache
def _titled_name() -> re.Pattern[str]:
    """A title before a name ("Herrn Weber", "signora Bianchi"), or "miss K"."""
    return re.compile(rf"\b{honorific()}\.?\s+[A-Z][a-z]+|\bmiss [A-Z]\b")


# Every form of _AGE holds a digit, and every form of _titled_name a white-space character
# before a capital: a sentence without one is not searched (both patterns are tried at every
# position, these openers are skipped to in C).
_DIGIT = re.compile(r"\d")
_SPACE_THEN_CAPITAL = re.compile(r"\s[A-Z]")


def _says_an_age(text: str) -> bool:
    """``_AGE.search(text)``, asked only of a text with a digit."""
    return _DIGIT.search(text) is not None and _AGE.search(text) is not None


def _titled(text: str) -> bool:
    """``_titled_name().search(text)``, asked only of a text with a capital after a space."""
    return _SPACE_THEN_CAPITAL.search(text) is not None and _titled_name().search(text) is not None


_INDEFINITE = re.compile(
    r"\b(?:a|an|any|one|some|un|una|ein|eine|einen|een|en|ett|jeden)\s+(?:\w+\s+)?$", re.IGNORECASE
)
# "if someone…", "a person who…": a hypothetical, not a person.
_HYPOTHETICAL = AnyCase(
    re.compile(
        r"\b(?:if|someone|somebody|anyone|a person|people|si|alguien|quelqu'un|wenn|jemand|se|qualcuno|"
        r"alguém|als|iemand|jeśli|ktoś|om|någon)\b",
        re.IGNORECASE,
    )
)
_NEXT_WORD = re.compile(r"['’]?\s*([\w']+)")
_YOU_AFTER = re.compile(r"(?:\s+|-)(?:je|jij|u|du|tu|vous|you|ni|du)\b")
_NEXT_HYPHENATED = re.compile(r"\s+([a-z][a-z-]+)")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Korean one-syllable "I"/"my" is a first person only before a particle or a space ("제가",
# "내 아들"), not inside a word.
_KOREAN_I = frozenset({"제", "저", "나", "내"})
_KOREAN_AFTER_I = frozenset({"가", "는", "게", "를", "의", " ", ""})
_FIRST_PERSON_KINDS = frozenset({"first_person", "implied_first_person", "first_person_forms"})


@functools.cache
def _english_i_verbs() -> frozenset[str]:
    return frozenset(load_data("topics.toml")["subject"]["lowercase_i_verbs"])


@functools.cache
def _subject_words_any_case(kind: str) -> AnyCase:
    return AnyCase(subject_words(kind))


def subject_words_found(kind: str, text: str) -> bool:
    """Does ``subject_words(kind)`` occur in ``text`` (asked of ASCII text in lower case)?"""
    return _subject_words_any_case(kind).found(text)


@functools.cache
def subject_words(kind: str) -> re.Pattern[str]:
    """One of topics.toml's [subject] word lists as a whole-word, any-case pattern (its words
    as a prefix tree: the engine follows one branch per character instead of trying every word
    at every position; asked only whether it matches, which the order of the words never
    changes)."""
    words = load_data("topics.toml")["subject"][kind]
    return re.compile(rf"(?<![\w])(?:{literal_alternation(words)})(?![\w])", re.IGNORECASE)


_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.-]+(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’.-]+)+|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,}"
_GENERIC_ADDRESSEE = (
    r"(?:Customer|Sir|Madam|Team|All|Colleagues|Hiring|Friends|Members|Kunde|Kundin|Client|"
    r"Cliente|Klant|Kund|Valued|Applicant|User|Users|Parents|Damen|Herren)\b"
)


@functools.cache
def _record_field() -> LineStartPattern:
    """A record's field naming its person: "Patient: Leon Fischer", "Enfant : Hugo Martin",
    '{"applicant": "J. Okoro", …': at a line's start or after "{" or "," (line_starts.py
    searches it without trying every position of the 600 characters it is asked about)."""
    fields = any_case_alternation(load_data("topics.toml")["subject"]["record_fields"])
    rest = rf"[\"']?(?i:{fields})[\"']?[ \t]*[:：=][ \t]*[\"']?(?:{_NAME})"
    return LineStartPattern(r"[ \t\-*•]*", rest, chars="{,", at=r"[ \t]*")


@functools.cache
def _salutation() -> LineStartPattern:
    """A letter's opening to a named person: "Dear Ms. Tanya Brooks,", "Sehr geehrte Frau Roth"
    (at a line's start: line_starts.py)."""
    opening = any_case_alternation(load_data("topics.toml")["subject"]["salutations"])
    return LineStartPattern(
        r"[ \t]*(?:[^\n:]{1,30}:[ \t]*)?",
        rf"(?i:{opening})[ \t]+(?!{_GENERIC_ADDRESSEE})"
        rf"(?:(?:{honorific()}|M)\.?[ \t]+)?"  # "M. Dupont" too
        r"[A-ZÀ-ÖØ-Þ][\w'’-]+",
    )


# A sum of money: "£1,286.40", "2.400 €", "48 000 kr", "3万元".
_SUM = re.compile(
    r"[$€£¥₩]\s?\d|\d[\d.,\s]*+\s?(?:€|\$|£|¥|₩|kr\b|zł|eur\b|usd\b|gbp\b|chf\b|円|元|원)",
    re.IGNORECASE,
)
_PASTE_REACH = 300  # characters of pasted text read after an instruction ending in ":"
_RECORD_REACH = 600  # characters back from a sentence to the record field or the salutation


@functools.cache
def possessive() -> re.Pattern[str]:
    """Does a possessive ("my", "meine", "mon") end the text, perhaps before one word?  (Asked
    only whether it matches: the words as a prefix tree.)"""
    alternatives = literal_alternation(load_data("topics.toml")["subject"]["possessives"])
    return re.compile(rf"(?<![\w])(?:{alternatives})\s+(?:(?:\w+|ex-\w+)\s+)?$", re.IGNORECASE)


@functools.cache
def _dropped_subject() -> re.Pattern[str]:
    """A sentence opening as chat does with the speaker left out ("been having panic attacks",
    "got laid off", "jsuis au chomage"), not as a question's lead-in ("been wondering if…")."""
    subject = load_data("topics.toml")["subject"]
    openers = any_case_alternation(subject["dropped_subject"])
    lead_ins = any_case_alternation(subject["dropped_subject_not"])
    return re.compile(rf"[^\w]{{0,6}}(?i:{openers})(?![\w'’])(?!\s+(?i:{lead_ins})(?!\w))")


class Sentence:
    """One sentence and the lexicon hits inside it."""

    def __init__(self, ctx: ScanContext, start: int, end: int) -> None:
        self.ctx, self.start, self.end = ctx, start, end
        self.text = ctx.text[start:end]
        common = sentence_lexicon().scan(ctx.lower, start, end)
        self.hits = sorted([*ctx.hits_between(start, end), *common], key=lambda h: h.start)

    def of(self, group: str, kind: str | None = None) -> list[Hit]:
        """The sentence's hits of ``group`` (and ``kind``), in order (a list of its own)."""
        found = self._by_kind.get((group, kind))
        return list(found) if found else []

    @OncePerScan
    def _by_kind(self) -> dict[tuple[str, str | None], list[Hit]]:
        """The hits by (group, kind) and by (group, None), sorted once: the topic rules ask a
        sentence for its hits of one kind or another some fifteen times."""
        index: dict[tuple[str, str | None], list[Hit]] = {}
        for hit in self.hits:
            group = hit.group
            index.setdefault((group, hit.kind), []).append(hit)
            index.setdefault((group, None), []).append(hit)
        return index

    def before(self, hit: Hit, chars: int = 60) -> str:
        return self.ctx.text[max(self.start, hit.start - chars) : hit.start]

    @OncePerScan
    def first_person(self) -> bool:
        if any(self._speaker(h) for h in self.of("subject") if h.kind in _FIRST_PERSON_KINDS):
            return True
        return _dropped_subject().match(self.text) is not None

    def _speaker(self, hit: Hit) -> bool:
        """Is this first-person word the speaker?  An English "I" only before a verb ("I have",
        not "Arbeitslosengeld I", not the Swedish "i Sverige"); an all-capitals "EU" or "MI" is
        an abbreviation, not "eu"/"mi"."""
        written = self.ctx.text[hit.start : hit.end]
        if written in ("i", "I"):
            return self._english_i(written, hit)
        if written.lower() == "je" and subject_words_found("dutch_cues", self.text):
            return False  # Dutch "je" is "you"
        if hit.kind == "first_person_forms" and _YOU_AFTER.match(self.ctx.lower, hit.end):
            return False  # "heb je …", "bist du …", "as-tu …": a question to someone else
        if written in _KOREAN_I and self.ctx.text[hit.end : hit.end + 1] not in _KOREAN_AFTER_I:
            return False  # "제도" (a system), "나이" (age), "내용" (content): no "I"
        if any(r.start <= hit.start < r.end for r in self.ctx.hits_of("drafting", "request")):
            return False  # "帮我写", "help me write": the writer of the message, not its subject
        return not (len(written) >= 2 and written.isupper() and written.isascii())

    def _english_i(self, written: str, hit: Hit) -> bool:
        """ "I" before a verb ("I have"), or "I under-reported": an English past tense follows."""
        following = _NEXT_WORD.match(self.ctx.lower, hit.end)
        if following is None:
            return False
        whole = _NEXT_HYPHENATED.match(self.ctx.lower, hit.end)
        past = written == "I" and whole is not None and whole.group(1).endswith("ed")
        return following.group(1) in _english_i_verbs() or past

    @OncePerScan
    def plural(self) -> bool:
        return any(
            self.ctx.text[h.start : h.end] != "US"
            for h in self.of("subject", "first_person_plural")
        )

    @OncePerScan
    def relation(self) -> bool:
        """Someone close: "my dad", "mio fratello"; a CJK relation word; or one opening the
        sentence in a language that drops the possessive ("Brat jest …", "Mama ma …")."""
        relations = self.of("subject", "relations")
        cjk = any(ord(self.ctx.text[h.start]) > 0x2E80 for h in relations)
        opening = any(
            not self.ctx.text[self.start : h.start].strip()
            and subject_words("relations_without_possessive").fullmatch(
                self.ctx.text[h.start : h.end]
            )
            for h in relations
        )
        return cjk or opening or any(possessive().search(self.before(h, 30)) for h in relations)

    @OncePerScan
    def described_person(self) -> bool:
        """A person described in a record: "Patient …", "client reports", ", 54,", "Mrs Rossi";
        nobody in a case study, an exam question or fiction."""
        if self.ctx.hits_of("context", "fiction"):
            return False
        for h in self.of("subject", "record"):
            if (
                not _INDEFINITE.search(self.before(h, 20))
                and self.ctx.lower[h.end : h.end + 1] != "s"
                and not subject_words("record_modifiers").match(self.ctx.lower, h.end + 1)
            ):
                return True
        return _says_an_age(self.text) or _titled(self.text) or self.record_subject

    @OncePerScan
    def record_subject(self) -> bool:
        """A line of a record whose person a field above it names, in the same block."""
        text, lo = self.ctx.text, max(0, self.start - _RECORD_REACH)
        gap = text.rfind("\n\n", lo, self.start)
        lo = gap + 2 if gap != -1 else lo
        field = _record_field().search(text, lo, self.end)
        if field is None or subject_words("not_a_person").search(field.group()):
            return False  # "Name: Project Phoenix", "Patient: John Doe"
        framing = self.ctx.hits_between(lo, self.end + _PASTE_REACH)
        return not any(h.kind == "test_framing" for h in framing)  # a template, a demo

    @OncePerScan
    def addressed_to_user(self) -> bool:
        """A sentence of a letter to a named person (the user pasting it): said to "you", or
        below the salutation."""
        lo = max(0, self.start - _RECORD_REACH)
        found = _salutation().search(self.ctx.text, lo, self.end)
        if found is None:
            return False
        said_to_you = subject_words_found("second_person", self.text)
        if said_to_you and not self.text.rstrip().endswith("?") and found.start() < self.start:
            return True  # "Dear Liam, … you are suspended pending a disciplinary hearing"
        if not _SUM.search(self.ctx.text, found.end(), self.end + _RECORD_REACH):
            return False  # a letter about the addressee's affairs names a sum
        return found.start() < self.start or said_to_you

    @OncePerScan
    def person_spoken_of(self) -> bool:
        """ "She's starting chemo", "er hat …": a third person in a statement about them, not in a
        generic question, a hypothetical ("if someone…") or fiction."""
        if not self.of("subject", "third_person") or self.generic_question():
            return False
        if _HYPOTHETICAL.found(self.text):
            return False
        return not (self.ctx.hits_of("context", "fiction") or self.public_life)

    @OncePerScan
    def not_real(self) -> bool:
        """Fiction, news of public life, a hypothetical or a question about the topic."""
        return bool(
            self.generic_question()
            or hypothetical(self.text)
            or (cjk_question(self.text) and not (self.first_person or self.relation))
            or self.ctx.hits_of("context", "fiction")
            or self.public_life
        )

    @OncePerScan
    def public_life(self) -> bool:
        """News of public life: a word of it ("announced", "media", "president") anywhere in
        the text, or, for a sentence of the writer's own or someone close's ("got laid off, the
        news said…"), in the sentence itself."""
        found = self.ctx.hits_of("context", "public_figure")
        if not found or not (self.first_person or self.relation):
            return bool(found)
        return any(self.start <= h.start < self.end for h in found)

    @OncePerScan
    def in_draft(self) -> bool:
        """A sentence of a real message the user is writing or editing (drafting.py)."""
        return drafted_message(self.ctx) and not self.not_real

    @OncePerScan
    def about_someone_real(self) -> bool:
        """Naming its person ("Priya is going on maternity leave"), or in a drafted message and
        speaking of someone (a pronoun, "you", a relation): not a general statement pasted in
        ("Rewrite: exercise lowers the risk of a heart attack")."""
        if self.not_real:
            return False
        if names_a_person(self.text):
            return True
        return self.in_draft and bool(
            self.first_person
            or self.relation
            or self.plural
            or self.of("subject", "third_person")
            or any(h.start > self.start for h in self.of("subject", "relations"))
            or self.of("subject", "record")
            or subject_words_found("second_person", self.text)
        )

    def personal(self, *, plural: bool) -> bool:
        return (plural and self.plural) or self._of_a_person

    @OncePerScan
    def _of_a_person(self) -> bool:
        return _of_a_person(self)

    def _subject_carried_over(self) -> bool:
        """A sentence with no subject of its own takes the previous sentence's: Japanese, Chinese
        and Korean leave out a subject the sentence before gave ("息子が不登校です。心療内科に
        連れて行くべき？"), and a record or a letter speaks of its person line after line."""
        if self.of("subject"):
            return False
        close, described, speaker = self._previous_subject
        # "My dad (78) keeps forgetting things. The neurologist suspects dementia.": in a spaced
        # language only a relation or a person in a record carries over, not "I".
        return close or described or (speaker and bool(_UNSPACED.search(self.text)))

    @OncePerScan
    def described_before(self) -> bool:
        """A line of a record under the sentence that describes its person ("Mrs Ito, 83, …
        Pressure sore on the heel, dressing changed."): the person carries over."""
        return not self.of("subject") and self._previous_subject[1]

    @OncePerScan
    def _previous_subject(self) -> tuple[bool, bool, bool]:
        """Someone close, a person in a record, the speaker: what the previous sentence of the
        same paragraph speaks of (all False at the start of a paragraph or after a question)."""
        if self.start == 0 or GENERIC_QUESTION_START.match(self.text):
            return False, False, False
        prev_start, _prev_end = self.ctx.sentence_bounds(max(0, self.start - 2))
        if prev_start >= self.start or "\n\n" in self.ctx.text[prev_start : self.start]:
            return False, False, False
        return _subject_of(self.ctx, prev_start, self.start)

    def _subject_of_the_paste(self) -> bool:
        """An instruction ending in ":" ("For the court hearing, make this neutral:") is about
        whoever the pasted text under it speaks of: the writer, someone close to them, or the
        "you" a letter to the writer addresses."""
        if not self.text.rstrip().endswith((":", "：")) or GENERIC_QUESTION_START.match(self.text):
            return False
        pasted = sentence_at(self.ctx, self.end, min(len(self.ctx.text), self.end + _PASTE_REACH))
        said_to_you = subject_words_found("second_person", pasted.text)
        return pasted.first_person or pasted.relation or said_to_you

    def generic_question(self) -> bool:
        """A question or request about a topic in general: it opens with a question word or
        "explain/describe", and nobody is named but by the request itself ("explain to me")."""
        opening = GENERIC_QUESTION_START.match(self.text)
        if not opening:
            return False
        cut = self.start + opening.end() + 4  # "Explique-moi", "tell me about": not a subject
        speaker = any(
            self._speaker(h)
            for h in self.of("subject")
            if h.kind in _FIRST_PERSON_KINDS and h.start >= cut
        )
        return not (speaker or self.relation)

    def negated(self, hit: Hit) -> bool:
        before = self.before(hit)
        return _NEGATED.found(before) or _MODAL_QUESTION.found(before)

    def negated_near(self, hit: Hit, chars: int = 25) -> bool:
        return _NEGATED.found(self.before(hit, chars))


def _of_a_person(s: Sentence) -> bool:
    """``Sentence.personal`` but "we": the writer, someone close, a person in a record or a
    letter's addressee (kept per sentence: the three topic detectors each ask)."""
    return (
        s.first_person
        or s.relation
        or s.described_person
        or s.addressed_to_user
        or s._subject_carried_over()
        or s._subject_of_the_paste()
    )


def sentence_at(ctx: ScanContext, start: int, end: int) -> Sentence:
    """The sentence at [start, end), one object per scan: the three topic detectors read the
    same sentences, and a sentence's hits and answers (who it speaks of, whether it is a
    question) depend only on the text, so they are worked out once for all of them."""
    sentences = ctx.sentences
    found = sentences.get((start, end))
    if found is None:
        found = sentences[start, end] = Sentence(ctx, start, end)
    return found


def _subject_of(ctx: ScanContext, start: int, end: int) -> tuple[bool, bool, bool]:
    """Whether a sentence speaks of someone close, of a person in a record, of the speaker."""
    sentence = sentence_at(ctx, start, end)
    return sentence.relation, sentence.described_person, sentence.first_person


def prepare() -> None:
    """Build the patterns the sentence questions use now (each is built on first use
    otherwise: a few milliseconds in the first scan that asks)."""
    sentence_lexicon()
    possessive()
    _dropped_subject()
    _titled_name()
    _record_field()
    _salutation()
    _english_i_verbs()
    for kind in ("not_a_person", "record_modifiers", "relations_without_possessive"):
        subject_words(kind)
    for kind in ("second_person", "dutch_cues"):
        _subject_words_any_case(kind)
