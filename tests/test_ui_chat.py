"""Chat window widget tests (offscreen Qt, the real embedded model)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from aideon_desktop.core.assistant import Assistant
from aideon_desktop.core.config import load_settings
from aideon_desktop.ui.chat_window import ChatWindow


@pytest.fixture
def window(qtbot, local_provider):
    assistant = Assistant(load_settings().settings, local=local_provider)
    win = ChatWindow(assistant)
    qtbot.addWidget(win)
    win.show()
    return win


def test_privacy_indicator_updates_as_you_type(window, qtbot) -> None:
    window.draft.setPlainText("my card is 4539 1488 0343 6467")
    qtbot.waitUntil(lambda: "Stays on this device" in window.privacy_label.text(), timeout=3000)
    assert "Visa" in window.privacy_label.text()


def test_send_streams_answer_and_badge(window, qtbot) -> None:
    window.draft.setPlainText("Say hello.")
    window.send()
    assert window.busy() and not window.send_button.isEnabled()
    qtbot.waitUntil(lambda: not window.busy(), timeout=60000)
    text = window.transcript.toPlainText()
    assert "You: Say hello." in text and "tokens" in text
    assert window.draft.toPlainText() == "" and len(window.history) == 2


def test_error_keeps_the_draft(qtbot, tmp_path) -> None:
    settings = load_settings().settings
    settings.local.model_path = str(tmp_path / "missing.gguf")
    win = ChatWindow(Assistant(settings))
    qtbot.addWidget(win)
    win.draft.setPlainText("My SSN is 536-22-8741")
    win.send()
    qtbot.waitUntil(lambda: not win.busy(), timeout=30000)
    assert "not sent anywhere" in win.status_label.text()
    assert win.draft.toPlainText() == "My SSN is 536-22-8741"
