"""The tray application: tray icon + menu, chat window, quick prompt on a global hotkey,
settings and usage windows, one instance per user."""

from __future__ import annotations

import contextlib
import logging
import signal
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QSystemTrayIcon

from aideon_desktop.core.assistant import Answer, Assistant
from aideon_desktop.core.config import load_settings, save_settings
from aideon_desktop.core.errors import AideonError
from aideon_desktop.core.resources import resource_path
from aideon_desktop.ui.chat_window import ChatWindow
from aideon_desktop.ui.hotkey import GlobalHotkey
from aideon_desktop.ui.single_instance import InstanceServer, send_to_running_instance

log = logging.getLogger(__name__)

STATE_COLOURS = {
    "ready": "#2b59c3",
    "loading": "#8a8f98",
    "offline": "#2f7d32",
    "degraded": "#c25e00",
}


def app_icon(state: str = "ready") -> QIcon:
    """The tray icon; its colour shows the state (ready, model loading, offline, provider down)."""
    svg = resource_path("icons/aideon.svg")
    if state == "ready" and svg.is_file():
        return QIcon(str(svg))
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(STATE_COLOURS.get(state, STATE_COLOURS["ready"])))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(4, 4, 56, 56, 14, 14)
    painter.setPen(QColor("white"))
    font = painter.font()
    font.setBold(True)
    font.setPixelSize(38)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "A")
    painter.end()
    return QIcon(pixmap)


def hotkey_label(combination: str) -> str:
    return combination.replace("<", "").replace(">", "").replace("+", "+").title()


class TrayApp:
    def __init__(self, app: QApplication) -> None:
        loaded = load_settings()
        self.app = app
        self.assistant = Assistant(loaded.settings)
        self.window = ChatWindow(self.assistant)
        self.window.setWindowIcon(app_icon())
        self.window.answered.connect(self._on_answer)
        self._quick = None
        self._settings_dialog = None
        self._usage = None
        self.tray: QSystemTrayIcon | None = None
        self._told_about_tray = False
        self.hotkey = GlobalHotkey(loaded.settings.hotkey)
        self.hotkey.activated.connect(self.show_quick_prompt)
        self.hotkey_ok = self.hotkey.start()
        messages = (
            [f"Settings problems (defaults used): {'; '.join(loaded.problems)}"]
            if loaded.problems
            else []
        )
        if not self.hotkey_ok and self.hotkey.error:
            messages.append(self.hotkey.error)
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._make_tray()
        else:
            messages.append("No system tray on this desktop: Aideon runs in this window.")
            self.app.setQuitOnLastWindowClosed(True)
            self.window.hidden_to_tray.connect(self.app.quit)
        if messages:
            self.window.status_label.setText(" ".join(messages))
        # Warm the embedded model in the background; a broken model is reported when needed.
        with contextlib.suppress(AideonError):
            self.assistant.local.preload()
        self._state_timer = QTimer()
        self._state_timer.timeout.connect(self.update_state)
        self._state_timer.start(500)

    # --------------------------------------------------------------------- tray
    def _make_tray(self) -> None:
        self.app.setQuitOnLastWindowClosed(False)
        tray = QSystemTrayIcon(app_icon("loading"), self.app)
        tray.setToolTip("Aideon — local-first AI")
        menu = QMenu()
        self.actions = {
            "chat": QAction("Open chat", menu),
            "quick": QAction(
                f"Quick prompt  ({hotkey_label(self.assistant.settings.hotkey)})", menu
            ),
            "usage": QAction("Usage && savings", menu),
            "settings": QAction("Settings…", menu),
            "offline": QAction("Offline mode (nothing leaves this device)", menu),
            "quit": QAction("Quit", menu),
        }
        self.actions["offline"].setCheckable(True)
        self.actions["offline"].setChecked(self.assistant.settings.offline)
        self.actions["chat"].triggered.connect(self.show_chat)
        self.actions["quick"].triggered.connect(self.show_quick_prompt)
        self.actions["usage"].triggered.connect(self.show_usage)
        self.actions["settings"].triggered.connect(self.show_settings)
        self.actions["offline"].toggled.connect(self.set_offline)
        self.actions["quit"].triggered.connect(self.app.quit)
        for key in ("chat", "quick", "usage", "settings"):
            menu.addAction(self.actions[key])
        menu.addSeparator()
        menu.addAction(self.actions["offline"])
        menu.addSeparator()
        menu.addAction(self.actions["quit"])
        tray.setContextMenu(menu)
        tray.activated.connect(
            lambda reason: (
                self.show_chat() if reason == QSystemTrayIcon.ActivationReason.Trigger else None
            )
        )
        tray.show()
        log.info("tray icon shown")
        QTimer.singleShot(
            1000, lambda: log.info("tray icon visible at %s", tray.geometry().getRect())
        )
        self._menu = menu
        self.tray = tray
        self.window.hidden_to_tray.connect(self._on_hidden)

    def state(self) -> str:
        if self.assistant.settings.offline:
            return "offline"
        if any(state == "open" for state in self.assistant.breakers.states().values()):
            return "degraded"
        local = self.assistant._local
        if local is not None and local.state == "loading":
            return "loading"
        return "ready"

    def update_state(self) -> None:
        if self.tray is None:
            return
        state = self.state()
        if getattr(self, "_shown_state", None) != state:
            self.tray.setIcon(app_icon(state))
            tips = {
                "ready": "ready",
                "loading": "loading the local model…",
                "offline": "offline mode",
                "degraded": "a cloud provider is down",
            }
            self.tray.setToolTip(f"Aideon — {tips[state]}")
            if state == "degraded":
                self.tray.showMessage(
                    "Aideon", "A cloud provider is failing; requests use the next option."
                )
            self._shown_state = state

    def _on_hidden(self) -> None:
        if self.tray is not None and not self._told_about_tray:
            self.tray.showMessage("Aideon is still running", "Open it again from the tray icon.")
            self._told_about_tray = True

    def _on_answer(self, answer: Answer) -> None:
        if self.tray is not None:
            for warning in answer.decision.warnings:
                self.tray.showMessage("Aideon budget", warning)

    # ------------------------------------------------------------------ windows
    def show_chat(self) -> None:
        self.window.refresh_conversations()
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def show_quick_prompt(self) -> None:
        from aideon_desktop.ui.quick_prompt import QuickPrompt

        if self._quick is None:
            self._quick = QuickPrompt(
                self.assistant, f"Hotkey: {hotkey_label(self.assistant.settings.hotkey)}"
            )
            self._quick.open_in_chat.connect(self._open_in_chat)
        self._quick.popup()

    def _open_in_chat(self, conversation_id: int) -> None:
        self.window.refresh_conversations()
        self.window.open_conversation(conversation_id)
        self.show_chat()

    def show_settings(self) -> None:
        from aideon_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.assistant, self.window)
        if dialog.exec() and self.tray is not None:
            self.actions["offline"].setChecked(self.assistant.settings.offline)

    def show_usage(self) -> None:
        from aideon_desktop.ui.usage_view import UsageView

        if self._usage is None:
            self._usage = UsageView(self.assistant.store)
        self._usage.refresh()
        self._usage.show()
        self._usage.raise_()

    def set_offline(self, offline: bool) -> None:
        settings = self.assistant.settings.model_copy(deep=True)
        settings.offline = offline
        with contextlib.suppress(OSError):
            save_settings(settings)
        self.assistant.apply_settings(settings)
        self.update_state()

    def handle_command(self, command: str) -> None:
        if command == "quick":
            self.show_quick_prompt()
        else:
            self.show_chat()

    def shutdown(self) -> None:
        self.hotkey.stop()
        self.assistant.close()


def run_app(
    argv: list[str] | None = None, *, command: str = "show", quit_after_s: float | None = None
) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv)
    if send_to_running_instance(command):
        return 0  # the running instance raises its window / opens the quick prompt
    from aideon_desktop.core.logs import setup_logging

    setup_logging()
    app.setApplicationName("Aideon")
    app.setWindowIcon(app_icon())
    server = InstanceServer()
    server.listen()
    try:
        tray_app = TrayApp(app)  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - show the reason instead of vanishing
        QMessageBox.critical(None, "Aideon could not start", str(exc))
        return 1
    server.command.connect(tray_app.handle_command)
    tray_app.handle_command(command)
    # Quit cleanly on SIGTERM/SIGINT (logout, `kill`, Ctrl+C): Python runs signal handlers only
    # between bytecodes, so a light timer keeps the interpreter ticking inside Qt's loop.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: app.quit())
    ticker = QTimer()
    ticker.timeout.connect(lambda: None)
    ticker.start(250)
    if quit_after_s is not None:
        QTimer.singleShot(int(quit_after_s * 1000), app.quit)
    code = app.exec()
    tray_app.shutdown()
    return code
