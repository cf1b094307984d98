"""A long message of yours (a pasted log, a 50,000-character document) shows collapsed: its
first lines and a "Show more" button that Tab reaches; "Show less" folds it again.  Copy and
Edit & resend always take the whole text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

COLLAPSED_LINES = 12
COLLAPSED_CHARS = 900  # a long line wraps: about 12 lines of a bubble at a usual width
SLACK = 1.3  # a message only a little longer than that is shown whole (nothing worth a click)


def collapsed_text(text: str) -> str | None:
    """The first COLLAPSED_LINES lines (at most COLLAPSED_CHARS, cut at a word) and "…";
    None when the message is short enough to show whole."""
    lines = text.splitlines()
    if len(lines) <= COLLAPSED_LINES + 2 and len(text) <= COLLAPSED_CHARS * SLACK:
        return None
    head = "\n".join(lines[:COLLAPSED_LINES])
    if len(head) > COLLAPSED_CHARS:
        space = head.rfind(" ", 0, COLLAPSED_CHARS)
        head = head[: space if space > COLLAPSED_CHARS // 2 else COLLAPSED_CHARS]
    return head.rstrip() + " …"


class ShowMoreButton(QToolButton):
    """ "Show more" under a collapsed message, "Show less" under an expanded one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("showMore")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.show_state(expanded=False, total=0)

    def show_state(self, *, expanded: bool, total: int) -> None:
        self.setText("Show less" if expanded else "Show more")
        self.setAccessibleName(self.text())
        self.setAccessibleDescription(
            "Fold this message to its first lines"
            if expanded
            else f"Show the whole message ({total:,} characters)"
        )
        self.setToolTip(self.accessibleDescription())
