"""The first-run welcome: one short screen with the three things that matter — what stays on
this device and why, what may go to the cloud and what it costs, how to add keys and use the
hotkey — and the way to a better local model.  Dismissed once, remembered in settings
(``[ui] welcome_seen``), reopened from the tray's Help menu."""

from __future__ import annotations

import importlib.util

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.catalog import Catalog
from aideon_desktop.core.config import save_settings
from aideon_desktop.core.cost_examples import typical_question
from aideon_desktop.core.hotkey_combos import to_key_sequence
from aideon_desktop.core.usage_series import format_usd
from aideon_desktop.ui.window_fit import fit_to_screen

WELCOME_PROVIDERS = ("together", "huggingface")
SECTIONS = (
    (
        "What stays on this device",
        "Every prompt is checked on your computer before anything is sent. Prompts with private "
        "details — card and bank numbers, IDs, passwords, health, confidential work — are "
        "answered by the model on this computer and never leave it, so nothing private ever "
        "reaches a company's servers. The built-in model is small: quick, but simple. {model}",
    ),
    (
        "What may go to the cloud, and what it costs",
        "Other questions go to the cheapest cloud model that is good enough (Together AI, "
        "Hugging Face), only once you add a key. You pay the provider per word — usually a "
        "fraction of a cent per question. {costs}Usage & savings shows every cent; budgets "
        "cap spending; offline mode keeps everything here.",
    ),
    (
        "Keys and the hotkey",
        "Add a key in Settings → API keys (it is kept in your system keyring, never in a "
        "file). Press {hotkey} in any application to ask a quick question.",
    ),
)


def cost_sentence(catalog: Catalog) -> str:
    """Today's prices for a typical question (from the catalogue), or nothing."""
    example = typical_question(catalog, WELCOME_PROVIDERS)
    if example is None:
        return ""
    return (
        f"A typical question and answer costs {format_usd(float(example.low))} to "
        f"{format_usd(float(example.high))} there, against {format_usd(float(example.baseline))} "
        f"on the premium baseline (list prices of {example.prices_checked}). "
    )


def models_page_available() -> bool:
    return importlib.util.find_spec("aideon_desktop.ui.models_page") is not None


def remember_welcome_seen(assistant: Assistant) -> None:
    """Save ``[ui] welcome_seen = true`` (the welcome then stays closed at start-up)."""
    settings = assistant.settings.model_copy(deep=True)
    settings.ui.welcome_seen = True
    try:
        save_settings(settings)
    except OSError:
        return  # shown again next time: harmless
    assistant.apply_settings(settings)


class WelcomeDialog(QDialog):
    """``open_settings(page)`` asks the app to open Settings on that page."""

    open_settings = Signal(str)

    def __init__(self, assistant: Assistant, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.assistant = assistant
        self.setWindowTitle("Welcome to Aideon")
        self.models_page = models_page_available()
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        title = QLabel("Welcome to Aideon")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        self.sections = [self._section(head, body) for head, body in self._texts()]
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        for section in self.sections:
            column.addWidget(section)
        column.addStretch(1)
        scroll = QScrollArea()  # on a small screen at 200 % the text scrolls, never clips
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        layout.addLayout(self._buttons())
        wanted = body.heightForWidth(600) + title.sizeHint().height() + 90
        fit_to_screen(self, (640, wanted), (360, 300), 0.9)

    def _texts(self) -> list[tuple[str, str]]:
        hotkey = to_key_sequence(self.assistant.settings.hotkey)
        model = (
            "For better private answers, pick a larger model on the Models page."
            if self.models_page
            else "For better private answers, choose a larger GGUF model in Settings → Local model."
        )
        costs = cost_sentence(self.assistant.catalog)
        return [
            (head, body.format(model=model, hotkey=hotkey, costs=costs)) for head, body in SECTIONS
        ]

    @staticmethod
    def _section(head: str, body: str) -> QFrame:
        frame = QFrame()
        frame.setObjectName("welcomeSection")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(frame)
        heading = QLabel(f"<b>{head}</b>")
        text = QLabel(body)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(heading)
        box.addWidget(text)
        return frame

    def _buttons(self) -> QHBoxLayout:
        self.keys_button = QPushButton("Add API keys…")
        self.keys_button.clicked.connect(lambda: self._go("API keys"))
        self.model_button = QPushButton("Models…" if self.models_page else "Choose a local model…")
        self.model_button.clicked.connect(
            lambda: self._go("Models" if self.models_page else "Local model")
        )
        self.done_button = QPushButton("Got it")
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.keys_button)
        row.addWidget(self.model_button)
        row.addStretch(1)
        row.addWidget(self.done_button)
        return row

    def _go(self, page: str) -> None:
        self.accept()
        self.open_settings.emit(page)

    def done(self, result: int) -> None:  # closing in any way dismisses it for good
        remember_welcome_seen(self.assistant)
        super().done(result)
