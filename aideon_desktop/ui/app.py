"""The tray application: tray icon + menu, chat window, quick prompt on a global hotkey,
settings and usage windows, one instance per user."""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import sys
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QSystemTrayIcon

from aideon_desktop.core.resources import resource_path
from aideon_desktop.ui.gui_gc import GuiThreadCollector
from aideon_desktop.ui.single_instance import InstanceServer, send_to_running_instance

if TYPE_CHECKING:
    from aideon_desktop.api.server import ApiServer
    from aideon_desktop.core.answering import Answer
    from aideon_desktop.ui.chat_window import ChatWindow
    from aideon_desktop.ui.quick_prompt import QuickPrompt

# Start-up is two-phase: the tray icon appears first (Qt only), then the heavy parts (database,
# privacy rules, providers, chat window) are imported and built inside the running event loop.

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
    from aideon_desktop.core.hotkey_combos import to_key_sequence

    return to_key_sequence(combination)


class TrayApp:
    def __init__(self, app: QApplication, tray: QSystemTrayIcon | None) -> None:
        from aideon_desktop.core.answering import Assistant
        from aideon_desktop.core.config import load_settings
        from aideon_desktop.ui.hotkey import GlobalHotkey
        from aideon_desktop.ui.models_window import ModelsWindow
        from aideon_desktop.ui.settings_windows import SettingsWindows

        loaded = load_settings()
        self.app = app
        self.assistant = Assistant(loaded.settings)
        self._window: ChatWindow | None = None  # built when first shown: an idle tray stays small
        self._pending_status = ""
        self._quick = None
        self.models = ModelsWindow(self.assistant, lambda: self._window, app_icon())
        self.api: ApiServer | None = None  # the local API, when switched on from the tray
        self._shown_state: str | None = None
        self.tray: QSystemTrayIcon | None = None
        self._told_about_tray = False
        self.hotkey = GlobalHotkey(loaded.settings.hotkey)
        self.hotkey.activated.connect(self.show_quick_prompt)
        self.hotkey_ok = self.hotkey.start()
        self.windows = SettingsWindows(self)  # settings, welcome and usage, built on use
        messages = (
            [f"Settings problems (defaults used): {'; '.join(loaded.problems)}"]
            if loaded.problems
            else []
        )
        if not self.hotkey_ok and self.hotkey.error:
            messages.append(self.hotkey.error)
        if tray is not None:
            self._make_tray(tray)
        else:
            messages.append("No system tray on this desktop: Aideon runs in this window.")
            self.app.setQuitOnLastWindowClosed(True)
        self._pending_status = " ".join(messages)
        if self._pending_status and self.tray is not None:
            self.tray.showMessage("Aideon", self._pending_status)
        self._warmed = False  # the model and privacy tables load when a window first opens
        self._state_timer = QTimer()
        self._state_timer.timeout.connect(self.update_state)
        self._state_timer.start(500)
        # Built now, not on the first hotkey press, so the box opens at once and no typing is lost.
        QTimer.singleShot(0, self._quick_prompt)

    # --------------------------------------------------------------------- tray
    def _make_tray(self, tray: QSystemTrayIcon) -> None:
        self.app.setQuitOnLastWindowClosed(False)
        self._menu, self.actions = tray_menu(self)
        tray.setContextMenu(self._menu)
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
        self.tray = tray

    @property
    def window(self) -> ChatWindow:
        """The chat window, built on first use."""
        if self._window is None:
            from aideon_desktop.ui.chat_window import ChatWindow

            window = ChatWindow(self.assistant)
            window.setWindowIcon(app_icon())
            window.answered.connect(self._on_answer)
            window.feedback.connect(self._on_feedback)
            if self.tray is not None:
                window.hidden_to_tray.connect(self._on_hidden)
            else:
                window.hidden_to_tray.connect(lambda: self.app.exit(0))
            if self._pending_status:
                window.show_status(self._pending_status)
            window.suggestion.open_models.connect(lambda: self.models.open(recommended=True))
            window.suggestion.check()  # first run: suggest a better on-device model
            self._window = window
        return self._window

    def state(self) -> str:
        if self.assistant.settings.offline:
            return "offline"
        if any(state == "open" for state in self.assistant.breakers.states().values()):
            return "degraded"
        local = self.assistant.providers.local_if_built
        if local is not None and local.state == "loading":
            return "loading"
        return "ready"

    def update_state(self) -> None:
        if self.tray is None:
            return
        state = self.state()
        if self._shown_state != state:
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

    @staticmethod
    def _on_feedback(provider: str, model: str, task: str, verdict: str) -> None:
        """Thumbs and Regenerate teach routing (a few counts in a small local file)."""
        from aideon_desktop.core.routing import learning

        learning.record_feedback(provider, model, task, verdict)  # type: ignore[arg-type]

    def _on_answer(self, answer: Answer) -> None:
        if self.tray is not None:
            for warning in answer.decision.warnings:
                self.tray.showMessage("Aideon budget", warning)

    # ------------------------------------------------------------------ windows
    def warm_up(self) -> None:
        """Load the on-device model and the privacy tables in the background, once, when the user
        first opens a window: an idle tray app stays small, and by the time a prompt is typed the
        first answer need not wait.  A broken model is reported when it is needed."""
        if self._warmed:
            return
        self._warmed = True
        from aideon_desktop.core import privacy
        from aideon_desktop.core.errors import AideonError

        threading.Thread(target=privacy.prepare, name="aideon-privacy-prepare", daemon=True).start()
        local = self.assistant.settings.local
        if local.preload and local.engine == "embedded":  # Ollama / LM Studio load their own
            with contextlib.suppress(AideonError):
                self.assistant.providers.local.preload()

    def show_chat(self) -> None:
        self.warm_up()
        self.window.refresh_conversations()
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def _quick_prompt(self) -> QuickPrompt:
        from aideon_desktop.ui.quick_prompt import QuickPrompt

        if self._quick is None:
            self._quick = QuickPrompt(
                self.assistant, f"Hotkey: {hotkey_label(self.assistant.settings.hotkey)}"
            )
            self._quick.open_in_chat.connect(self._open_in_chat)
        return self._quick

    def show_quick_prompt(self) -> None:
        self.warm_up()
        self._quick_prompt().popup()

    def _open_in_chat(self, conversation_id: int) -> None:
        self.window.refresh_conversations()
        self.window.open_conversation(conversation_id)
        self.show_chat()

    def set_offline(self, offline: bool) -> None:
        from aideon_desktop.core.config import save_settings

        settings = self.assistant.settings.model_copy(deep=True)
        settings.offline = offline
        with contextlib.suppress(OSError):
            save_settings(settings)
        self.assistant.apply_settings(settings)
        self.update_state()

    def set_api(self, enabled: bool) -> None:
        """Start or stop `aideon serve` inside the app, on the same assistant."""
        from aideon_desktop.api.server import ApiServer

        if enabled and self.api is None:
            try:
                self.api = ApiServer(self.assistant)
            except OSError as exc:
                self.window.show_status(f"Problem: the local API could not start ({exc.strerror}).")
                self.actions["api"].setChecked(False)
                return
            self.api.start()
            if self.tray is not None:
                self.tray.showMessage(
                    "Aideon local API",
                    f"Listening on {self.api.url} — the token is in Settings → General.",
                )
        elif not enabled and self.api is not None:
            self.api.stop(wait=False)  # it winds down on its own thread; the GUI never waits
            self.api = None

    def handle_command(self, command: str) -> None:
        if command == "quick":
            self.show_quick_prompt()
        elif command != "tray" or self.tray is None:  # with no tray, the window is the app
            self.show_chat()
            if not self.assistant.settings.ui.welcome_seen:  # the first start a person sees
                QTimer.singleShot(0, self.windows.show_welcome)

    def shutdown(self) -> None:
        if self.api is not None:
            self.api.stop()
        self.hotkey.stop()
        self.models.close()  # downloads stop; the bytes so far are kept for a resume
        self.assistant.close()


def tray_menu(owner: TrayApp) -> tuple[QMenu, dict[str, QAction]]:
    """The tray icon's menu and its actions, wired to ``owner``."""
    menu = QMenu()
    hotkey = hotkey_label(owner.assistant.settings.hotkey)
    actions = {
        "chat": QAction("Open chat", menu),
        "quick": QAction(f"Quick prompt  ({hotkey})", menu),
        "usage": QAction("Usage && savings", menu),
        "settings": QAction("Settings…", menu),
        "models": QAction("Models…", menu),
        "welcome": QAction("Welcome && how Aideon works…", menu),
        "offline": QAction("Offline mode (nothing leaves this device)", menu),
        "api": QAction("Local API for other apps (OpenAI-compatible)", menu),
        "quit": QAction("Quit", menu),
    }
    actions["offline"].setCheckable(True)
    actions["offline"].setChecked(owner.assistant.settings.offline)
    actions["chat"].triggered.connect(owner.show_chat)
    actions["quick"].triggered.connect(owner.show_quick_prompt)
    actions["usage"].triggered.connect(owner.windows.show_usage)
    actions["settings"].triggered.connect(lambda: owner.windows.show_settings())
    actions["welcome"].triggered.connect(owner.windows.show_welcome)
    actions["models"].triggered.connect(lambda: owner.models.open())
    actions["offline"].toggled.connect(owner.set_offline)
    actions["api"].setCheckable(True)
    actions["api"].toggled.connect(owner.set_api)
    # exit(), not quit(): Qt 6's quit() asks every window to close, and the chat window
    # refuses (it hides to the tray) — so quit() would be vetoed.
    actions["quit"].triggered.connect(lambda: owner.app.exit(0))
    for key in ("chat", "quick", "usage", "settings", "models"):
        menu.addAction(actions[key])
    menu.addSeparator()
    menu.addAction(actions["offline"])
    menu.addAction(actions["api"])
    menu.addSeparator()
    help_menu = menu.addMenu("Help")
    help_menu.addAction(actions["welcome"])
    menu.addAction(actions["quit"])
    return menu, actions


def show_tray_icon(app: QApplication) -> QSystemTrayIcon | None:
    """Phase one: the icon, in the "loading" colour, before anything heavy is imported."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    tray = QSystemTrayIcon(app_icon("loading"), app)
    tray.setToolTip("Aideon — starting…")
    tray.show()
    log.info("tray icon shown")
    QTimer.singleShot(1000, lambda: log.info("tray icon visible at %s", tray.geometry().getRect()))
    return tray


def run_app(
    argv: list[str] | None = None, *, command: str = "show", quit_after_s: float | None = None
) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv)
    if send_to_running_instance(command):
        return 0  # the running instance raises its window / opens the quick prompt
    from aideon_desktop.core.logs import setup_logging

    setup_logging()
    wakeup = quit_on_signals(app)  # first, so a signal during start-up also quits cleanly
    app.setApplicationName("Aideon")
    app.setWindowIcon(app_icon())
    _collector = GuiThreadCollector(app)  # no Qt object is collected off the GUI thread
    server = InstanceServer()
    server.listen()
    tray = show_tray_icon(app)
    holder: dict[str, TrayApp] = {}

    def build() -> None:
        try:
            holder["app"] = TrayApp(app, tray)  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 - show the reason instead of vanishing
            QMessageBox.critical(None, "Aideon could not start", str(exc))
            app.exit(1)
            return
        server.command.connect(holder["app"].handle_command)
        holder["app"].handle_command(command)
        log.info("ready")

    QTimer.singleShot(0, build)
    if quit_after_s is not None:
        QTimer.singleShot(int(quit_after_s * 1000), lambda: app.exit(0))
    code = app.exec()
    if "app" in holder:
        holder["app"].shutdown()
    del wakeup
    return code


def quit_on_signals(app: QApplication) -> QSocketNotifier:
    """Quit cleanly on SIGTERM/SIGINT (logout, `kill`, Ctrl+C).  Qt's loop runs in C++, so the
    signal wakes it through a socket (signal.set_wakeup_fd) instead of waiting for Python code."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    for sig in (signal.SIGTERM, signal.SIGINT):
        # Posted, not called: a signal that arrives before the event loop starts still quits it.
        signal.signal(sig, lambda *_: QTimer.singleShot(0, lambda: app.exit(0)))
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)  # Python runs the handler as soon as we are back in it

    notifier.activated.connect(drain)
    notifier._sockets = (reader, writer)  # type: ignore[attr-defined]  # keep them open
    return notifier
