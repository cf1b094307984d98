"""Whole-word term alternations built from data files (privacy lexicons, task vocabulary)."""

from __future__ import annotations

import re
from collections.abc import Iterable

# What may not touch a term on either side, by default: letters, digits, apostrophes, hyphens.
WORD_EDGE = r"\w'’-"


def term_regex(
    terms: Iterable[str], *, before: str = WORD_EDGE, after: str = WORD_EDGE
) -> re.Pattern[str]:
    """One case-insensitive alternation of whole-word terms, longest first; a trailing ``*``
    matches word endings (``alzheimer*`` finds "Alzheimer's")."""
    parts = []
    for term in sorted({t.lower() for t in terms}, key=len, reverse=True):
        if term.endswith("*"):
            parts.append(re.escape(term[:-1]) + r"[\w'’]{0,20}")
        else:
            parts.append(re.escape(term))
    return re.compile(rf"(?<![{before}])(?:" + "|".join(parts) + rf")(?![{after}])", re.IGNORECASE)
