"""The tray app's settings-side windows: Settings (with the live hotkey switch), the welcome and
Usage & savings — each built on first use, so none of their imports slow the start-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from aideon_desktop.ui.app import app_icon, hotkey_label

if TYPE_CHECKING:
    from aideon_desktop.ui.app import TrayApp
    from aideon_desktop.ui.usage_view import UsageView
    from aideon_desktop.ui.welcome import WelcomeDialog


class SettingsWindows:
    """Settings, the welcome and Usage & savings for ``tray_app`` (its assistant, hotkey, tray
    actions and quick prompt)."""

    def __init__(self, tray_app: TrayApp) -> None:
        self.tray_app = tray_app
        self.assistant, self.hotkey = tray_app.assistant, tray_app.hotkey
        self.icon = app_icon()
        self.welcome: WelcomeDialog | None = None
        self.usage: UsageView | None = None

    def parent(self) -> QWidget | None:
        return self.tray_app._window  # the chat window when it is open; never builds it

    def on_saved(self) -> None:
        if self.tray_app.tray is not None:
            self.tray_app.actions["offline"].setChecked(self.assistant.settings.offline)

    def on_hotkey(self, combination: str) -> None:
        """The new hotkey already works (Settings applied it); show it where it is named."""
        label = hotkey_label(combination)
        if self.tray_app.tray is not None:
            self.tray_app.actions["quick"].setText(f"Quick prompt  ({label})")
        quick = self.tray_app._quick
        if quick is not None:
            frame = quick.frame
            if frame.status.text() == frame.hint:
                frame.status.setText(f"Hotkey: {label}")
            frame.hint = f"Hotkey: {label}"

    def show_settings(self, page: str | None = None) -> None:
        from aideon_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.assistant, self.parent(), apply_hotkey=self.hotkey.change)
        dialog.hotkey_changed.connect(self.on_hotkey)
        if page:
            dialog.show_page(page)
        if dialog.exec():
            self.on_saved()

    def show_welcome(self) -> None:
        from aideon_desktop.ui.welcome import WelcomeDialog

        if self.welcome is None:  # not modal: the chat and the hotkey keep working beside it
            self.welcome = WelcomeDialog(self.assistant)
            self.welcome.setWindowIcon(self.icon)
            self.welcome.open_settings.connect(
                self.show_settings, Qt.ConnectionType.QueuedConnection
            )
        self.welcome.show()
        self.welcome.raise_()

    def show_usage(self) -> None:
        from aideon_desktop.ui.usage_view import UsageView

        if self.usage is None:
            self.usage = UsageView(self.assistant)
            self.usage.setWindowIcon(self.icon)
        else:
            self.usage.refresh()
        self.usage.place_on_screen()
        self.usage.show()
        self.usage.raise_()
