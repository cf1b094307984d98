"""One on-device model in the Models page: name and badges (active, recommended, fit), size,
licence, languages and where it runs, then its download progress or error, and its buttons —
Download / Resume, Cancel, Use, Delete."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from aideon_desktop.core.local_models.choices import ModelChoice
from aideon_desktop.core.local_models.download import DownloadProgress
from aideon_desktop.ui.models_text import (
    facts_text,
    fit_badge,
    fit_note,
    languages_tooltip,
    paused_text,
    progress_text,
)
from aideon_desktop.ui.style import repolish

BAR_STEPS = 1000
TOO_BIG_TIP = "More than this machine has free now: it may fail to load or slow everything down."


def _label(name: str, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _badge(text: str, kind: str) -> QLabel:
    badge = QLabel(text)
    badge.setObjectName("modelBadge")
    badge.setProperty("kind", kind)
    badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return badge


class ModelRow(QFrame):
    download_requested = Signal(str)  # the choice's key
    cancel_requested = Signal(str)
    use_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(
        self, choice: ModelChoice, recommended: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("modelRow")
        self.downloading = False
        self.title = _label("modelTitle")
        self.badges = QHBoxLayout()
        self.badges.setSpacing(6)
        self.facts = _label("modelFacts")
        self.fit_note = _label("modelFit")
        self.bar = QProgressBar()
        self.bar.setObjectName("downloadBar")
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.status = _label("downloadStatus")
        self.error = _label("modelError")
        self.error.hide()
        self._build_buttons()
        self._build_layout()
        self.show_choice(choice, recommended)

    def _build_buttons(self) -> None:
        self.download_button = QPushButton("Download")
        self.cancel_button = QPushButton("Cancel")
        self.use_button = QPushButton("Use")
        self.delete_button = QPushButton("Delete")
        self.download_button.setObjectName("downloadButton")
        self.use_button.setObjectName("useButton")
        wiring = (
            (self.download_button, self.download_requested),
            (self.cancel_button, self.cancel_requested),
            (self.use_button, self.use_requested),
            (self.delete_button, self.delete_requested),
        )
        for button, signal in wiring:
            button.clicked.connect(lambda _=False, s=signal: s.emit(self.choice.key))

    def _build_layout(self) -> None:
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.title, 1)
        for button in (self.download_button, self.cancel_button, self.use_button):
            head.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)
        self.badges.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addLayout(self.badges)
        for part in (self.facts, self.fit_note, self.bar, self.status, self.error):
            layout.addWidget(part)

    # ------------------------------------------------------------------ showing
    def show_choice(self, choice: ModelChoice, recommended: bool = False) -> None:
        """Show the model as listed now; a running download keeps its progress."""
        self.choice = choice
        self.title.setText(choice.title)
        self.setAccessibleName(choice.title)
        self._show_badges(choice, recommended)
        self.facts.setText(facts_text(choice))
        self.facts.setToolTip(languages_tooltip(choice))
        self.fit_note.setText(fit_note(choice))
        self.fit_note.setVisible(choice.fit is not None)
        for verb, button in (
            ("Download", self.download_button),
            ("Cancel the download of", self.cancel_button),
            ("Use", self.use_button),
            ("Delete", self.delete_button),
        ):
            button.setAccessibleName(f"{verb} {choice.title}")
        if not self.downloading:
            self._show_idle()

    def _show_badges(self, choice: ModelChoice, recommended: bool) -> None:
        while self.badges.count() > 1:
            item = self.badges.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        badges = []
        if choice.active:
            badges.append(_badge("Active", "active"))
        if recommended:
            badges.append(_badge("Recommended", "recommended"))
        fit = fit_badge(choice)
        if fit is not None:
            badges.append(_badge(*fit))
            badges[-1].setToolTip(choice.fit.message if choice.fit else "")
        for index, badge in enumerate(badges):
            self.badges.insertWidget(index, badge)
        self.badge_texts = [b.text() for b in badges]

    def _show_idle(self) -> None:
        choice = self.choice
        downloadable = choice.catalog is not None and not choice.ready
        self.download_button.setText("Resume" if choice.paused_bytes else "Download")
        self.download_button.setVisible(downloadable)
        too_big = choice.fit is not None and choice.fit.verdict == "too_big"
        self.download_button.setToolTip(TOO_BIG_TIP if too_big else "")
        if self.download_button.property("fit") != (fit := "too_big" if too_big else "ok"):
            self.download_button.setProperty("fit", fit)  # drawn plain, not as the next step
            repolish(self.download_button)
        self.cancel_button.hide()
        self.use_button.setVisible(choice.ready)
        self.use_button.setEnabled(not choice.active)
        self.use_button.setText("In use" if choice.active else "Use")
        self.delete_button.setVisible(choice.installed is not None)
        paused = downloadable and choice.paused_bytes > 0
        self.bar.setVisible(paused)
        if paused and choice.size_bytes:
            self.bar.setValue(int(BAR_STEPS * choice.paused_bytes / choice.size_bytes))
        self.status.setText(paused_text(choice) if paused else "")
        self.status.setVisible(paused)

    def show_progress(self, progress: DownloadProgress) -> None:
        if not self.downloading:
            self.downloading = True
            self.error.hide()
            for button in (self.download_button, self.use_button, self.delete_button):
                button.hide()
            self.cancel_button.show()
            self.cancel_button.setEnabled(True)
        self.bar.show()
        self.bar.setValue(int(BAR_STEPS * progress.fraction))
        self.status.setText(progress_text(progress))
        self.status.show()

    def show_starting(self) -> None:
        self.show_progress(DownloadProgress("resolving", 0, self.choice.size_bytes or 0))

    def show_cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.status.setText("Stopping… what has been downloaded is kept.")

    def show_stopped(self, message: str, error_kind: str = "") -> None:
        """The download ended without a model: paused by the user, or failed (``error_kind``).
        The message stays until the next attempt."""
        self.downloading = False
        self._show_idle()
        target = self.error if error_kind else self.status
        target.setText(message)
        target.show()
        if error_kind and self.error.property("kind") != error_kind:
            self.error.setProperty("kind", error_kind)
            repolish(self.error)

    def error_text(self) -> str:
        return self.error.text() if self.error.isVisibleTo(self) else ""
