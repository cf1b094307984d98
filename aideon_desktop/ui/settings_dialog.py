"""Settings: a list of pages (API keys, providers, privacy & history, local model, models when
the model manager is installed, routing & budgets, general) and one Save that stores everything
the dialog shows, typed keys included; Cancel discards.  Invalid values are shown, not saved."""

from __future__ import annotations

import copy
import importlib
import importlib.util
from collections.abc import Callable

from pydantic import ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.autostart import set_autostart
from aideon_desktop.core.config import Settings, save_settings
from aideon_desktop.core.hotkey_combos import to_key_sequence
from aideon_desktop.core.providers import registry
from aideon_desktop.core.settings_edits import apply_edits
from aideon_desktop.ui.hotkey import hotkey_unavailable_reason
from aideon_desktop.ui.settings_general import GeneralPage
from aideon_desktop.ui.settings_keys import KeysPage
from aideon_desktop.ui.settings_local import LocalModelPage
from aideon_desktop.ui.settings_privacy import PrivacyPage
from aideon_desktop.ui.settings_providers import ProvidersPage
from aideon_desktop.ui.settings_routing import RoutingPage
from aideon_desktop.ui.settings_widgets import SettingsPage, status_label
from aideon_desktop.ui.style import current_theme
from aideon_desktop.ui.window_fit import fit_to_screen

MODELS_PAGE = "Models"
MODELS_MODULE = "aideon_desktop.ui.models_page"


def models_page(assistant: Assistant) -> QWidget | None:
    """The local model manager's page, when that module is part of this build (a module that
    is there but fails to import still raises: a broken build is not hidden)."""
    if importlib.util.find_spec(MODELS_MODULE) is None:
        return None
    module = importlib.import_module(MODELS_MODULE)
    return module.ModelsPage(assistant)  # type: ignore[no-any-return]


def validation_message(exc: ValidationError) -> str:
    fields = []
    for err in exc.errors():
        loc = [str(p) for p in err["loc"] if not str(p).startswith(("int", "literal"))]
        fields.append(f"{'.'.join(loc)}: {err['msg']}")
    return "Problem: " + "; ".join(fields)


class SettingsDialog(QDialog):
    """``apply_hotkey(combination)`` switches the global hotkey at once and returns why it could
    not (None when it worked); without it a new hotkey is only saved."""

    hotkey_changed = Signal(str)

    def __init__(
        self,
        assistant: Assistant,
        parent: QWidget | None = None,
        *,
        apply_hotkey: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.assistant = assistant
        self._opened = assistant.settings.model_dump()  # what the pages show
        self._apply_hotkey = apply_hotkey
        self._save_when_settled = False
        self._discard_keys = False  # Cancel was pressed once with a typed key
        self.setWindowTitle("Aideon settings")
        self.setStyleSheet(current_theme().settings_stylesheet())
        self.page_list = QListWidget()
        self.page_list.setAccessibleName("Settings pages")
        self.page_list.setObjectName("settingsPages")  # rows with room to click and read
        self.stack = QStackedWidget()
        self.page_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.pages: dict[str, QWidget] = {}
        self._build_pages()
        self.errors = status_label()
        self.errors.setObjectName("settingsErrors")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self.page_list.setCurrentRow(0)
        # As wide as the longest page name: on a small screen the options keep the room.
        self.page_list.setFixedWidth(self.page_list.sizeHintForColumn(0) + 24)
        fit_to_screen(self, (820, 600), (560, 420), 0.9)

    def _build_pages(self) -> None:
        s = self.assistant.settings
        self.providers = ProvidersPage(s)
        self.keys = KeysPage(self.assistant, self.providers.base_url)
        self.privacy = PrivacyPage(s)
        self.local = LocalModelPage(s)
        self.routing = RoutingPage(s)
        self.general = GeneralPage(s)
        for page in (self.keys, self.providers, self.privacy, self.local):
            self.add_page(page.title, page)
        models = models_page(self.assistant)
        if models is not None:
            self.add_page(MODELS_PAGE, models)
        for page in (self.routing, self.general):
            self.add_page(page.title, page)

    def _settled(self) -> None:
        if self._save_when_settled:
            self.save()

    def add_page(self, title: str, page: QWidget) -> None:
        """One more entry in the page list (scrolls when the window is small)."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        self.pages[title] = page
        if isinstance(page, SettingsPage):
            page.settled.connect(self._settled)
        self.page_list.addItem(title)
        self.stack.addWidget(scroll)

    def show_page(self, title: str) -> None:
        if title in self.pages:
            self.page_list.setCurrentRow(list(self.pages).index(title))

    def settings_pages(self) -> list[SettingsPage]:
        return [p for p in self.pages.values() if isinstance(p, SettingsPage)]

    def collected(self) -> dict:
        """The current settings with the values edited in this dialog laid over them (a change
        made elsewhere while it was open, such as the tray's offline switch, is kept)."""
        edited = copy.deepcopy(self._opened)
        for page in self.settings_pages():
            page.collect(edited)
        return apply_edits(self._opened, edited, self.assistant.settings.model_dump())

    def _refuse(self, message: str, page: SettingsPage | None = None) -> bool:
        self.errors.setText(message if message.startswith("Problem") else f"Problem: {message}")
        if page is not None:
            self.show_page(page.title)
        return False

    def save(self) -> bool:
        """Check every page, switch the hotkey, store keys and settings, then close.  While a
        page is still checking (a model file), Save finishes by itself once it has."""
        for page in self.settings_pages():
            waiting = page.pending()
            if waiting:
                self._save_when_settled = True
                self.errors.setText(waiting)
                return False
        self._save_when_settled = False
        for page in self.settings_pages():
            problem = page.problem()
            if problem:
                return self._refuse(problem, page)
        try:
            settings = Settings.model_validate(self.collected())
        except ValidationError as exc:
            return self._refuse(validation_message(exc))
        previous = self.assistant.settings.hotkey
        problem = self._switch_hotkey(previous, settings.hotkey)
        if problem:
            return self._refuse(problem, self.general)
        problem = self.keys.commit()
        if problem:
            self._switch_hotkey(settings.hotkey, previous)
            return self._refuse(problem, self.keys)
        try:
            save_settings(settings)
            set_autostart(self.general.autostart.isChecked())
        except OSError as exc:
            self._switch_hotkey(settings.hotkey, previous)
            return self._refuse(f"Settings could not be saved: {exc.strerror}")
        self.assistant.apply_settings(settings)
        if settings.hotkey != previous:
            self.hotkey_changed.emit(settings.hotkey)
        self.accept()
        return True

    def reject(self) -> None:
        """Cancel discards, but a typed key is not dropped silently: the first Cancel says so
        and a second one discards it."""
        typed = [name for name, row in self.keys.rows.items() if row.typed()]
        if typed and not self._discard_keys:
            self._discard_keys = True
            names = " and ".join(registry.spec(name).display_name for name in typed)
            self.show_page(self.keys.title)
            self._refuse(
                f"The {names} key you typed is not saved: press Save to keep it, or Cancel "
                "again to discard it."
            )
            return
        super().reject()

    def _switch_hotkey(self, current: str, wanted: str) -> str | None:
        """Why the hotkey could not change (the current one keeps working), or None."""
        if wanted == current or self._apply_hotkey is None or hotkey_unavailable_reason():
            return None
        reason = self._apply_hotkey(wanted)
        if reason is None:
            return None
        return f"{reason} {to_key_sequence(current)} still opens the quick prompt."
