"""The first-run welcome: the three things that matter, the way to keys and a better local model,
shown at the first start only, dismissed for good, reopened from the tray's Help menu."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QSystemTrayIcon

from aideon_desktop.core.config import load_settings
from aideon_desktop.core.cost_examples import typical_question
from aideon_desktop.core.usage_series import format_usd
from aideon_desktop.ui import welcome as welcome_module


def texts(dialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_the_welcome_explains_device_cloud_keys_and_hotkey(qtbot, assistant, monkeypatch) -> None:
    monkeypatch.setattr(welcome_module, "models_page_available", lambda: False)
    dialog = welcome_module.WelcomeDialog(assistant)
    qtbot.addWidget(dialog)
    shown = texts(dialog)
    for heading in (
        "What stays on this device",
        "What may go to the cloud, and what it costs",
        "Keys and the hotkey",
    ):
        assert heading in shown
    assert "never leave it" in shown and "fraction of a cent" in shown
    example = typical_question(assistant.catalog, ["together", "huggingface"])
    assert f"costs {format_usd(float(example.low))} to {format_usd(float(example.high))}" in shown
    assert f"list prices of {assistant.catalog.prices_checked}" in shown
    assert "Ctrl+Alt+Space" in shown and "Settings → API keys" in shown
    # Without the model manager (a build that leaves it out) it points to the model file setting.
    assert "Settings → Local model" in shown
    assert dialog.model_button.text() == "Choose a local model…"


def test_with_the_models_page_it_points_there(qtbot, assistant) -> None:
    assert welcome_module.models_page_available()
    dialog = welcome_module.WelcomeDialog(assistant)
    qtbot.addWidget(dialog)
    assert "Models page" in texts(dialog) and dialog.model_button.text() == "Models…"
    with qtbot.waitSignal(dialog.open_settings) as opened:
        dialog.model_button.click()
    assert opened.args == ["Models"]


@pytest.mark.parametrize("button", ["keys_button", "model_button", "done_button"])
def test_any_way_out_dismisses_it_for_good(qtbot, assistant, button) -> None:
    dialog = welcome_module.WelcomeDialog(assistant)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not load_settings().settings.ui.welcome_seen
    getattr(dialog, button).click()
    assert not dialog.isVisible()
    assert load_settings().settings.ui.welcome_seen and assistant.settings.ui.welcome_seen


def test_keys_button_opens_settings_on_the_keys_page(qtbot, assistant) -> None:
    dialog = welcome_module.WelcomeDialog(assistant)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.open_settings) as opened:
        dialog.keys_button.click()
    assert opened.args == ["API keys"]


def test_first_start_shows_it_later_starts_do_not_help_reopens_it(
    qtbot, isolated_home, monkeypatch
) -> None:
    from aideon_desktop.ui.app import TrayApp

    monkeypatch.delenv("DISPLAY", raising=False)  # no global hotkey in this test
    (isolated_home / "settings.toml").write_text("[local]\npreload = false\n")
    tray_app = TrayApp(QApplication.instance(), QSystemTrayIcon())
    try:
        tray_app.handle_command("tray")  # started at login: nothing opens by itself
        qtbot.wait(50)
        assert tray_app.windows.welcome is None
        tray_app.handle_command("show")  # a person starts it
        qtbot.waitUntil(lambda: tray_app.windows.welcome is not None, timeout=5000)
        welcome = tray_app.windows.welcome
        assert welcome.isVisible()
        welcome.done_button.click()
        assert load_settings().settings.ui.welcome_seen
        help_menu = next(a.menu() for a in tray_app._menu.actions() if a.menu())
        assert help_menu.title() == "Help"
        assert tray_app.actions["welcome"] in help_menu.actions()
        tray_app.actions["welcome"].trigger()
        assert welcome.isVisible()
        welcome.hide()
    finally:
        tray_app.window.session.preview.wait()
        tray_app.shutdown()
    again = TrayApp(QApplication.instance(), None)
    try:
        again.handle_command("show")
        qtbot.wait(50)
        assert again.windows.welcome is None
    finally:
        again.window.session.preview.wait()
        again.shutdown()
