"""Contact details: personal email addresses, phone numbers, home addresses, home IPs."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

import phonenumbers

from aideon_desktop.core.privacy.context import Claims, TextContext
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.rules import rules

_EMAIL = re.compile(
    r"(?<![\w.+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})@((?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z][A-Za-z0-9-]{1,62})(?![\w-])"
)


def _find_emails(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    known = rules().known
    domains = set(known["placeholder_email_domains"])
    users = set(known["placeholder_email_users"])
    for m in _EMAIL.finditer(ctx.text):
        user, domain = m.group(1).lower(), m.group(2).lower()
        if domain in domains or any(domain.endswith("." + d) for d in domains if "." in d):
            continue
        if user in users and (
            ctx.test_framed(m.start(), m.end()) or user.startswith(("noreply", "no-reply"))
        ):
            continue
        if user.startswith(("noreply", "no-reply", "donotreply")):
            continue
        if taken.claim(m.start(), m.end()):
            yield Finding("contact", m.start(), m.end(), "email", "email address")


_PHONE_CANDIDATE = re.compile(
    r"(?<![\w+])(?:\+|00)?\(?\d{1,4}\)?(?:[ .\-]?\(?\d{1,5}\)?){2,6}(?![\w])|(?<![\w+])\+\d{7,14}(?![\w])|(?<![\w])\d{10,11}(?![\w])"
)
_PHONE_CONTEXT = re.compile(
    r"phone|mobile|cell|tel\b|tel[.:]|call|text me|text\b|whatsapp|signal|landline|number|reach me|"
    r"contact|fax|móvil|movil|teléfono|telefono|téléphone|portable|numéro|handy|telefon|nummer|cellulare|"
    r"celular|ring|sms|reach|phone me|call me"
)
_REGIONS = (
    "US",
    "GB",
    "DE",
    "FR",
    "ES",
    "IT",
    "NL",
    "IE",
    "AU",
    "CA",
    "IN",
    "BR",
    "JP",
    "CN",
    "IL",
    "MX",
    "CH",
    "AT",
    "BE",
    "PT",
    "SE",
)
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$|^\d{4}$")


def _phone_valid(raw: str) -> bool:
    digits = re.sub(r"\D", "", raw)
    if not 7 <= len(digits) <= 15 or _DATE_LIKE.match(raw.strip()):
        return False
    if raw.startswith(("+", "00")):
        try:
            num = phonenumbers.parse("+" + raw.lstrip("+0") if raw.startswith("00") else raw, None)
        except phonenumbers.NumberParseException:
            return False
        return phonenumbers.is_possible_number(num) and len(str(num.national_number)) >= 6
    for region in _REGIONS:
        try:
            num = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(num):
            return True
    # Fictional or unassigned area codes still read as a phone number to a person: accept the
    # North American (xxx) xxx-xxxx and xxx-xxx-xxxx shapes and UK 0xxxx xxxxxx mobiles.
    return bool(
        re.fullmatch(r"\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}", raw.strip())
        or re.fullmatch(r"0\d{3,4}[ ]?\d{6,7}", raw.strip())
    )


def _find_phones(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    for m in _PHONE_CANDIDATE.finditer(ctx.text):
        raw = m.group().strip(" .-")
        start = m.start() + (len(m.group()) - len(m.group().lstrip(" .-")))
        end = start + len(raw)
        if taken.overlaps(start, end):
            continue
        strong_shape = raw.startswith("+") or bool(
            re.fullmatch(r"\(\d{2,5}\)[ ]?\d{3,4}[ .-]?\d{3,4}", raw)
        )
        context = ctx.before(start, 40)
        groups = re.split(r"[ .\-()]+", raw.strip("()"))
        if "." in raw and any(len(g) > 4 for g in groups):
            continue  # decimals and coordinates
        if sum(1 for g in groups if len(g) <= 2) >= 4:
            continue  # lottery numbers, dates and version lists
        nanp = bool(re.fullmatch(r"\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}", raw))
        if not (strong_shape or nanp) and not _PHONE_CONTEXT.search(ctx.before(start, 90)):
            continue
        if re.search(
            r"(order|tracking|invoice|isbn|ref|reference|serial|lot|barcode|account|iban|card)\b[^\n]{0,15}$",
            context,
        ):
            continue
        digits = re.sub(r"\D", "", raw)
        # The 555-01xx range is reserved for fiction; in code or test framing it is a placeholder.
        if re.search(r"555[ .-]?01\d\d$", raw) and ctx.test_framed(start, end):
            continue
        if len(digits) < 10 and not raw.startswith("+") and not re.search(r"[ .-]", raw):
            continue
        if _phone_valid(raw) and taken.claim(start, end):
            yield Finding("contact", start, end, "phone", "phone number")


_IPV4 = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?(?![\w]|\.\d)")
_VERSION_BEFORE = re.compile(r"(version|v|ver|release|build|chrome|firefox|ios|android)\s*$")


def _find_ips(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    public = set(rules().known["public_ips"])
    for m in _IPV4.finditer(ctx.text):
        raw = m.group(1)
        if any(len(part) > 1 and part.startswith("0") for part in raw.split(".")):
            continue
        try:
            address = ipaddress.IPv4Address(raw)
        except ValueError:
            continue
        if (
            not address.is_global
            or raw in public
            or _VERSION_BEFORE.search(ctx.before(m.start(), 12))
        ):
            continue
        if taken.claim(m.start(1), m.end(1)):
            yield Finding("contact", m.start(1), m.end(1), "ip_address", "public IP address")


# Street addresses: a house number and a street type, in several languages.
_STREET_TYPES = (
    r"street|st|road|rd|avenue|ave|av|lane|ln|drive|dr|close|court|ct|place|pl|way|crescent|cres|"
    r"terrace|grove|gardens|gdns|mews|square|sq|boulevard|blvd|parkway|pkwy|highway|hwy|row|walk|"
    r"hill|view|rise|green|park|circle|cir|trail|trl|path|alley|wynd|vale|end|gate|yard|quay"
)
_ADDRESS_EN = re.compile(
    r"(?<![\w])(\d{1,5}[A-Za-z]?),?\s+(?:[A-Z][\w'’.-]{1,30}\s+){1,4}(?:"
    + _STREET_TYPES
    + r")\b\.?",
    re.IGNORECASE,
)
_ADDRESS_NUMBER_FIRST = re.compile(
    r"(?<![\w])\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|chemin|allée|impasse|quai|cours|"
    r"via|viale|piazza|corso|largo)\s+[^\n,]{2,50}",
    re.IGNORECASE,
)
_ADDRESS_NUMBER_LAST = re.compile(
    r"(?<![\w])(?:calle|c/|avenida|avda\.?|paseo|plaza|carrer|rua|travessa|via|viale|piazza|corso)\s+"
    r"[^\n,\d]{2,50}?\s*,?\s+\d{1,4}[a-z]?\b",
    re.IGNORECASE,
)
_ADDRESS_GERMAN = re.compile(
    r"(?<![\w])[A-ZÄÖÜ][a-zäöüß.-]{2,40}(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|steig|pfad)"
    r"\s+\d{1,4}[a-z]?\b|(?<![\w])[A-ZÄÖÜ][a-zäöüß-]{2,30}\s(?:Weg|Straße|Strasse|Platz|Allee|Gasse|Ring|Damm)"
    r"\s+\d{1,4}[a-z]?\b"
)
_ADDRESS_PATTERNS = (_ADDRESS_EN, _ADDRESS_NUMBER_FIRST, _ADDRESS_NUMBER_LAST, _ADDRESS_GERMAN)
_POSTCODE = re.compile(
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b|\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b|\b\d{5}\s+[A-ZÄÖÜÉ][\wäöüéèà-]+"
)
_ADDRESS_CONTEXT = re.compile(
    r"\b(i|i'm|i've|my|me|we|our|her|his|their|live|lives|living|lived|moved|home|house|flat|apartment|"
    r"ship|deliver|pick up|pickup|collect|address|envelope|card|label|send|sent|mail|post|visit|"
    r"mum|mom|dad|mother|father|grandfather|grandmother|neighbour|neighbor|sister|brother|"
    r"mi|mon|ma|mein|meine|mio|mia|habite|vivo|wohne|abito)\b"
)


def _find_addresses(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    public = rules().known["public_addresses"]
    for regex in _ADDRESS_PATTERNS:
        for m in regex.finditer(ctx.text):
            start, end = m.span()
            if not any(c.isalpha() for c in m.group()) or ctx.in_code(start):
                continue
            if regex is _ADDRESS_EN and not re.search(r"[A-Z]", m.group()[len(m.group(1)) :]):
                continue  # "3 nights" or "2 lanes" in lower case is no address
            value = re.sub(r"\s+", " ", m.group().lower())
            if any(p in value for p in public):
                continue
            _sentence_start, sentence_end = ctx.sentence_bounds(start)
            tail = ctx.text[end : end + 60]
            has_postcode = bool(_POSTCODE.search(tail))
            personal = bool(_ADDRESS_CONTEXT.search(ctx.lower[max(0, start - 120) : sentence_end]))
            if not (has_postcode or personal):
                continue
            if taken.claim(start, end):
                yield Finding("contact", start, end, "street_address", "street address")


def find_contacts(ctx: TextContext, taken: Claims) -> Iterator[Finding]:
    yield from _find_emails(ctx, taken)
    yield from _find_ips(ctx, taken)
    yield from _find_phones(ctx, taken)
    yield from _find_addresses(ctx, taken)
