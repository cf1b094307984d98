"""The tray app's settings-side windows: Settings (with the live hotkey switch), the welcome and
Usage & savings — each built on first use, so none of their imports slow the start-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from aideon_desktop.core.answering import Assistant
    from aideon_desktop.ui.hotkey import GlobalHotkey


class SettingsWindows:
    """``on_saved()`` runs after Settings saved; ``on_hotkey(combination)`` after the global
    hotkey changed (it already works: update what shows it)."""

    def __init__(
        self,
        assistant: Assistant,
        hotkey: GlobalHotkey,
        parent: QWidget,
        icon: QIcon,
        on_saved: Callable[[], None],
        on_hotkey: Callable[[str], None],
    ) -> None:
        self.assistant, self.hotkey, self.parent, self.icon = assistant, hotkey, parent, icon
        self.on_saved, self.on_hotkey = on_saved, on_hotkey
        self.welcome = None
        self.usage = None

    def show_settings(self, page: str | None = None) -> None:
        from aideon_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.assistant, self.parent, apply_hotkey=self.hotkey.change)
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
