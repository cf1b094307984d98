"""Start-up: launch → tray icon shown, and resident memory then and once the model is loaded.

Side by side with a baseline: a bare PySide6 program that only shows a tray icon.  Each run
uses a fresh AIDEON_HOME on its own Xvfb display with a real tray (trayer).  Run:

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
    command: list[str], env: dict[str, str], ready, loaded=None
) -> tuple[float, float, float | None]:
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        while not ready(proc):
            if proc.poll() is not None or time.perf_counter() - started > 30:
                raise RuntimeError("the program did not show its tray icon")
            time.sleep(0.005)
        elapsed = time.perf_counter() - started
        idle = rss_mb(proc.pid)
        after = None
        if loaded is not None:
            deadline = time.perf_counter() + 20
            while not loaded() and time.perf_counter() < deadline:
                time.sleep(0.05)
            time.sleep(0.3)
            after = rss_mb(proc.pid)
        return elapsed, idle, after
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
    results: dict[str, list[tuple[float, float, float | None]]] = {
        "baseline tray": [],
        "aideon": [],
    }
    try:
        for _ in range(runs):
            results["baseline tray"].append(
                measure(
                    [sys.executable, "-c", BASELINE],
                    env,
                    lambda p: "tray icon shown" in (p.stdout.readline() or ""),
                )
            )
            home = Path(tempfile.mkdtemp(prefix="aideon-startup-"))
            log = home / "logs" / "aideon.log"
            app_env = {**env, "AIDEON_HOME": str(home)}

            def shown(_proc, log=log) -> bool:
                return log.exists() and "tray icon shown" in log.read_text()

            def loaded(log=log) -> bool:
                return log.exists() and "local model loaded" in log.read_text()

            results["aideon"].append(
                measure([sys.executable, "-m", "aideon_desktop"], app_env, shown, loaded)
            )
            shutil.rmtree(home, ignore_errors=True)
    finally:
        tray.terminate()
        xvfb.terminate()
    print(f"{runs} cold launches each (fresh AIDEON_HOME, Xvfb + trayer)\n")
    print(f"{'program':14} {'to tray s':>10} {'RSS idle MB':>12} {'RSS model MB':>13}")
    for name, rows in results.items():
        launch = statistics.median(r[0] for r in rows)
        idle = statistics.median(r[1] for r in rows)
        model = [r[2] for r in rows if r[2] is not None]
        print(
            f"{name:14} {launch:10.2f} {idle:12.0f} {statistics.median(model) if model else float('nan'):13.0f}"
        )
    app, base = results["aideon"], results["baseline tray"]
    print(
        f"\nlaunch ratio aideon/baseline: {statistics.median(r[0] for r in app) / statistics.median(r[0] for r in base):.2f}"
        f" (target: aideon <= 1.0 s); idle RSS target <= 150 MB"
    )


if __name__ == "__main__":
    main()
