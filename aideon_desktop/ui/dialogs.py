"""The chat's two questions to the user: a new title, and whether to delete a chat (by name)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget


def ask_title(parent: QWidget, current: str) -> str | None:
    """A new title for a chat, or None when cancelled or left blank."""
    title, ok = QInputDialog.getText(parent, "Rename chat", "New title:", text=current)
    return title.strip() if ok and title.strip() else None


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
