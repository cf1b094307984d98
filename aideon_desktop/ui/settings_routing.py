"""Settings → Routing & budgets: how answers are chosen (premium, fallbacks, how long the cloud
gets, the answer cache, what routing learned) and what may be spent."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSpinBox,
)

from aideon_desktop.core.config import Settings
from aideon_desktop.core.routing import learning
from aideon_desktop.ui.settings_widgets import SettingsPage


def _money_box(value: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, 100000)
    box.setDecimals(2)
    box.setPrefix("$")
    box.setSpecialValueText("no cap")
    box.setValue(value)
    return box


class WholeWhenRound(QDoubleSpinBox):
    """A number box that shows "30 s", not "30.0 s", keeping a fraction someone typed."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt API
        text = super().textFromValue(value)
        point = self.locale().decimalPoint()
        return text.rstrip("0").removesuffix(point) if point in text else text


def _number_box(value: float, low: float, high: float, suffix: str) -> QDoubleSpinBox:
    box = WholeWhenRound()
    box.setRange(low, high)
    box.setDecimals(1)
    box.setSuffix(suffix)
    box.setValue(value)
    return box


class RoutingPage(SettingsPage):
    title = "Routing & budgets"

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        routing = settings.routing
        self.never_premium = QCheckBox("Never use the Premium API")
        self.never_premium.setChecked(routing.never_premium)
        self.option(
            "",
            self.never_premium,
            "The Premium API is the priciest provider: with this on it is not used even when no "
            "cheaper model is good enough for a question.",
        )
        self.price_step = _number_box(routing.max_fallback_price_step, 1, 100, "× the price")
        self.option(
            "Fallback may cost up to",
            self.price_step,
            "When a model fails, the next one tried may cost at most this many times more.",
        )
        self.answer_budget = _number_box(routing.answer_budget_seconds, 1, 3600, " s")
        self.option(
            "Cloud answer wait",
            self.answer_budget,
            "How long a cloud model gets to start answering; then this device answers instead.",
        )
        self.cache_hours = _number_box(routing.cache_ttl_hours, 0, 24 * 365, " h")
        self.cache_hours.setSpecialValueText("no cache")
        self.option(
            "Reuse answers for",
            self.cache_hours,
            "The same question asked again within this time is answered from the cache, free.",
        )
        forget = QPushButton("Forget what routing learned…")
        forget.clicked.connect(self.forget_learning)
        self.forget_button = forget
        row = QHBoxLayout()
        row.addWidget(forget)
        row.addStretch(1)
        self.option(
            "",
            row,
            "Thumbs up/down and Regenerate teach routing which models suit you; this clears it "
            "at once.",
        )
        self._budgets(settings)

    def _budgets(self, settings: Settings) -> None:
        budgets = settings.budgets
        self.daily = _money_box(budgets.daily_usd)
        self.monthly = _money_box(budgets.monthly_usd)
        self.option("Daily budget", self.daily, "Paid models stop for the day at this amount.")
        self.option(
            "Monthly budget",
            self.monthly,
            "Paid models stop for the month at this amount; the local model always answers.",
        )
        self.warn_at = QSpinBox()
        self.warn_at.setRange(1, 100)
        self.warn_at.setSuffix(" %")
        self.warn_at.setValue(round(budgets.warn_at_fraction * 100))
        self.option(
            "Warn at", self.warn_at, "A notice says how much is left once this share is spent."
        )

    def forget_learning(self) -> None:
        answer = QMessageBox.question(
            self,
            "Forget what routing learned",
            "Forget every thumbs up/down and Regenerate on this device?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            learning.reset_learning()
            self.forget_button.setText("Forgotten")
            self.forget_button.setEnabled(False)

    def collect(self, data: dict[str, Any]) -> None:
        data["routing"].update(
            never_premium=self.never_premium.isChecked(),
            max_fallback_price_step=self.price_step.value(),
            answer_budget_seconds=self.answer_budget.value(),
            cache_ttl_hours=self.cache_hours.value(),
        )
        data["budgets"].update(
            daily_usd=self.daily.value(),
            monthly_usd=self.monthly.value(),
            warn_at_fraction=self.warn_at.value() / 100,
        )
