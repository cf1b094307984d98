"""Start-up: launch → tray icon shown, and resident memory then and once the model is loaded.

Side by side with a baseline: a bare PySide6 program that only shows a tray icon.  Rows, with
default settings:

- "aideon tray": `aideon gui --tray`, what starting at login runs: the app waits in the tray.
  Its RSS once ready is the idle memory.
- "aideon window": `aideon` as a person starts it: the chat window opens, which loads the
  on-device model and the privacy tables in the background; RSS once the model is loaded.

Each run uses a fresh AIDEON_HOME on its own Xvfb display with a real tray (trayer).  Run:

    uv run python bench/startup.py [runs]
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

BASELINE = """
import sys
from PySide6.QtGui import QIcon, QPixmap, QColor
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
app = QApplication(sys.argv)
pixmap = QPixmap(32, 32); pixmap.fill(QColor("#2b59c3"))
tray = QSystemTrayIcon(QIcon(pixmap)); tray.show()
print("tray icon shown", flush=True)
app.exec()
"""


def rss_mb(pid: int) -> float:
    process = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [process, *process.children(recursive=True)]) / 1e6


def measure(
    command: list[str], env: dict[str, str], shown, ready=None
) -> tuple[float, float, float]:
    """Seconds to the tray icon, seconds until fully started, RSS (MB) once started."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:

        def wait(predicate) -> float:
            while not predicate(proc):
                if proc.poll() is not None or time.perf_counter() - started > 30:
                    raise RuntimeError("the program did not start")
                time.sleep(0.005)
            return time.perf_counter() - started

        to_tray = wait(shown)
        to_ready = wait(ready) if ready is not None else to_tray
        time.sleep(0.5)  # let start-up allocations settle
        return to_tray, to_ready, rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    for tool in ("Xvfb", "trayer"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed (apt-get install xvfb trayer)")
    number = random.randint(500, 900)
    xvfb = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1)
    env = {**os.environ, "DISPLAY": f":{number}"}
    env.pop("QT_QPA_PLATFORM", None)
    tray = subprocess.Popen(
        ["trayer"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(0.5)
    results: dict[str, list[tuple[float, float, float]]] = {
        "baseline tray": [],
        "aideon tray": [],
        "aideon window": [],
    }
    try:
        for _ in range(runs):
            shown_line = lambda p: "tray icon shown" in (p.stdout.readline() or "")  # noqa: E731
            results["baseline tray"].append(
                measure([sys.executable, "-c", BASELINE], env, shown_line)
            )
            for args, name, marker in (
                (["gui", "--tray"], "aideon tray", "ready"),
                ([], "aideon window", "local model loaded"),
            ):
                home = Path(tempfile.mkdtemp(prefix="aideon-startup-"))
                log = home / "logs" / "aideon.log"
                app_env = {**env, "AIDEON_HOME": str(home)}

                def shown(_proc, log=log) -> bool:
                    return log.exists() and "tray icon shown" in log.read_text()

                def ready(_proc, log=log, marker=marker) -> bool:
                    return log.exists() and marker in log.read_text()

                command = [sys.executable, "-m", "aideon_desktop", *args]
                results[name].append(measure(command, app_env, shown, ready))
                shutil.rmtree(home, ignore_errors=True)
    finally:
        tray.terminate()
        xvfb.terminate()
    print(f"{runs} cold launches each (fresh AIDEON_HOME, Xvfb + trayer)\n")
    print(f"{'program':14} {'to tray s':>10} {'started s':>10} {'RSS MB':>8}")
    for name, rows in results.items():
        print(
            f"{name:14} {statistics.median(r[0] for r in rows):10.2f} {statistics.median(r[1] for r in rows):10.2f}"
            f" {statistics.median(r[2] for r in rows):8.0f}"
        )
    app, base = results["aideon tray"], results["baseline tray"]
    ratio = statistics.median(r[0] for r in app) / statistics.median(r[0] for r in base)
    print(
        f"\nto-tray ratio aideon/baseline: {ratio:.2f}; targets: tray <= 1.0 s, idle RSS (aideon tray row) <= 150 MB"
    )


if __name__ == "__main__":
    main()
