"""Small parts the settings pages are built from: an option with its one-line explanation, a
page that lays options out, and a call run on Qt's thread pool whose result comes back on the
GUI thread (connection tests and model checks never block the window)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLayout, QVBoxLayout, QWidget

from aideon_desktop.core.errors import AideonError
from aideon_desktop.core.logs import mask_secrets


def hint(text: str) -> QLabel:
    """A one-line explanation under an option (smaller, secondary colour, wraps)."""
    label = QLabel(text)
    label.setObjectName("settingsHint")
    label.setWordWrap(True)
    label.setStyleSheet("QLabel#settingsHint { color: palette(placeholder-text); }")
    font = label.font()
    font.setPointSizeF(max(font.pointSizeF() * 0.9, 7.0))
    label.setFont(font)
    return label


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def link_colour(widget: QWidget) -> str:
    """The palette's link colour, or its highlight where the link would be hard to read (a
    dark scheme whose palette keeps the default dark-blue link): WCAG contrast below 3:1."""
    palette = widget.palette()
    window = _luminance(palette.color(QPalette.ColorRole.Window))
    link = palette.color(QPalette.ColorRole.Link)
    lighter, darker = sorted((_luminance(link), window), reverse=True)
    if (lighter + 0.05) / (darker + 0.05) < 3:
        link = palette.color(QPalette.ColorRole.Highlight)
    return link.name()


class StatusLine(QLabel):
    """Where a check reports ("OK: …" / "Problem: …"): selectable, hidden while empty."""

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.setObjectName("settingsStatus")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.setVisible(bool(text))
        self.setStyleSheet(verdict_style(self, text))


VERDICT_COLOURS = {  # (light, dark) scheme
    "Problem": ("#b3261e", "#f2b8b5"),
    "OK": ("#2f7d32", "#8fd19e"),
}


def verdict_style(widget: QWidget, text: str) -> str:
    """Red for "Problem: …", green for "OK: …", the normal text colour otherwise."""
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    for start, colours in VERDICT_COLOURS.items():
        if text.startswith(start):
            return f"color: {colours[dark]};"
    return ""


def status_label(text: str = "") -> QLabel:
    return StatusLine(text)


class SettingsPage(QWidget):
    """One page of the dialog: a form of options, each with its explanation underneath.

    Pages fill the settings dict in ``collect``; ``problem`` says why saving must wait (a check
    still running, a refused file); ``commit`` stores what is not in settings.toml (keys)."""

    title = ""
    settled = Signal()  # a check that ``pending`` waited for has finished

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        outer.addStretch(1)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

    def option(
        self,
        label: str,
        field: QWidget | QLayout,
        explanation: str,
        status: QLabel | None = None,
    ) -> QLabel:
        """A labelled option (``label`` may be empty for a checkbox), its explanation (whose
        label is returned, to change it with the value) and a status line under both."""
        box = QVBoxLayout()
        box.setSpacing(2)
        if isinstance(field, QLayout):
            box.addLayout(field)
        else:
            box.addWidget(field)
        explained = hint(explanation)
        box.addWidget(explained)
        if status is not None:
            box.addWidget(status)
        if label:
            self.form.addRow(label, box)
        else:
            self.form.addRow(box)
        return explained

    def explained_choice(self, label: str, combo: QComboBox, texts: dict[str, str]) -> QLabel:
        """A drop-down whose explanation follows the chosen value."""
        shown = self.option(label, combo, texts[combo.currentData() or combo.currentText()])
        combo.currentIndexChanged.connect(
            lambda _: shown.setText(texts[combo.currentData() or combo.currentText()])
        )
        return shown

    def collect(self, data: dict[str, Any]) -> None:
        """Write this page's values into ``data`` (a ``Settings.model_dump()``)."""

    def pending(self) -> str | None:
        """What is still being checked (Save waits for ``settled``), or None."""
        return None

    def problem(self) -> str | None:
        return None

    def commit(self) -> str | None:
        """Store what lives outside the settings file; a sentence when it failed."""
        return None


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Call(QRunnable):
    def __init__(self, call: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._call, self._relay = call, relay

    def run(self) -> None:
        try:
            result = self._call()
        except AideonError as exc:
            self._relay.failed.emit(mask_secrets(str(exc)))
        except Exception as exc:  # noqa: BLE001 - the window must hear about every failure
            self._relay.failed.emit(mask_secrets(f"Unexpected error: {type(exc).__name__}: {exc}"))
        else:
            self._relay.done.emit(result)


def run_in_background(
    call: Callable[[], Any], on_done: Callable[[Any], None], on_failed: Callable[[str], None]
) -> QObject:
    """Run ``call`` on the thread pool; ``on_done(result)`` or ``on_failed(message)`` runs on
    the GUI thread.  Keep the returned object until then (it carries the result across)."""
    relay = _Relay()
    relay.done.connect(on_done)
    relay.failed.connect(on_failed)
    QThreadPool.globalInstance().start(_Call(call, relay))
    return relay
