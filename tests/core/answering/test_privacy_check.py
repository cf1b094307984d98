"""PrivacyCheck: the user's settings reach the scanner, and each text is scanned once."""

from __future__ import annotations

import pytest

from aideon_desktop.core.answering import privacy_check
from aideon_desktop.core.answering.privacy_check import PrivacyCheck
from aideon_desktop.core.chat import Message
from aideon_desktop.core.config import PrivacySettings


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = privacy_check.scan

    def counting(text: str, **kw):
        seen.append(text)
        return real(text, **kw)

    monkeypatch.setattr(privacy_check, "scan", counting)
    return seen


def test_custom_terms_and_strictness_reach_the_scanner() -> None:
    check = PrivacyCheck(PrivacySettings(custom_terms=["Bluefin"]))
    assert check.scan("Draft the Bluefin launch memo").sensitive
    assert not PrivacyCheck(PrivacySettings()).scan("Draft the Bluefin launch memo").sensitive


def test_each_text_is_scanned_once(scans: list[str]) -> None:
    check = PrivacyCheck(PrivacySettings())
    history = [Message("user", "Hello"), Message("assistant", "Hi! How can I help?")]
    for _ in range(3):
        assert not check.any_private(history)
        check.scan("Write a haiku")
    assert sorted(scans) == sorted(["Hello", "Hi! How can I help?", "Write a haiku"])


def test_every_role_counts() -> None:
    check = PrivacyCheck(PrivacySettings())
    leaked = [Message("system", "Patient notes: my email is jane.doe@fastmail.com")]
    assert check.any_private(leaked)


def test_the_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(privacy_check, "MAX_CACHED_TEXTS", 8)
    check = PrivacyCheck(PrivacySettings())
    for i in range(50):
        check.scan(f"question number {i}")
    assert len(check._cache) <= 8


def test_verdicts_come_in_order_and_stop_scanning_where_the_caller_stops(
    scans: list[str],
) -> None:
    check = PrivacyCheck(PrivacySettings())
    check.scan("Hello")  # remembered: looked up, not scanned again
    texts = ["Hello", "my email is jane.doe@fastmail.com", "Write a haiku"]
    verdicts = check.verdicts(texts)
    assert not next(verdicts).sensitive
    assert next(verdicts).sensitive
    verdicts.close()  # the caller stopped at the first private text
    assert scans == ["Hello", "my email is jane.doe@fastmail.com"]
    assert [v.sensitive for v in check.verdicts(texts)] == [False, True, False]
    assert scans[-1] == "Write a haiku" and len(scans) == 3


def test_a_remembered_text_looked_up_in_bulk_stays_the_most_recent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(privacy_check, "MAX_CACHED_TEXTS", 3)
    check = PrivacyCheck(PrivacySettings())
    for text in ("first turn", "second turn", "third turn"):
        check.scan(text)
    list(check.verdicts(["first turn"]))  # used again: not the next to go
    check.scan("fourth turn")
    assert list(check._cache) == ["third turn", "first turn", "fourth turn"]
