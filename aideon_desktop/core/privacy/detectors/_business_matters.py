"""An organisation's own unpublished matters, by what they are rather than how one corpus words
them: an act that changes who works where (a closure, lay-offs, a dismissal) with its size or
date, a negotiating position with its sum, the organisation's figures said to be internal or
set against its own plan, the pay of a named person, and any of these with the people
concerned not told yet.

Each rule joins two or three independent parts (an act and a head count, an offer and a sum),
so that no single word marks a text; the words live in resources/privacy/topics.toml
([confidential_business]: acts, offers, metrics, internal, plan_words, yet, told,
headcount_nouns).  ConfidentialBusinessDetector asks these questions of a candidate sentence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from aideon_desktop.core.privacy.any_case import AnyCase
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.lexicon import Hit, literal_alternation, load_data
from aideon_desktop.core.privacy.sentences import Sentence, sentence_at

_GROUP = "confidential_business"
_TOLD_REACH = 50  # characters between "not yet" and "told" ("ne sont pas encore informées")
_NEIGHBOURS = 250  # characters around a sentence read for "not told yet"
_HEADING = 80  # the first line of a text, up to this many characters: "Protokoll Geschäftsführung:"
# A sum: a currency sign or word, or a number with a scale ("1,4 millones", "30億円", "14 mln zł").
_SUM = re.compile(
    r"[$€£¥₩]\s?\d|\d[\d.,\s]*+\s?(?:€|\$|£|¥|₩|kr\b|kronor|zł|eur\b|euros?\b|usd\b|dollars?\b|"
    r"reais\b|r\$|円|元|원|万|萬|億|亿|억|k\b|m\b|bn\b|mio\b|mrd\b|mln\b|mld\b|million|milliard|"
    r"millones|milioni|miliardi|milhões|milhão|mil\b|miljoen|miljard|miljoner|miljarder|milionów|"
    r"tysięcy|tusen|"
    # the scales and currencies of tr ru uk vi ar he hi id ro hu el fi da no th cs (round 8)
    r"milyon|milyar|bin\b|млн|млрд|тыс|тис|руб|грн|triệu|tỷ|đồng|vnd\b|مليون|مليار|ألف|ريال|درهم|"
    r"מיליון|אלף|ש״ח|₪|करोड़|लाख|₹|juta|miliar|milioane|milion|millió|milliárd|ezer|\bft\b|"
    r"εκ\.|εκατ|χιλ|miljoonaa|milj\.|millioner|ล้าน|บาท|tisíc|kč\b|lei\b|tl\b)"
    r"|(?:rp|₹|₽|₴|฿)\s?\d",
    re.IGNORECASE,
)


_PERCENT = re.compile(r"\d\s?(?:%|٪|percent|procent|prozent|pour cent|por ciento|per cento)")
_SCALE = re.compile(
    r"[kmb]\b|bn|mio|mrd|mln|mld|mil|万|萬|億|亿|억|tysi|tusen|"
    r"milyon|milyar|bin\b|млн|млрд|тыс|тис|triệu|tỷ|مليون|مليار|ألف|מיליון|אלף|करोड़|लाख|juta|miliar|"
    r"millió|milliárd|ezer|εκ\.|εκατ|χιλ|milj|ล้าน|tisíc",
    re.IGNORECASE,
)


_SUM_DIGITS = re.compile(r"[$€£¥₩]?\s?([\d.,\s]*\d)")
_DIGIT_GROUPING = re.compile(r"[.,\s]")


def big_sum(text: str) -> bool:
    """A sum of an organisation's size: four digits or more, or a scale ("$4.1M", "1,4
    millones", "30億円"); not "$20 gift cards" or "$0"."""
    for m in _SUM.finditer(text):
        digits = _SUM_DIGITS.match(text, m.start())
        number = _DIGIT_GROUPING.sub("", digits.group(1)) if digits else ""
        tail = text[max(0, m.end() - 8) : m.end() + 1]  # not a negative start near the top
        if len(number.lstrip("0")) >= 4 or _SCALE.search(tail) or "illi" in tail.lower():
            return True
    return False


@functools.cache
def _headcount() -> re.Pattern[str]:
    body = literal_alternation(load_data("topics.toml")[_GROUP]["headcount_nouns"])
    return re.compile(
        rf"\d[\d.,\s]*\s?(?:[^\W\d_]+\s)?(?:{body})(?:(?<=[^\x00-\u2e7f])|(?![^\W\d_]))",
        re.IGNORECASE,
    )


# "I don't know yet", "do you know yet": the speaker's or the reader's not knowing, not a matter
# kept from the people it concerns.
_ASKER = re.compile(r"\b(?:i|i'm|you|do|does|did)\b[^.?!\n]{0,12}$", re.IGNORECASE)


def the_asker(s: Sentence, hit: Hit) -> bool:
    """Is a "know"/"told" word the speaker's or the reader's ("I don't know yet", "do you
    know")?"""
    return bool(_ASKER.search(s.before(hit, 20)))


def not_told_yet(s: Sentence) -> bool:
    """ "the staff don't know yet", "erfährt es erst nächste Woche", "まだ社員には伝えていません";
    not "I don't know yet" or a question."""
    if s.text.rstrip().endswith(("?", "？")):
        return False
    told = [t for t in s.of(_GROUP, "told") if not the_asker(s, t)]
    yet = s.of(_GROUP, "yet")
    return any(abs(x.start - y.start) <= _TOLD_REACH for x in yet for y in told)


def told_nearby(s: Sentence) -> bool:
    """Not told yet, in this sentence or one beside it."""
    if not_told_yet(s):
        return True
    ctx = s.ctx
    for start, end in (
        ctx.sentence_bounds(max(0, s.start - 2)),
        ctx.sentence_bounds(min(len(ctx.text) - 1, s.end)),
    ):
        beside = (start, end) != (s.start, s.end) and abs(start - s.start) <= _NEIGHBOURS
        if beside and _not_told_yet_at(ctx, start, end):
            return True
    return False


def _not_told_yet_at(ctx: ScanContext, start: int, end: int) -> bool:
    """not_told_yet of the sentence at [start, end), kept per scan (neighbours are asked again)."""
    key = ("not_told_yet", start, end)
    if key not in ctx.memo:
        ctx.memo[key] = not_told_yet(sentence_at(ctx, start, end))
    return ctx.memo[key]


@functools.cache
def _organisation() -> re.Pattern[str]:
    """Words for the organisation, as prefix trees (asked only whether one occurs), in lower
    case ("ΔΣ" as "δσ": the same letters to a pattern that ignores case) so that ``AnyCase``
    can search ASCII text lower-cased, without the costlier case-blind comparisons."""
    words = [_lower(w) for w in load_data("topics.toml")[_GROUP]["organisation"]]
    latin = literal_alternation(w for w in words if ord(w[0]) < 0x2E80)
    cjk = literal_alternation(w for w in words if ord(w[0]) >= 0x2E80)
    return re.compile(rf"(?<![\w'])(?:{latin})(?![\w])|{cjk}", re.IGNORECASE)


def _lower(word: str) -> str:
    """The word in lower case where that keeps its length (not "İ" → "i̇")."""
    lower = word.lower()
    return lower if len(lower) == len(word) else word


@functools.cache
def _organisation_any_case() -> AnyCase:
    return AnyCase(_organisation())


def own_voice(s: Sentence) -> bool:
    """The organisation speaking or deciding: "we/our", the user drafting a work message, "the
    board", "zarząd", "役員会", "公司决定" (topics.toml [confidential_business] organisation).
    Kept per sentence and scan (the business rules ask it of a sentence up to six times)."""
    key = ("own_voice", s.start, s.end)
    known = s.ctx.memo.get(key)
    if known is None:
        known = s.ctx.memo[key] = _own_voice(s)
    return known


def _own_voice(s: Sentence) -> bool:
    organisation = _organisation_any_case()
    if s.plural or s.in_draft or organisation.found(s.text):
        return True
    return _heading_names_the_organisation(s.ctx)


def _heading_names_the_organisation(ctx: ScanContext) -> bool:
    """Does the text's first line (up to ``_HEADING`` characters) name the organisation
    ("Protokoll Geschäftsführung:")?  The same for every sentence: asked once a scan."""
    key = "heading_names_the_organisation"
    known = ctx.memo.get(key)
    if known is None:
        line_end = ctx.text.find("\n", 0, _HEADING)
        heading = ctx.text[: line_end if line_end != -1 else _HEADING]
        known = ctx.memo[key] = _organisation_any_case().found(heading)
    return known


_MATTERS = frozenset(
    {"events", "acts", "closures", "offers", "offer_limits", "metrics", "incidents"}
)
_STRONG_MATTERS = frozenset({"acts", "closures", "offers", "incidents"})


def has_matter(s: Sentence) -> bool:
    """Does the sentence speak of a business matter at all (what every rule here needs)?"""
    return any(h.group == _GROUP and h.kind in _MATTERS for h in s.hits)


def unannounced_act(s: Sentence, named: Callable[[], bool]) -> Hit | None:
    """Lay-offs or a dismissal in the organisation's voice with a head count, a sum or the
    person's name; a site to close with the head count it affects; either with the people
    concerned not told yet ("we're shutting the Leeds warehouse, 140 people affected")."""
    acts, closures = _said(s, "acts"), _said(s, "closures")
    if not (acts or closures):
        return None
    if own_voice(s) and (_sized(s, acts, closures, named) or _decided_inside(s)):
        return (acts or closures)[0]
    return (acts or closures)[0] if told_nearby(s) else None


def _decided_inside(s: Sentence) -> bool:
    """The board or management named as having decided it ("Direktionen har besluttet at lukke",
    "το ΔΣ αποφάσισε περικοπή"): an act decided inside, not yet out (round 9)."""
    return bool(s.of(_GROUP, "decided")) and _organisation().search(s.text) is not None


def _said(s: Sentence, kind: str) -> list[Hit]:
    """The sentence's words of one kind, not negated ("we won't close …")."""
    return [h for h in s.of(_GROUP, kind) if not s.negated_near(h)]


def _sized(s: Sentence, acts: list[Hit], closures: list[Hit], named: Callable[[], bool]) -> bool:
    """An act with its head count, sum or person; a closure with the head count it affects."""
    counted = _headcount().search(s.text) is not None
    if acts and (counted or big_sum(s.text) or named()):
        return True
    return bool(closures) and counted and bool(s.of(_GROUP, "affected"))


def negotiating_position(s: Sentence) -> Hit | None:
    """What we offer, bid or will go up to, with a sum: "Notre offre … est de 18 millions"."""
    if not big_sum(s.text):
        return None
    offers = s.of(_GROUP, "offers")
    if offers:
        return offers[0]
    limits = s.of(_GROUP, "offer_limits")
    if limits and (s.first_person or own_voice(s)):
        return limits[0]
    return None


def kept_quiet(s: Sentence) -> Hit | None:
    """A business matter (a deal, a launch, lay-offs, figures) that the people concerned have
    not been told about: "Negocjujemy przejęcie …; nikt spoza zarządu nie może się dowiedzieć"."""
    matter = [h for h in s.hits if h.group == _GROUP and h.kind in _MATTERS]
    if not matter or not (own_voice(s) or s.ctx.hits_of("drafting", "request")):
        return None
    if not_told_yet(s):
        return matter[0]
    # a sentence beside it is read only for a matter that is the organisation's own act
    strong = any(h.kind in _STRONG_MATTERS for h in matter)
    return matter[0] if strong and told_nearby(s) else None


def internal_figures(s: Sentence) -> Hit | None:
    """The organisation's figures with a sum, said to be internal or set against its own plan
    ("Las ventas internas … 1,4 millones, un 30% por debajo del presupuesto")."""
    metrics = s.of(_GROUP, "metrics")
    if not metrics:
        return None
    if s.of(_GROUP, "internal") and (big_sum(s.text) or _PERCENT.search(s.text)):
        return metrics[0]  # "los números del Q3 son internos, bajamos un 12%" (round 10)
    # "Our gross margin was 31%, under the 40% we promised": a rate against the plan counts too
    planned = own_voice(s) and s.of(_GROUP, "plan_words")
    return metrics[0] if planned and (big_sum(s.text) or _PERCENT.search(s.text)) else None


# "Ana 72k", "Jonas: 68.000 €": a first name right before a sum.
_NAME_AND_SUM = re.compile(
    r"\b[A-ZÀ-Þ][a-zà-ÿ]+\s?[:=–-]?\s?[$€£]?\s?\d{2,3}(?:[.,\s]\d{3})*\s?(?:k\b|€|\$|£)?"
)
_THOUSANDS = re.compile(
    r"\d{2,3}\s?k\b|\d{1,3}[.,\s]\d{3}\b|[$€£]\s?\d{2,3}\b|"
    # "65 bin", "180 тыс", "60 אלף"; and the everyday scale of pay where a month's pay is counted
    # in millions or lakhs ("Rp 14 juta", "25 triệu", "12 lakh") (round 8)
    r"\d{2,3}\s?(?:bin|тыс\w*|тис\w*|ezer|tuhat|tisíc|nghìn|ngàn|ألف|אלף|हज़ार|हजार|ribu|mii)\b|"
    r"\d{1,3}(?:[.,]\d)?\s?(?:juta|triệu|lakh|लाख)\b|"
    # pay counted in ten thousands in Korean, Japanese, Chinese ("7,200만원", "年収600万円") (round 9)
    r"\d[\d,.]{0,5}\s?(?:만|万|萬)\s?(?:원|円|元)?",
    re.IGNORECASE,
)
_MILLIONS = re.compile(
    r"\d\s?(?:m|mn|bn|million|billion|millones|millions|milioni|mio)\b", re.IGNORECASE
)


def pay_of_a_person(s: Sentence, a_person: Callable[[], bool]) -> bool:
    """The pay of someone on the staff: a sum in thousands beside someone named or spoken of
    (``a_person``), or a list of names and sums ("Ana 72k, Jonas 68k"); not millions (a
    celebrity's pay is news).  The pay word is the caller's ([confidential_business] pay)."""
    if not _THOUSANDS.search(s.text) or _MILLIONS.search(s.text):
        return False
    return len(_NAME_AND_SUM.findall(s.text)) >= 2 or a_person()


def prepare() -> None:
    """Build the patterns built on first use otherwise."""
    _headcount()
    _organisation()
    _organisation_any_case()
