"""Settings: API keys (saved to the OS keyring, with a real connection test), providers, privacy,
local model, budgets, hotkey and start-at-login.  Invalid values are shown inline, not saved."""

from __future__ import annotations

from pydantic import ValidationError
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aideon_desktop.core import secrets
from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.autostart import autostart_enabled, set_autostart
from aideon_desktop.core.config import Settings, save_settings
from aideon_desktop.core.errors import AideonError
from aideon_desktop.core.providers import registry


class KeyRow(QWidget):
    def __init__(self, assistant: Assistant, provider: str) -> None:
        super().__init__()
        self.assistant, self.provider = assistant, provider
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText(
            "saved in the keyring" if secrets.get_api_key(provider) else "paste a key"
        )
        self.save_button = QPushButton("Save")
        self.save_button.clicked.connect(self.save)
        self.test_button = QPushButton("Test connection")
        self.test_button.clicked.connect(self.test)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.save_button)
        row.addWidget(self.test_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)

    def save(self) -> None:
        try:
            secrets.set_api_key(self.provider, self.field.text())
        except AideonError as exc:
            self.status.setText(f"Problem: {exc}")
            return
        self.field.clear()
        self.field.setPlaceholderText("saved in the keyring")
        self.status.setText("Saved in the system keyring.")

    def test(self) -> None:
        if not secrets.get_api_key(self.provider):
            self.status.setText("Problem: No key saved yet.")
            return
        try:
            models = self.assistant.providers.get(self.provider).list_models()  # type: ignore[attr-defined]
        except AideonError as exc:
            self.status.setText(f"Problem: {exc}")
            return
        count = (
            len(models)
            if isinstance(models, list)
            else len(models.get("data", []))
            if isinstance(models, dict)
            else 0
        )
        self.status.setText(f"OK: Connected: {count} models available.")


class SettingsDialog(QDialog):
    def __init__(self, assistant: Assistant, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.assistant = assistant
        self.setWindowTitle("Aideon settings")
        self.resize(620, 520)
        s = assistant.settings
        tabs = QTabWidget()

        keys = QWidget()
        keys_form = QFormLayout(keys)
        warning = secrets.keyring_status()
        if warning:
            keys_form.addRow(QLabel(f"Problem: {warning}"))
        self.key_rows = {spec.name: KeyRow(assistant, spec.name) for spec in registry.cloud_specs()}
        for spec in registry.cloud_specs():
            keys_form.addRow(spec.display_name, self.key_rows[spec.name])
        tabs.addTab(keys, "API keys")

        providers = QWidget()
        providers_form = QFormLayout(providers)
        self.enabled: dict[str, QCheckBox] = {}
        self.base_urls: dict[str, QLineEdit] = {}
        for spec in registry.cloud_specs():
            name, label, section = spec.name, spec.display_name, s.provider(spec.name)
            self.enabled[name] = QCheckBox("enabled")
            self.enabled[name].setChecked(section.enabled)
            self.base_urls[name] = QLineEdit(section.base_url)
            providers_form.addRow(f"{label}", self.enabled[name])
            providers_form.addRow("   base URL", self.base_urls[name])
        self.never_premium = QCheckBox("Never use the premium provider")
        self.never_premium.setChecked(s.routing.never_premium)
        providers_form.addRow(self.never_premium)
        self.lan_enabled = QCheckBox("Use a server on my network")
        lan = s.provider("local_network")
        self.lan_enabled.setChecked(lan.enabled)
        self.lan_url = QLineEdit(lan.base_url)
        self.lan_model = QLineEdit(lan.model)
        self.lan_trusted = QCheckBox("Trusted: it is my own hardware (may receive private prompts)")
        self.lan_trusted.setChecked(lan.trusted)
        for widget in (self.lan_enabled, self.lan_trusted):
            providers_form.addRow(widget)
        providers_form.addRow("   server URL", self.lan_url)
        providers_form.addRow("   model", self.lan_model)
        tabs.addTab(providers, "Providers")

        privacy = QWidget()
        privacy_form = QFormLayout(privacy)
        self.strictness = QComboBox()
        self.strictness.addItems(["balanced", "strict"])
        self.strictness.setCurrentText(s.privacy.strictness)
        self.custom_terms = QPlainTextEdit("\n".join(s.privacy.custom_terms))
        self.custom_terms.setPlaceholderText(
            "One private term per line (project code names, client names…)"
        )
        self.redact_and_send = QCheckBox(
            "Mask private values and use the cloud (cards, IDs, emails…; never health or business)"
        )
        self.redact_and_send.setChecked(s.privacy.redact_and_send)
        self.keep_private_history = QCheckBox("Keep history of private conversations")
        self.keep_private_history.setChecked(s.history.keep_private_history)
        privacy_form.addRow("Strictness", self.strictness)
        privacy_form.addRow("Private terms", self.custom_terms)
        privacy_form.addRow(self.redact_and_send)
        privacy_form.addRow(self.keep_private_history)
        tabs.addTab(privacy, "Privacy")

        local = QWidget()
        local_form = QFormLayout(local)
        self.model_path = QLineEdit(s.local.model_path)
        self.model_path.setPlaceholderText("empty: the embedded SmolLM2 model")
        browse = QPushButton("Choose GGUF…")
        browse.clicked.connect(self._choose_model)
        path_row = QHBoxLayout()
        path_row.addWidget(self.model_path, 1)
        path_row.addWidget(browse)
        self.threads = QSpinBox()
        self.threads.setRange(0, 256)
        self.threads.setSpecialValueText("one per physical core")
        self.threads.setValue(s.local.threads)
        self.gpu_layers = QLineEdit(str(s.local.gpu_layers))
        self.idle_unload = QSpinBox()
        self.idle_unload.setRange(0, 86400)
        self.idle_unload.setSuffix(" s")
        self.idle_unload.setSpecialValueText("never")
        self.idle_unload.setValue(int(s.local.idle_unload_seconds))
        local_form.addRow("Model file", path_row)
        local_form.addRow("Threads", self.threads)
        local_form.addRow("GPU layers ('auto', 0, -1 or N)", self.gpu_layers)
        local_form.addRow("Unload when idle for", self.idle_unload)
        tabs.addTab(local, "Local model")

        general = QWidget()
        general_form = QFormLayout(general)
        self.daily = QDoubleSpinBox()
        self.monthly = QDoubleSpinBox()
        for box, value in (
            (self.daily, s.budgets.daily_usd),
            (self.monthly, s.budgets.monthly_usd),
        ):
            box.setRange(0, 100000)
            box.setDecimals(2)
            box.setPrefix("$")
            box.setSpecialValueText("no cap")
            box.setValue(value)
        self.offline = QCheckBox("Offline mode: nothing leaves this device")
        self.offline.setChecked(s.offline)
        self.hotkey = QLineEdit(s.hotkey)
        self.autostart = QCheckBox("Start Aideon when I log in")
        self.autostart.setChecked(autostart_enabled())
        general_form.addRow("Daily budget", self.daily)
        general_form.addRow("Monthly budget", self.monthly)
        general_form.addRow(self.offline)
        general_form.addRow("Quick-prompt hotkey", self.hotkey)
        general_form.addRow(self.autostart)
        from aideon_desktop.api.server import load_or_create_token

        self.api_token = QLineEdit(load_or_create_token())
        self.api_token.setReadOnly(True)
        self.api_token.setEchoMode(QLineEdit.EchoMode.Password)
        show_token = QPushButton("Show")
        show_token.setCheckable(True)
        show_token.toggled.connect(
            lambda on: self.api_token.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        token_row = QHBoxLayout()
        token_row.addWidget(self.api_token, 1)
        token_row.addWidget(show_token)
        general_form.addRow("Local API token", token_row)
        tabs.addTab(general, "General")

        self.errors = QLabel("")
        self.errors.setObjectName("settingsErrors")
        self.errors.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

    def _choose_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a GGUF model", "", "GGUF models (*.gguf)"
        )
        if path:
            self.model_path.setText(path)

    def collected(self) -> dict:
        s = self.assistant.settings.model_dump()
        for name in self.enabled:
            s["providers"][name]["enabled"] = self.enabled[name].isChecked()
            s["providers"][name]["base_url"] = self.base_urls[name].text().strip()
        s["routing"]["never_premium"] = self.never_premium.isChecked()
        s["providers"]["local_network"].update(
            enabled=self.lan_enabled.isChecked(),
            base_url=self.lan_url.text().strip(),
            model=self.lan_model.text().strip(),
            trusted=self.lan_trusted.isChecked(),
        )
        s["privacy"]["strictness"] = self.strictness.currentText()
        s["privacy"]["custom_terms"] = self.custom_terms.toPlainText().splitlines()
        s["history"]["keep_private_history"] = self.keep_private_history.isChecked()
        s["privacy"]["redact_and_send"] = self.redact_and_send.isChecked()
        gpu = self.gpu_layers.text().strip()
        s["local"].update(
            model_path=self.model_path.text().strip(),
            threads=self.threads.value(),
            gpu_layers=gpu if gpu == "auto" else (int(gpu) if gpu.lstrip("-").isdigit() else gpu),
            idle_unload_seconds=float(self.idle_unload.value()),
        )
        s["budgets"].update(daily_usd=self.daily.value(), monthly_usd=self.monthly.value())
        s["offline"] = self.offline.isChecked()
        s["hotkey"] = self.hotkey.text().strip()
        return s

    def save(self) -> None:
        try:
            settings = Settings.model_validate(self.collected())
        except ValidationError as exc:
            self.errors.setText(
                "Problem: "
                + "; ".join(
                    f"{'.'.join(str(p) for p in e['loc'] if not str(p).startswith(('int', 'literal')))}: {e['msg']}"
                    for e in exc.errors()
                )
            )
            return
        try:
            save_settings(settings)
            set_autostart(self.autostart.isChecked())
        except OSError as exc:
            self.errors.setText(f"Problem: Settings could not be saved: {exc.strerror}")
            return
        self.assistant.apply_settings(settings)
        self.accept()
