"""Topical sensitivity: health, personal legal/financial situations, confidential business.

A topic word alone is not enough — "What are the side effects of sertraline?" is a question
*about* health.  A finding needs, in the same sentence, a personal subject (the user, "my dad",
"our company") and, for plain condition or medicine names, a disclosure ("I take", "has ADHD").
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from aideon_desktop.core.privacy.context import Claims, TextContext
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.rules import TermIndex, rules
from aideon_desktop.core.term_match import term_regex


@dataclass(frozen=True)
class _Lexicon:
    first_person: re.Pattern[str]
    first_person_plural: re.Pattern[str]
    relation: re.Pattern[str]
    health_strong: re.Pattern[str]
    health_condition: re.Pattern[str]
    health_medication: re.Pattern[str]
    health_disclosure: re.Pattern[str]
    situation: re.Pattern[str]
    business_label: re.Pattern[str]
    business_secrecy: re.Pattern[str]
    business_event: re.Pattern[str]


@functools.cache
def _lexicon() -> _Lexicon:
    t = rules().topics
    subject = t["subject"]
    possessive = "|".join(
        re.escape(p) for p in sorted(subject["possessives"], key=len, reverse=True)
    )
    relations = "|".join(re.escape(r) for r in sorted(subject["relations"], key=len, reverse=True))
    return _Lexicon(
        first_person=term_regex(subject["first_person"]),
        first_person_plural=term_regex(subject["first_person_plural"]),
        relation=re.compile(
            rf"(?<![\w])(?:{possessive})\s+(?:(?:\w+|ex-\w+)\s+)?(?:{relations})(?![\w])",
            re.IGNORECASE,
        ),
        health_strong=term_regex(t["health"]["strong"]),
        health_condition=term_regex(t["health"]["conditions"]),
        health_medication=term_regex(t["health"]["medications"]),
        health_disclosure=term_regex(t["health"]["disclosure"]),
        situation=term_regex(t["personal_situation"]["terms"]),
        business_label=term_regex(t["confidential_business"]["labels"]),
        business_secrecy=term_regex(t["confidential_business"]["secrecy"]),
        business_event=term_regex(t["confidential_business"]["events"]),
    )


LAB_NAMES = [
    "tsh",
    "t4",
    "t3",
    "hba1c",
    "a1c",
    "ldl",
    "hdl",
    "cholesterol",
    "psa",
    "cd4",
    "egfr",
    "creatinine",
    "alt",
    "ast",
    "ferritin",
    "haemoglobin",
    "hemoglobin",
    "glucose",
    "blood sugar",
    "blood pressure",
    "bp",
    "inr",
    "vitamin d",
    "b12",
    "bmi",
]
_LAB_VALUE = re.compile(
    r"\b(" + "|".join(re.escape(n) for n in LAB_NAMES) + r")\b[^.\n]{0,25}?\d+(?:[.,]\d+)?",
    re.IGNORECASE,
)
_DOSE = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|ml|iu|units)\b", re.IGNORECASE)
_PREGNANT_WEEKS = re.compile(
    r"\b\d{1,2}\s?(?:weeks?|wks?|semanas|semaines|wochen|settimane)\b[^.\n]{0,20}"
    r"(?:pregnant|embarazada|enceinte|schwanger|incinta|grávida)|"
    r"(?:pregnant|embarazada|enceinte|schwanger|incinta|grávida)\s+(?:de\s+|with\s+)?\d{1,2}",
    re.IGNORECASE,
)
_SOBER = re.compile(r"\b\d+\s?(?:days?|weeks?|months?|years?)\s+(?:sober|clean)\b", re.IGNORECASE)
_NEGATED = re.compile(
    r"\b(?:don't|do not|doesn't|does not|never|not|no|without|isn't|aren't)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_MODAL_QUESTION = re.compile(
    r"\b(?:can|could|should|may|might|would)\s+(?:i|you|we|one|someone|people)\s+(?:\w+\s+){0,1}$",
    re.IGNORECASE,
)
_GENERIC_QUESTION_START = re.compile(
    r"^\s*(?:what|how|why|when|which|who|is|are|does|do|explain|describe|tell me about|"
    r"qu[eé]|c[oó]mo|comment|was|wie|warum|cosa|come|o que)\b",
    re.IGNORECASE,
)
_MONEY = re.compile(
    r"[$€£¥]\s?\d|\d\s?(?:k|m|bn|million|billion|%|usd|eur|gbp)\b|\b\d+\s?(?:%|percent)",
    re.IGNORECASE,
)
_NOT_YET = re.compile(
    r"\b(board|internal|unannounced|next (?:week|month|quarter)|about to|plan(?:s|ning)? to|"
    r"will|we'll|won't|going to|on \d|by \d|q[1-4])\b",
    re.IGNORECASE,
)
_LINE_LABEL = re.compile(r"(?m)^[\s#/*>\-(]*(?:\(c\)[^\n]{0,60}?[-–—:]\s*)?")


def _personal_subject(ctx: TextContext, start: int, end: int, *, plural: bool) -> bool:
    sentence = ctx.text[start:end]
    lex = _lexicon()
    if lex.first_person.search(sentence) or lex.relation.search(sentence):
        return True
    return plural and any(m.group() != "US" for m in lex.first_person_plural.finditer(sentence))


def _health(
    ctx: TextContext, start: int, end: int, strict: bool = False
) -> tuple[int, int, str] | None:
    sentence = ctx.text[start:end]
    lex = _lexicon()
    if not _personal_subject(ctx, start, end, plural=False):
        return None
    for regex, label in (
        (_PREGNANT_WEEKS, "pregnancy"),
        (_SOBER, "recovery from addiction"),
        (_LAB_VALUE, "medical test result"),
    ):
        m = regex.search(sentence)
        if m:
            return start + m.start(), start + m.end(), label
    for m in lex.health_strong.finditer(sentence):
        before = sentence[: m.start()]
        if _NEGATED.search(before) or _MODAL_QUESTION.search(before):
            continue
        if (
            _GENERIC_QUESTION_START.match(sentence)
            and not lex.first_person.search(sentence)
            and not lex.relation.search(sentence)
        ):
            continue
        return start + m.start(), start + m.end(), m.group().lower()
    for regex, kind in (
        (lex.health_medication, "medication"),
        (lex.health_condition, "medical condition"),
    ):
        for m in regex.finditer(sentence):
            before = sentence[: m.start()]
            if _NEGATED.search(before) or _MODAL_QUESTION.search(before):
                continue
            around = sentence[max(0, m.start() - 60) : m.end() + 40]
            possessed = re.search(r"(?:my|his|her|our)\s+(?:\w+\s+)?$", before, re.IGNORECASE)
            if strict or possessed or lex.health_disclosure.search(around) or _DOSE.search(around):
                return start + m.start(), start + m.end(), f"{kind}: {m.group().lower()}"
    return None


def _situation(
    ctx: TextContext, start: int, end: int, strict: bool = False
) -> tuple[int, int, str] | None:
    sentence = ctx.text[start:end]
    lex = _lexicon()
    if not _personal_subject(ctx, start, end, plural=True):
        return None
    for m in lex.situation.finditer(sentence):
        before = sentence[: m.start()]
        if _NEGATED.search(before[-25:]):
            continue
        term = m.group().lower()
        if term in ("owe", "owes", "owed", "debt", "debts") and not (
            _MONEY.search(sentence)
            or re.search(
                r"\b(card|cards|loan|bank|collector|behind|across|mortgage|bills?)\b",
                sentence,
                re.IGNORECASE,
            )
        ):
            continue
        if term in (
            "hearing",
            "audit",
            "default",
            "overdue",
            "ind",
            "home office",
            "fired",
            "prison",
            "jail",
        ) and not re.search(
            r"\b(court|tribunal|judge|lawyer|solicitor|tax|loan|payment|rent|interview|asylum|visa|arrest|"
            r"police|sentence|employer|job|boss|visit)\w*",
            sentence,
            re.IGNORECASE,
        ):
            continue
        return start + m.start(), start + m.end(), term
    return None


def _business(
    ctx: TextContext, start: int, end: int, strict: bool = False
) -> tuple[int, int, str] | None:
    sentence = ctx.text[start:end]
    lex = _lexicon()
    # A label heading the text, a line or a code comment: "CONFIDENTIAL - …", "Vertraulich: …".
    for m in lex.business_label.finditer(sentence):
        prefix = sentence[: m.start()]
        after = sentence[m.end() : m.end() + 3]
        at_head = _LINE_LABEL.fullmatch(prefix.rsplit("\n", 1)[-1]) is not None
        labelled = (
            after[:1] in (":", "-", "–", "—", ".", "/", ",")
            or after.startswith(" - ")
            or m.group().isupper()
        )
        quoted = re.search(r"['\"‘“]\s*$", prefix)
        if quoted or re.search(r"\b(as|mark|marked|is|means?|called)\s+$", prefix, re.IGNORECASE):
            continue
        if (at_head and labelled) or (m.group().isupper() and len(m.group()) > 6):
            return start + m.start(), start + m.end(), f"marked '{m.group().strip()}'"
        if re.search(
            r"\b(our|this|it's|is|obviously)\b[^.\n]{0,30}$", prefix, re.IGNORECASE
        ) and m.group().lower() in (
            "confidential",
            "internal only",
            "internal use only",
            "strictly confidential",
            "proprietary",
        ):
            return start + m.start(), start + m.end(), f"described as '{m.group().strip()}'"
    if not _personal_subject(ctx, start, end, plural=True) and not re.search(
        r"\b(the board|management|leadership|the company|my company|the team)\b",
        sentence,
        re.IGNORECASE,
    ):
        return None
    if _GENERIC_QUESTION_START.match(sentence) and not lex.first_person_plural.search(sentence):
        return None
    secrecy = lex.business_secrecy.search(sentence)
    if secrecy:
        return (
            start + secrecy.start(),
            start + secrecy.end(),
            f"not public: '{secrecy.group().lower()}'",
        )
    event = lex.business_event.search(sentence)
    if (
        event
        and lex.first_person_plural.search(sentence)
        and _MONEY.search(sentence)
        and _NOT_YET.search(sentence)
    ):
        return (
            start + event.start(),
            start + event.end(),
            f"unannounced business matter: {event.group().lower()}",
        )
    return None


_DETECTORS = (
    ("health", _health, "health information about a person"),
    ("personal_situation", _situation, "personal legal/financial situation"),
    ("confidential_business", _business, "confidential business information"),
)


@functools.cache
def _prefilter() -> TermIndex:
    t = rules().topics
    health = t["health"]
    business = t["confidential_business"]
    return TermIndex(
        {
            # Pregnancy and sobriety phrases contain "pregnant"/"sober"-like strong terms already.
            "health": [health["strong"], health["conditions"], health["medications"], LAB_NAMES],
            "personal_situation": [t["personal_situation"]["terms"]],
            "confidential_business": [business["labels"], business["secrecy"], business["events"]],
        }
    )


def _candidate_sentences(ctx: TextContext) -> dict[str, set[int]]:
    """Sentence indexes (into ctx.sentence_starts) that contain a term of each topic."""
    hits = _prefilter().positions(ctx.words)
    starts = ctx.sentence_starts
    return {
        category: {bisect.bisect_right(starts, o) - 1 for o in hits.get(category, ())}
        for category in ("health", "personal_situation", "confidential_business")
    }


def find_topics(ctx: TextContext, taken: Claims, *, strict: bool = False) -> Iterator[Finding]:
    found: set[str] = set()
    candidates = _candidate_sentences(ctx)
    starts = ctx.sentence_starts
    for category, detector, label in _DETECTORS:
        for index in sorted(candidates[category]):
            start = starts[index]
            end = starts[index + 1] if index + 1 < len(starts) else len(ctx.text)
            if ctx.in_code(start) and ctx.in_code(max(start, end - 1)):
                continue
            hit = detector(ctx, start, end, strict)
            if hit:
                found.add(category)
                yield Finding(category, hit[0], hit[1], f"topic_{category}", f"{label} ({hit[2]})")  # type: ignore[arg-type]
                break
    # Cross-sentence business context: a secrecy cue in one sentence about figures in another.
    if "confidential_business" not in found and candidates["confidential_business"]:
        lex = _lexicon()
        secrecy = lex.business_secrecy.search(ctx.text)
        if (
            secrecy
            and lex.first_person_plural.search(ctx.text)
            and (_MONEY.search(ctx.text) or lex.business_event.search(ctx.text))
        ) and not _GENERIC_QUESTION_START.match(ctx.text):
            yield Finding(
                "confidential_business",
                secrecy.start(),
                secrecy.end(),
                "topic_confidential_business",
                f"confidential business information (not public: '{secrecy.group().lower()}')",
            )
