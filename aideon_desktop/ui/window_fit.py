"""Opening a window no larger than the free area of its screen, at any scale factor."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def fit_to_screen(
    window: QWidget, preferred: tuple[int, int], minimum: tuple[int, int], share: float
) -> None:
    """Size ``window`` to ``preferred`` or ``share`` of the screen's available area (taskbars
    excluded, window frame included), whichever is smaller, and centre it there."""
    screen = window.screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry().size() - window.geometry().size()
    width = min(preferred[0], int(area.width() * share) - frame.width())
    height = min(preferred[1], int(area.height() * share) - frame.height())
    window.resize(max(width, minimum[0]), max(height, minimum[1]))
    outer = window.frameGeometry()
    window.move(
        area.left() + (area.width() - outer.width()) // 2,
        area.top() + (area.height() - outer.height()) // 2,
    )
