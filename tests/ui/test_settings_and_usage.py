"""The settings dialog and the usage view (moved here unchanged from test_chat_window.py)."""

from __future__ import annotations

from aideon_desktop.core.config import load_settings
from aideon_desktop.core.store.models import UsageRecord


def test_settings_dialog_validates_inline_and_saves(
    qtbot, assistant, isolated_home, no_keyring
) -> None:
    from aideon_desktop.core import paths
    from aideon_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(assistant)
    qtbot.addWidget(dialog)
    dialog.gpu_layers.setText("lots")
    dialog.save()
    assert "local.gpu_layers" in dialog.errors.text() and not paths.settings_file().exists()
    dialog.gpu_layers.setText("auto")
    dialog.custom_terms.setPlainText("Bluefin\nOrca")
    dialog.daily.setValue(2.5)
    dialog.save()
    saved = load_settings().settings
    assert saved.privacy.custom_terms == ["Bluefin", "Orca"] and saved.budgets.daily_usd == 2.5
    assert assistant.settings.privacy.custom_terms == ["Bluefin", "Orca"]
    # No keyring backend in the test environment: the key is refused plainly, never written elsewhere.
    row = dialog.key_rows["together"]
    row.field.setText("tgp_v1_secretsecretsecretsecretsecret")
    row.save()
    assert "No system keyring" in row.status.text()
    assert b"tgp_v1_secret" not in paths.settings_file().read_bytes()


def test_usage_view_matches_the_store(qtbot, assistant) -> None:
    from aideon_desktop.ui.usage_view import UsageView

    assistant.store.record_usage(
        UsageRecord(
            provider="together",
            model="m",
            task="code",
            prompt_tokens=100,
            completion_tokens=50,
            cost_micro_usd=27,
            baseline_micro_usd=750,
        )
    )
    assistant.store.record_usage(
        UsageRecord(
            provider="local",
            model="s",
            task="general",
            prompt_tokens=10,
            completion_tokens=5,
            baseline_micro_usd=75,
            private=True,
        )
    )
    view = UsageView(assistant.store)
    qtbot.addWidget(view)
    all_time = view.totals()["All time"]
    assert all_time["requests"] == 2 and all_time["cost_usd"] == 0.000027
    labels = {w.objectName(): w.text() for w in view.totals_box.findChildren(type(view.message))}
    assert labels["total_3_1"] == "2" and labels["total_3_6"] == "50%"
    table = view.tables["By provider"]
    assert {table.item(r, 0).text() for r in range(table.rowCount())} == {"local", "together"}
