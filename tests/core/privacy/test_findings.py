"""Findings and verdicts, and the one MASKABLE set."""

from __future__ import annotations

import aideon_desktop.core.privacy as privacy
from aideon_desktop.core.privacy import CATEGORY_LABELS, MASKABLE, Finding, Verdict


def test_public_api_is_exported() -> None:
    for name in ("scan", "redact", "restore", "StreamRestorer", "Verdict", "Finding", "Strictness"):
        assert hasattr(privacy, name)


def test_maskable_is_the_values_not_the_topics() -> None:
    assert {
        "payment_card",
        "national_id",
        "bank_account",
        "secret",
        "contact",
        "custom_term",
    } == MASKABLE
    assert not MASKABLE & {"health", "confidential_business", "personal_situation"}
    assert set(CATEGORY_LABELS) >= MASKABLE


def test_verdict_summary_and_dict() -> None:
    verdict = Verdict(True, (Finding("secret", 0, 4, "labelled_value", "password"),))
    assert verdict.summary() == "password or key detected"
    assert verdict.as_dict()["findings"][0]["category"] == "secret"
    assert Verdict(False).summary() == "nothing private detected"
