"""Screenshots of every settings page, the welcome and the usage window (charts and a table),
light and dark, at the scale the environment sets, with three weeks of usage rows in a real
store and a key saved in a file keyring.  Run it twice for device pixel ratios 1 and 2:

    QT_QPA_PLATFORM=offscreen python -m tests.ui.settings_screens artifacts/settings
    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=2 python -m tests.ui.settings_screens artifacts/settings
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QScrollArea, QTabWidget

from tests.support.keyring_backend import use_file_keyring
from tests.support.store_rows import finish_rows
from tests.ui.screens import palette, settle, wait

PROVIDERS = [("together", "code", 310), ("huggingface", "writing", 120), ("local", "general", 0)]


def fill_usage(store) -> None:
    from aideon_desktop.core.store.models import UsageRecord

    now = datetime.now(UTC)
    for day in range(21):
        for n, (provider, task, cost) in enumerate(PROVIDERS):
            for _ in range((day * 7 + n * 3) % 4 + 1):
                finish_rows(
                    store,
                    usage=UsageRecord(
                        provider=provider,
                        model="m",
                        task=task,
                        prompt_tokens=400,
                        completion_tokens=250,
                        cost_micro_usd=cost * (1 + day % 3),
                        baseline_micro_usd=9_500,
                        private=provider == "local",
                        cache_hit=provider == "together" and day % 5 == 0,
                        created_at=now - timedelta(days=20 - day, hours=n),
                    ),
                )


def shoot(app: QApplication, out: Path, tag: str) -> None:
    from aideon_desktop.core.answering import Assistant
    from aideon_desktop.core.config import load_settings
    from aideon_desktop.ui.settings_dialog import SettingsDialog
    from aideon_desktop.ui.usage_view import UsageView
    from aideon_desktop.ui.welcome import WelcomeDialog

    settings = load_settings().settings
    settings.budgets.daily_usd, settings.budgets.monthly_usd = 0.02, 1.0
    assistant = Assistant(settings)
    fill_usage(assistant.store)
    dialog = SettingsDialog(assistant)
    dialog.show()
    for index, title in enumerate(dialog.pages):
        dialog.show_page(title)
        settle(app, 0.2)
        slug = title.lower().replace(" & ", "-").replace(" ", "-")
        dialog.grab().save(str(out / f"settings-{index}-{slug}-{tag}.png"))
    dialog.local.model_path.edit.setText(__file__)
    dialog.local.model_path.check()
    dialog.save()
    settle(app, 0.5)
    dialog.grab().save(str(out / f"settings-refused-model-{tag}.png"))
    dialog.reject()
    welcome = WelcomeDialog(assistant)
    welcome.show()
    settle(app, 0.2)
    welcome.grab().save(str(out / f"welcome-{tag}.png"))
    welcome.hide()
    usage = UsageView(assistant)
    usage.place_on_screen()
    usage.show()
    wait(app, lambda: usage.snapshot is not None)  # read and pyqtgraph imported off-thread
    settle(app, 0.3)
    usage.grab().save(str(out / f"usage-{tag}.png"))
    bar = usage.findChild(QScrollArea).verticalScrollBar()
    bar.setValue(bar.maximum())
    settle(app, 0.2)
    usage.grab().save(str(out / f"usage-bottom-{tag}.png"))
    tabs = usage.findChild(QTabWidget)
    for index in range(1, tabs.count()):  # the tables: by provider, task, day
        tabs.setCurrentIndex(index)
        settle(app, 0.1)
        name = tabs.tabText(index).lower().replace(" ", "-")
        usage.grab().save(str(out / f"usage-{name}-{tag}.png"))
    usage.hide()
    assistant.close()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="aideon-settings-screens-"))
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    with use_file_keyring(home / "keyring.json"):
        from aideon_desktop.core import secrets

        secrets.set_api_key("together", "tgp_v1_screenshotscreenshotscreenshot")
        for scheme in ("light", "dark"):
            os.environ["AIDEON_HOME"] = str(home / scheme)  # a fresh store each time
            app.setPalette(palette(scheme))
            shoot(app, out, f"{scale}x-{scheme}")
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
