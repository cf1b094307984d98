"""Usage & savings: totals for today / this month / all time, breakdowns, CSV export."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aideon_desktop.core.store import Store
from aideon_desktop.core.store.usage_report import build_report, to_csv

COLUMNS = ["requests", "tokens", "cost", "premium baseline", "saved", "on device"]


def _money(value: float) -> str:
    return f"${value:,.4f}" if value < 1 else f"${value:,.2f}"


def period_starts(now: datetime | None = None) -> dict[str, datetime | None]:
    local = (now or datetime.now()).astimezone()
    day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return {
        "Today": day.astimezone(UTC),
        "This month": day.replace(day=1).astimezone(UTC),
        "All time": None,
    }


class UsageView(QWidget):
    def __init__(self, store: Store | None) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle("Aideon — usage & savings")
        self.resize(760, 520)
        self.totals_box = QGroupBox("Totals")
        self.totals_grid = QGridLayout(self.totals_box)
        self.tables = {
            name: QTableWidget(0, len(COLUMNS) + 1) for name in ("By provider", "By task", "By day")
        }
        tabs = QTabWidget()
        for name, table in self.tables.items():
            table.setHorizontalHeaderLabels([name.removeprefix("By ").capitalize(), *COLUMNS])
            table.verticalHeader().hide()
            tabs.addTab(table, name)
        refresh = QPushButton("Refresh")
        refresh.clicked.connect(self.refresh)
        export = QPushButton("Export CSV…")
        export.clicked.connect(self.export_csv)
        self.message = QLabel("")
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(refresh)
        buttons.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addWidget(self.totals_box)
        layout.addWidget(tabs, 1)
        layout.addLayout(buttons)
        self.refresh()

    def totals(self) -> dict[str, dict]:
        if self.store is None:
            return {}
        return {
            name: build_report(self.store.usage_rows(since)).as_dict()["totals"]
            for name, since in period_starts().items()
        }

    def refresh(self) -> None:
        while self.totals_grid.count():
            item = self.totals_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for col, header in enumerate(["", *COLUMNS, "cache hits"]):
            self.totals_grid.addWidget(QLabel(f"<b>{header}</b>"), 0, col)
        for row, (name, t) in enumerate(self.totals().items(), start=1):
            values = [
                name,
                str(t["requests"]),
                f"{t['prompt_tokens'] + t['completion_tokens']:,}",
                _money(t["cost_usd"]),
                _money(t["baseline_cost_usd"]),
                _money(t["savings_usd"]),
                f"{t['kept_on_device_share']:.0%}",
                str(t["cache_hits"]),
            ]
            for col, value in enumerate(values):
                label = QLabel(value)
                label.setObjectName(f"total_{row}_{col}")
                self.totals_grid.addWidget(label, row, col)
        report = build_report(self.store.usage_rows() if self.store else []).as_dict()
        for name, key, field in (
            ("By provider", "providers", "provider"),
            ("By task", "tasks", "task"),
            ("By day", "days", "day"),
        ):
            table = self.tables[name]
            rows = report[key]
            table.setRowCount(len(rows))
            for r, row in enumerate(rows):
                values = [
                    row[field],
                    str(row["requests"]),
                    f"{row['prompt_tokens'] + row['completion_tokens']:,}",
                    _money(row["cost_usd"]),
                    _money(row["baseline_cost_usd"]),
                    _money(row["savings_usd"]),
                    f"{row['kept_on_device_share']:.0%}",
                ]
                for c, value in enumerate(values):
                    table.setItem(r, c, QTableWidgetItem(value))
            table.resizeColumnsToContents()
        if self.store is not None and self.store.unavailable:
            self.message.setText(self.store.unavailable)

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
