"""Widget tests (offscreen Qt, the real embedded model, a real SQLite file)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.config import load_settings
from aideon_desktop.core.store.models import UsageRecord
from aideon_desktop.ui.chat_window import ChatWindow


@pytest.fixture
def assistant(local_provider, isolated_home):
    a = Assistant(load_settings().settings, local=local_provider)
    yield a
    a.close()


@pytest.fixture
def window(qtbot, assistant):
    win = ChatWindow(assistant)
    qtbot.addWidget(win)
    win.show()
    return win


def send_and_wait(qtbot, win: ChatWindow, text: str) -> None:
    win.draft.setPlainText(text)
    win.send()
    qtbot.waitUntil(lambda: not win.busy(), timeout=60000)


def test_privacy_indicator_updates_as_you_type(window, qtbot) -> None:
    window.draft.setPlainText("my card is 4539 1488 0343 6467")
    qtbot.waitUntil(lambda: "On this device" in window.privacy_label.text(), timeout=3000)
    assert "Visa" in window.privacy_label.text()
    window.draft.setPlainText("Write a haiku about rain")
    qtbot.waitUntil(lambda: "no cloud API key" in window.privacy_label.text(), timeout=3000)


def test_send_streams_answer_with_route_badge_and_saves_it(window, qtbot, assistant) -> None:
    window.draft.setPlainText("Say hello.")
    window.send()
    assert window.busy() and not window.send_button.isEnabled() and window.stop_button.isEnabled()
    qtbot.waitUntil(lambda: not window.busy(), timeout=60000)
    text = window.transcript.toPlainText()
    assert "You" in text and "Say hello." in text
    assert "On device: " in text and "tokens" in text and "saved $" in text
    assert window.draft.toPlainText() == ""
    assert window.conversation_list.count() == 1
    stored = assistant.store.messages(window.conversation_id)
    assert [m.role for m in stored] == ["user", "assistant"] and stored[1].text.strip()


def test_stop_marks_the_answer_partial(window, qtbot, assistant) -> None:
    window.draft.setPlainText("Count slowly from one to two hundred, one number per line.")
    window.send()
    qtbot.waitUntil(lambda: len(window.entries[-1].text) > 10, timeout=30000)
    window.stop()
    qtbot.waitUntil(lambda: not window.busy(), timeout=30000)
    assert "partial" in window.transcript.toPlainText()
    assert assistant.store.messages(window.conversation_id)[-1].partial


def test_conversations_switch_search_and_delete(window, qtbot, assistant) -> None:
    send_and_wait(qtbot, window, "Plan a picnic in Lisbon.")
    first = window.conversation_id
    window.new_conversation()
    send_and_wait(qtbot, window, "Name a colour.")
    assert window.conversation_list.count() == 2
    window.search.setText("lisbon")
    assert window.conversation_list.count() == 1
    window.search.setText("")
    window.open_conversation(first)
    assert "Plan a picnic in Lisbon." in window.transcript.toPlainText()
    window.delete_conversation(first)
    assert window.conversation_list.count() == 1 and assistant.store.messages(first) == []


def test_errors_show_inline_and_keep_the_draft(qtbot, tmp_path, isolated_home) -> None:
    settings = load_settings().settings
    settings.local.model_path = str(tmp_path / "missing.gguf")
    win = ChatWindow(Assistant(settings))
    qtbot.addWidget(win)
    win.draft.setPlainText("My SSN is 536-22-8741")
    win.send()
    qtbot.waitUntil(lambda: not win.busy(), timeout=30000)
    assert (
        "not sent anywhere" in win.status_label.text()
        and "Model file not found" in win.status_label.text()
    )
    assert win.draft.toPlainText() == "My SSN is 536-22-8741"
    assert win.retry_button.isVisibleTo(win)


def test_quick_prompt_answers_and_opens_in_chat(qtbot, assistant) -> None:
    from aideon_desktop.ui.quick_prompt import QuickPrompt

    quick = QuickPrompt(assistant)
    qtbot.addWidget(quick)
    quick.popup()
    quick.input.setText("My NI number is JG 10 37 42 C, which form is it on?")
    quick.send()
    qtbot.waitUntil(lambda: not quick.busy(), timeout=60000)
    assert quick.status.text().startswith("Private, answered on this device")
    assert quick.answer_view.toPlainText().strip()
    with qtbot.waitSignal(quick.open_in_chat, timeout=2000) as signal:
        quick.open_button.click()
    assert signal.args[0] is not None and not quick.isVisible()


def test_settings_dialog_validates_inline_and_saves(
    qtbot, assistant, isolated_home, no_keyring
) -> None:
    from aideon_desktop.core import paths
    from aideon_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(assistant)
    qtbot.addWidget(dialog)
    dialog.gpu_layers.setText("lots")
    dialog.save()
    assert "local.gpu_layers" in dialog.errors.text() and not paths.settings_file().exists()
    dialog.gpu_layers.setText("auto")
    dialog.custom_terms.setPlainText("Bluefin\nOrca")
    dialog.daily.setValue(2.5)
    dialog.save()
    saved = load_settings().settings
    assert saved.privacy.custom_terms == ["Bluefin", "Orca"] and saved.budgets.daily_usd == 2.5
    assert assistant.settings.privacy.custom_terms == ["Bluefin", "Orca"]
    # No keyring backend in the test environment: the key is refused plainly, never written elsewhere.
    row = dialog.key_rows["together"]
    row.field.setText("tgp_v1_secretsecretsecretsecretsecret")
    row.save()
    assert "No system keyring" in row.status.text()
    assert b"tgp_v1_secret" not in paths.settings_file().read_bytes()


def test_usage_view_matches_the_store(qtbot, assistant) -> None:
    from aideon_desktop.ui.usage_view import UsageView

    assistant.store.record_usage(
        UsageRecord(
            provider="together",
            model="m",
            task="code",
            prompt_tokens=100,
            completion_tokens=50,
            cost_micro_usd=27,
            baseline_micro_usd=750,
        )
    )
    assistant.store.record_usage(
        UsageRecord(
            provider="local",
            model="s",
            task="general",
            prompt_tokens=10,
            completion_tokens=5,
            baseline_micro_usd=75,
            private=True,
        )
    )
    view = UsageView(assistant.store)
    qtbot.addWidget(view)
    all_time = view.totals()["All time"]
    assert all_time["requests"] == 2 and all_time["cost_usd"] == 0.000027
    labels = {w.objectName(): w.text() for w in view.totals_box.findChildren(type(view.message))}
    assert labels["total_3_1"] == "2" and labels["total_3_6"] == "50%"
    table = view.tables["By provider"]
    assert {table.item(r, 0).text() for r in range(table.rowCount())} == {"local", "together"}


def test_gui_thread_keeps_ticking_while_an_answer_streams(window, qtbot) -> None:
    """A generous bound only (timings belong in bench/ui_stall.py): generation must not run on
    the GUI thread, so a 10 ms timer keeps firing throughout."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    clock = QElapsedTimer()
    clock.start()
    gaps: list[int] = []
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    window.draft.setPlainText("Tell a short story about a lighthouse.")
    window.send()
    qtbot.waitUntil(lambda: not window.busy(), timeout=60000)
    timer.stop()
    assert len(gaps) > 10 and max(gaps[1:]) < 1000


def test_tray_app_starts_and_stops_the_local_api(qtbot, isolated_home, monkeypatch) -> None:
    import httpx
    from PySide6.QtWidgets import QApplication

    from aideon_desktop.ui.app import TrayApp

    monkeypatch.delenv("DISPLAY", raising=False)  # no global hotkey in this test
    (isolated_home / "settings.toml").write_text("[local]\npreload = false\n")
    tray_app = TrayApp(QApplication.instance(), None)
    try:
        tray_app.set_api(True)
        response = httpx.get(
            tray_app.api.url + "/models", headers={"Authorization": f"Bearer {tray_app.api.token}"}
        )
        assert response.status_code == 200 and response.json()["data"][0]["id"] == "aideon/auto"
        tray_app.set_api(False)
        assert tray_app.api is None
        assert (
            "global hotkey" in tray_app.window.status_label.text()
            or "No X display" in tray_app.window.status_label.text()
        )
    finally:
        tray_app.shutdown()
