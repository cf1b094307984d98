"""The Models page: every model that can answer on this device — the bundled SmolLM2, the
recommended downloads, and the models of a running Ollama or LM Studio — with fit badges,
Download (progress, Cancel, Resume), Use and Delete.

The list is gathered off the GUI thread (core.local_models.overview.take_overview); downloads
run on their own threads (models_download.DownloadController).  Use applies the same core
function as ``aideon models use`` and hands the new settings to the assistant: no restart.
"""

from __future__ import annotations

import dataclasses
import functools

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.config import LocalModelSettings, save_settings
from aideon_desktop.core.errors import AideonError
from aideon_desktop.core.local_models.catalog import BUNDLED_NAME
from aideon_desktop.core.local_models.choices import ModelChoice, apply_choice
from aideon_desktop.core.local_models.download import DownloadProgress
from aideon_desktop.core.local_models.fit import format_bytes
from aideon_desktop.core.local_models.installed import InstalledModel, ModelStore
from aideon_desktop.core.local_models.overview import Overview, remove_installed, take_overview
from aideon_desktop.core.local_models.servers import ServerStatus, detect_servers
from aideon_desktop.core.resources import resource_path
from aideon_desktop.ui.background import BackgroundCall
from aideon_desktop.ui.models_download import DownloadController, failure_message
from aideon_desktop.ui.models_list import ModelList
from aideon_desktop.ui.models_row import ModelRow
from aideon_desktop.ui.models_text import recommendation_text
from aideon_desktop.ui.style import current_theme, repolish
from aideon_desktop.ui.theme import Theme

INTRO = (
    "Private prompts are answered by the active model, on this machine; they never leave it. "
    "Bigger models answer better and need more memory."
)
SCHEME_EVENTS = (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange)


def models_stylesheet(theme: Theme) -> str:
    extra = resource_path("ui/models.qss").read_text(encoding="utf-8")
    return theme.stylesheet() + "\n" + theme.fill(extra)


def confirm_model_delete(parent: QWidget, choice: ModelChoice) -> bool:
    """Ask before deleting a downloaded model; Cancel is the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Delete model")
    box.setText(f"Delete {choice.title}?")
    size = format_bytes(choice.size_bytes) if choice.size_bytes else "its space"
    box.setInformativeText(f"This frees {size} on this device. You can download it again later.")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText("Delete")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


class ModelsPage(QWidget):
    active_changed = Signal(str)  # the key of the model that now answers on this device

    def __init__(self, assistant: Assistant, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.assistant = assistant
        self.setObjectName("modelsPage")
        self.setWindowTitle("On-device models — Aideon")
        self.setAccessibleName("On-device models")
        self.store = ModelStore()
        self.overview: Overview | None = None
        self._loading: BackgroundCall | None = None
        self._stale = False
        self._find_best = False  # show the recommended model once the list is there
        self.downloads = DownloadController(self.store, self)
        self.downloads.progress.connect(self._on_progress)
        self.downloads.finished.connect(self._on_finished)
        self.downloads.failed.connect(self._on_failed)
        self.downloads.cancelled.connect(self._on_cancelled)
        self._build()
        self.apply_theme()
        self.refresh()

    def _build(self) -> None:
        title = QLabel("On-device models")
        title.setObjectName("pageTitle")
        intro = QLabel(INTRO)
        intro.setObjectName("pageIntro")
        intro.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setObjectName("pageNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.recommendation = QLabel("Looking at this machine and for Ollama / LM Studio…")
        self.recommendation.setObjectName("recommendation")
        self.recommendation.setWordWrap(True)
        self.list = ModelList()
        self.list.download_requested.connect(self.download)
        self.list.cancel_requested.connect(self.cancel)
        self.list.use_requested.connect(self.use)
        self.list.delete_requested.connect(self.delete)
        self.servers_label = QLabel()
        self.servers_label.setObjectName("serverStatus")
        self.servers_label.setWordWrap(True)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setAccessibleDescription("Look again for models and running servers")
        self.refresh_button.clicked.connect(self.refresh)
        footer = QHBoxLayout()
        footer.addWidget(self.servers_label, 1)
        footer.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(8)
        for part in (title, intro, self.notice, self.recommendation):
            layout.addWidget(part)
        layout.addWidget(self.list, 1)
        layout.addLayout(footer)
        self.resize(720, 640)

    @property
    def rows(self) -> dict[str, ModelRow]:
        return self.list.rows

    # ------------------------------------------------------------------ listing
    def refresh(self) -> None:
        """Gather the list again in the background (a second call while one runs waits)."""
        if self._loading is not None:
            self._stale = True
            return
        self.refresh_button.setEnabled(False)
        work = functools.partial(take_overview, self.assistant.settings.local, store=self.store)
        call = BackgroundCall(
            work, on_done=self._overview_ready, on_failed=self._overview_failed, owner=self
        )
        self._loading = call.start()

    def loading(self) -> bool:
        return self._loading is not None

    def _finish_loading(self) -> None:
        self._loading = None
        self.refresh_button.setEnabled(True)
        if self._stale:
            self._stale = False
            self.refresh()

    def _overview_failed(self, error: BaseException) -> None:
        self.show_notice(f"Problem: the model list could not be read. {failure_message(error)}")
        self._finish_loading()

    def _overview_ready(self, overview: Overview) -> None:
        self.show_overview(overview)
        self._finish_loading()
        if self._find_best and not self.loading():
            self._find_best = False
            QTimer.singleShot(0, self.show_recommended)  # once the new rows are laid out

    def show_recommended(self) -> None:
        """Scroll to the model recommended for this machine and put the focus on its Download
        (or Use) button; waits for the list when it is still being gathered."""
        if self.overview is None or self.loading():
            self._find_best = True
            return
        best = self.overview.recommended
        row = self.rows.get(best.key) if best is not None else None
        if row is not None:
            self.list.ensureWidgetVisible(row)
            shown = [b for b in (row.download_button, row.use_button) if b.isVisibleTo(row)]
            (shown[0] if shown else row).setFocus()

    def show_overview(self, overview: Overview) -> None:
        self.overview = overview
        self.list.show_overview(overview, keep=self.downloads.running)
        self.recommendation.setText(recommendation_text(overview.recommended))
        self.servers_label.setText(" · ".join(s.describe() for s in overview.servers))

    # ---------------------------------------------------------------- downloads
    def download(self, key: str) -> None:
        choice = self.overview.choice(key) if self.overview else None
        if choice is None or choice.catalog is None:
            return
        self.rows[key].show_starting()
        self.downloads.start(choice.catalog)

    def cancel(self, key: str) -> None:
        self.downloads.cancel(key)
        if key in self.rows:
            self.rows[key].show_cancelling()

    def _on_progress(self, name: str, progress: DownloadProgress) -> None:
        if name in self.rows:
            self.rows[name].show_progress(progress)

    def _on_finished(self, name: str, installed: InstalledModel) -> None:
        title = name
        if name in self.rows:
            self.rows[name].downloading = False
            title = self.rows[name].choice.title  # "Qwen3 4B Instruct 2507", not its key
        self.show_notice(
            f"{title} is downloaded and checked intact "
            f"({format_bytes(installed.size_bytes)}). Press Use to answer private prompts with it.",
            problem=False,
        )
        self.refresh()

    def _on_failed(self, name: str, kind: str, message: str) -> None:
        if name in self.rows:
            self.rows[name].show_stopped(message, kind)
        self.refresh()

    def _on_cancelled(self, name: str, message: str) -> None:
        if name in self.rows:
            self.rows[name].show_stopped(message)
        self.refresh()

    # ------------------------------------------------------------- use / delete
    def use(self, key: str) -> None:
        """Answer on this device with ``key`` from the next message on (no restart).  For an
        Ollama / LM Studio model the server is asked again first (off the GUI thread)."""
        if key.startswith(("ollama:", "lmstudio:")):
            local = self.assistant.settings.local
            servers = (local.ollama_url, local.lmstudio_url)
            BackgroundCall(
                detect_servers, *servers, on_done=lambda s: self._use(key, s), owner=self
            ).start()
        else:
            self._use(key, list(self.overview.servers) if self.overview else [])

    def _use(self, key: str, servers: list[ServerStatus]) -> None:
        overview = self.overview
        catalog = [c.catalog for c in overview.choices if c.catalog] if overview else []
        try:
            local = apply_choice(self.assistant.settings.local, key, catalog, self.store, servers)
        except AideonError as exc:
            self.show_notice(f"Problem: {exc}")
            return
        if not self._apply_local(local):
            return
        if overview is not None:
            choices = tuple(dataclasses.replace(c, active=c.key == key) for c in overview.choices)
            self.show_overview(dataclasses.replace(overview, choices=choices))
        title = overview.choice(key).title if overview and overview.choice(key) else key
        self.show_notice(f"Private prompts are now answered on this device by {title}.", False)
        self.active_changed.emit(key)

    def _apply_local(self, local: LocalModelSettings) -> bool:
        settings = self.assistant.settings.model_copy(deep=True)
        settings.local = local
        try:
            save_settings(settings)
        except OSError as exc:
            self.show_notice(f"Problem: the settings could not be saved ({exc.strerror}).")
            return False
        self.assistant.apply_settings(settings)
        return True

    def delete(self, key: str) -> None:
        choice = self.overview.choice(key) if self.overview else None
        if choice is None or choice.installed is None or not confirm_model_delete(self, choice):
            return
        if choice.active:  # stop using it first, so no loaded model holds the file
            self.use(BUNDLED_NAME)
        self.rows[key].setEnabled(False)
        work = functools.partial(remove_installed, self.assistant.settings.local, key, self.store)
        failed = functools.partial(self._delete_failed, key)
        BackgroundCall(work, on_done=self._deleted, on_failed=failed, owner=self).start()

    def _deleted(self, result: tuple[InstalledModel, LocalModelSettings | None]) -> None:
        removed, _unchanged = result
        if removed.name in self.rows:
            self.rows[removed.name].setEnabled(True)
        self.show_notice(
            f"Deleted {removed.name}; {format_bytes(removed.size_bytes)} freed.", False
        )
        self.refresh()

    def _delete_failed(self, key: str, error: BaseException) -> None:
        if key in self.rows:
            self.rows[key].setEnabled(True)
        self.show_notice(f"Problem: {key} could not be deleted. {failure_message(error)}")
        self.refresh()

    # ------------------------------------------------------------------ showing
    def show_notice(self, text: str, problem: bool = True) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        kind = "problem" if problem else "info"
        if self.notice.property("kind") != kind:
            self.notice.setProperty("kind", kind)
            repolish(self.notice)

    def notice_text(self) -> str:
        return self.notice.text() if self.notice.isVisibleTo(self) else ""

    def apply_theme(self) -> None:
        self.theme = current_theme()
        self.setStyleSheet(models_stylesheet(self.theme))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in SCHEME_EVENTS and current_theme().scheme != self.theme.scheme:
            self.apply_theme()
