"""Settings → General: the quick-prompt hotkey (recorded, checked for conflicts, applied by the
dialog without a restart), how Enter behaves, offline mode, start at login, the local API token."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QKeySequenceEdit, QLineEdit, QPushButton

from aideon_desktop.core.autostart import autostart_enabled
from aideon_desktop.core.config import Settings
from aideon_desktop.core.hotkey_combos import (
    HotkeyError,
    checked_hotkey,
    from_key_sequence,
    to_key_sequence,
)
from aideon_desktop.ui.hotkey import hotkey_unavailable_reason
from aideon_desktop.ui.settings_widgets import SettingsPage, status_label
from aideon_desktop.ui.widgets import copy_text


class HotkeyRecorder(QKeySequenceEdit):
    """Press the combination; the verdict shows underneath as soon as it is recorded."""

    def __init__(self, combination: str) -> None:
        super().__init__(QKeySequence(to_key_sequence(combination)))
        self.setMaximumSequenceLength(1)
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Quick-prompt hotkey")
        self.saved = combination
        self.verdict = status_label()
        self.keySequenceChanged.connect(self._show_verdict)

    def recorded(self) -> str:
        return self.keySequence().toString(QKeySequence.SequenceFormat.PortableText)

    def combination(self) -> str:
        """The listener's combination; raises HotkeyError with the reason.  The saved one is
        kept as it is, even if today's rules would refuse it."""
        if from_key_sequence(self.recorded() or "x") == self.saved:
            return self.saved
        return checked_hotkey(self.recorded())

    def _show_verdict(self) -> None:
        try:
            combination = self.combination()
        except HotkeyError as exc:
            self.verdict.setText(f"Problem: {exc}")
            return
        changed = combination != self.saved
        self.verdict.setText("OK: applied when you press Save." if changed else "")


class GeneralPage(SettingsPage):
    title = "General"

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.hotkey = HotkeyRecorder(settings.hotkey)
        unavailable = hotkey_unavailable_reason()
        self.option(
            "Quick-prompt hotkey",
            self.hotkey,
            unavailable
            or "Click the box and press the keys. Opens the quick prompt from any application.",
            status=self.hotkey.verdict,
        )
        self.ctrl_enter = QCheckBox("Send with Ctrl+Enter")
        self.ctrl_enter.setChecked(settings.ui.send_with_ctrl_enter)
        self.option(
            "",
            self.ctrl_enter,
            "Then Enter starts a new line. Off: Enter sends, Shift+Enter starts a new line.",
        )
        self.offline = QCheckBox("Offline mode")
        self.offline.setChecked(settings.offline)
        self.option("", self.offline, "Nothing leaves this device; every answer is local.")
        self.autostart = QCheckBox("Start Aideon when I log in")
        self.autostart.setChecked(autostart_enabled())
        self.option("", self.autostart, "It waits in the tray, ready for the hotkey.")
        self._api_token()

    def _api_token(self) -> None:
        from aideon_desktop.api.server import load_or_create_token

        self.api_token = QLineEdit(load_or_create_token())
        self.api_token.setReadOnly(True)
        self.api_token.setEchoMode(QLineEdit.EchoMode.Password)
        show = QPushButton("Show")
        show.setCheckable(True)
        show.toggled.connect(
            lambda on: self.api_token.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.api_token.setCursorPosition(0)  # its start, not a dot cut in half at the edge
        self.copy_token = QPushButton("Copy")
        self.copy_token.setToolTip("Copy the token (a hidden field cannot be selected)")
        self.copy_token.clicked.connect(self._copy_token)
        row = QHBoxLayout()
        row.addWidget(self.api_token, 1)
        row.addWidget(show)
        row.addWidget(self.copy_token)
        self.option(
            "Local API token",
            row,
            "Other apps on this computer use it to reach Aideon's OpenAI-compatible API "
            "(tray → Local API).",
        )

    def _copy_token(self) -> None:
        copy_text(self.api_token.text())
        self.copy_token.setText("Copied")
        QTimer.singleShot(1500, self.copy_token, lambda: self.copy_token.setText("Copy"))

    def problem(self) -> str | None:
        try:
            self.hotkey.combination()
        except HotkeyError as exc:
            return f"Hotkey: {exc}"
        return None

    def collect(self, data: dict[str, Any]) -> None:
        data["hotkey"] = self.hotkey.combination()
        data["ui"]["send_with_ctrl_enter"] = self.ctrl_enter.isChecked()
        data["offline"] = self.offline.isChecked()
