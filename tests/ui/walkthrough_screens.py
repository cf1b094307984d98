"""Screenshots of what a fresh-eyes walkthrough looked at, for a person to look at: chat titles
of a private prompt, an answer this device gave after both clouds failed, a 50,000-character
prompt, "Jump to latest" over the last answer, the window at 640x400 and an earlier message
edited and sent again.  Light and dark, at the scale the environment sets:

    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=2 python -m tests.ui.walkthrough_screens out/
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from tests.fake_cloud import FakeCloud
from tests.support.keyring_backend import use_file_keyring
from tests.ui.screens import open_chat, palette, point_at, send, settle

REFUSED = {"kind": "status", "status": 401, "body": {"error": {"message": "Invalid API key"}}}
LONG_LINE = "Row {n}: the quarterly figures for the northern region, as exported from the sheet."
ANSWER_META = {
    "route": "Llama 3.3 70B",
    "own_hardware": False,
    "task": "general",
    "prompt_tokens": 31,
    "completion_tokens": 180,
    "cost_usd": "0.000186",
    "saved_usd": "0.001900",
    "reasons": ["no private data found"],
}


def long_prompt(chars: int = 50_000) -> str:
    lines, n = [], 0
    while sum(len(line) + 1 for line in lines) < chars:
        n += 1
        lines.append(LONG_LINE.format(n=n))
    return "Summarise these rows:\n" + "\n".join(lines)


def shoot(app: QApplication, window, out: Path, name: str) -> None:
    """``name`` in light and dark (the window follows the system palette)."""
    # messages of the chat shown before are deleted later: in the app's event loop, here now
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    tag = f"{os.environ.get('QT_SCALE_FACTOR', '1')}x"
    for scheme in ("light", "dark"):
        app.setPalette(palette(scheme))
        settle(app, 0.4)
        window.grab().save(str(out / f"walk-{tag}-{scheme}-{name}.png"))
    app.setPalette(palette("light"))


def show_entries(app: QApplication, window, entries: list) -> None:
    window.session.entries = entries
    window.transcript.set_entries(entries)
    settle(app, 0.3)


def scenes(app: QApplication, window, out: Path) -> None:
    from aideon_desktop.ui.transcript import TranscriptEntry

    send(app, window, "Send 200 to DE89370400440532013000 please")
    window.new_conversation()
    send(app, window, "Write a haiku about autumn rain.")
    shoot(app, window, out, "titles-fallback")
    now = datetime.now(UTC)
    window.new_conversation()
    show_entries(
        app,
        window,
        [
            TranscriptEntry("user", long_prompt(), created=now),
            TranscriptEntry("assistant", "Sales rose in every row.", created=now, meta=ANSWER_META),
        ],
    )
    window.transcript.scroll_to_bottom()  # as a reopened chat shows: its end
    settle(app, 0.2)
    shoot(app, window, out, "long-prompt")
    pairs = []
    for n in range(4):
        pairs += [
            TranscriptEntry("user", f"Question {n + 1}: what is {n} + {n}?", created=now),
            TranscriptEntry("assistant", f"{n} + {n} = {2 * n}.", created=now, meta=ANSWER_META),
        ]
    show_entries(app, window, pairs)
    bar = window.transcript.verticalScrollBar()
    bar.setValue(bar.maximum() - 40)  # just above the end: "Jump to latest" shows
    settle(app, 0.2)
    shoot(app, window, out, "jump")
    window.resize(640, 400)
    window.draft.setPlainText("A two-line question\nabout the numbers above")
    settle(app, 0.3)
    shoot(app, window, out, "small")
    window.resize(1040, 720)
    window.draft.clear()
    window.new_conversation()
    send(app, window, "Name a colour.")
    send(app, window, "Name a fruit.")
    window.session.edit(0)
    window.draft.setPlainText("Name a dark colour.")
    window.send()
    settle(app, 0.1)
    while window.busy():
        settle(app, 0.1)
    shoot(app, window, out, "edited")
    origin = getattr(window.transcript.blocks[-2], "origin", None)
    if origin is not None:  # (before the mark existed there is nothing to click)
        origin.click()
        settle(app, 0.2)
        window.grab().save(
            str(out / f"walk-{os.environ.get('QT_SCALE_FACTOR', '1')}x-light-origin.png")
        )


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="aideon-walkthrough-"))
    os.environ["AIDEON_HOME"] = str(home)
    with (
        use_file_keyring(home / "keyring.json"),
        FakeCloud("together") as together,
        FakeCloud("huggingface") as hf,
    ):
        point_at(together, hf)
        together.script(*[REFUSED] * 8)
        hf.script(*[REFUSED] * 8)
        app = QApplication(sys.argv[:1])
        app.setStyle("Fusion")
        app.setPalette(palette("light"))
        window = open_chat(app, max_tokens=24)
        try:
            scenes(app, window, out)
        finally:
            window.session.preview.wait()
            window.assistant.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
