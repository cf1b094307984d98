"""What a key names and whether a value was generated: the two questions behind credentials
keyed by their service or a credential word (service_credentials.py, credentials.py).
Vocabulary: resources/privacy/services.toml."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from aideon_desktop.core.privacy.lexicon import fold_accents, load_data
from aideon_desktop.core.privacy.placeholders import (
    is_code_expression,
    is_placeholder,
    shannon_entropy,
)


@dataclass(frozen=True)
class KeyVocabulary:
    """services.toml, compiled: compact service name → display name, credential words."""

    services: dict[str, str]
    credential: dict[str, str]
    weak: frozenset[str]
    data_keys: frozenset[str]
    linking: frozenset[str]
    public_prefixes: tuple[str, ...]


def _compact(name: str) -> str:
    return _NOT_ALNUM.sub("", name.lower())


@functools.cache
def vocabulary() -> KeyVocabulary:
    data = load_data("services.toml")
    services = {_compact(n): n for n in data["services"]["names"]}
    services |= {alias: name for alias, name in data["services"]["aliases"].items()}
    words = data["key_words"]
    named = words["credential"] | words["credential_translated"]
    credential = {_compact(w): noun for w, noun in named.items()}
    for ending in words["joined_endings"]:
        credential.setdefault(_compact(ending), ending.replace(" id", " ID"))
    return KeyVocabulary(
        services,
        credential,
        frozenset(words["weak"]),
        frozenset(words["data_keys"]),
        frozenset(words["linking"]),
        tuple(data["values"]["public_prefixes"]),
    )


_NOT_ALNUM = re.compile(r"[^a-z0-9]")
# A key's words: split on "_", "-", ".", spaces and camelCase ("SumoLogicAccessID").
_KEY_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_TOKEN_CHARS = re.compile(r"[A-Za-z0-9_\-.+/=~]+")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
_HEX = re.compile(r"[0-9a-fA-F\-]+")
# Identifiers people write, not generated: ORD-2024-118734, INV00042, v1.2.3, report_v2.pdf.
_REFERENCE_NUMBER = re.compile(r"[A-Za-z]{1,8}[-_#]?[\d\-_/.]+")
_VERSION = re.compile(r"v?\d+(?:\.\d+)+(?:[-+.][\w.\-+]*)?", re.IGNORECASE)
_FILE_OR_DOMAIN = re.compile(r"[\w\-.]+\.[a-z]{2,5}")
_CASE_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_VOWELS = frozenset("aeiouy")
_CONSONANT_RUN = re.compile(r"[^aeiouy]{4}")
_CLASS_CHANGE = re.compile(r"(?<=[a-z])(?=[A-Z0-9])|(?<=[A-Z])(?=[a-z0-9])|(?<=\d)(?=[A-Za-z])")


def key_parts(key: str) -> list[str]:
    """The key's words in lower case, trailing counters and linking words dropped
    (bot_token2 → bot, token; "Le secret client Auth0 est" → …, auth)."""
    parts = [p.lower() for p in _KEY_PART.findall(fold_accents(key))]
    linking = vocabulary().linking
    while parts and (parts[-1].isdigit() or parts[-1] in linking):
        parts.pop()
    return parts


@dataclass(frozen=True)
class KeyMeaning:
    """What a key says about its value: a credential of a service (or of none), or nothing."""

    service: str
    noun: str
    weak: bool  # named by a bare, ambiguous word ("key") and no service
    explicit: bool = True  # a credential word names it (not the service's name alone)


def _service_ending(parts: list[str], vocab: KeyVocabulary) -> str:
    """The service the key's last one to three words spell ("railway", "sumo_logic")."""
    for width in (3, 2, 1):
        joined = "".join(parts[-width:])
        if len(parts) >= width and joined in vocab.services:
            return vocab.services[joined]
    return ""


def _service_in(parts: list[str], vocab: KeyVocabulary) -> str:
    """The last service the key's words spell (one to three words joined, or one word with a
    credential word stuck on: "youtubeapikey" → YouTube)."""
    for i in reversed(range(len(parts))):
        for j in range(i + 1, min(len(parts), i + 3) + 1):
            joined = "".join(parts[i:j])
            if joined in vocab.services:
                return vocab.services[joined]
        for word in vocab.credential:
            if len(word) >= 3 and parts[i].endswith(word) and len(parts[i]) > len(word):
                stem = parts[i][: -len(word)]
                if stem in vocab.services:
                    return vocab.services[stem]
    return ""


def _credential_ending(parts: list[str], vocab: KeyVocabulary) -> str:
    """The noun for the credential the key's last one to three words name, or ""."""
    for width in (3, 2, 1):
        if len(parts) >= width:
            joined = "".join(parts[-width:])
            if joined in vocab.credential:
                return vocab.credential[joined]
    last = parts[-1]
    for word in _long_credential_words():
        if last.endswith(word):  # youtubeapikey, sumologicaccessid
            return vocab.credential[word]
    return ""


@functools.cache
def _long_credential_words() -> tuple[str, ...]:
    """The credential words of 5 letters or more, the longest first (sorted once, not at each
    key: ~0.3 ms)."""
    return tuple(w for w in sorted(vocabulary().credential, key=len, reverse=True) if len(w) >= 5)


@functools.lru_cache(maxsize=4096)  # keys repeat within a prompt and across prompts
def key_meaning(key: str) -> KeyMeaning | None:
    """Whether ``key`` names a credential, and of which service; None when it names something
    else (an id, a URL, a region, a hash) or nothing."""
    vocab = vocabulary()
    parts = key_parts(key)
    if not parts:
        return None
    noun = _credential_ending(parts, vocab)
    if not noun:
        service = _service_ending(parts, vocab)
        return KeyMeaning(service, "API token", False, explicit=False) if service else None
    if data_structure_key(parts):
        return None
    service = _service_in(parts, vocab)
    weak = not service and parts[-1] in vocab.weak and len(parts) == 1
    return KeyMeaning(service, noun, weak=weak)


def _word_like(run: str) -> bool:
    """A run of letters a person would write: a quarter to three fifths vowels, and no four
    consonants in a row (random runs have too few vowels, or too many: "ioasrea")."""
    low = run.lower()
    vowels = sum(c in _VOWELS for c in low)
    return 0.25 <= vowels / len(low) <= 0.6 and not _CONSONANT_RUN.search(low)


def _wordy_share(value: str) -> float:
    """Share of the value in words of four letters or more ("ultraPictureBox1": most of it)."""
    words = (w for w in _CASE_WORD.findall(value) if len(w) >= 4)
    return sum(len(w) for w in words if _word_like(w)) / len(value)


def _entropy_ratio(value: str) -> float:
    """Entropy per character against the most a string of this length and alphabet can have."""
    core = value.replace("-", "")
    if _HEX.fullmatch(value):
        alphabet = 16
    elif core.isalnum() and (core.lower() == core or core.upper() == core):
        alphabet = 36
    else:
        alphabet = 64
    return shannon_entropy(core) / math.log2(min(len(core), alphabet))


def _written_by_a_person(value: str) -> bool:
    """A number, a reference number, a version, a file or domain name, a URL or path."""
    if value.isdigit() or _REFERENCE_NUMBER.fullmatch(value) or _VERSION.fullmatch(value):
        return True
    if _FILE_OR_DOMAIN.fullmatch(value) and not UUID.search(value):
        tail = value.rsplit(".", 1)[1]
        return tail.islower() and len(tail) <= 5
    return value.startswith(("/", "./", "~", "../", "http", "www."))


def generated_value(value: str, *, strict: bool = False) -> bool:
    """Could only a generator have written this (a key, a token, a UUID given as a secret)?"""
    if not _may_be_a_token(value):
        return False
    if UUID.fullmatch(value):
        return not strict
    if not _mixed_like_a_key(value):
        return False
    least = 16 if strict else 12
    return len(value) >= least and _entropy_ratio(value) >= (0.85 if strict else 0.78)


def _may_be_a_token(value: str) -> bool:
    """Token characters and length, and not a placeholder, code, words or a public id."""
    if not 12 <= len(value) <= 300 or not _TOKEN_CHARS.fullmatch(value):
        return False
    if is_placeholder(value) or is_code_expression(value) or _written_by_a_person(value):
        return False
    return not public_id(value)


def public_id(value: str) -> bool:
    """A publishable key or an object id a service prints in the open (pk_live_…, pi_…, cus_…)."""
    return value.startswith(vocabulary().public_prefixes)


def _mixed_like_a_key(value: str) -> bool:
    """Digits (or both cases in a long value), few word-like runs, and many class changes."""
    digits = sum(map(str.isdigit, value))
    upper = sum(c.isupper() for c in value)
    lower = sum(c.islower() for c in value)
    if not digits and not (upper >= 3 and lower >= 3 and len(value) >= 20):
        return False
    return _wordy_share(value) < 0.45 and len(_CLASS_CHANGE.findall(value)) >= 3


def data_structure_key(parts: list[str]) -> bool:
    """cache_key, primary_key, "sort key", "file key": a key of data, not of a lock."""
    return len(parts) >= 2 and parts[-1] == "key" and parts[-2] in vocabulary().data_keys
