"""Settings → Providers: which clouds may be used and where they are, the premium API, and a
model server on the user's own network.  A base URL set by an environment variable is shown,
locked, and never written to settings.toml."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit

from aideon_desktop.core.config import Settings
from aideon_desktop.core.providers import registry
from aideon_desktop.ui.settings_widgets import SettingsPage

PREMIUM_HELP = (
    "The Premium API (an OpenAI-compatible service, off until you add its key) is the most "
    "capable and most expensive choice; it is only used when no cheaper model is good enough."
)


class ProvidersPage(SettingsPage):
    title = "Providers"

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.enabled: dict[str, QCheckBox] = {}
        self.base_urls: dict[str, QLineEdit] = {}
        for spec in registry.cloud_specs():
            section = settings.provider(spec.name)
            self.enabled[spec.name] = QCheckBox(f"Use {spec.display_name}")
            self.enabled[spec.name].setChecked(section.enabled)
            self.base_urls[spec.name] = QLineEdit(section.base_url)
            explanation = (
                PREMIUM_HELP
                if spec.premium
                else "Used once its API key is saved (the API keys page)."
            )
            self.option("", self.enabled[spec.name], explanation)
            override = spec.base_url_env if os.environ.get(spec.base_url_env or "") else None
            if override:
                self.base_urls[spec.name].setReadOnly(True)
            self.option(
                "    Base URL",
                self.base_urls[spec.name],
                f"Set by {override} for this run; it is not saved."
                if override
                else "Where its API lives; change it only for a proxy or a compatible server.",
            )
        self._network(settings)

    def _network(self, settings: Settings) -> None:
        lan = settings.provider("local_network")
        self.lan_enabled = QCheckBox("Use a model server on my network")
        self.lan_enabled.setChecked(lan.enabled)
        self.lan_url = QLineEdit(lan.base_url)
        self.lan_model = QLineEdit(lan.model)
        self.lan_trusted = QCheckBox("Trusted: it is my own hardware")
        self.lan_trusted.setChecked(lan.trusted)
        self.option(
            "",
            self.lan_enabled,
            "An OpenAI-compatible server you run (llama.cpp server, vLLM…) on another computer.",
        )
        self.option("    Server URL", self.lan_url, "For example http://192.168.1.20:8080/v1.")
        self.option("    Model", self.lan_model, "The model name the server expects.")
        self.option(
            "",
            self.lan_trusted,
            "Trusted servers may receive private prompts; leave it off for a shared machine.",
        )

    def base_url(self, provider: str) -> str:
        field = self.base_urls.get(provider)
        return field.text().strip() if field is not None else ""

    def collect(self, data: dict[str, Any]) -> None:
        for name, box in self.enabled.items():
            data["providers"][name]["enabled"] = box.isChecked()
            data["providers"][name]["base_url"] = self.base_url(name)
        data["providers"]["local_network"].update(
            enabled=self.lan_enabled.isChecked(),
            base_url=self.lan_url.text().strip(),
            model=self.lan_model.text().strip(),
            trusted=self.lan_trusted.isChecked(),
        )
