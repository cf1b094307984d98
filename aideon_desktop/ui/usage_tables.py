"""The usage window's numbers as tables: totals for today / this month / all time, and the report
by provider, by task and by day (the rows ``aideon usage --json`` prints)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
)

from aideon_desktop.core.providers import registry
from aideon_desktop.core.usage_series import format_usd

COLUMNS = ["Requests", "Tokens", "Cost", "Baseline", "Saved", "On device"]
NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # digits line up
TABLES = (
    ("By provider", "providers", "provider"),
    ("By task", "tasks", "task"),
    ("By day", "days", "day"),
)


def row_values(row: dict[str, Any]) -> list[str]:
    return [
        str(row["requests"]),
        f"{row['prompt_tokens'] + row['completion_tokens']:,}",
        format_usd(row["cost_usd"]),
        format_usd(row["baseline_cost_usd"]),
        format_usd(row["savings_usd"]),
        f"{row['kept_on_device_share']:.0%}" if row["requests"] else "—",  # no share of nothing
    ]


def provider_name(name: str) -> str:
    spec = registry.find(name)
    return spec.display_name if spec is not None else name


class TotalsBox(QGroupBox):
    """One row per period; labels are named ``total_<row>_<column>``."""

    def __init__(self) -> None:
        super().__init__("Totals")
        self.grid = QGridLayout(self)

    def show_totals(self, totals: dict[str, dict[str, Any]]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        # Tokens live in the tables: without them the box fits a small screen at 200 %.
        headers = [h for h in COLUMNS if h != "Tokens"]
        for col, header in enumerate(["", *headers, "Cache hits"]):
            self.grid.addWidget(
                QLabel(f"<b>{header}</b>"), 0, col, NUMBER if col else Qt.AlignmentFlag(0)
            )
        for row, (name, t) in enumerate(totals.items(), start=1):
            values = [v for h, v in zip(COLUMNS, row_values(t), strict=True) if h != "Tokens"]
            for col, value in enumerate([name, *values, str(t["cache_hits"])]):
                label = QLabel(value)
                label.setObjectName(f"total_{row}_{col}")
                if col:
                    label.setAlignment(NUMBER)
                self.grid.addWidget(label, row, col)


def fill_table(table: QTableWidget, rows: list[dict[str, Any]], field: str) -> None:
    if field == "day":
        rows = sorted(rows, key=lambda row: row["day"], reverse=True)  # today on top
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        name = provider_name(row[field]) if field == "provider" else row[field]
        for c, value in enumerate([name, *row_values(row)]):
            item = QTableWidgetItem(value)
            if c:
                item.setTextAlignment(NUMBER)
            table.setItem(r, c, item)


def make_tables() -> dict[str, QTableWidget]:
    tables = {}
    for name, _, _ in TABLES:
        table = QTableWidget(0, len(COLUMNS) + 1)
        table.setHorizontalHeaderLabels([name.removeprefix("By ").capitalize(), *COLUMNS])
        table.verticalHeader().hide()
        # compact rows, every column sharing the window's width (not half of it, at 1×)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # the day, provider or task is read whole; the numbers share what is left
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setMinimumSectionSize(64)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        tables[name] = table
    return tables
