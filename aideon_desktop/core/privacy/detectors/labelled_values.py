"""Label-driven detection: a value right after a label that names it is private, whatever its
shape ("password: hunter2", "Steuer-ID 12 345 678 901", "MRN 0042187", "DOB 03/07/1961",
"the code to the door is 4471"), in the 12 languages of resources/privacy/labels.toml."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from aideon_desktop.core.privacy.boundaries import cjk_aware
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors._common import documented_in, sample_value
from aideon_desktop.core.privacy.detectors.addresses import public_address, public_place_before
from aideon_desktop.core.privacy.detectors.national_ids import checksum_refutes
from aideon_desktop.core.privacy.detectors.phones import phone_valid
from aideon_desktop.core.privacy.findings import Category, Finding
from aideon_desktop.core.privacy.lexicon import Hit, canonical, load_data
from aideon_desktop.core.privacy.placeholders import (
    bracketed_words,
    is_code_expression,
    is_dummy,
    is_placeholder,
    is_stand_in,
)
from aideon_desktop.core.privacy.registry import LABELLED, Detector, register


@dataclass(frozen=True)
class LabelKind:
    kind: str
    category: Category
    reason: str
    value: str
    strict: bool
    qualified: bool


@functools.cache
def label_kinds() -> dict[str, LabelKind]:
    data = load_data("labels.toml")["label"]
    return {
        kind: LabelKind(
            kind,
            spec["category"],
            spec["reason"],
            spec["value"],
            spec.get("strict", False),
            spec.get("qualified", False),
        )
        for kind, spec in data.items()
        if spec["value"] != "none"
    }


@functools.cache
def _qualifiers() -> tuple[frozenset[str], tuple[str, ...]]:
    """The qualifier words: single words, and phrases of several."""
    words = {canonical(w) for w in load_data("labels.toml")["qualifier"]["words"]}
    return frozenset(w for w in words if " " not in w), tuple(w for w in words if " " in w)


# "is" as typed without its accent or in the languages chat adds ("e", "eh", "ar", "je", "la", "adalah")
# (not "e" for "è"/"é": it is also "and")
_TYPED_IS = r"eh|ar|je|là|la|adalah|yaitu|itu"
_VERB_WORDS = rf"is|was|est|c'est|c’est|ist|es|è|é|är|jest|to|lautet|wynosi|{_TYPED_IS}"
_NOT_A_QUALIFIER = (  # ("to" is also a preposition)
    rf"is|was|est|c'est|c’est|ist|es|è|é|är|jest|lautet|wynosi|{_TYPED_IS}"
)
_PREPOSITION = (
    r"for|to|of|on|at|in|de|du|des|für|fürs|zum|zur|vom|per|à|a|al|del|della|da|do|dos|voor|van|"
    r"för|till|dla|na|do|の|的|"
    # "from", "for", "of" in ru uk (and transliterated), cs pl, id, vi (round 10)
    r"от|від|для|ot|od|untuk|buat|ke|cua|của|cho"
)
# "the code *to the door* is", "PIN *meiner EC-Karte* ist", "code *de mon cadenas* est": a few
# words between the label and its verb say what the value opens.
_WORDS = r"(?:[^\s.,:;!?=/]+[ \t]+){0,4}?[^\s.,:;!?=/]+"
_QUALIFIER = re.compile(
    # with a preposition ("for the wifi", "to the door") a colon may follow; without one
    # ("PIN meiner EC-Karte ist") only a verb, so "user:password https://…" is no qualifier
    rf"[ \t]+(?:((?:{_PREPOSITION})[ \t]+{_WORDS})"
    rf"(?=[ \t]+(?:{_VERB_WORDS})(?![\w])|[ \t]*[:=](?![\w])|[ \t]+[-–—][ \t])"
    rf"|(?!(?:{_NOT_A_QUALIFIER})(?![\w]))({_WORDS})(?=[ \t]+(?:{_VERB_WORDS})(?![\w])))"
)
_VERB = (
    rf"{_TYPED_IS}|"
    r"is|was|will\s+be|c'est|c’est|est|ist|es|è|é|är|er|jest|to|lautet|wynosi|sera|será|sarà|são|sont|are|"
    r"has|hat|tiene|tem|heeft|har"  # "hat die Nummer …", "has the number …" (no 1-2 letter words)
)
# "is" and "my" after the label where no Western language uses the word for something else
# (el είναι/μου, vi là/của tôi, id adalah/saya, ru это, uk це, he היא/הוא, th คือ)
_OTHER_FILLER = r"είναι|μου|là|của tôi|adalah|saya|это|це|היא|הוא|คือ"
_FILLER = re.compile(
    rf"(?:[\s:：=#＝\-–—>]|(?:number|no|nr|num|n°|nº|nummer|número|numéro|numero|numer|id|code|le|la|el|il|lo|the|der|die|das|het|{_VERB}|{_OTHER_FILLER})(?![\w])|\.(?=[\s:：])|[はが是为為는은이가]|です)*+",
    re.IGNORECASE,
)
# "1106 is my PIN", "use 4471 as my passcode": the value before its label.
_VALUE_BEFORE = re.compile(
    r"(?<![.])(?<![^\W\u2e80-\u9fff\uac00-\ud7af])(\d{4,8})\s+(?:as|is|was)?\s*(?:a|an|my|the|our)?\s*(?:bad|good|weak|safe|strong|secure|ok|new|old)?\s*$",
    re.IGNORECASE,
)
# A number given a few words after its label: "PIN for me? It's 2719".
_SAID_LATER = re.compile(
    cjk_aware(r"(?:it's|it is|is|ist|est|es|è|é|är|to|:)\s+(\d(?:[ \-]?\d){2,7})(?![\w])"),
    re.IGNORECASE,
)
# the letters an ASCII value pattern took from a word that goes on in other letters ("für")
_WORD_FRAGMENT = re.compile(r"[ \-./][A-Za-z]+$")
# "ПИН-код моей карты 4821", "PIN of my card 4821": Russian and Ukrainian say "is" with no
# word at all, so a number of 4-8 digits a few words after a PIN or code label is its value.
_FEW_WORDS_LATER = re.compile(r"(?:[^\W\d_]+[ \t]+){1,3}(\d(?:[ \-]?\d){3,7})(?![\w])")
_YEAR = re.compile(r"(?:19|20)\d\d")
_EXPLICIT = re.compile(r"[:：=#＝]")
_VALUES = {
    # quoted; or groups of digits ("4711 0815 2233 9981", a router's key); or one token
    "secret": re.compile(
        r"([\"'“‘`])([^\"'”’`\n]{3,128})[\"'”’`]|(\d{3,6}(?:[ \-]\d{3,6}){1,7})(?![\w])"
        r"|([^\s\"'“”‘’`,;]{3,128})"
    ),
    "digits": re.compile(cjk_aware(r"(\d(?:[ \-]?\d){2,11})(?![\w])")),
    "code": re.compile(cjk_aware(r"([0-9A-Za-z#*](?:[ \-.]?[0-9A-Za-z#*]){2,11})(?![\w])")),
    "id": re.compile(r"([A-Za-z0-9](?:[A-Za-z0-9]|[ \-./](?=[A-Za-z0-9])){3,30}+)"),
    "account": re.compile(r"([A-Za-z0-9](?:[A-Za-z0-9]|[ \-./](?=[A-Za-z0-9])){5,40}+)"),
    "date": re.compile(
        r"(\d{1,4}[./\-]\d{1,2}[./\-]\d{2,4}|\d{1,2}\.?\s+[A-Za-zéûä]{3,10}\.?\s+\d{4}|"
        r"[A-Za-z]{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?|"
        r"\d{4}\s*년\s*\d{1,2}\s*월\s*\d{1,2}\s*일?)"
    ),
    "address": re.compile(r"([^\n;]{6,100})"),
    # "user / password", "user | password": the password
    "pair": re.compile(r"[^\s/|]{2,64}[ \t]*[/|][ \t]*([^\s\"'“”‘’`,;]{4,128})"),
}
_NOT_A_VALUE = frozenset(
    [
        "the",
        "a",
        "an",
        "my",
        "your",
        "our",
        "his",
        "her",
        "their",
        "this",
        "that",
        "it",
        "its",
        "not",
        "too",
        "very",
        "so",
        "is",
        "was",
        "be",
        "been",
        "set",
        "strong",
        "weak",
        "secure",
        "safe",
        "correct",
        "wrong",
        "incorrect",
        "invalid",
        "expired",
        "required",
        "reset",
        "changed",
        "change",
        "forgot",
        "forgotten",
        "lost",
        "stolen",
        "same",
        "different",
        "new",
        "old",
        "missing",
        "blank",
        "empty",
        "policy",
        "manager",
        "field",
        "hint",
        "length",
        "rules",
        "requirement",
        "requirements",
        "protected",
        "generator",
        "hash",
        "hashing",
        "should",
        "must",
        "can",
        "will",
        "would",
        "could",
        "please",
        "here",
        "there",
        "and",
        "or",
        "for",
        "to",
        "of",
        "in",
        "on",
        "at",
        "with",
        "what",
        "which",
        "how",
        "why",
        "when",
        "where",
        "who",
        "does",
        "do",
        "did",
    ]
)
_CJK_LABEL = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# a digit after up to six letters ("AB123"), or after two to six capitals and a separator
# ("UBUE 210702 168", an RFC as the SAT prints it; not "-p 8080"); or a short capital prefix
_ID_START = re.compile(r"[A-Za-z]{0,6}\d|[A-Z]{2,6}[ \-./]\d|[A-Z]{1,3}(?:[ \-./]|$)")
_CJK_TAIL = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_REPEATED_DIGITS = re.compile(r"(\d)\1{2,}")
_NOT_ADDRESS_OWNER = re.compile(
    r"(?:ip|e-?mail|mac|web|url|memory|return|wallet|bitcoin|server)\s*$"
)


def _credential_looking(value: str) -> bool:
    """A bare word said after "is": needs a digit, a symbol or inner capitals to be a secret."""
    if _DIGIT.search(value) and _LATIN_LETTER.search(value):
        return True
    if _SYMBOL.search(value):
        return True
    if _PLURAL_ACRONYM.fullmatch(value):
        return False  # "IDs", "APIs", "PINs": a word, not a key
    return bool(_INNER_CAPITAL.search(value)) or value.replace(" ", "").replace("-", "").isdigit()


@register
class LabelledValueDetector(Detector):
    name = "labelled_value"
    category = "secret"
    precedence = LABELLED
    patterns = tuple(_VALUES.values())
    labels = tuple(label_kinds())

    def prepare(self) -> None:
        label_kinds()
        _qualifiers()

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[Hit, LabelKind]]:
        kinds = label_kinds()
        for hit in ctx.hits_of("label"):
            spec = kinds.get(hit.kind)
            if spec is not None:
                yield hit, spec

    def validate(self, ctx: ScanContext, candidate: tuple[Hit, LabelKind]) -> Finding | None:
        hit, spec = candidate
        if spec.kind in ("pin", "password"):
            stated = _VALUE_BEFORE.search(ctx.text, max(0, hit.start - 40), hit.start)
            if stated:  # "1106 is my PIN"
                reason = f"{spec.reason} (named by its label)"
                return Finding(spec.category, stated.start(1), stated.end(1), self.name, reason)
        if spec.value != "secret" and not _DIGIT.search(ctx.text, hit.end, hit.end + _DIGIT_REACH):
            return None  # every value shape but a secret holds a digit, and starts nearby
        found = self._value_after(ctx, hit, spec)
        if found is None:
            return None
        start, value, said = found
        if bracketed_words(ctx.text, start):
            return None  # "Passwort: [dein Passwort]", "<your password>": words standing in
        if (
            not value
            or ctx.claimed(start, start + len(value))
            or value.lower() in _NOT_A_VALUE
            or not _VALUE_CHECKS[spec.value](spec, value, said)
        ):
            return None
        if self._refuted(ctx, hit, spec, value):
            return None
        reason = f"{spec.reason} (named by its label)"  # (built only for a finding)
        return Finding(spec.category, start, start + len(value), self.name, reason)

    def _value_after(
        self, ctx: ScanContext, hit: Hit, spec: LabelKind
    ) -> tuple[int, str, Said] | None:
        """The value the label names: after an optional qualifier and filler, or a clause later."""
        pos, explicit, qualifier = self._after_label(ctx, hit)
        if ctx.claimed(pos + 1, pos + 2) and spec.value not in ("digits", "code"):
            return None  # the value is a card, an IBAN or an ID a higher tier has kept
        if not self._introduces_a_value(ctx, hit, spec, pos, explicit, qualifier):
            return None
        m = _VALUES[spec.value].match(ctx.text, pos)
        if m is None and spec.value in ("digits", "code"):
            m = _SAID_LATER.search(ctx.text, hit.end, hit.end + 60) or _few_words_later(ctx, pos)
        if m is None or m.start() - hit.end > 60:
            return None
        group = m.lastindex or 1  # the last group that matched: the value
        raw, end = ctx.text[m.start(group) : m.end(group)], m.end(group)
        if spec.value in ("id", "account") and end < len(ctx.text) and ctx.text[end].isalpha():
            raw = _WORD_FRAGMENT.sub("", raw)  # "… 0071000834729 t|ại": the start of a word
        value = _trim(spec.value, raw)
        label = ctx.lower[hit.start : hit.end]
        return m.start(group), value, Said(explicit, group == 2 and spec.value == "secret", label)

    def _introduces_a_value(
        self, ctx: ScanContext, hit: Hit, spec: LabelKind, pos: int, explicit: str, qualifier: str
    ) -> bool:
        """Does the label stand before a value here (not "password@host", not a bare "code")?"""
        gap = ctx.text[hit.end : pos]
        if not (explicit or _SPACE.search(gap)) and not _CJK_LABEL.match(ctx.text, hit.start):
            return False  # "password@host", '"secret", algorithms=': not a value named by a label
        if spec.strict and not explicit and not qualifier:
            # "pw Hafen!Stadt9": a short label before what can only be a password
            return _STRONG_SECRET.fullmatch(_token_at(ctx.text, pos)) is not None
        return not spec.qualified or self._qualifies(ctx, hit, qualifier)

    @staticmethod
    def _refuted(ctx: ScanContext, hit: Hit, spec: LabelKind, value: str) -> bool:
        """A public address, an ID whose own checksum says it is not one, or sample data
        presented as such (dummy digits, an example street)."""
        refuted = LabelledValueDetector._refuted_as_its_kind(ctx, hit, spec, value)
        if refuted or sample_value(ctx, value, hit.start, hit.end + len(value)):
            return True
        # a password that is one plain word, in a story or an example asked for ("write a story
        # where the hero's password is 'dragon'"): made up (round 10)
        word = spec.category == "secret" and value.isalpha()
        story = ctx.hits_of("context", "story_request") or ctx.hits_of("context", "fiction")
        return word and bool(story)

    @staticmethod
    def _refuted_as_its_kind(ctx: ScanContext, hit: Hit, spec: LabelKind, value: str) -> bool:
        if spec.value == "address":
            return (
                bool(_NOT_ADDRESS_OWNER.search(ctx.before(hit.start, 12)))
                or public_address(value)
                or public_place_before(ctx, hit.start)
            )
        if spec.value in ("id", "account"):
            compact = _SEPARATORS.sub("", value).upper()
            documented = documented_in(
                ctx,
                ("ibans", "cards", "national_ids"),
                compact,
                hit.start,
                hit.end + len(value) + 60,
            )
            if documented:
                return True
            key = ("checksum_refutes", ctx.lower[hit.start : hit.end], value)
            refutes = ctx.memo.get(key)  # a labelled value repeated: checked once a scan
            if refutes is None:
                refutes = ctx.memo[key] = checksum_refutes(key[1], value)
            return refutes
        return False

    @staticmethod
    def _after_label(ctx: ScanContext, hit: Hit) -> tuple[int, str, str]:
        """Position after the filler, whether an explicit ':'/'=' was there, any qualifier."""
        qualifier = ""
        pos = hit.end
        q = _QUALIFIER.match(ctx.text, pos) or _thing_before_colon(ctx, pos)
        if q:
            qualifier, pos = q.group(1) or q.group(q.lastindex or 1), q.end()
        filler = _FILLER.match(ctx.text, pos)
        end = filler.end() if filler else pos
        sep = _EXPLICIT.search(ctx.text, hit.end, end)
        code = "=" in ctx.text[hit.end : end] or ctx.text[hit.end : hit.end + 1] in ('"', "'")
        kind = "" if sep is None else "code" if code else "prose"
        return end, kind, qualifier

    @staticmethod
    def _qualifies(ctx: ScanContext, hit: Hit, qualifier: str) -> bool:
        single, multi = _qualifiers()
        phrase = canonical(qualifier)
        if single.intersection(phrase.split()) or any(w in phrase for w in multi):
            return True
        # or named a few words earlier in the clause ("WLAN heißt …, der Schlüssel ist …")
        clause = canonical(_CLAUSE_START.split(ctx.before(hit.start, 80))[-1])
        return bool(single.intersection(clause.split())) or any(w in clause for w in multi)


@dataclass(frozen=True)
class Said:
    """How a value was given: after ":" in prose, after "=" in code, or bare; quoted or not."""

    explicit: str  # "", "prose" or "code"
    quoted: bool
    label: str = ""  # the label as written, lower case


def _pair_ok(spec: LabelKind, value: str, said: Said) -> bool:
    return not (is_stand_in(value) or is_placeholder(value) or is_code_expression(value))


def _network_key_ok(value: str) -> bool:
    """A network named alone: its value is the key only when it mixes letters and digits."""
    return _credential_looking(value) and any(ch.isdigit() for ch in value)


def _secret_ok(spec: LabelKind, value: str, said: Said) -> bool:
    if spec.kind == "wifi_bare":
        return _network_key_ok(value)
    if is_code_expression(value) and not said.quoted:
        return False
    if spec.kind == "secret_token" and not said.explicit and not said.quoted:
        return _credential_looking(value) and not is_placeholder(value)
    if is_stand_in(value) or (spec.kind == "secret_token" and is_placeholder(value)):
        return False
    if said.explicit == "code" and is_placeholder(value):
        return False
    return bool(said.explicit) or said.quoted or _credential_looking(value)


def _number_ok(spec: LabelKind, value: str, said: Said) -> bool:
    digits = sum(map(str.isdigit, value))
    return digits >= 3 and not is_stand_in(value) and not _REPEATED_DIGITS.fullmatch(value)


def _id_ok(spec: LabelKind, value: str, said: Said) -> bool:
    digits = sum(map(str.isdigit, value))
    if digits < (3 if spec.value == "id" else 6) or len(value) < 5:
        return False
    if not _ID_START.match(value) or _LOWER_WORD.search(value):
        return False
    if spec.value == "id" and _phone_not_id(value, said.label):
        return False  # "my personal number is 07700 912 345": the phone detector's
    return not is_dummy(value, runs=ID_RUNS) and not is_stand_in(value)


def _phone_not_id(value: str, label: str) -> bool:
    """A phone number after a label that names no ID in particular ("personal number"); after
    one that does ("tax number: 044945673") a number that could be dialled is still that ID,
    unless it is written with its international prefix."""
    if value[0] == "+":
        return phone_valid(value)
    if canonical(label) not in _number_owners():
        return False
    # "my number is 555-867-5309", "(212) 555-0198": laid out as a North American phone number
    return (value[0] == "0" and phone_valid(value)) or _NORTH_AMERICAN.fullmatch(value) is not None


@functools.cache
def _number_owners() -> frozenset[str]:
    return frozenset(canonical(w) for w in load_data("labels.toml")["number_owner"]["words"])


_LOWER_WORD = re.compile(r"[a-z]{4,}")
_LOWER_WORD_TOKEN = re.compile(r"[a-z]{3,}")
_NORTH_AMERICAN = re.compile(r"(?:\(\d{3}\)\s?|\d{3}[ .-])?\d{3}[ .-]\d{4}")
ID_RUNS = 0.8  # an ID is made up when runs cover most of it (A12345678), not 6 of 8 (57657323)
_SEPARATORS = re.compile(r"[\s\-./]")
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s")
# A value starts within 60 characters of its label; an address runs up to 100 more.
_DIGIT_REACH = 170
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_SYMBOL = re.compile(r"[!@#$%^&*+=?~]")
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,6}s")
# Where a clause starts, looking back from a label: a sentence stop or a line break.
_CLAUSE_START = re.compile(r"[.!?;]\s|\n")
_THREE_LETTERS = re.compile(r"[A-Za-z\u00c0-\uffff]{3}")
_KEEP_SEPARATORS = re.compile(r"([ \-./])")
_LAST_WORD = re.compile(r"\w+$")
_ABBREVIATION = 4  # letters: "ul", "str", "Cad", "Jl", "vul", "kv", "ap" end in a stop
_SENTENCE_STOP = re.compile(r"(?<=\w)[.!?](?:\s|$)")


def _address_ok(spec: LabelKind, value: str, said: Said) -> bool:
    return bool(_DIGIT.search(value)) and bool(_THREE_LETTERS.search(value))


_VALUE_CHECKS: dict[str, Callable[[LabelKind, str, Said], bool]] = {
    "secret": _secret_ok,
    "digits": _number_ok,
    "code": _number_ok,
    "id": _id_ok,
    "account": _id_ok,
    "address": _address_ok,
    "pair": _pair_ok,
    "date": lambda spec, value, said: True,
}


# A few words naming what a secret opens, then a colon, with no preposition ("pw wifi rumah:",
# "mdp box:"): a qualifier only when it holds one of the things a code or key opens.
_BARE_QUALIFIER = re.compile(r"[ \t]+((?:[^\W\d_]+[ \t]+){0,2}[^\W\d_]+)(?=[ \t]*[:：][ \t])")


def _thing_before_colon(ctx: ScanContext, pos: int) -> re.Match[str] | None:
    m = _BARE_QUALIFIER.match(ctx.text, pos)
    if m is None:
        return None
    single, multi = _qualifiers()
    phrase = canonical(m.group(1))
    return m if single.intersection(phrase.split()) or any(w in phrase for w in multi) else None


# A token that can only be a password: letters and digits with a symbol or both cases, no path,
# address or link ("Hafen!Stadt9", "Tigerlily2"; not "B2", "covid19", "v2.4.1").
_STRONG_SECRET = re.compile(
    r"(?=[^/@:]*$)(?=.*\d)(?=.*[A-Za-z])(?:(?=.*[!#$%^&*+=?~])|(?=.*[a-z])(?=.*[A-Z]))"
    r"[^\s\"'“”‘’`,;]{6,64}"
)
_TOKEN = re.compile(r"[^\s\"'“”‘’`,;]*")


def _token_at(text: str, pos: int) -> str:
    m = _TOKEN.match(text, pos)
    return m.group().rstrip(".!?") if m else ""


def _few_words_later(ctx: ScanContext, pos: int) -> re.Match[str] | None:
    """A 4-8 digit number a few words after a PIN or code label ("ПИН-код моей карты 4821"),
    unless it reads as a year ("changed the PIN in 2024")."""
    m = _FEW_WORDS_LATER.match(ctx.text, pos)
    if m is None or _YEAR.fullmatch(m.group(1)):
        return None
    return m


def _first_sentence(value: str) -> str:
    """An address up to where its sentence ends.  A stop after a short word abbreviates a part
    of the address when the number is still to come ("ул. Лесная, д. 14", "Atatürk Cad. No: 42")
    or follows at once ("кв. 37"); after the number, before words, it ends the address
    ("12 Baker St. Call me")."""
    for stop in _SENTENCE_STOP.finditer(value):
        before = value[: stop.start()]
        word = _LAST_WORD.search(before)
        abbreviated = word is not None and len(word.group()) <= _ABBREVIATION
        number_next = value[stop.end() : stop.end() + 1].isdigit()
        if not (abbreviated and (number_next or not _DIGIT.search(before))):
            return before
    return value


def _up_to_a_word(tokens: list[str]) -> list[str]:
    """An account's tokens (separators between) up to the first lower-case word: "671-264 and
    account 87757995" is the number 671-264, then words."""
    words = [i for i, t in enumerate(tokens) if i and _LOWER_WORD_TOKEN.fullmatch(t)]
    return tokens[: words[0] - 1] if words else tokens


def _trim(shape: str, value: str) -> str:
    """Drop what the value pattern took past the value: trailing words, punctuation."""
    value = value.rstrip(".,;:!?\"'")
    if value.endswith((")", "]", "}", ">")):
        for opener, closer in ("()", "[]", "{}", "<>"):
            while value.endswith(closer) and value.count(opener) < value.count(closer):
                value = value[:-1]
    if shape in ("id", "account"):
        tokens = _KEEP_SEPARATORS.split(value)
        if shape == "account":
            tokens = _up_to_a_word(tokens)
        while len(tokens) > 1 and not _DIGIT.search(tokens[-1]) and len(tokens[-1]) > 1:
            tokens = tokens[:-2]
        value = "".join(tokens).rstrip(" -./")
    if shape in ("secret", "digits", "code") and value[:1].isascii():
        value = _CJK_TAIL.split(value)[0]  # "4829です": a particle, not part of the value
    if shape == "address":
        value = _first_sentence(value).rstrip(" ,")
    return value
