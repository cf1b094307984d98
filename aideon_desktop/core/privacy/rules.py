"""The detector's data (patterns, lexicons, known test values), loaded once from resources/."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aideon_desktop.core.resources import resource_path


def _load(name: str) -> dict[str, Any]:
    with resource_path(f"privacy/{name}").open("rb") as fh:
        return tomllib.load(fh)


def term_regex(terms: list[str]) -> re.Pattern[str]:
    """One case-insensitive alternation of whole-word terms; `word*` matches word endings."""
    parts = []
    for term in sorted({t.lower() for t in terms}, key=len, reverse=True):
        if term.endswith("*"):
            parts.append(re.escape(term[:-1]) + r"[\w'’]{0,20}")
        else:
            parts.append(re.escape(term))
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(parts) + r")(?![\w'’-])", re.IGNORECASE)


@dataclass(frozen=True)
class SecretPattern:
    name: str
    reason: str
    regex: re.Pattern[str]
    anchors: tuple[str, ...] = ()

    def may_match(self, text: str) -> bool:
        return not self.anchors or any(anchor in text for anchor in self.anchors)


@dataclass(frozen=True)
class Rules:
    secret_patterns: tuple[SecretPattern, ...]
    placeholder_words: tuple[str, ...]
    credential_pairs: frozenset[str]
    topics: dict[str, Any]
    known: dict[str, Any]


@functools.cache
def rules() -> Rules:
    secrets = _load("secrets.toml")
    patterns = tuple(
        SecretPattern(p["name"], p["reason"], re.compile(p["regex"]), tuple(p.get("anchors", ())))
        for p in secrets["pattern"]
    )
    return Rules(
        secret_patterns=patterns,
        placeholder_words=tuple(secrets["placeholders"]["words"]),
        credential_pairs=frozenset(secrets["placeholders"]["credential_pairs"]),
        topics=_load("topics.toml"),
        known=_load("known_values.toml"),
    )


def data_dir() -> Path:
    return resource_path("privacy")
