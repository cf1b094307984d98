"""GUI responsiveness: the longest gap between ticks of a 5 ms timer on the GUI thread while an
answer streams from the embedded model into the chat window, against the same timer idle.

Run: QT_QPA_PLATFORM=offscreen uv run python bench/ui_stall.py [answers]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("AIDEON_HOME", tempfile.mkdtemp(prefix="aideon-stall-"))

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication

from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.config import load_settings
from aideon_desktop.ui.chat_window import ChatWindow


class GapMeter:
    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last = 0
        self.worst = 0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.tick)

    def tick(self) -> None:
        now = self.clock.elapsed()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last, self.worst = self.clock.elapsed(), 0
        self.timer.start()


def run_until(app: QApplication, done, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)


def main() -> None:
    answers = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    app = QApplication(sys.argv[:1])
    settings = load_settings().settings
    settings.local.max_tokens = 200
    assistant = Assistant(settings)
    window = ChatWindow(assistant)
    window.show()
    assistant.providers.local.ensure_loaded()
    meter = GapMeter()

    meter.start()
    end = time.monotonic() + 2.0
    run_until(app, lambda: time.monotonic() > end, 3)
    idle = meter.worst

    worst_streaming = []
    for i in range(answers):
        window.new_conversation()
        window.draft.setPlainText(f"Tell a long story about lighthouse number {i}.")
        meter.start()
        window.send()
        run_until(app, lambda: not window.busy(), 120)
        worst_streaming.append(meter.worst)
    meter.timer.stop()
    assistant.close()
    print(f"{'state':24} {'worst GUI stall ms':>20}")
    print(f"{'idle (baseline)':24} {idle:20d}")
    for i, worst in enumerate(worst_streaming, 1):
        print(f"{f'streaming answer {i}':24} {worst:20d}")
    print(
        f"\nworst streaming / idle: {max(worst_streaming) / max(idle, 1):.1f}x (target: worst <= 30 ms)"
    )


if __name__ == "__main__":
    main()
