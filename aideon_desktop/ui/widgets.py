"""Small pieces the chat widgets share: icon buttons with accessible names, the "Copied" flash,
and a rich-text view that is exactly as tall as its text."""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QTextBrowser, QToolButton, QWidget

from aideon_desktop.ui.icons import icon
from aideon_desktop.ui.theme import Theme

FLASH_MS = 1500
SAFE_SCHEMES = ("http", "https", "mailto")


class IconButton(QToolButton):
    """A tool button with an icon, a tooltip, and a name a screen reader reads."""

    def __init__(
        self,
        icon_name: str,
        name: str,
        description: str = "",
        parent: QWidget | None = None,
        *,
        text: str = "",
    ) -> None:
        super().__init__(parent)
        self.icon_name = icon_name
        self.setToolTip(name)
        self.setAccessibleName(name)
        self.setAccessibleDescription(description or name)
        self.setIconSize(QSize(16, 16))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if text:
            self.setText(text)
            self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._resting_text = text
        self._color = ""

    def apply_theme(self, theme: Theme, color: str = "muted") -> None:
        self._color = theme.color(color)
        self.setIcon(icon(self.icon_name, self._color))

    def flash(self, text: str, icon_name: str = "check") -> None:
        """Say what just happened ("Copied") on the button itself for a moment."""
        self.setText(text)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        if self._color:
            self.setIcon(icon(icon_name, self._color))
        self.setAccessibleDescription(text)
        QTimer.singleShot(FLASH_MS, self._rest)

    def _rest(self) -> None:
        self.setText(self._resting_text)
        if not self._resting_text:
            self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        if self._color:
            self.setIcon(icon(self.icon_name, self._color))
        self.setAccessibleDescription(self.toolTip())


class ElidedLabel(QLabel):
    """A one-line label that may be narrower than its text: it ends in "…" where it is cut
    (``text()`` and the tooltip keep the whole text), so it never pushes or overlaps its
    neighbours in a narrow window."""

    ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(0, super().minimumSizeHint().height())

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        super().setText(text)
        self._update_tip()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._update_tip()

    def _elided(self) -> str:
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def _update_tip(self) -> None:
        """The whole text as a tooltip only while it is cut."""
        self.setToolTip(self.text() if self._elided() != self.text() else "")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(self.ALIGNMENT),
            self.palette(),
            self.isEnabled(),
            self._elided(),
            self.foregroundRole(),
        )


class ChipLabel(ElidedLabel):
    """A styled pill (border and background from the style sheet) as wide as its text where
    there is room, cut with "…" where there is not: a long route ("X failed → Y") never makes
    the transcript wider than the window.  Its tooltip is the one it is given."""

    ALIGNMENT = Qt.AlignmentFlag.AlignCenter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)

    def _update_tip(self) -> None:
        pass  # the owner sets a tooltip that says more than the text

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        self.drawFrame(painter)  # the pill's border
        painter.end()
        super().paintEvent(event)


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def open_safe_link(url: QUrl) -> None:
    """Links in answers open in the browser; other schemes (file:, data:…) are ignored."""
    if url.scheme().lower() in SAFE_SCHEMES:
        QDesktopServices.openUrl(url)


class FittedText(QTextBrowser):
    """Read-only rich text without its own scrolling: as tall as its document at its width."""

    fitted = Signal()  # its height changed

    def __init__(self, parent: QWidget | None = None, *, wrap: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("prose" if wrap else "codeView")
        self.setAccessibleName("Message text" if wrap else "Code")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setOpenLinks(False)
        self.anchorClicked.connect(open_safe_link)
        self.setTabChangesFocus(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff if wrap else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        if not wrap:
            self.setLineWrapMode(QTextBrowser.LineWrapMode.NoWrap)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(0 if wrap else 10)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self.horizontalScrollBar().rangeChanged.connect(self._fit)
        self._html = ""

    def show_html(self, html: str, css: str) -> None:
        """Show ``html`` styled by ``css``; nothing happens when neither changed."""
        if html == self._html and css == self.document().defaultStyleSheet():
            return
        self._html = html
        self.document().setDefaultStyleSheet(css)
        self.setHtml(html)
        self._fit()

    def _fit(self) -> None:
        height = math.ceil(self.document().size().height())
        bar = self.horizontalScrollBar()
        if bar.maximum() > 0:
            height += bar.sizeHint().height()
        margins = self.contentsMargins()
        height += margins.top() + margins.bottom()
        if height != self.height():
            self.setFixedHeight(max(height, 1))
            self.fitted.emit()
