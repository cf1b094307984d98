"""Street addresses: a house number and a street type (several languages), or a line named by
an address label; and the rest of the address record (city, region, post code) after it."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors._common import sample_value
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import literal_alternation, load_data, sentence_lexicon
from aideon_desktop.core.privacy.registry import (
    LABELLED,
    STRUCTURED,
    Detector,
    RecordDetector,
    register,
)

_STREET_TYPES = (
    r"street|st|road|rd|avenue|ave|av|lane|ln|drive|dr|close|court|ct|place|pl|way|crescent|cres|"
    r"terrace|grove|gardens|gdns|mews|square|sq|boulevard|blvd|parkway|pkwy|highway|hwy|row|walk|"
    r"hill|view|rise|green|park|circle|cir|trail|trl|path|alley|wynd|vale|end|gate|yard|quay"
)
_ADDRESS_EN = re.compile(
    r"(?<![\w])(\d{1,5}[A-Za-z]?),?\s+(?:[A-Z][\w'’.-]{1,30}\s+){1,4}"
    + literal_alternation(_STREET_TYPES.split("|"))
    + r"\b\.?",
    re.IGNORECASE,
)
_ADDRESS_NUMBER_FIRST = re.compile(
    r"(?<![\w])\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|chemin|allée|impasse|quai|cours|"
    r"via|viale|piazza|corso|largo)\s+[^\n,]{2,50}",
    re.IGNORECASE,
)
_ADDRESS_NUMBER_LAST = re.compile(
    r"(?<![\w])(?:calle|c/|avenida|avda\.?|paseo|plaza|carrer|rua|travessa|via|viale|piazza|corso|ulica|ul\.|"
    r"aleja|al\.|plac)\s+[^\n,\d]{2,50}?\s*,?\s+\d{1,4}[a-z]?\b",
    re.IGNORECASE,
)
_ADDRESS_GERMANIC = re.compile(
    r"(?<![\w])[A-ZÄÖÜÅ][a-zäöüßåé.-]{2,40}(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|"
    r"steig|pfad|straat|laan|gracht|plein|kade|singel|dijk|gatan|vägen|gränd|torget)\s+\d{1,4}[a-z]?\b|"
    r"(?<![\w])[A-ZÄÖÜ][a-zäöüß-]{2,30}\s(?:Weg|Straße|Strasse|Platz|Allee|Gasse|Ring|Damm)\s+\d{1,4}[a-z]?\b"
)
# The same street typed in lower case, as chat does ("lindenstr 14, 50674 koeln"): only with the
# post code and town right after it, where "umweg 5" or "boxring 3" never stand.
_ADDRESS_GERMANIC_LOWER = re.compile(
    r"(?<![\w])[a-zäöüå][a-zäöüßåé-]{2,40}(?:straße|strasse|str\.?|weg|gasse|platz|allee|straat|"
    r"laan|gatan|vägen)\s+\d{1,4}[a-z]?\b(?=,?\s+\d{4,5}\s+[a-zäöüß]{3,})"
)
# The street-name-first patterns, and how far past the house number each may read (the lower-case
# one reads on to the post code and town).
_NAME_FIRST_PATTERNS = (
    (_ADDRESS_NUMBER_LAST, 6),
    (_ADDRESS_GERMANIC, 6),
    (_ADDRESS_GERMANIC_LOWER, 40),
)
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz -./"
# Cheap tests before the street-name-first patterns run: a street word a few words before the
# house number ("Calle Mayor 12", "via Roma 5"), or a word ending like a street ("Hauptstraße 5").
_NAME_FIRST_WORDS = (
    "calle",
    "c/",
    "avenida",
    "avda",
    "paseo",
    "plaza",
    "carrer",
    "rua",
    "travessa",
    "via",
    "viale",
    "piazza",
    "corso",
    "ulica",
    "ul.",
    "aleja",
    "al.",
    "plac",
)
_NAME_FIRST = re.compile(literal_alternation(_NAME_FIRST_WORDS))
_GERMANIC_ENDINGS = (
    "straße",
    "strasse",
    "str.",
    "str",
    "weg",
    "gasse",
    "platz",
    "allee",
    "ring",
    "damm",
    "ufer",
    "steig",
    "pfad",
    "straat",
    "laan",
    "gracht",
    "plein",
    "kade",
    "singel",
    "dijk",
    "gatan",
    "vägen",
    "gränd",
    "torget",
)


def _street_name_before(ctx: ScanContext, at: int) -> bool:
    """Could a street name end right before the house number at ``at``?"""
    before = ctx.lower[max(0, at - 64) : at]
    word = before.rstrip(" ,\t")
    word = word[word.rfind(" ") + 1 :]
    return word.endswith(_GERMANIC_ENDINGS) or bool(_NAME_FIRST.search(before))


_PATTERNS = (
    _ADDRESS_EN,
    _ADDRESS_NUMBER_FIRST,
    _ADDRESS_NUMBER_LAST,
    _ADDRESS_GERMANIC,
    _ADDRESS_GERMANIC_LOWER,
)
_POSTCODE = re.compile(
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b|\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b|\b\d{4,5}\s+[A-ZÄÖÜÉ][\wäöüéèà-]+|"
    r"\b\d{2}-\d{3}\s+[A-ZŁŚŻ]|\b\d{3}\s?\d{2}\s+[A-ZÅÄÖ]|\b\d{3}-\d{4}\b|\b\d{4}\s?[A-Z]{2}\b"
)
# "The Eiffel Tower is at …", "the museum, located at …": a public place's address.
_PUBLIC_PLACE = re.compile(
    r"\b(?:is|are) (?:located )?(?:at|on)\b|\blocated at\b|headquarter|\bhq\b|museum|tower|embassy|"
    r"town hall|city hall|station|airport|stadium|cathedral|palace|university|library|theat(?:re|er)"
)
_PERSONAL = re.compile(
    r"\b(i|i'm|i've|my|me|we|our|her|his|their|live|lives|living|lived|moved|home|house|flat|apartment|"
    r"ship|deliver|pick up|pickup|collect|address|envelope|card|label|send|sent|mail|post|visit|"
    r"mum|mom|dad|mother|father|grandfather|grandmother|neighbour|neighbor|sister|brother|"
    r"mi|mon|ma|mein|meine|mio|mia|habite|vivo|wohne|abito|woon|mieszkam|bor|moro)\b"
)


# A flat or unit number after the street: a home ("Rua Oscar Freire 1120, apto 84",
# "Sveavägen 64, lgh 1102", "12 Elm Road, Flat 3", "Calle Mayor 5, 2º izq").
_UNIT = re.compile(
    r"[ \t]*,?[ \t]*(?:apt|apto|apartment|apartamento|flat|unit|suite|lgh|lägenhet|piso|planta|"
    r"étage|etage|app|appt|appartement|wohnung|whg|interno|int|scala|mieszkanie|m\.|lok|"
    r"\d{1,2}\s?[ºª°]|\d{1,2}(?:st|nd|rd|th) floor)\b\.?",
)
_SUBJECTS = frozenset({"first_person", "first_person_plural", "relations", "implied_first_person"})


def _someones(ctx: ScanContext, start: int, end: int) -> bool:
    """Does the text around an address say whose it is: the user, "we", or a relation (in any
    of the 12 languages of topics.toml)?"""
    return any(
        hit.group == "subject" and hit.kind in _SUBJECTS
        for hit in sentence_lexicon().scan(ctx.lower, start, end)
    )


@functools.cache
def _public() -> tuple[str, ...]:
    return tuple(load_data("known_values.toml")["public_addresses"])


def public_place_before(ctx: ScanContext, start: int) -> bool:
    """Is the address at ``start`` said to be a public place's ("the Eiffel Tower's address is",
    "the museum is located at")?"""
    return bool(_PUBLIC_PLACE.search(ctx.lower, max(0, start - 120), start))


def public_address(value: str) -> bool:
    """A famous public address (10 Downing Street, 1600 Pennsylvania Avenue…)."""
    value = re.sub(r"\s+", " ", value.lower())
    return any(p in value for p in _public())


@register
class StreetAddressDetector(Detector):
    name = "street_address"
    category = "contact"
    precedence = STRUCTURED
    patterns = _PATTERNS
    labels = ("address",)

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[re.Pattern[str], re.Match[str]]]:
        """Every pattern holds a short house number: it is tried only around the short
        number candidates of the shared scan (house number first, or street name before it)."""
        text = ctx.text
        for c in ctx.candidate_groups["short"]:
            at = c.end - len(c.raw.lstrip(_LETTERS))
            for regex in (_ADDRESS_EN, _ADDRESS_NUMBER_FIRST):
                m = regex.match(text, at)
                if m:
                    yield regex, m
            if at >= 3 and text[at - 1] in " ,\t" and _street_name_before(ctx, at):
                for regex, reach in _NAME_FIRST_PATTERNS:
                    m = regex.search(text, max(0, at - 64), at + reach)
                    if m and m.end() > at:
                        yield regex, m

    def validate(
        self, ctx: ScanContext, candidate: tuple[re.Pattern[str], re.Match[str]]
    ) -> Finding | None:
        regex, m = candidate
        start, end = m.span()
        if ctx.claimed(start, end):
            return None  # a higher tier kept a finding here: this one would lose to it
        if not any(c.isalpha() for c in m.group()) or ctx.in_code(start):
            return None
        if regex is _ADDRESS_EN and not re.search(r"[A-Z]", m.group()[len(m.group(1)) :]):
            return None  # "3 nights" or "2 lanes" in lower case is no address
        if public_address(m.group()) or sample_value(ctx, m.group(), start, end):
            return None
        sentence_start, sentence_end = ctx.sentence_bounds(start)
        has_postcode = bool(_POSTCODE.search(ctx.text, end, end + 60))
        public = _PUBLIC_PLACE.search(ctx.lower, max(0, start - 120), start)
        if (has_postcode or _UNIT.match(ctx.lower, end)) and not public:
            return self.finding(start, end, "street address")
        if _PERSONAL.search(ctx.lower, max(0, start - 120), sentence_end) or _someones(
            ctx, min(sentence_start, max(0, start - 120)), sentence_end
        ):
            return self.finding(start, end, "street address")
        return None


# ", Springfield, IL 62704", ", 75011 Paris", ", London SW1A 1AA", "\n10115 Berlin"
_TAIL = re.compile(
    r"(?:[ \t]*[,\n][ \t]*(?:(?:apto|apt|apartamento|apartment|appartement|appt|app|flat|suite|unit|fl|floor|piso|planta|étage|etage|wohnung|whg|lgh|lägenhet|interno|int|scala|mieszkanie|m)\.?\s*[\w-]{1,6}\b|"
    r"[A-ZÄÖÜÉ][\w'’.-]+(?:[ \t]+[A-ZÄÖÜÉ][\w'’.-]+){0,3}|[A-Z]{2}|\d{4,5}(?:-\d{3,4})?(?:[ \t]+[A-ZÄÖÜÉ][\w'’.-]+){0,2}|"
    r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|\d{2}-\d{3}|\d{3}\s?\d{2}|\d{3}-\d{4}|\d{4}\s?[A-Z]{2})"
    r"(?:[ \t]+(?:[A-Z]{2}[ \t]+)?\d{4,5}(?:-\d{4})?)?){1,5}"
)


@register
class AddressRecordDetector(RecordDetector):
    """The city, region and post code after a street address belong to the same record."""

    name = "address_record"
    category = "contact"
    precedence = LABELLED
    patterns = (_TAIL,)

    def complete(self, ctx: ScanContext, accepted: Sequence[Finding]) -> Iterator[Finding]:
        for found in accepted:
            if (
                found.detector not in ("street_address", "labelled_value")
                or found.category != "contact"
            ):
                continue
            m = _TAIL.match(ctx.text, found.end)
            if m and m.end() > found.end:
                end = found.end + len(m.group().rstrip(" ,\t\n"))
                reason = f"{found.reason} with its city and post code"
                yield Finding("contact", found.start, end, found.detector, reason)
