"""The quick prompt on a real X display, for tests/e2e/test_quick_prompt_display.py: it opens
the box, then records what the privacy chip said and what it said at the moment of sending
while a test types with xdotool.  Files in the folder given as argument:

    ready        the box is shown and has keyboard focus
    answered     the answer has arrived (a screenshot is in quick-prompt-display.png)
    result.json  written once the box has been closed (Esc), then the probe exits
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication


def main(folder: Path, artifacts: Path) -> int:
    from aideon_desktop.core.answering import Assistant
    from aideon_desktop.core.config import load_settings
    from aideon_desktop.ui.quick_prompt import QuickPrompt

    app = QApplication(sys.argv[:1])
    settings = load_settings().settings
    settings.local.max_tokens, settings.local.temperature = 32, 0.0
    assistant = Assistant(settings)
    quick = QuickPrompt(assistant, "Hotkey: Ctrl+Alt+Space")
    log: dict = {"chips": [], "submitted": None, "chips_before_send": None}
    quick.chip.changed.connect(lambda state: log["chips"].append([state.kind, state.text]))

    def submitted(chip_text: str) -> None:
        log["submitted"] = chip_text
        log["chips_before_send"] = list(log["chips"])

    quick.submitted.connect(submitted)
    quick.popup()

    def poll() -> None:
        if not (folder / "ready").exists() and quick.input.hasFocus():
            (folder / "ready").write_text("ready")
        answered = log["submitted"] is not None and not quick.busy()
        if answered and not (folder / "answered").exists():
            artifacts.mkdir(parents=True, exist_ok=True)
            QGuiApplication.primaryScreen().grabWindow(0).save(
                str(artifacts / "quick-prompt-display.png")
            )
            log["status"] = quick.status.text()
            log["answer"] = quick.answer_view.plain_text()
            (folder / "answered").write_text("answered")
        if answered and not quick.isVisible():
            (folder / "result.json").write_text(json.dumps(log))
            app.exit(0)

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(50)
    code = app.exec()
    quick.preview.wait()
    assistant.close()
    return code


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
