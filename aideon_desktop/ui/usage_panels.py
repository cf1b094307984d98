"""The parts of the usage window around the charts: the share kept on device as a ring, period
totals, and budget progress bars that turn amber past the warning threshold."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QProgressBar, QWidget

from aideon_desktop.core.budget_bars import BudgetBar
from aideon_desktop.core.usage_series import format_usd
from aideon_desktop.ui.usage_charts import COLOURS, is_dark

BAR_COLOURS = {"ok": "#2f7d32", "warning": "#c25e00", "reached": "#b3261e", "none": "#8a8f98"}


class ShareRing(QWidget):
    """A ring filled to the share of requests answered on this device, the percentage inside."""

    def __init__(self) -> None:
        super().__init__()
        self.share = 0.0
        self.counted = False  # no request yet: "0%" would read as "everything went out"
        self.setMinimumSize(150, 150)
        self.setFixedHeight(220)
        self.setAccessibleName("Share kept on this device")

    def set_share(self, share: float, counted: bool = True) -> None:
        """``counted`` is False while there are no requests to take a share of."""
        self.share, self.counted = max(0.0, min(share, 1.0)), counted
        self.setToolTip(
            f"{self.share:.0%} of requests were answered on this device"
            if counted
            else "No requests yet"
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        side = min(self.width(), self.height()) - 16
        rect = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        track = QColor(text)
        track.setAlpha(40)
        painter.setPen(QPen(track, 14))
        painter.drawEllipse(rect)
        colour = QColor(COLOURS["dark" if is_dark(self) else "light"]["device"])
        pen = QPen(colour, 14)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawArc(rect, 90 * 16, -round(self.share * 360 * 16))
        painter.setPen(text)
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        painter.setFont(font)
        share = f"{self.share:.0%}" if self.counted else "—"
        painter.drawText(rect.adjusted(0, -10, 0, -10), Qt.AlignmentFlag.AlignCenter, share)
        font.setPointSizeF(font.pointSizeF() / 1.6)
        font.setBold(False)
        painter.setFont(font)
        caption = "on device" if self.counted else "no requests yet"
        painter.drawText(rect.adjusted(0, 30, 0, 30), Qt.AlignmentFlag.AlignCenter, caption)
        painter.end()


class BudgetProgress(QProgressBar):
    """A budget's bar with a tick where the warning starts (``warn_at``, a fraction)."""

    def __init__(self, bar: BudgetBar) -> None:
        super().__init__()
        self.warn_at = bar.warn_at if bar.cap else None
        self.setRange(0, 1000)
        self.setValue(round(bar.fraction * 1000))
        self.setTextVisible(False)
        self.setFixedHeight(12)
        colour = BAR_COLOURS[bar.state]
        self.setStyleSheet(
            "QProgressBar { border: 1px solid palette(mid); border-radius: 4px; }"
            f"QProgressBar::chunk {{ background: {colour}; border-radius: 3px; }}"
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self.warn_at is None:
            return
        painter = QPainter(self)
        x = round(1 + (self.width() - 2) * self.warn_at)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.WindowText), 2))
        painter.drawLine(x, 0, x, self.height())
        painter.end()


class BudgetBox(QGroupBox):
    """One progress bar per budget; amber past the warning threshold, red at the cap."""

    def __init__(self) -> None:
        super().__init__("Budgets")
        self.grid = QGridLayout(self)
        self.bars: dict[str, QProgressBar] = {}
        self.texts: dict[str, str] = {}

    def show_bars(self, bars: list[BudgetBar]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.bars, self.texts = {}, {}
        for row, bar in enumerate(bars):
            self.grid.addWidget(QLabel(bar.label), row, 0)
            progress = BudgetProgress(bar)
            text = (
                f"{format_usd(bar.spent)} of {format_usd(bar.cap)} (warning at {bar.warn_at:.0%})"
                if bar.cap
                else f"{format_usd(bar.spent)} — no cap (Settings → Routing & budgets)"
            )
            progress.setToolTip(text)
            progress.setAccessibleName(f"{bar.label} budget: {text}")
            self.grid.addWidget(progress, row, 1)
            self.grid.addWidget(QLabel(text), row, 2)
            self.bars[bar.label] = progress
            self.texts[bar.label] = text
        self.grid.setColumnStretch(1, 1)
