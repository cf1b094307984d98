"""The chat's two questions to the user: a new title, and whether to delete a chat (by name)."""

from __future__ import annotations

import functools

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

RENAME_MIN_WIDTH = 420  # px: most titles show whole (Qt's default box cut them to a dozen letters)


def ask_title(parent: QWidget, current: str) -> str | None:
    """A new title for a chat, or None when cancelled or left blank.  The box is wide enough
    for a title, which is shown from its start and selected, ready to be typed over."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("Rename chat")
    dialog.setLabelText("New title:")
    dialog.setTextValue(current)
    width = dialog.fontMetrics().horizontalAdvance(current) + 80
    dialog.resize(
        max(RENAME_MIN_WIDTH, min(width, 2 * RENAME_MIN_WIDTH)), dialog.sizeHint().height()
    )
    field = dialog.findChild(QLineEdit)
    if field is not None:  # once shown (showing selects it with the cursor at the end)
        select = functools.partial(field.setSelection, len(current), -len(current))
        QTimer.singleShot(0, select)  # all selected, the cursor (and the view) at the start
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    title = dialog.textValue().strip()
    return title or None


def confirm_delete(parent: QWidget, title: str) -> bool:
    """Ask before deleting; the question names the chat.  Cancel is the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Delete chat")
    box.setText(f"Delete “{title}”?")
    box.setInformativeText("Its messages and cached answers are removed from this device.")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText("Delete")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes
