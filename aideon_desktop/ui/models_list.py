"""The scrolling list of model rows in the Models page.  Rows are kept across refreshes (a
download in progress keeps its bar) and follow the order of the overview."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from aideon_desktop.core.local_models.choices import ModelChoice
from aideon_desktop.core.local_models.overview import Overview
from aideon_desktop.ui.models_row import ModelRow


class ModelList(QScrollArea):
    download_requested = Signal(str)
    cancel_requested = Signal(str)
    use_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelList")
        self.setAccessibleName("Models you can use on this device")
        self.rows: dict[str, ModelRow] = {}
        self.column = QVBoxLayout()
        self.column.setContentsMargins(0, 0, 6, 0)
        self.column.setSpacing(8)
        self.column.addStretch(1)
        content = QWidget()
        content.setObjectName("modelListContent")
        content.setLayout(self.column)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)

    def row(self, key: str) -> ModelRow | None:
        return self.rows.get(key)

    def show_overview(self, overview: Overview, keep: Callable[[str], bool]) -> None:
        """One row per choice, in order; a row whose model vanished goes unless ``keep(key)``
        (its download still runs)."""
        best = overview.recommended.key if overview.recommended else None
        for key in [k for k in self.rows if overview.choice(k) is None and not keep(k)]:
            row = self.rows.pop(key)
            self.column.removeWidget(row)
            row.deleteLater()
        for index, choice in enumerate(overview.choices):
            row = self.rows.get(choice.key)
            if row is None:
                row = self.rows[choice.key] = self._new_row(choice)
            else:
                self.column.removeWidget(row)
            row.show_choice(choice, choice.key == best)
            self.column.insertWidget(index, row)

    def _new_row(self, choice: ModelChoice) -> ModelRow:
        row = ModelRow(choice)
        row.download_requested.connect(self.download_requested)
        row.cancel_requested.connect(self.cancel_requested)
        row.use_requested.connect(self.use_requested)
        row.delete_requested.connect(self.delete_requested)
        return row
