"""Screenshots of the chat window and quick prompt, light and dark, at the scale the
environment sets (QT_SCALE_FACTOR), with real answers: a cloud answer with code and a table
from a loopback fake cloud, a private answer from the embedded model.  Prints one JSON line of
geometry and colour measurements for tests/ui/test_window_sizes.py.

    QT_QPA_PLATFORM=offscreen:configfile=screen.json QT_SCALE_FACTOR=2 \\
        python -m tests.ui.screens artifacts/
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from tests.fake_cloud import FakeCloud

if TYPE_CHECKING:  # the app's modules load after the environment is set up (see main)
    from aideon_desktop.ui.chat_window import ChatWindow

SORT_ANSWER = [
    "Use `sorted()` with a **key** — it returns a new list:\n\n",
    "```python\n",
    'scores = {"ana": 91, "ben": 78, "cy": 85, "dee": 97}\n',
    "top = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)[:3]\n",
    "for name, score in top:\n",
    '    print(f"{name}: {score}")\n',
    "```\n\n",
    "| Name | Score |\n",
    "|------|------:|\n",
    "| dee | 97 |\n",
    "| ana | 91 |\n",
    "| cy | 85 |\n\n",
    "> `sorted()` is stable: equal scores keep their original order.\n",
]
LIST_ANSWER = [
    "List them with:\n\n",
    "```bash\n",
    "ls -la ~/Documents\n",
    "```\n",
    "Add `-h` for sizes.",
]
CLOUD_QUESTION = "How do I sort scores in Python and show the top 3?"
PRIVATE_QUESTION = "My card 4539 1488 0343 6467 was charged twice. What should I tell my bank?"
DRAFT = "Is it safe to email my IBAN GB82 WEST 1234 5698 7654 32 to a landlord?"
CODER = ("together", "moonshotai/Kimi-K2.7-Code")  # a model the catalogue lists
QUICK_PRIVATE = "My NHS number is 943 476 5919 — which form asks for it?"


def wait(app: QApplication, done: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.005)


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)


def palette(scheme: str) -> QPalette:
    dark = scheme == "dark"
    colors = {
        QPalette.ColorRole.Window: "#1e1f22" if dark else "#f3f3f3",
        QPalette.ColorRole.WindowText: "#e6e7ea" if dark else "#1f2328",
        QPalette.ColorRole.Base: "#25272b" if dark else "#ffffff",
        QPalette.ColorRole.AlternateBase: "#2a2c31" if dark else "#f6f7f9",
        QPalette.ColorRole.Text: "#e6e7ea" if dark else "#1f2328",
        QPalette.ColorRole.Button: "#2a2c31" if dark else "#efefef",
        QPalette.ColorRole.ButtonText: "#e6e7ea" if dark else "#1f2328",
        QPalette.ColorRole.Highlight: "#5b8def" if dark else "#2b59c3",
        QPalette.ColorRole.HighlightedText: "#0e1320" if dark else "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#25272b" if dark else "#ffffff",
        QPalette.ColorRole.ToolTipText: "#e6e7ea" if dark else "#1f2328",
        QPalette.ColorRole.PlaceholderText: "#80858e" if dark else "#8a8f98",
    }
    result = QPalette()
    for role, color in colors.items():
        result.setColor(role, QColor(color))
    return result


def inside(outer: QRect, widget: QWidget) -> bool:
    top_left = widget.mapToGlobal(QPoint(0, 0))
    return widget.isVisible() and outer.contains(QRect(top_left, widget.size()))


def lightness(widget: QWidget, x: int, y: int) -> int:
    image = widget.grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(x * ratio), int(y * ratio)).lightness()


def send(app: QApplication, window, text: str) -> None:
    window.draft.setPlainText(text)
    window.send()
    wait(app, lambda: not window.busy())


def geometry(window) -> dict:
    screen = window.screen()
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    return {
        "scale": screen.devicePixelRatio(),
        "available": [area.width(), area.height()],
        "window": [frame.x(), frame.y(), frame.width(), frame.height()],
        "window_fits": area.contains(frame),
        "send_visible": inside(area, window.send_button)
        and inside(window.geometry(), window.send_button),
        "draft_visible": inside(area, window.draft),
        "narrow": window.narrow(),
        "sidebar_visible": window.sidebar.isVisible(),
        "toggle_visible": window.header.toggle.isVisible(),
    }


def quick_shots(app: QApplication, assistant, clouds: tuple, out: Path, name: str) -> dict:
    from aideon_desktop.ui.quick_prompt import QuickPrompt

    together, hf = clouds
    quick = QuickPrompt(assistant, "Hotkey: Ctrl+Alt+Space")
    quick.popup()
    quick.input.setText(QUICK_PRIVATE)
    wait(app, lambda: quick.chip.state.kind == "private")
    settle(app)
    quick.grab().save(str(out / f"quick-{name}-private.png"))
    chip = quick.chip.text
    hf.reply_words = together.reply_words = LIST_ANSWER
    folder = "Documents" if "light" in name else "Downloads"  # not the same: no cache hit
    quick.input.setText(f"How do I list the files in my {folder} folder?")
    wait(app, lambda: quick.chip.state.kind == "cloud")
    quick.send()
    wait(app, lambda: not quick.busy())
    settle(app)
    quick.grab().save(str(out / f"quick-{name}-answer.png"))
    fits = inside(quick.screen().availableGeometry(), quick)
    quick.hide()
    quick.deleteLater()
    return {"quick_private_chip": chip, "quick_fits": fits}


def point_at(together: FakeCloud, hf: FakeCloud) -> None:
    """Keys for both clouds, and their addresses pointing at the loopback fakes."""
    os.environ.update(
        TOGETHER_API_KEY="tk-test-aaaaaaaaaaaaaaaaaaaa",
        HF_TOKEN="hf_testtesttesttesttesttesttesttest",
        AIDEON_TOGETHER_BASE_URL=together.base_url,
        AIDEON_HF_BASE_URL=hf.base_url,
        AIDEON_HF_LEGACY_BASE_URL=hf.root_url,
    )


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with FakeCloud("together") as together, FakeCloud("huggingface") as hf:
        point_at(together, hf)
        app = QApplication(sys.argv[:1])
        app.setStyle("Fusion")
        app.setPalette(palette("light"))
        print(json.dumps(capture(app, (together, hf), out)))


def open_chat(app: QApplication, max_tokens: int) -> ChatWindow:
    """A shown chat window on a real Assistant whose local answers stay short."""
    from aideon_desktop.core.answering import Assistant
    from aideon_desktop.core.config import load_settings
    from aideon_desktop.ui.chat_window import ChatWindow

    settings = load_settings().settings
    settings.local.max_tokens, settings.local.temperature = max_tokens, 0.0
    window = ChatWindow(Assistant(settings, sleep=lambda s: None))
    window.show()
    settle(app)
    return window


def capture(app: QApplication, clouds: tuple[FakeCloud, FakeCloud], out: Path) -> dict:
    window = open_chat(app, max_tokens=40)
    assistant = window.assistant
    picker = window.composer.picker
    index = picker.index_of(CODER)
    if index < 0:  # a blank picker in every screenshot: the catalogue moved on
        raise LookupError(f"{CODER} is not in the model picker")
    picker.setCurrentIndex(index)  # the user picks a chat model
    picker.activated.emit(picker.currentIndex())
    clouds[0].script({"kind": "ok", "words": SORT_ANSWER})
    send(app, window, CLOUD_QUESTION)
    send(app, window, PRIVATE_QUESTION)
    window.draft.setPlainText(DRAFT)
    wait(app, lambda: window.composer.chip.state.kind == "private")
    scale = f"{window.screen().devicePixelRatio():g}x"
    result = {"geometry": geometry(window), "chip": window.composer.chip.text}
    for scheme in ("light", "dark"):
        app.setPalette(palette(scheme))  # the window follows the system scheme by itself
        settle(app, 0.5)
        result[f"{scheme}_theme"] = window.theme.scheme
        header = window.header
        result[f"{scheme}_background"] = lightness(window, window.width() - 30, header.height() + 8)
        result[f"{scheme}_text"] = (
            window.transcript.blocks[-1].body.parts[0].palette().text().color().lightness()
        )
        window.grab().save(str(out / f"chat-{scale}-{scheme}.png"))
        bar = window.transcript.verticalScrollBar()
        bar.setValue(0)  # the top of the chat: the cloud answer, its code and chip
        settle(app, 0.1)
        window.grab().save(str(out / f"chat-{scale}-{scheme}-top.png"))
        window.transcript.scroll_to_bottom()
        result |= {
            f"{scheme}_{k}": v
            for k, v in quick_shots(app, assistant, clouds, out, f"{scale}-{scheme}").items()
        }
    window.session.preview.wait()
    assistant.close()
    return result


if __name__ == "__main__":
    main(Path(sys.argv[1]))
