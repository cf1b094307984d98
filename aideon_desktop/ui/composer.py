"""Where a message is written: the privacy chip (fixed height), the message box, and one row
of controls — model picker, masking, Stop and Send.  Nothing here changes size when the chip's
text changes, so no control ever moves under the user's pointer.  In a short window
(``set_short``) it is compact: tighter spacing, a slimmer chip, a message box that starts one
line tall and grows to three."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from aideon_desktop.ui.draft_edit import DraftEdit
from aideon_desktop.ui.icons import icon
from aideon_desktop.ui.model_picker import ModelPicker
from aideon_desktop.ui.privacy_chip import PrivacyChip
from aideon_desktop.ui.theme import Theme

CONTROL_SPACING = 6
MARGINS, SHORT_MARGINS = (12, 6, 12, 10), (12, 2, 12, 6)
SPACING, SHORT_SPACING = 6, 3
MASK_LABEL, MASK_SHORT = "Mask private values", "Mask"  # the short one in a narrow window
MASK_HELP = (
    "Replace card numbers, IDs, bank details, secrets and contact details by placeholders and "
    "send the rest to the cloud; the answer is restored on this device. Health, legal and "
    "business matters always stay on this device."
)


class Composer(QWidget):
    send_requested = Signal()
    stop_requested = Signal()

    def __init__(
        self,
        theme: Theme,
        ctrl_enter_sends: Callable[[], bool],
        mask_by_default: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.chip = PrivacyChip(theme)
        self.draft = DraftEdit(ctrl_enter_sends)
        self.draft.submitted.connect(self.send_requested)
        self.picker = ModelPicker()
        self.mask = QCheckBox(MASK_LABEL)
        self.mask.setObjectName("maskToggle")
        self.mask.setToolTip(MASK_HELP)
        self.mask.setAccessibleName("Mask private values and use the cloud")
        self.mask.setAccessibleDescription(MASK_HELP)
        self.mask.setChecked(mask_by_default)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setAccessibleName("Stop")
        self.stop_button.setAccessibleDescription("Stop the answer being written (Esc)")
        self.stop_button.setToolTip("Stop the answer (Esc)")
        self.stop_button.clicked.connect(self.stop_requested)
        self.send_button = QPushButton("Send")
        self.send_button.setObjectName("sendButton")
        self.send_button.setAccessibleName("Send")
        self.send_button.setAccessibleDescription("Send the message")
        self.send_button.clicked.connect(self.send_requested)
        for button in (self.stop_button, self.send_button):
            button.setIconSize(QSize(16, 16))
        controls = QHBoxLayout()
        controls.setSpacing(CONTROL_SPACING)
        controls.addWidget(self.picker, 3)  # up to its maximum width; the rest stays empty
        controls.addWidget(self.mask)
        controls.addStretch(1)
        controls.addWidget(self.stop_button)
        controls.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*MARGINS)
        layout.setSpacing(SPACING)
        layout.addWidget(self.chip)
        layout.addWidget(self.draft)
        layout.addLayout(controls)
        QWidget.setTabOrder(self.draft, self.picker)
        QWidget.setTabOrder(self.picker, self.mask)
        QWidget.setTabOrder(self.mask, self.stop_button)
        QWidget.setTabOrder(self.stop_button, self.send_button)
        self.apply_theme(theme)
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        """While an answer is written Stop takes Send's place (same width: nothing moves)."""
        send_had_focus = self.send_button.hasFocus()
        self.send_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        self.send_button.setVisible(not busy)
        self.stop_button.setVisible(busy)
        if send_had_focus and busy:
            self.stop_button.setFocus()

    def set_short(self, short: bool) -> None:
        """Compact in a short window (at 640x400 the composer took 45 % of the height)."""
        layout = self.layout()
        layout.setContentsMargins(*(SHORT_MARGINS if short else MARGINS))
        layout.setSpacing(SHORT_SPACING if short else SPACING)
        self.chip.set_slim(short)
        self.draft.set_short(short)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        width = max(self.send_button.sizeHint().width(), self.stop_button.sizeHint().width())
        self.send_button.setMinimumWidth(width)
        self.stop_button.setMinimumWidth(width)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_mask_label()

    def _fit_mask_label(self) -> None:
        """ "Mask" where the row has no room for "Mask private values" beside the picker and
        Send (a narrow window cut the label off mid-word); the tooltip and the accessible
        name keep the whole meaning."""
        metrics = self.mask.fontMetrics()
        mask = self.mask.sizeHint().width() + metrics.horizontalAdvance(MASK_LABEL)
        mask -= metrics.horizontalAdvance(self.mask.text())
        send = max(self.send_button.minimumWidth(), self.send_button.sizeHint().width())
        margins = self.layout().contentsMargins()
        row = margins.left() + margins.right() + 3 * CONTROL_SPACING
        needed = row + self.picker.minimumSizeHint().width() + mask + send
        text = MASK_LABEL if self.width() >= needed else MASK_SHORT
        if self.mask.text() != text:
            self.mask.setText(text)

    def apply_theme(self, theme: Theme) -> None:
        self.chip.apply_theme(theme)
        self.draft.highlighter.set_color(theme.color("highlight"))
        self.send_button.setIcon(icon("send", theme.color("accent_text")))
        self.stop_button.setIcon(icon("stop", theme.color("text")))
