"""Models page responsiveness: the longest gap between ticks of a 5 ms timer on the GUI thread
while the page (a) sits idle (the baseline), (b) gathers its list (Ollama / LM Studio probes,
memory, GGUF headers), (c) downloads and verifies a 256 MiB model from the loopback fake Hub
with the progress bar updating, and (d) deletes that model.

Run: QT_QPA_PLATFORM=offscreen uv run python -m bench.models_page_stall [rounds]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HOME = Path(tempfile.mkdtemp(prefix="aideon-models-stall-"))
os.environ["AIDEON_HOME"] = str(HOME)

from PySide6.QtWidgets import QApplication  # noqa: E402

from aideon_desktop.core.answering import Assistant  # noqa: E402
from aideon_desktop.core.config import load_settings  # noqa: E402
from aideon_desktop.core.local_models.installed import ModelStore  # noqa: E402
from aideon_desktop.ui import models_page  # noqa: E402
from bench.ui_stall import GapMeter, run_until  # noqa: E402
from tests.core.local_models.conftest import FILE, REPO, catalog_entry  # noqa: E402
from tests.support.fake_hub import FakeHub  # noqa: E402
from tests.ui.models_setup import save_test_settings, use_env, write_catalog  # noqa: E402

MiB = 1 << 20


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    data = random.Random(1).randbytes(16 * MiB) * 16
    hub = FakeHub()
    hub.add_file(REPO, FILE, data)
    hub.start()
    use_env(hub, write_catalog(HOME / "catalog.toml", [catalog_entry(hub, data)]))
    save_test_settings()
    app = QApplication(sys.argv[:1])
    models_page.confirm_model_delete = lambda _parent, _choice: True  # no dialog to click
    assistant = Assistant(load_settings().settings, use_store=False)
    page = models_page.ModelsPage(assistant)
    page.show()
    meter = GapMeter()
    rows: list[tuple[str, int, float]] = []

    def measure(state: str, start, done, timeout_s: float = 120) -> None:
        meter.start()
        began = time.monotonic()
        start()
        run_until(app, done, timeout_s)
        rows.append((state, meter.worst, time.monotonic() - began))

    store = ModelStore()

    def installed() -> bool:
        return store.get("tiny-chat") is not None and not page.downloads.names()

    def listed_as_installed() -> bool:
        choice = page.overview.choice("tiny-chat") if page.overview else None
        return choice is not None and choice.installed is not None and not page.loading()

    for _ in range(rounds):
        run_until(app, lambda: not page.loading(), 30)
        idle_until = time.monotonic() + 2
        measure("idle (baseline)", lambda: None, lambda: time.monotonic() > idle_until)  # noqa: B023
        measure("listing models", page.refresh, lambda: not page.loading())
        measure("downloading 256 MiB", lambda: page.download("tiny-chat"), installed)
        run_until(app, listed_as_installed, 30)
        measure("deleting it", lambda: page.delete("tiny-chat"), lambda: not installed())
    meter.timer.stop()
    assistant.close()
    hub.stop()
    print(f"{'state':24} {'worst GUI stall ms':>20} {'took s':>8}")
    for state, worst, took in rows:
        print(f"{state:24} {worst:20d} {took:8.2f}")


if __name__ == "__main__":
    main()
