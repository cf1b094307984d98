"""Email addresses, also when written to dodge filters ("jo dot smith at gmail dot com")."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors._common import label_before, sample_value, sample_words
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.lexicon import Hit, load_data
from aideon_desktop.core.privacy.registry import STRUCTURED, Detector, register

_EMAIL = re.compile(
    r"(?<![.+-])(?<![^\W\u2e80-\u9fff\uac00-\ud7af])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})@((?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z][A-Za-z0-9-]{1,62})(?![-])(?![^\W\u2e80-\u9fff\uac00-\ud7af])"
)


# A spelled-out address: "jo dot smith at gmail dot com", "ana arroba gmail punto com",
# "k.wozniak (at) wp (dot) pl".  It is looked for from each "@"-word the lexicon finds
# (contexts.toml: email_at, email_dot): the user name right before it, the domain right after.
@functools.cache
def _spelled_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = load_data("contexts.toml")["email_dot"]
    dot_word = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # a spelled dot is bracketed or a word between spaces; a plain "." has none (". " ends a
    # sentence)
    # ("orange . fr": a dot typed with a space before it is no sentence's end either)
    dot = rf"(?:\s*[(\[{{<]\s*(?:{dot_word})\s*[)\]}}>]\s*|\s+(?:{dot_word})\s+| \. ?|\.)"
    user = re.compile(
        rf"(?<![\w.])([A-Za-z0-9][A-Za-z0-9._+-]{{0,40}}(?:{dot}[A-Za-z0-9_+-]{{1,30}}){{0,3}})"
        rf"\s*[(\[{{<]?\s*\Z",
        re.IGNORECASE,
    )
    domain = re.compile(
        rf"\s*[)\]}}>]?\s*([A-Za-z0-9-]{{2,40}}(?:{dot}[A-Za-z0-9-]{{2,20}}){{1,3}})(?![\w])",
        re.IGNORECASE,
    )
    return user, domain, re.compile(dot, re.IGNORECASE)


# A top-level domain: any two-letter country code, or a common generic one.
_TLD = re.compile(
    r"\.(?:[a-z]{2}|com|org|net|edu|gov|info|biz|io|dev|app|mail|name|email)$", re.IGNORECASE
)


@functools.cache
def _placeholders() -> tuple[frozenset[str], frozenset[str]]:
    known = load_data("known_values.toml")
    return frozenset(known["placeholder_email_domains"]), frozenset(
        known["placeholder_email_users"]
    )


_USER_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")


def _user_run_start(text: str, lo: int, hi: int) -> int:
    """Where the first address in ``text[lo:hi]`` can start, at the earliest: the start of the
    run of user-name characters before its first "@" (a user name is one such run).  Searching
    from there finds what a search from ``lo`` finds, without trying every position before."""
    at = text.find("@", lo, hi)
    if at == -1:
        return lo
    while at > lo and text[at - 1] in _USER_CHARACTERS:
        at -= 1
    return at


def _placeholder_address(ctx: ScanContext, user: str, domain: str, start: int, end: int) -> bool:
    domains, users = _placeholders()
    if domain in domains or any(domain.endswith("." + d) for d in domains if "." in d):
        return True
    if user.startswith(("noreply", "no-reply", "donotreply")) or _sample_domain(domain):
        return True
    if sample_value(ctx, user, start, end):
        return True  # max.mustermann@… in a form filled with example data
    return user in users and ctx.test_framed(start, end)


def _sample_domain(domain: str) -> bool:
    """example.de, exemple.fr, przyklad.pl, beispiel.de: a domain named "example" in some
    language (its first label, whole: examplecorp.com is a company's)."""
    label = domain.split(".", 1)[0]
    return label in sample_words()


@register
class EmailDetector(Detector):
    name = "email"
    category = "contact"
    precedence = STRUCTURED
    patterns = (_EMAIL,)
    labels = ("email",)

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[bool, re.Match[str]]]:
        text = ctx.text
        at = text.find("@")
        while at != -1:
            lo, hi = max(0, at - 64), min(len(text), at + 256)
            m = _EMAIL.search(text, _user_run_start(text, lo, hi), hi)
            if m and m.start() <= at < m.end():
                yield False, m
            at = text.find("@", at + 1)
        user_part, domain_part, _dot = _spelled_patterns()
        for hit in ctx.hits_of("context", "email_at"):
            domain = domain_part.match(text, hit.end)  # anchored: most "at"s fail here at once
            if domain is None:
                continue
            user = user_part.search(text, max(0, hit.start - 80), hit.start)
            if user:
                yield True, (user, hit, domain)

    def validate(self, ctx: ScanContext, candidate: tuple[bool, object]) -> Finding | None:
        spelled, found = candidate
        if not spelled:
            m = found  # type: ignore[assignment]
            user, domain, start, end = m.group(1).lower(), m.group(2).lower(), m.start(), m.end()
        else:
            user_m, hit, domain_m = found  # type: ignore[misc]
            start, end = user_m.start(1), domain_m.end(1)
            if not _spelled_address(ctx, user_m, hit, domain_m.group(1)):
                return None
            _user, _at, dot = _spelled_patterns()
            user, domain = (
                dot.sub(".", user_m.group(1)).lower(),
                dot.sub(".", domain_m.group(1)).lower(),
            )
        if _placeholder_address(ctx, user, domain, start, end):
            return None
        return self.finding(start, end, "email address")


def _spelled_address(ctx: ScanContext, user_m: re.Match[str], hit: Hit, domain: str) -> bool:
    """Ends in a top-level domain, and reads as an address rather than prose: the "@" is a word
    nobody uses otherwise or is bracketed, a "." is spelled out, or the user name has a digit or
    a dot ("meet me at home dot com" needs the spelled dot; "jo.smith at gmail.com" has its own)."""
    _user, _domain, dot = _spelled_patterns()
    if not _TLD.search(dot.sub(".", domain)):
        return False
    user = user_m.group(1)
    bracketed = hit.start > 0 and ctx.text[hit.start - 1] in "([{<"
    word = ctx.lower[hit.start : hit.end]
    if word == "@":
        labelled = label_before(ctx, user_m.start(1), "email")
        return labelled or _spaced_address(user, dot.sub(".", domain).lower())
    if word != "at" or bracketed:
        return True
    return _spelled_after_at(user, domain)


def _spelled_after_at(user: str, domain: str) -> bool:
    """After the English "at" ("look at the point in time" is prose), only "dot" or a
    bracketed word spells a dot, or one word spelling the dot in the user name and the domain
    alike ("tobi punkt krause at web punkt de"); else the user name needs a digit or a dot."""
    _user, _domain, dot = _spelled_patterns()
    spelled = [part.strip().lower() for part in dot.findall(f"{user} {domain}") if part != "."]
    if any(part != "dot" and part[:1] not in "([{<" for part in spelled):
        in_user = [part.strip().lower() for part in dot.findall(user) if part != "."]
        return len(set(spelled)) == 1 and bool(in_user) and len(spelled) >= 2
    return bool(spelled) or bool(_DIGIT_OR_DOT.search(user))


_DIGIT_OR_DOT = re.compile(r"\d|\.")
# Top-level domains that are no everyday word, for an "@" typed with spaces around it.
_GENERIC_TLD = re.compile(r"\.(?:com|net|org|edu|gov|info|io|email|mail)$")


def _spaced_address(user: str, domain: str) -> bool:
    """An "@" typed between spaces ("claire.dupont84 @ orange . fr") is also how people mention
    someone in chat ("ping @ john . ok", "ask @ support . no idea"): it is an address when the
    user name has a digit or a dot, or the domain ends in a top-level domain no word is (or an
    e-mail label comes right before it: see the caller)."""
    return bool(_DIGIT_OR_DOT.search(user)) or bool(_GENERIC_TLD.search(domain))
