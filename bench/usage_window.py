"""Opening Usage & savings with a long history: how long the GUI thread is blocked (the longest
gap of a 5 ms timer from the click until the numbers are on screen) and how long until they
are, for the charts window (store read on the thread pool, pyqtgraph imported on first open)
side by side with the baseline: the tables-only window before the charts (store read on the GUI
thread).  The baseline file is taken from git (``git show b7eafb7:aideon_desktop/ui/usage_view.py``).

Run: QT_QPA_PLATFORM=offscreen uv run python bench/usage_window.py [rows ...]
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HOME = Path(tempfile.mkdtemp(prefix="aideon-usage-bench-"))
os.environ["AIDEON_HOME"] = str(HOME)
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
(HOME / "settings.toml").write_text('[history]\nstorage = "plain"\n', encoding="utf-8")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from aideon_desktop.core.answering import Assistant  # noqa: E402
from aideon_desktop.core.config import load_settings  # noqa: E402
from aideon_desktop.core.store.models import UsageRecord  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ui_stall import GapMeter  # noqa: E402 - the same GUI-thread gap meter as ui_stall.py

ROOT = Path(__file__).resolve().parents[1]
PROVIDERS = ("together", "huggingface", "local", "groq")
TASKS = ("code", "general", "writing", "math")


def fill(store, rows: int) -> None:
    now = datetime.now(UTC)
    values = [
        {
            "provider": PROVIDERS[i % 4],
            "model": "m",
            "task": TASKS[i % 3],
            "prompt_tokens": 400,
            "completion_tokens": 300,
            "cost_micro_usd": 0 if i % 4 == 2 else 150 + i % 97,
            "baseline_micro_usd": 11_000,
            "private": i % 4 == 2,
            "cache_hit": i % 11 == 0,
            "created_at": now - timedelta(minutes=37 * i),
        }
        for i in range(rows)
    ]
    store._db.write(lambda s: s.execute(insert(UsageRecord), values) or True, False)


BASELINE_REV = "b7eafb7"  # the last commit with the tables-only usage window


def baseline_class():
    source = subprocess.run(
        ["git", "show", f"{BASELINE_REV}:aideon_desktop/ui/usage_view.py"],
        cwd=ROOT,
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    path = HOME / "usage_view_main.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("usage_view_main", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["usage_view_main"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.UsageView


def settle(app: QApplication, done, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)


def open_window(app: QApplication, make, ready) -> tuple[float, int]:
    """(ms until the numbers are shown, worst GUI stall ms on the way)."""
    meter = GapMeter()
    meter.start()
    started = time.perf_counter()
    QTimer.singleShot(0, lambda: holder.append(make()))
    holder: list = []
    settle(app, lambda: bool(holder) and ready(holder[0]))
    shown = (time.perf_counter() - started) * 1000
    settle(app, lambda: time.perf_counter() - started > shown / 1000 + 0.05)
    meter.timer.stop()
    holder[0].close()
    return shown, meter.worst


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1_000, 10_000, 50_000]
    app = QApplication(sys.argv[:1])
    from aideon_desktop.ui.usage_view import UsageView

    old_view = baseline_class()
    print(f"{'rows':>7} {'window':28} {'numbers shown ms':>17} {'worst GUI stall ms':>19}")
    for rows in sizes:
        assistant = Assistant(load_settings().settings)
        fill(assistant.store, rows)
        first = rows == sizes[0]
        results = {
            "before: tables only (baseline)": open_window(
                app, lambda a=assistant: old_view(a.store), lambda view: True
            ),
            "charts" + (", first open" if first else ""): open_window(
                app, lambda a=assistant: UsageView(a), lambda view: view.snapshot is not None
            ),
        }
        if first:
            results["charts, opened again"] = open_window(
                app, lambda a=assistant: UsageView(a), lambda view: view.snapshot is not None
            )
        for name, (shown, worst) in results.items():
            print(f"{rows:7d} {name:28} {shown:17.0f} {worst:19d}")
        assistant.store._db.write(lambda s: s.execute(UsageRecord.__table__.delete()), None)
        assistant.close()


if __name__ == "__main__":
    main()
