"""The usage charts, drawn with pyqtgraph (imported when the usage window first opens, never at
start-up): spend and savings over time, requests by route, spend by provider and by task.  Each
chart keeps the pyqtgraph items it drew, so tests read back exactly what is on screen."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from aideon_desktop.core.usage_series import TimeSeries, format_usd

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
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

    def __init__(
        self, pg: Any, title: str, money: bool, host: QWidget, horizontal: bool = False
    ) -> None:
        self.pg = pg
        self.horizontal = horizontal  # bars across, labels down the left: long names fit
        value_axis = "bottom" if horizontal else "left"
        axes = {value_axis: _money_axis(pg, value_axis)} if money else {}
        self.widget = pg.PlotWidget(axisItems=axes)
        self.widget.setFixedHeight(220)
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

    def _categories(self, labels: list[str], shown: list[str] | None = None) -> None:
        self.labels = labels
        axis = self.widget.getAxis("left" if self.horizontal else "bottom")
        step = max(1, math.ceil(len(labels) / 6))  # at most 6 labels: readable at any width
        texts = shown or labels
        axis.setTicks([[(i, texts[i]) for i in range(0, len(labels), step)]])

    def bars(self, labels: list[str], values: list[float], colour: str) -> None:
        """One bar per label, its value written at its end."""
        self.clear()
        self._categories(labels)
        places = list(range(len(values)))
        if self.horizontal:
            item = self.pg.BarGraphItem(
                x0=0, y=places, width=values, height=0.6, brush=colour, pen=colour
            )
        else:
            item = self.pg.BarGraphItem(
                x=places, height=values, width=0.6, brush=colour, pen=colour
            )
        self.widget.addItem(item)
        self.items["bars"] = item
        self._value_labels(values)
        top = (max(values, default=0) or 1) * (1.45 if self.horizontal else 1.25)
        span = (-0.6, max(len(values), 1) - 0.4)
        self.widget.setXRange(*((0, top) if self.horizontal else span), padding=0)
        self.widget.setYRange(*(span if self.horizontal else (0, top)), padding=0)
        if self.horizontal:
            self.widget.getViewBox().invertY(True)  # the first label on top

    def _value_labels(self, values: list[float]) -> None:
        text_colour = self.widget.getAxis("bottom").textPen().color()
        anchor = (-0.05, 0.5) if self.horizontal else (0.5, 1.0)
        for i, value in enumerate(values):
            shown = format_usd(value) if self.money else f"{value:g}"
            label = self.pg.TextItem(shown, color=text_colour, anchor=anchor)
            label.setPos(*((value, i) if self.horizontal else (i, value)))
            self.widget.addItem(label)

    def values(self) -> list[float]:
        """The numbers the bars were drawn with, read back from the plot item."""
        opts = self.items["bars"].opts
        return [float(v) for v in opts["width" if self.horizontal else "height"]]

    def lines(self, series: TimeSeries, colours: dict[str, str]) -> None:
        """Spend and savings per period; the title is the legend (nothing covers the lines)."""
        self.clear()
        self._categories(series.labels, [short_label(label) for label in series.labels])
        text = self.widget.getAxis("bottom").textPen().color().name()
        self.widget.setTitle(
            f"<span style='color:{colours['spend']}'>● Spent</span> &nbsp; "
            f"<span style='color:{colours['savings']}'>● Saved</span> "
            f"<span style='color:{text}'>compared with the baseline</span>",
            size="10pt",
        )
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


def short_label(label: str) -> str:
    """2026-11-07 → "Nov 7", 2026-11 → "Nov 2026" (axis ticks; the data keeps ISO labels)."""
    parts = label.split("-")
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {int(parts[2])}" if len(parts) == 3 else f"{month} {parts[0]}"


def make_chart(title: str, money: bool, host: QWidget, horizontal: bool = False) -> Chart:
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True)
    return Chart(pg, title, money, host, horizontal)
