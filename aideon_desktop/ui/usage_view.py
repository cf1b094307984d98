"""Usage & savings: charts of spend and savings over time, requests by route, spend by provider
and by task, the share kept on device; totals, budget bars, what "baseline" means, tables and
CSV export.  The store is read off the GUI thread; the numbers are the ``aideon usage --json``
report's (``core.usage_series``)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.budget_bars import BudgetBar, budget_bars
from aideon_desktop.core.config import BudgetSettings
from aideon_desktop.core.store import Store
from aideon_desktop.core.store.usage_report import build_report, to_csv
from aideon_desktop.core.usage_series import (
    PERIODS,
    UsageSeries,
    baseline_explanation,
    usage_series,
)
from aideon_desktop.ui.settings_widgets import hint, run_in_background
from aideon_desktop.ui.usage_charts import COLOURS, Chart, is_dark, make_chart
from aideon_desktop.ui.usage_panels import BudgetBox, ShareRing
from aideon_desktop.ui.usage_tables import TABLES, TotalsBox, fill_table, make_tables, provider_name
from aideon_desktop.ui.window_fit import fit_to_screen

NO_USAGE = "No answers yet: the totals and charts fill in as you chat."


def period_starts(now: datetime | None = None) -> dict[str, datetime | None]:
    local = (now or datetime.now()).astimezone()
    day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return {
        "Today": day.astimezone(UTC),
        "This month": day.replace(day=1).astimezone(UTC),
        "All time": None,
    }


@dataclass(frozen=True)
class UsageSnapshot:
    totals: dict[str, dict[str, Any]]  # period → totals
    report: dict[str, Any]  # all time, as `aideon usage --json` prints it
    series: UsageSeries
    budgets: list[BudgetBar]
    problem: str | None


def read_usage(store: Store | None, budgets: BudgetSettings) -> UsageSnapshot:
    """Everything the window shows, from the database (run off the GUI thread)."""
    if store is None:
        report = build_report([]).as_dict()
        return UsageSnapshot({}, report, usage_series(report), [], "History is off.")
    report = build_report(store.usage_rows()).as_dict()
    totals = {
        name: build_report(store.usage_rows(since)).as_dict()["totals"]
        if since
        else report["totals"]
        for name, since in period_starts().items()
    }
    bars = budget_bars(budgets, store.spend())
    return UsageSnapshot(totals, report, usage_series(report), bars, store.unavailable)


class UsageView(QWidget):
    loaded = Signal()

    def __init__(self, assistant: Assistant) -> None:
        super().__init__()
        self.assistant = assistant
        self.store = assistant.store
        self.snapshot: UsageSnapshot | None = None
        self._pending: object | None = None
        self._placed = False
        self.setWindowTitle("Aideon — usage & savings")
        self.totals_box = TotalsBox()
        self.budget_box = BudgetBox()
        self.baseline = hint(baseline_explanation(assistant.catalog))
        self.tables = make_tables()
        tabs = QTabWidget()
        tabs.addTab(self._overview(), "Overview")
        for name, table in self.tables.items():
            tabs.addTab(table, name)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addLayout(self._buttons())
        self.refresh()

    def _overview(self) -> QScrollArea:
        """Totals, the baseline sentence, charts and budgets: one page that scrolls as a whole,
        so a small screen still shows every part."""
        self.period = QComboBox()
        for period in PERIODS:
            self.period.addItem(f"By {period}", period)  # as the tabs say "By day"
        self.period.setAccessibleName("Spend and savings chart period")
        self.period.currentIndexChanged.connect(lambda _: self._draw_time())
        self.charts: dict[str, Chart] = {}  # built once pyqtgraph is imported (off-thread)
        self.ring = ShareRing()
        page = QWidget()
        self.grid = grid = QGridLayout(page)
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        grid.addWidget(self.totals_box, 0, 0, 1, 2)
        grid.addWidget(self.baseline, 1, 0, 1, 2)
        grid.addWidget(self.budget_box, 2, 0, 1, 2)
        grid.addWidget(self.period, 3, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.ring, 5, 1)
        grid.setRowStretch(7, 1)  # while the numbers load, the boxes keep their size
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        return scroll

    def _build_charts(self) -> None:
        """The plots, once: pyqtgraph is already imported by then (see ``refresh``)."""
        if self.charts:
            return
        self.charts = {
            "time": make_chart("Spent and saved", True, self),
            "route": make_chart("Requests by route", False, self),
            "provider": make_chart("Spend by provider", True, self, horizontal=True),
            "task": make_chart("Spend by task", True, self, horizontal=True),
        }
        for name, place in (
            ("time", (4, 0, 1, 2)),
            ("route", (5, 0, 1, 1)),
            ("provider", (6, 0, 1, 1)),
            ("task", (6, 1, 1, 1)),
        ):
            self.grid.addWidget(self.charts[name].widget, *place)

    def _buttons(self) -> QHBoxLayout:
        refresh = QPushButton("Refresh")
        refresh.clicked.connect(self.refresh)
        export = QPushButton("Export CSV…")
        export.clicked.connect(self.export_csv)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(refresh)
        buttons.addWidget(export)
        return buttons

    def place_on_screen(self) -> None:
        """Sized to the screen and fully on it (never half off-screen beside the tray)."""
        if not self._placed:
            fit_to_screen(self, (960, 860), (560, 420), 0.9)
            self._placed = True

    def refresh(self) -> None:
        """Read the store on the thread pool; ``loaded`` fires once the window shows it."""
        budgets = self.assistant.settings.budgets
        self.message.setText("Reading usage…")
        store = self.store

        def read() -> UsageSnapshot:
            importlib.import_module("pyqtgraph")  # about a second, the first time: not on the GUI
            return read_usage(store, budgets)

        self._pending = run_in_background(read, self._show, self.message.setText)

    def totals(self) -> dict[str, dict[str, Any]]:
        return self.snapshot.totals if self.snapshot else {}

    def _show(self, snapshot: UsageSnapshot) -> None:
        self.snapshot = snapshot
        self._build_charts()
        empty = not snapshot.report["totals"]["requests"]
        self.message.setText(snapshot.problem or (NO_USAGE if empty else ""))
        self.totals_box.show_totals(snapshot.totals)
        self.budget_box.show_bars(snapshot.budgets)
        for name, key, field in TABLES:
            fill_table(self.tables[name], snapshot.report[key], field)
        self._draw()
        self.loaded.emit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Light or dark: the charts follow the system palette."""
        if event.type() == QEvent.Type.PaletteChange and self.snapshot is not None:
            self._draw()
        super().changeEvent(event)

    def _colours(self) -> dict[str, str]:
        return COLOURS["dark" if is_dark(self) else "light"]

    def _draw_time(self) -> None:
        if self.snapshot is not None:
            period = self.period.currentData()
            self.charts["time"].lines(self.snapshot.series.over_time[period], self._colours())

    def _draw(self) -> None:
        series, colour = self.snapshot.series, self._colours()["bar"]  # type: ignore[union-attr]
        for chart in self.charts.values():
            chart.apply_palette(self)
        self._draw_time()
        routes = series.requests_by_route
        self.charts["route"].bars(list(routes), [float(v) for v in routes.values()], colour)
        by_provider = series.spend_by_provider
        self.charts["provider"].bars(
            [provider_name(p) for p in by_provider], list(by_provider.values()), colour
        )
        by_task = series.spend_by_task
        self.charts["task"].bars(list(by_task), list(by_task.values()), colour)
        self.ring.set_share(series.kept_on_device_share, bool(sum(routes.values())))

    def export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export usage", "aideon-usage.csv", "CSV (*.csv)"
        )
        if not path or self.store is None:
            return
        try:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(to_csv(self.store.usage_rows()))
        except OSError as exc:
            self.message.setText(f"Problem: Could not write {path}: {exc.strerror}")
            return
        self.message.setText(f"Exported to {path}")
