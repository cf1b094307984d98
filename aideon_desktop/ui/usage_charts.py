"""The usage charts, drawn with pyqtgraph (imported when the usage window first opens, never at
start-up): spend and savings over time, requests by route, spend by provider and by task.  Each
chart keeps the pyqtgraph items it drew, so tests read back exactly what is on screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from aideon_desktop.core.usage_series import TimeSeries, format_usd

COLOURS = {
    "light": {"spend": "#2b59c3", "savings": "#2f7d32", "bar": "#2b59c3", "device": "#2f7d32"},
    "dark": {"spend": "#7aa2f7", "savings": "#73c991", "bar": "#7aa2f7", "device": "#73c991"},
}


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def _money_axis(pg: Any, orientation: str) -> Any:
    """A value axis whose ticks read $0.000027, not 2.7e-05."""

    class MoneyAxis(pg.AxisItem):  # type: ignore[misc, name-defined]
        def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
            return [format_usd(v * scale) for v in values]

    return MoneyAxis(orientation=orientation)


class Chart:
    """One titled plot: the pyqtgraph widget plus the items drawn on it."""

    def __init__(self, pg: Any, title: str, money: bool, host: QWidget) -> None:
        self.pg = pg
        axes = {"left": _money_axis(pg, "left")} if money else {}
        self.widget = pg.PlotWidget(axisItems=axes)
        self.widget.setMinimumHeight(190)
        self.widget.setMenuEnabled(False)
        self.widget.setMouseEnabled(x=False, y=False)
        self.widget.hideButtons()
        self.title = title
        self.money = money
        self.items: dict[str, Any] = {}
        self.labels: list[str] = []
        self.apply_palette(host)

    def apply_palette(self, host: QWidget) -> None:
        palette = host.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        self.widget.setBackground(palette.color(QPalette.ColorRole.Base))
        self.widget.setTitle(self.title, color=text.name(), size="10pt")
        for name in ("left", "bottom"):
            axis = self.widget.getAxis(name)
            axis.setTextPen(text)
            axis.setPen(QColor(text.red(), text.green(), text.blue(), 120))

    def clear(self) -> None:
        self.widget.clear()
        self.items = {}

    def _categories(self, labels: list[str]) -> None:
        self.labels = labels
        axis = self.widget.getAxis("bottom")
        step = max(1, len(labels) // 8)  # at most ~8 labels: readable at any width
        axis.setTicks([[(i, text) for i, text in enumerate(labels) if i % step == 0]])

    def bars(self, labels: list[str], values: list[float], colour: str) -> None:
        """One bar per label, its value written above it."""
        self.clear()
        self._categories(labels)
        item = self.pg.BarGraphItem(
            x=list(range(len(values))), height=values, width=0.6, brush=colour, pen=colour
        )
        self.widget.addItem(item)
        self.items["bars"] = item
        text_colour = self.widget.getAxis("bottom").textPen().color()
        for i, value in enumerate(values):
            shown = format_usd(value) if self.money else f"{value:g}"
            label = self.pg.TextItem(shown, color=text_colour, anchor=(0.5, 1.0))
            label.setPos(i, value)
            self.widget.addItem(label)
        self.widget.setXRange(-0.6, max(len(values), 1) - 0.4, padding=0)
        self.widget.setYRange(0, (max(values, default=0) or 1) * 1.25, padding=0)

    def lines(self, series: TimeSeries, colours: dict[str, str]) -> None:
        """Spend and savings per period, with a legend."""
        self.clear()
        self._categories(series.labels)
        self.widget.addLegend(offset=(10, 10))
        x = list(range(len(series.labels)))
        for name, values in (("spend", series.spend), ("savings", series.savings)):
            pen = self.pg.mkPen(colours[name], width=2)
            item = self.widget.plot(
                x,
                values,
                pen=pen,
                symbol="o",
                symbolSize=6,
                symbolBrush=colours[name],
                symbolPen=colours[name],
                name="Spent" if name == "spend" else "Saved",
            )
            self.items[name] = item
        top = max([*series.spend, *series.savings, 0]) or 1
        self.widget.setYRange(min([*series.savings, 0]), top * 1.15, padding=0)
        self.widget.setXRange(-0.3, max(len(x) - 1, 1) + 0.3, padding=0)


def make_chart(title: str, money: bool, host: QWidget) -> Chart:
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True)
    return Chart(pg, title, money, host)
