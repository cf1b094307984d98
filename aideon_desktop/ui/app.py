"""The tray application: a tray icon with a menu, and the chat window behind it."""

from __future__ import annotations

import contextlib
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QSystemTrayIcon

from aideon_desktop.core.assistant import Assistant
from aideon_desktop.core.config import load_settings
from aideon_desktop.core.errors import AideonError
from aideon_desktop.ui.chat_window import ChatWindow


def app_icon() -> QIcon:
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#2b59c3"))
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


class TrayApp:
    def __init__(self, app: QApplication) -> None:
        loaded = load_settings()
        self.app = app
        self.assistant = Assistant(loaded.settings)
        self.window = ChatWindow(self.assistant)
        self.window.setWindowIcon(app_icon())
        self.tray: QSystemTrayIcon | None = None
        self._told_about_tray = False
        if loaded.problems:
            self.window.status_label.setText(
                "Settings problems (defaults used): " + "; ".join(loaded.problems)
            )
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._make_tray()
        else:
            self.window.status_label.setText(
                "No system tray on this desktop: Aideon runs in this window."
            )
            self.app.setQuitOnLastWindowClosed(True)
            self.window.hidden_to_tray.connect(self.app.quit)
        # Warm the embedded model in the background; a broken model is reported when needed.
        with contextlib.suppress(AideonError):
            self.assistant.local.preload()

    def _make_tray(self) -> None:
        self.app.setQuitOnLastWindowClosed(False)
        tray = QSystemTrayIcon(app_icon(), self.app)
        tray.setToolTip("Aideon — local-first AI")
        menu = QMenu()
        open_chat = QAction("Open chat", menu)
        open_chat.triggered.connect(self.show_chat)
        quit_action = QAction("Quit", menu)
        quit_action.triggered.connect(self.app.quit)
        menu.addAction(open_chat)
        menu.addSeparator()
        menu.addAction(quit_action)
        tray.setContextMenu(menu)
        tray.activated.connect(
            lambda reason: (
                self.show_chat() if reason == QSystemTrayIcon.ActivationReason.Trigger else None
            )
        )
        tray.show()
        self._menu = menu
        self.tray = tray
        self.window.hidden_to_tray.connect(self._on_hidden)

    def _on_hidden(self) -> None:
        if self.tray is not None and not self._told_about_tray:
            self.tray.showMessage("Aideon is still running", "Open it again from the tray icon.")
            self._told_about_tray = True

    def show_chat(self) -> None:
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()


def run_app(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv)
    app.setApplicationName("Aideon")
    app.setWindowIcon(app_icon())
    try:
        tray_app = TrayApp(app)  # type: ignore[arg-type]
    except Exception as exc:
        QMessageBox.critical(None, "Aideon could not start", str(exc))
        return 1
    tray_app.show_chat()
    code = app.exec()
    tray_app.assistant.close()
    return code
