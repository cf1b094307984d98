"""Settings → API keys: one row per cloud provider.  A typed key is stored in the OS keyring by
the dialog's Save (never by a row of its own, so none is lost); "Test connection" tries the key
as typed, off the GUI thread; "Get a key" opens the provider's sign-up page."""

from __future__ import annotations

import os
from collections.abc import Callable

from keyring.errors import KeyringError
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from aideon_desktop.core import secrets
from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.errors import AideonError
from aideon_desktop.core.provider_check import check_connection
from aideon_desktop.core.providers import registry
from aideon_desktop.core.providers.registry import ProviderSpec
from aideon_desktop.ui.background import off_the_gui_thread
from aideon_desktop.ui.settings_widgets import (
    SettingsPage,
    hint,
    link_colour,
    run_in_background,
    status_label,
)


class KeyRow(QWidget):
    """The key field of one provider, its test and remove buttons, sign-up link and status."""

    def __init__(
        self, assistant: Assistant, spec: ProviderSpec, base_url: Callable[[], str]
    ) -> None:
        super().__init__()
        self.assistant, self.provider, self._base_url = assistant, spec.name, base_url
        self.saved: bool | None = None  # a key in the keyring; None until the keyring answered
        self.remove_pending = False
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(f"{spec.display_name} API key")
        self.field.setPlaceholderText("reading the keyring…")
        self.test_button = QPushButton("Test connection")
        self.test_button.clicked.connect(self.test)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Delete the saved key from the keyring when you press Save")
        self.remove_button.clicked.connect(self.toggle_remove)
        self.remove_button.hide()
        self.status = status_label()
        self._pending: object | None = None
        self.about = hint(self._explanation(spec))
        self.about.setOpenExternalLinks(True)
        # The key on a line of its own, as wide as the page (a narrow window cut it to a few
        # characters beside the buttons); the buttons and the sign-up link under it.
        actions = QHBoxLayout()
        actions.addWidget(self.test_button)
        actions.addWidget(self.remove_button)
        actions.addWidget(self.about, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(4)
        layout.addWidget(self.field)
        layout.addLayout(actions)
        layout.addWidget(self.status)

    def _explanation(self, spec: ProviderSpec) -> str:
        parts = []
        if spec.signup_url:
            colour = link_colour(self)
            parts.append(  # the row is labelled with the provider's name already
                f'<a style="color:{colour}" href="{spec.signup_url}">Get a key</a>'
            )
        if spec.key_env and os.environ.get(spec.key_env, "").strip():
            parts.append(f"{spec.key_env} is set: it is used instead of the keyring.")
        return " · ".join(parts) or "Paste the key the provider gave you."

    def set_saved(self, saved: bool) -> None:
        self.saved, self.remove_pending = saved, False
        self.field.setEnabled(True)
        self.field.setPlaceholderText("saved in the keyring" if saved else "paste a key")
        self.remove_button.setText("Remove")
        self.remove_button.setVisible(saved)

    def toggle_remove(self) -> None:
        """Mark the saved key for deletion at Save (Cancel keeps it), or unmark it."""
        self.remove_pending = not self.remove_pending
        self.field.clear()
        self.field.setEnabled(not self.remove_pending)
        self.field.setPlaceholderText(
            "removed when you press Save" if self.remove_pending else "saved in the keyring"
        )
        self.remove_button.setText("Keep" if self.remove_pending else "Remove")

    def typed(self) -> str:
        return self.field.text().strip()

    def test(self) -> None:
        """Connect with the key as typed (else the saved one), on the thread pool."""
        typed = self.typed()
        if not typed and (self.saved is False or self.remove_pending):
            self.status.setText("Problem: Paste a key first, then test it.")
            return
        provider, settings, catalog, base_url = (
            self.provider,
            self.assistant.settings,
            self.assistant.catalog,
            self._base_url(),
        )

        def check() -> str:
            key = typed or secrets.get_api_key(provider) or ""  # the keyring, off the GUI
            return check_connection(provider, key, settings, catalog, base_url)

        self.test_button.setEnabled(False)
        self.status.setText("Testing…")
        self._pending = run_in_background(check, self._tested, self._test_failed)

    def busy(self) -> bool:
        return not self.test_button.isEnabled()

    def _tested(self, sentence: str) -> None:
        self.test_button.setEnabled(True)
        unsaved = " The key is stored when you press Save." if self.typed() else ""
        self.status.setText(f"OK: {sentence}{unsaved}")

    def _test_failed(self, message: str) -> None:
        self.test_button.setEnabled(True)
        self.status.setText(f"Problem: {message}")


class KeysPage(SettingsPage):
    title = "API keys"

    def __init__(self, assistant: Assistant, base_url: Callable[[str], str]) -> None:
        super().__init__()
        warning = secrets.keyring_status()
        if warning:
            self.form.addRow(status_label(f"Problem: {warning}"))
        self.form.addRow(
            hint(
                "Keys are kept in your system keyring, never in a file. Without a key, "
                "everything is answered by the model on this device."
            )
        )
        self.rows: dict[str, KeyRow] = {}
        for spec in registry.cloud_specs():
            row = KeyRow(assistant, spec, lambda name=spec.name: base_url(name))
            self.rows[spec.name] = row
            self.form.addRow(spec.display_name, row)
        names = list(self.rows)
        self._reading = run_in_background(
            lambda: {name: secrets.get_api_key(name) is not None for name in names},
            self._saved_keys,
            lambda problem: self._saved_keys(dict.fromkeys(names, False)),
        )

    def _saved_keys(self, saved: dict[str, bool]) -> None:
        for name, present in saved.items():
            if self.rows[name].saved is None:  # a Save since then knows better
                self.rows[name].set_saved(present)

    def problem(self) -> str | None:
        return next(
            (
                f"Wait for the {name} connection test to finish."
                for name, row in self.rows.items()
                if row.busy()
            ),
            None,
        )

    def commit(self) -> str | None:
        """Store every typed key; the first refusal is returned and the fields keep the text.
        The keyring is written on a worker thread (a locked keyring shows its unlock prompt for
        as long as the user takes) while this window keeps painting."""
        for name, row in self.rows.items():
            if row.remove_pending:
                try:
                    off_the_gui_thread(secrets.delete_api_key, name)
                except KeyringError as exc:
                    display = registry.spec(name).display_name
                    return f"The {display} key was not removed ({type(exc).__name__})."
                row.set_saved(False)
            if not row.typed():
                continue
            try:
                off_the_gui_thread(secrets.set_api_key, name, row.typed())
            except AideonError as exc:
                display = registry.spec(name).display_name
                return f"The {display} key was not saved: {exc}"
            row.field.clear()
            row.set_saved(True)
        return None
