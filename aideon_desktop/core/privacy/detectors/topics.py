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

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import Hit, canonical, load_data, sentence_lexicon
from aideon_desktop.core.privacy.registry import Detector, register

_LAB_VALUE = re.compile(r"[^.\n]{0,25}?\d+(?:[.,]\d+)?")
_DOSE = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|ml|iu|units)\b", re.IGNORECASE)
_PREGNANT_WEEKS = re.compile(
    r"\b\d{1,2}\s?(?:weeks?|wks?|semanas|semaines|wochen|settimane|weken|tygodni\w*|veckor)\b[^.\n]{0,20}"
    r"(?:pregnant|embarazada|enceinte|schwanger|incinta|grávida|zwanger|w ciąży|gravid)|"
    r"(?:pregnant|embarazada|enceinte|schwanger|incinta|grávida|zwanger|gravid)\s+(?:de\s+|with\s+|in\s+)?\d{1,2}",
    re.IGNORECASE,
)
_SOBER = re.compile(r"\b\d+\s?(?:days?|weeks?|months?|years?)\s+(?:sober|clean)\b", re.IGNORECASE)
_NEGATED = re.compile(
    r"\b(?:don't|do not|doesn't|does not|never|not|no|without|isn't|aren't|kein\w*|nicht|pas|sin|senza|sem|geen|niet|nie|inte)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_MODAL_QUESTION = re.compile(
    r"\b(?:can|could|should|may|might|would)\s+(?:i|you|we|one|someone|people)\s+(?:\w+\s+){0,1}$",
    re.IGNORECASE,
)
_GENERIC_QUESTION_START = re.compile(
    r"^\s*(?:what|how|why|when|which|who|is|are|does|do|explain|describe|tell me about|"
    r"qu[eé]|c[oó]mo|comment|was|wie|warum|cosa|come|o que|wat|hoe|waarom|co|jak|dlaczego|vad|hur|varför)\b",
    re.IGNORECASE,
)
_MONEY = re.compile(
    r"[$€£¥]\s?\d|\d\s?(?:k|m|bn|million|billion|mio|mrd|%|usd|eur|gbp)\b|\b\d+\s?(?:%|percent)|\d\s?(?:万|億|亿|억)",
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
_AGE = re.compile(
    r"\b\d{1,3}[- ](?:year|yr)s?[- ]old\b|,\s?\d{1,3}\s?(?:,|y/?o\b|yo\b|[mfMF]\b)|\b\d{1,3}\s?(?:y/o|yo|jährig\w*|ans\b|años|anni|anos|jaar|lat\b|år\b)"
    r"|\d{1,3}\s?(?:歳|岁|세)",
)
_HONORIFIC = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Herr|Frau|Sr|Sra|Mme|Mlle|Sig|Pan|Pani|Dhr|Mevr)\.?\s+[A-Z][a-z]+|\bmiss [A-Z]\b"
)
_INDEFINITE = re.compile(
    r"\b(?:a|an|any|one|some|un|una|ein|eine|einen|een|en|ett|jeden)\s+(?:\w+\s+)?$", re.IGNORECASE
)
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
    r"home country|leave the|stay\w*|expir\w*|extension|employer)\b",
    re.IGNORECASE,
)
# A sum of money (not a percentage): "14.000 €", "$2,300", "48 000 kr", "700만 원", "3万元".
_AMOUNT = re.compile(
    r"[$€£¥₩]\s?\d|\d[\d.,\s]*\s?(?:€|\$|£|¥|₩|kr\b|zł|zl\b|eur\b|usd\b|gbp\b|sek\b|pln\b|chf\b|"
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
_CARD_DATE = re.compile(r"\b\d{1,2}/\d{2,4}\b")
_DEBT_NEEDS = re.compile(
    r"\b(card|cards|loan|bank|collector|behind|across|mortgage|bills?)\b", re.IGNORECASE
)


_FIRST_PERSON_KINDS = frozenset({"first_person", "implied_first_person", "first_person_forms"})
_NEXT_WORD = re.compile(r"['’]?\s*([\w']+)")


@functools.cache
def _lowercase_i_verbs() -> frozenset[str]:
    return frozenset(load_data("topics.toml")["subject"]["lowercase_i_verbs"])


@functools.cache
def _described_words() -> frozenset[str]:
    """Confidentiality labels that mark a matter wherever a sentence says it is one."""
    return frozenset(canonical(w) for w in load_data("topics.toml")["confidential_business"]["said"])


@functools.cache
def _possessive() -> re.Pattern[str]:
    words = sorted(load_data("topics.toml")["subject"]["possessives"], key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w])(?:{alternatives})\s+(?:(?:\w+|ex-\w+)\s+)?$", re.IGNORECASE)


class Sentence:
    """One sentence and the lexicon hits inside it."""

    def __init__(self, ctx: ScanContext, start: int, end: int) -> None:
        self.ctx, self.start, self.end = ctx, start, end
        self.text = ctx.text[start:end]
        common = sentence_lexicon().scan(ctx.lower, start, end)
        self.hits = sorted([*ctx.hits_between(start, end), *common], key=lambda h: h.start)

    def of(self, group: str, kind: str | None = None) -> list[Hit]:
        return [h for h in self.hits if h.group == group and (kind is None or h.kind == kind)]

    def before(self, hit: Hit, chars: int = 60) -> str:
        return self.ctx.text[max(self.start, hit.start - chars) : hit.start]

    @functools.cached_property
    def first_person(self) -> bool:
        return any(
            h.kind in _FIRST_PERSON_KINDS and not self._lowercase_i_not_english(h)
            for h in self.of("subject")
        )

    def _lowercase_i_not_english(self, hit: Hit) -> bool:
        """A lower-case "i" not followed by an English verb is "in"/"and" (sv, nl, it, pl)."""
        if self.ctx.text[hit.start : hit.end] != "i":
            return False
        following = _NEXT_WORD.match(self.ctx.lower, hit.end)
        return following is None or following.group(1) not in _lowercase_i_verbs()

    @functools.cached_property
    def plural(self) -> bool:
        return any(
            self.ctx.text[h.start : h.end] != "US"
            for h in self.of("subject", "first_person_plural")
        )

    @functools.cached_property
    def relation(self) -> bool:
        cjk = any(ord(self.ctx.text[h.start]) > 0x2E80 for h in self.of("subject", "relations"))
        return cjk or any(
            _possessive().search(self.before(h, 30)) for h in self.of("subject", "relations")
        )

    @functools.cached_property
    def described_person(self) -> bool:
        """A person described in a record: "Patient …", "client reports", ", 54,", "Mrs Rossi"."""
        for h in self.of("subject", "record"):
            if (
                not _INDEFINITE.search(self.before(h, 20))
                and self.ctx.lower[h.end : h.end + 1] != "s"
            ):
                return True
        return bool(_AGE.search(self.text) or _HONORIFIC.search(self.text))

    def personal(self, *, plural: bool) -> bool:
        return (
            self.first_person or self.relation or self.described_person or (plural and self.plural)
        )

    def generic_question(self) -> bool:
        return bool(_GENERIC_QUESTION_START.match(self.text)) and not (
            self.first_person or self.relation
        )

    def negated(self, hit: Hit) -> bool:
        before = self.before(hit)
        return bool(_NEGATED.search(before) or _MODAL_QUESTION.search(before))


class TopicDetector(Detector):
    """One finding per category at most: the first sentence that discloses it."""

    stage = "topic"
    reason_prefix: ClassVar[str]

    def prepare(self) -> None:
        sentence_lexicon()
        _possessive()

    def candidates(self, ctx: ScanContext) -> Iterator[Sentence]:
        seen: set[int] = set()
        for hit in ctx.hits_of(self.category):
            start, end = ctx.sentence_bounds(hit.start)
            if start in seen:
                continue
            seen.add(start)
            if ctx.in_code(start) and ctx.in_code(max(start, end - 1)):
                continue
            yield Sentence(ctx, start, end)

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
    labels = ("health.strong", "health.conditions", "health.medications", "health.lab_names")

    def validate(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        if not s.personal(plural=False):
            return None
        for regex, why in ((_PREGNANT_WEEKS, "pregnancy"), (_SOBER, "recovery from addiction")):
            m = regex.search(s.text)
            if m:
                return self.hit((s.start + m.start(), s.start + m.end()), why)
        for lab in s.of("health", "lab_names"):
            if _LAB_VALUE.match(ctx.text, lab.end, s.end):
                return self.hit(lab, "medical test result")
        for strong in [*s.of("health", "strong"), *s.of("health", "findings")]:
            if not s.negated(strong) and not s.generic_question():
                return self.hit(strong, ctx.lower[strong.start : strong.end])
        return self._condition(ctx, s)

    def _condition(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        disclosures = s.of("health", "disclosure")
        for kind, why in (("medications", "medication"), ("conditions", "medical condition")):
            for m in s.of("health", kind):
                if s.negated(m):
                    continue
                near = [
                    d
                    for d in disclosures
                    if m.start - 60 <= d.start <= m.end + 40 and d.start != m.start
                ]
                possessed = _possessive().search(s.before(m, 30)) or re.search(
                    r"(?:his|her)\s+(?:\w+\s+)?$", s.before(m, 30)
                )
                dosed = _DOSE.search(ctx.text, max(s.start, m.start - 60), min(s.end, m.end + 40))
                if ctx.strict or near or possessed or dosed or s.described_person:
                    return self.hit(m, f"{why}: {ctx.lower[m.start : m.end]}")
        return None


@register
class PersonalSituationDetector(TopicDetector):
    name = "topic_personal_situation"
    category = "personal_situation"
    reason_prefix = "personal legal/financial situation"
    labels = (
        "personal_situation.terms",
        "personal_situation.legal",
        "personal_situation.money",
        "personal_situation.work",
        "personal_situation.family",
        "personal_situation.weak",
    )

    def validate(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        if not s.personal(plural=True):
            return None
        hits = [m for m in s.of("personal_situation") if not _NEGATED.search(s.before(m, 25))]
        weak = {ctx.lower[m.start : m.end] for m in hits if m.kind == "weak"}
        backed = len(weak) >= 2 or bool(
            _AMOUNT.search(s.text) or _SITUATION_NEEDS.search(s.text) or _DEBT_NEEDS.search(s.text)
        )
        for m in hits:
            term = ctx.lower[m.start : m.end]
            if term == "my visa" and (not _IMMIGRATION.search(s.text) or _CARD_DATE.search(s.text)):
                continue  # "my Visa" is as often a card ("my Visa expires 09/27")
            if term in weak and not backed and not any(h.kind != "weak" for h in hits):
                continue  # a weak word needs a second cue (resources/privacy/topics.toml)
            return self.hit(m, term)
        return None


@register
class ConfidentialBusinessDetector(TopicDetector):
    name = "topic_confidential_business"
    category = "confidential_business"
    reason_prefix = "confidential business information"
    labels = (
        "confidential_business.labels",
        "confidential_business.secrecy",
        "confidential_business.events",
    )

    def validate(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        marked = self._marked(ctx, s)
        if marked is not None:
            return marked
        deal = s.of("confidential_business", "deal_terms")
        if (
            deal
            and not _GENERIC_QUESTION_START.match(s.text)
            and _MONEY.search(ctx.text, max(0, s.start - 300), s.end + 300)
        ):
            return self.hit(deal[0], f"deal terms: {ctx.lower[deal[0].start : deal[0].end]}")
        if not (s.personal(plural=True) or _BUSINESS_WHO.search(s.text)):
            return None
        if _GENERIC_QUESTION_START.match(s.text) and not s.plural:
            return None
        for m in s.of("confidential_business", "secrecy"):
            return self.hit(m, f"not public: '{ctx.lower[m.start : m.end]}'")
        events = s.of("confidential_business", "events")
        if (
            events
            and s.plural
            and _NOT_YET.search(s.text)
            and (_MONEY.search(s.text) or _QUIET.search(s.text))
        ):
            return self.hit(
                events[0],
                f"unannounced business matter: {ctx.lower[events[0].start : events[0].end]}",
            )
        return None

    def _marked(self, ctx: ScanContext, s: Sentence) -> Finding | None:
        """A label heading the text, a line or a code comment: "CONFIDENTIAL - …", "Vertraulich: …"."""
        for m in s.of("confidential_business", "labels"):
            word = ctx.text[m.start : m.end]
            line_start = ctx.text.rfind("\n", 0, m.start) + 1
            prefix = ctx.text[max(line_start, s.start) : m.start]
            after = ctx.text[m.end : m.end + 3]
            if re.search(
                r"['\"‘“]\s*$|\b(as|mark|marked|is|means?|called)\s+$", prefix, re.IGNORECASE
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
