"""The quick-prompt hotkey in Settings: recorded, checked for conflicts, applied at once on a real
X display (Xvfb; the real pynput listener hears xdotool's XTEST key presses), and when the new
combination cannot be registered the old one keeps working."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QKeySequence

from aideon_desktop.core import paths
from aideon_desktop.core.config import load_settings
from tests.conftest import require_tool
from tests.support.xvfb import start_xvfb


@pytest.fixture
def x_display(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An Xvfb display for the global hotkey listener (Qt itself stays offscreen)."""
    xvfb = require_tool("Xvfb")
    require_tool("xdotool")
    server, display = start_xvfb(xvfb, "-nolisten", "tcp")
    monkeypatch.setenv("DISPLAY", display)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
    yield display
    time.sleep(0.5)  # stopped listeners detach from the display before it goes away
    server.terminate()
    server.wait(5)


@pytest.fixture
def hotkey(x_display: str):
    from aideon_desktop.ui.hotkey import GlobalHotkey

    hotkey = GlobalHotkey("<ctrl>+<alt>+<space>")
    assert hotkey.start(), hotkey.error
    yield hotkey
    hotkey.stop()
    press(x_display, "shift")  # a stopped X listener ends at the next event it sees
    hotkey.wait_stopped()


def press(display: str, keys: str) -> None:
    subprocess.run(["xdotool", "key", keys], env={**os.environ, "DISPLAY": display}, check=True)


def open_dialog(qtbot, assistant, hotkey):
    from aideon_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(assistant, apply_hotkey=hotkey.change)
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.display
def test_a_recorded_hotkey_is_applied_at_once(qtbot, assistant, hotkey, x_display) -> None:
    dialog = open_dialog(qtbot, assistant, hotkey)
    assert dialog.general.hotkey.keySequence().toString() == "Ctrl+Alt+Space"
    dialog.general.hotkey.setKeySequence(QKeySequence("Ctrl+Shift+K"))
    assert dialog.general.hotkey.verdict.text() == "OK: applied when you press Save."
    with qtbot.waitSignal(dialog.hotkey_changed, timeout=5000) as changed:
        assert dialog.save()
    assert changed.args == ["<ctrl>+<shift>+k"] and hotkey.combination == "<ctrl>+<shift>+k"
    assert load_settings().settings.hotkey == "<ctrl>+<shift>+k"
    time.sleep(0.3)  # the listener thread attaches to the display
    with qtbot.waitSignal(hotkey.activated, timeout=5000):
        press(x_display, "ctrl+shift+k")


@pytest.mark.display
def test_a_hotkey_that_cannot_be_registered_keeps_the_old_one(
    qtbot, assistant, hotkey, x_display
) -> None:
    dialog = open_dialog(qtbot, assistant, hotkey)
    dialog.general.hotkey.setKeySequence(QKeySequence("Ctrl+Alt+F24"))  # the listener has no F24
    assert not dialog.save()
    assert "could not be registered" in dialog.errors.text()
    assert "Ctrl+Alt+Space still opens the quick prompt" in dialog.errors.text()
    assert hotkey.combination == "<ctrl>+<alt>+<space>" and hotkey.listening
    assert not paths.settings_file().exists()
    time.sleep(0.3)
    with qtbot.waitSignal(hotkey.activated, timeout=5000):
        press(x_display, "ctrl+alt+space")


def test_conflicting_hotkeys_are_refused_with_the_reason(qtbot, assistant) -> None:
    from aideon_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(assistant)
    qtbot.addWidget(dialog)
    recorder = dialog.general.hotkey
    for keys, reason in (
        ("Ctrl+C", "every application uses it"),
        ("Alt+Tab", "the desktop itself uses it"),
        ("Ctrl+K", "chat window uses it"),
        ("Shift+A", "it would fire while you type"),
    ):
        recorder.setKeySequence(QKeySequence(keys))
        assert reason in recorder.verdict.text()
        assert not dialog.save()
        assert reason in dialog.errors.text()
        assert dialog.page_list.currentItem().text() == "General"
    assert not paths.settings_file().exists()


def test_the_tray_menu_and_quick_prompt_name_the_new_hotkey(qtbot, isolated_home, monkeypatch):
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    from aideon_desktop.ui.app import TrayApp

    monkeypatch.delenv("DISPLAY", raising=False)
    (isolated_home / "settings.toml").write_text("[local]\npreload = false\n")
    tray_app = TrayApp(QApplication.instance(), QSystemTrayIcon())
    try:
        assert tray_app.actions["quick"].text() == "Quick prompt  (Ctrl+Alt+Space)"
        qtbot.waitUntil(lambda: tray_app._quick is not None)
        tray_app.windows.on_hotkey("<ctrl>+<shift>+k")
        assert tray_app.actions["quick"].text() == "Quick prompt  (Ctrl+Shift+K)"
        assert tray_app._quick.frame.hint == "Hotkey: Ctrl+Shift+K"
    finally:
        if tray_app.windows.welcome is not None:
            tray_app.windows.welcome.hide()
        tray_app.shutdown()


def test_the_recorder_takes_real_key_presses(qtbot, assistant) -> None:
    from PySide6.QtCore import Qt

    from aideon_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(assistant)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_page("General")
    recorder = dialog.general.hotkey
    recorder.clear()
    recorder.setFocus()
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(recorder, Qt.Key.Key_J, modifiers)
    qtbot.waitUntil(lambda: recorder.recorded() == "Ctrl+Shift+J")
    assert recorder.combination() == "<ctrl>+<shift>+j"
    assert recorder.verdict.text() == "OK: applied when you press Save."
    assert dialog.save()
    assert load_settings().settings.hotkey == "<ctrl>+<shift>+j"
