"""Who a topical sentence is about when it names no "I" or "my": a message the user drafts or
pastes to be edited, or a person named in the sentence.

"Write an email to my PM that Priya is going on maternity leave", "proofread: Confirmed with
client that there is no new launch in Q4", "上司にメールを書いて：田中さんが来月から産休に入ります" —
the text of a message the user is writing is about real people and a real organisation (the
writer, the addressee, a colleague, a client), so a disclosure in it needs no personal pronoun.
A template, an example, a policy or fiction is nobody's.  The request and not-real words live
in resources/privacy/topics.toml ([drafting]); the topic detectors ask these questions.
"""

from __future__ import annotations

import functools
import re

from aideon_desktop.core.privacy.any_case import AnyCase
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.lexicon import literal_alternation, load_data

# A drafting request opens the prompt ("Rewrite politely: …") or closes it ("…; check grammar").
_REQUEST_REACH = 160
_REQUEST_TAIL = 60
_CJK_NAME = r"[\u4e00-\u9fff]{1,3}(?:さん|様|氏|君|ちゃん|先生)[がはのも]|[\uac00-\ud7af]{2,4}\s?(?:씨|님)[가는이의]"
_FIRST_NAME = r"[A-ZÀ-Þ][a-zà-ÿ]+"
_CJK_QUESTION = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af][^\n]*[?？]\s*$")


@functools.cache
def honorific() -> str:
    """A regex body for one title before a name ("Frau", "Ms", "signora"; no dot or space),
    from [subject] honorifics in resources/privacy/topics.toml."""
    subject = load_data("topics.toml")["subject"]
    cased = "|".join(re.escape(w) for w in sorted(subject["honorifics"], key=len, reverse=True))
    words = sorted(subject["honorifics_any_case"], key=len, reverse=True)
    return rf"(?:{cased}|(?i:{'|'.join(map(re.escape, words))}))"


def _words(kind: str) -> list[str]:
    return load_data("topics.toml")["drafting"][kind]


def _either(kind: str) -> str:
    return "|".join(re.escape(w) for w in sorted(_words(kind), key=len, reverse=True))


@functools.cache
def _named_subject() -> re.Pattern[str]:
    """ "Frau Lorenz", "dass Sanne …", "il collega Paolo", "田中さんが", "김민지 씨가"."""
    return re.compile(
        rf"\b{honorific()}\.?\s*[A-Z][a-z]+"
        rf"|\b(?i:{_either('clause_openers')})\s+{_FIRST_NAME}\b(?!\s+(?:[A-Z]|of\b))"
        rf"|\b(?i:{_either('companions')})\s+{_FIRST_NAME}"
        rf"|{_CJK_NAME}"
    )


@functools.cache
def _name_then_verb() -> re.Pattern[str]:
    """A first name alone before a verb: "Priya is going …", "Lucía está …"."""
    return re.compile(rf"(?<![\w'’-])([A-ZÀ-Þ][a-zà-ÿ]{{2,}})\s+(?:{_either('name_verbs')})\b")


@functools.cache
def _hypothetical_person() -> re.Pattern[str]:
    """(Asked only whether it matches: the words as a prefix tree.)"""
    words = literal_alternation(_words("hypothetical_person"))
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


@functools.cache
def _not_names() -> frozenset[str]:
    return frozenset(_words("not_names"))


@functools.cache
def _determiners() -> frozenset[str]:
    return frozenset(_words("determiners"))


@functools.cache
def _hypothetical_any_case() -> AnyCase:
    return AnyCase(_hypothetical_person())


def hypothetical(text: str) -> bool:
    return _hypothetical_any_case().found(text)


def cjk_question(text: str) -> bool:
    """A Chinese, Japanese or Korean sentence asked as a question ("계정 정지 이의 제기는 어떻게
    하나요?"): about a topic unless it names the speaker or someone close."""
    return bool(_CJK_QUESTION.search(text))


def invented_people(ctx: ScanContext) -> bool:
    """Does the text say its people are invented (a role-play, a teaching case, the writer's
    novel: topics.toml ``drafting.made_up``)?  Then it discloses nothing about anyone real,
    except what it says of the writer's own family (the topic rules keep that)."""
    return bool(ctx.hits_of("drafting", "made_up"))


def drafted_message(ctx: ScanContext) -> bool:
    """Does the prompt ask to write, reply to or edit a real message (not a template)?"""
    key = "drafted_message"
    if key not in ctx.memo:
        tail = len(ctx.text) - _REQUEST_TAIL
        requests = [
            h
            for h in ctx.hits_of("drafting", "request")
            if h.start < _REQUEST_REACH or h.start >= tail
        ]
        ctx.memo[key] = bool(requests) and not (
            ctx.hits_of("drafting", "not_real") or ctx.hits_of("context", "fiction")
        )
    return ctx.memo[key]


@functools.cache
def _familiar_chinese_name() -> re.Pattern[str]:
    surnames = load_data("topics.toml")["drafting"]["familiar_surnames"]
    return re.compile(rf"[小老][{surnames}]")


def names_a_person(text: str) -> bool:
    """Does a sentence name the person it is about ("Priya is going on maternity", "Frau
    Lorenz", "田中さんが")?  Not a company, a month or a pronoun in capitals."""
    if _familiar_chinese_name().search(text):
        return True
    for m in _named_subject().finditer(text):
        name = re.search(_FIRST_NAME, m.group())
        if name is None or name.group().lower() not in _not_names():
            return True
    for m in _name_then_verb().finditer(text):
        before = text[: m.start()].rstrip()
        last = before.split()[-1] if before else ""
        if last[:1].isupper() and last.isalpha() and last.lower() not in _not_names():
            continue  # the second word of a full name or a title ("Abraham Lincoln is")
        if last.lower() in _determiners():
            continue  # "the Ministry is", "our Board has": a thing, not a first name
        if m.group(1).lower() not in _not_names():
            return True
    return False


def prepare() -> None:
    """Build the patterns and word sets the drafting questions use now (on first use
    otherwise: a few milliseconds in the first scan that asks)."""
    _named_subject()
    _name_then_verb()
    _hypothetical_any_case()
    _not_names()
    _determiners()
    _familiar_chinese_name()
