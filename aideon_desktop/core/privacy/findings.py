"""What the privacy scan returns: findings that explain themselves, and a verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Category = Literal[
    "payment_card",
    "national_id",
    "bank_account",
    "secret",
    "contact",
    "health",
    "confidential_business",
    "personal_situation",
    "custom_term",
]

CATEGORY_LABELS: dict[str, str] = {
    "payment_card": "card number",
    "national_id": "ID number",
    "bank_account": "bank details",
    "secret": "password or key",
    "contact": "contact details",
    "health": "health information",
    "confidential_business": "confidential business information",
    "personal_situation": "personal legal or financial situation",
    "custom_term": "one of your private terms",
}

# Values a placeholder can stand for without losing the question.  Health, legal or business
# disclosures are the question itself: they always stay on the user's hardware.
MASKABLE: frozenset[str] = frozenset(
    {"payment_card", "national_id", "bank_account", "secret", "contact", "custom_term"}
)


@dataclass(frozen=True)
class Finding:
    """One private thing: its category, where it is in the user's text (original characters,
    end exclusive), which detector found it and why (never the value itself)."""

    category: Category
    start: int
    end: int
    detector: str
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {
            "category": self.category,
            "start": self.start,
            "end": self.end,
            "detector": self.detector,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Verdict:
    sensitive: bool
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def categories(self) -> list[str]:
        seen: dict[str, None] = {}
        for finding in self.findings:
            seen.setdefault(finding.category, None)
        return list(seen)

    def summary(self) -> str:
        """One line for the UI, e.g. "card number detected"."""
        if not self.sensitive:
            return "nothing private detected"
        labels = [CATEGORY_LABELS.get(c, c) for c in self.categories]
        return ", ".join(labels) + " detected"

    def as_dict(self) -> dict[str, object]:
        return {
            "sensitive": self.sensitive,
            "categories": self.categories,
            "findings": [f.as_dict() for f in self.findings],
        }


NOT_SENSITIVE = Verdict(sensitive=False)
