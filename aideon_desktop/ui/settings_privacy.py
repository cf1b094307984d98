"""Settings → Privacy & history: how strictly prompts are kept on the device, private terms,
masking, and where (and whether) conversations are stored."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QPlainTextEdit, QSpinBox

from aideon_desktop.core.config import Settings
from aideon_desktop.ui.settings_widgets import SettingsPage

STRICTNESS = {
    "balanced": "Balanced: clearly private prompts (cards, IDs, health, secrets…) stay on this "
    "device; ordinary questions may use the cloud.",
    "strict": "Strict: anything that might be private stays on this device, even when unsure; "
    "more answers come from the slower local model.",
}
STORAGE = {
    "encrypted": "Encrypted: history is kept on this device in an encrypted database whose key "
    "is in your system keyring.",
    "plain": "Plain: history is kept unencrypted; anyone who can read your files can read it. "
    "For systems without a keyring.",
    "off": "Off: no conversation is stored at all; chats vanish when closed.",
}
STORAGE = {name: f"{text} Applies at the next start." for name, text in STORAGE.items()}


def choice_box(texts: dict[str, str], current: str) -> QComboBox:
    """A drop-down showing each value's name as the explanation starts it ("Encrypted"), the
    stored value ("encrypted") kept as its data."""
    box = QComboBox()
    for value, text in texts.items():
        box.addItem(text.split(":", 1)[0], value)
    box.setCurrentIndex(max(box.findData(current), 0))
    return box


class PrivacyPage(SettingsPage):
    title = "Privacy & history"

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.strictness = choice_box(STRICTNESS, settings.privacy.strictness)
        self.strictness_help = self.explained_choice("Strictness", self.strictness, STRICTNESS)
        self.custom_terms = QPlainTextEdit("\n".join(settings.privacy.custom_terms))
        self.custom_terms.setPlaceholderText("One term per line (project code names, clients…)")
        self.custom_terms.setMaximumHeight(90)
        self.option(
            "Private terms",
            self.custom_terms,
            "A prompt containing any of these words is always answered on this device.",
        )
        self.redact_and_send = QCheckBox("Mask private values and use the cloud")
        self.redact_and_send.setChecked(settings.privacy.redact_and_send)
        self.option(
            "",
            self.redact_and_send,
            "Card numbers, IDs, emails… are replaced by placeholders before sending; health and "
            "business matters still stay on this device.",
        )
        self._history(settings)

    def _history(self, settings: Settings) -> None:
        history = settings.history
        self.storage = choice_box(STORAGE, history.storage)
        self.storage_help = self.explained_choice("History storage", self.storage, STORAGE)
        self.keep_private_history = QCheckBox("Keep history of private conversations")
        self.keep_private_history.setChecked(history.keep_private_history)
        self.option(
            "",
            self.keep_private_history,
            "When off, conversations answered on this device for privacy are not stored.",
        )
        self.retention = QSpinBox()
        self.retention.setRange(0, 36500)
        self.retention.setSuffix(" days")
        self.retention.setSpecialValueText("forever")
        self.retention.setValue(history.retention_days)
        self.option("Keep history for", self.retention, "Older conversations are deleted.")

    def collect(self, data: dict[str, Any]) -> None:
        data["privacy"].update(
            strictness=self.strictness.currentData(),
            custom_terms=self.custom_terms.toPlainText().splitlines(),
            redact_and_send=self.redact_and_send.isChecked(),
        )
        data["history"].update(
            storage=self.storage.currentData(),
            keep_private_history=self.keep_private_history.isChecked(),
            retention_days=self.retention.value(),
        )
