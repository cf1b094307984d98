"""Settings → Local model: the GGUF file that answers on this device, checked when chosen (off the
GUI thread, with the loader's own checks), and how it runs."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QSpinBox

from aideon_desktop.core.config import Settings
from aideon_desktop.core.model_choice_check import check_model_choice
from aideon_desktop.ui.settings_widgets import SettingsPage, run_in_background, status_label

MODEL_PATH_ENV = "AIDEON_MODEL_PATH"
BUILT_IN = "Built-in model"  # what an empty path means
MIN_CHARS = 18  # narrower, the path (or "Built-in model") is cut off: the row wraps instead


class ModelPathField(QHBoxLayout):
    """The path box, "Choose file…", and the verdict on the file (kept per path)."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.edit = QLineEdit(path)
        self.edit.setPlaceholderText(BUILT_IN)
        self.edit.setToolTip("Leave empty for the small model built into Aideon")
        self.edit.setAccessibleName("Local model file")
        self.edit.setMinimumWidth(self.edit.fontMetrics().averageCharWidth() * MIN_CHARS)
        self.browse = QPushButton("Choose file…")
        self.addWidget(self.edit, 1)
        self.addWidget(self.browse)
        self.status = status_label()
        self.verdicts: dict[str, str | None] = {path.strip(): None}  # path → problem (None: ok)
        self._pending: object | None = None
        self._checking: str | None = None
        self.done: Callable[[], None] = lambda: None  # a check of the shown path finished
        self.browse.clicked.connect(self.choose)
        self.edit.editingFinished.connect(self.check)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.edit, "Choose a GGUF model", "", "GGUF models (*.gguf);;All files (*)"
        )
        if path:
            self.edit.setText(path)
            self.check()

    def path(self) -> str:
        return self.edit.text().strip()

    def check(self) -> None:
        path = self.path()
        if path in self.verdicts or path == self._checking:
            return
        self._checking = path
        self.status.setText("Checking the file…")
        self._pending = run_in_background(
            lambda: check_model_choice(path),
            lambda sentence: self._checked(path, None, sentence),
            lambda problem: self._checked(path, problem, f"Problem: {problem}"),
        )

    def _checked(self, path: str, problem: str | None, shown: str) -> None:
        self.verdicts[path] = problem
        if self._checking == path:
            self._checking = None
        if self.path() == path:
            self.status.setText(shown)
            self.done()

    def pending(self) -> str | None:
        if self.path() in self.verdicts:
            return None
        self.check()
        return "Checking the model file; the settings are saved as soon as it passes."

    def problem(self) -> str | None:
        problem = self.verdicts.get(self.path())
        return f"Local model: {problem}" if problem else None


class LocalModelPage(SettingsPage):
    title = "Local model"

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        local = settings.local
        self.model_path = ModelPathField(local.model_path)
        explanation = (
            "A chat (instruct) model in GGUF format. Private prompts are answered by it, on "
            "this device only."
        )
        if os.environ.get(MODEL_PATH_ENV):
            self.model_path.edit.setReadOnly(True)
            self.model_path.browse.setEnabled(False)
            explanation = f"Set by {MODEL_PATH_ENV} for this run; it is not saved."
        self.option("Model file", self.model_path, explanation, status=self.model_path.status)
        self.model_path.done = self.settled.emit
        self.threads = QSpinBox()
        self.threads.setRange(0, 256)
        self.threads.setSpecialValueText("automatic")
        self.threads.setValue(local.threads)
        self.option("Threads", self.threads, "Automatic uses the cores other programs leave free.")
        self.gpu_layers = QLineEdit(str(local.gpu_layers))
        self.option(
            "GPU layers",
            self.gpu_layers,
            "'auto' puts the whole model on the GPU when it fits; 0 uses the CPU only; N puts "
            "N layers on the GPU.",
        )
        self.idle_unload = QSpinBox()
        self.idle_unload.setRange(0, 86400)
        self.idle_unload.setSuffix(" s")
        self.idle_unload.setSpecialValueText("never")
        self.idle_unload.setValue(int(local.idle_unload_seconds))
        self.option(
            "Unload when idle for",
            self.idle_unload,
            "Frees the model's memory after this long unused; the next answer loads it again.",
        )

    def pending(self) -> str | None:
        return self.model_path.pending()

    def problem(self) -> str | None:
        return self.model_path.problem()

    def collect(self, data: dict[str, Any]) -> None:
        gpu = self.gpu_layers.text().strip()
        data["local"].update(
            model_path=self.model_path.path(),
            threads=self.threads.value(),
            gpu_layers=gpu if gpu == "auto" else (int(gpu) if gpu.lstrip("-").isdigit() else gpu),
            idle_unload_seconds=float(self.idle_unload.value()),
        )
