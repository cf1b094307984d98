"""Light or dark, following the system: the palette Qt was given decides (a test forces one)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QStyle, QWidget

from aideon_desktop.ui.theme import Scheme, Theme, load_theme


def system_scheme() -> Scheme:
    """Dark when the application palette's window colour is dark."""
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return "dark" if window.lightness() < 128 else "light"


def current_theme() -> Theme:
    return load_theme(system_scheme())


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property (``state``, ``kind``) changed."""
    style: QStyle = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    for child in widget.findChildren(QWidget):
        style.unpolish(child)
        style.polish(child)
