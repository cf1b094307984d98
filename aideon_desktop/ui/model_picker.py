"""The model picker of a conversation: Auto, On this device (naming the local model), or one
cloud model from the catalogue.  Its value is a pin — ``None`` for Auto, else (provider,
model) — that the chat stores with ``Store.set_pin``.  Privacy outranks it: a private message
stays on this device whatever is picked."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from aideon_desktop.core.catalog import Catalog
from aideon_desktop.core.providers import registry
from aideon_desktop.core.routing import LOCAL, Route
from aideon_desktop.ui.transcript import short_route

Pin = tuple[str, str] | None
MAX_WIDTH = 320


def pin_key(pin: Pin) -> str:
    """A pin as the text stored in the list (Qt compares strings, not Python tuples)."""
    return "" if pin is None else f"{pin[0]}\x1f{pin[1]}"


def local_model_name(route: Route, catalog: Catalog) -> str:
    entry = catalog.find(LOCAL, route.model)
    return entry.name if entry is not None else short_route(route.display)


class ModelPicker(QComboBox):
    picked = Signal(object)  # the new pin, chosen by the user

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelPicker")
        self.setAccessibleName("Model for this chat")
        self.setAccessibleDescription(
            "Auto picks the best model for each message; private messages always stay on "
            "this device whatever is chosen"
        )
        self.setToolTip(self.accessibleDescription())
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        self.setMaximumWidth(MAX_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.activated.connect(lambda _index: self.picked.emit(self.pin()))

    def populate(self, catalog: Catalog, local: Route, enabled: set[str]) -> None:
        """List Auto, this device, and the catalogue's cloud models of the ``enabled``
        providers (those that can answer)."""
        current = self.pin()
        self.blockSignals(True)
        self.clear()
        self.addItem("Auto", pin_key(None))
        self.setItemData(0, "The best model for each message", 3)  # Qt.ToolTipRole
        self.addItem(
            f"On this device — {local_model_name(local, catalog)}", pin_key((LOCAL, local.model))
        )
        last_provider = ""
        for entry in catalog.model:
            if entry.provider == LOCAL or entry.provider not in enabled:
                continue
            if entry.provider != last_provider:  # the cloud models, grouped by provider
                self.insertSeparator(self.count())
                last_provider = entry.provider
            provider = _provider_name(entry.provider)
            self.addItem(entry.name, pin_key((entry.provider, entry.id)))
            price = f"${entry.input_per_million}/${entry.output_per_million} per 1M tokens"
            self.setItemData(self.count() - 1, f"{entry.name} at {provider}, {price}", 3)
        self.blockSignals(False)
        self.set_pin(current)

    def pin(self) -> Pin:
        key = self.currentData()
        if not key:
            return None
        provider, _, model = str(key).partition("\x1f")
        return (provider, model)

    def index_of(self, pin: Pin) -> int:
        return self.findData(pin_key(pin))

    def shown_text(self) -> str:
        """The chosen model's name as it fits the box: cut with "…", never mid-letter."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        return self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, field.width()
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def set_pin(self, pin: Pin) -> None:
        """Show ``pin`` without telling anyone (opening a chat, not a user's choice)."""
        self.blockSignals(True)
        index = 0
        if pin is not None:
            index = self.index_of(pin)
            if index < 0:
                self.addItem(f"{pin[1]} (not available now)", pin_key(pin))
                index = self.count() - 1
        self.setCurrentIndex(index)
        self.blockSignals(False)


def _provider_name(name: str) -> str:
    spec = registry.find(name)
    return spec.display_name if spec is not None else name
