"""GUI-thread time per redraw while an answer streams into a long chat.

Baseline: the transcript before issue 17 — the whole conversation turned into one Markdown
document and set on a single QTextBrowser at every redraw tick.  Now: message blocks, where a
tick redraws only the streaming message.  Both include the event processing (layout, paint)
that follows the update.  Each chat's messages mix prose, code and a table.

Run: QT_QPA_PLATFORM=offscreen uv run python bench/ui_render.py [ticks]
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QTextBrowser

import aideon_desktop.ui  # noqa: F401 - the refcount guard, as in the app
from aideon_desktop.ui.style import current_theme
from aideon_desktop.ui.transcript import TranscriptEntry
from aideon_desktop.ui.transcript_view import TranscriptView

ANSWER = (
    "Here is one way to do it:\n\n```python\ndef top(scores, n=3):\n"
    "    return sorted(scores.items(), key=lambda kv: kv[1], reverse=True)[:n]\n```\n\n"
    "| Name | Score |\n|---|---:|\n| dee | 97 |\n| ana | 91 |\n\n"
    "The sort is stable, so equal scores keep their order. " * 2
)
CHUNK = "and then a few more words arrive from the model, "


def chat(messages: int) -> list[TranscriptEntry]:
    return [
        TranscriptEntry(
            "user" if i % 2 == 0 else "assistant", f"Question {i}?" if i % 2 == 0 else ANSWER
        )
        for i in range(messages)
    ]


def old_markdown(entries: list[TranscriptEntry]) -> str:
    """What the pre-issue-17 transcript rendered on every tick (transcript_markdown)."""
    parts = []
    for entry in entries:
        text = entry.text + ("\n```" if entry.text.count("```") % 2 else "")
        who = "**You**" if entry.role == "user" else "**Aideon**"
        parts.append(f"{who}\n\n{text or '…'}")
    return "\n\n---\n\n".join(parts)


def timed(app: QApplication, update, ticks: int) -> float:
    samples = []
    for _ in range(ticks):
        started = time.perf_counter()
        update()
        app.processEvents()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def baseline(app: QApplication, messages: int, ticks: int) -> float:
    entries = [*chat(messages), TranscriptEntry("assistant", "")]
    view = QTextBrowser()
    view.resize(800, 600)
    view.show()

    def tick() -> None:
        entries[-1].text += CHUNK
        view.setMarkdown(old_markdown(entries))

    result = timed(app, tick, ticks)
    view.close()
    return result


def blocks(app: QApplication, messages: int, ticks: int) -> float:
    view = TranscriptView(current_theme())
    view.resize(800, 600)
    view.show()
    view.set_entries(chat(messages))
    streaming = TranscriptEntry("assistant", "", streaming=True)
    block = view.append(streaming)
    app.processEvents()

    def tick() -> None:
        streaming.text += CHUNK
        block.refresh()

    result = timed(app, tick, ticks)
    view.close()
    return result


def main() -> None:
    ticks = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    app = QApplication(sys.argv[:1])
    print(
        f"{'messages in chat':>17} {'baseline ms/tick':>17} {'blocks ms/tick':>15} {'speed-up':>9}"
    )
    for messages in (10, 40, 100):
        old = baseline(app, messages, ticks)
        new = blocks(app, messages, ticks)
        print(f"{messages:17d} {old:17.2f} {new:15.2f} {old / new:8.1f}x")
    print(f"\nmedian of {ticks} ticks each; a tick is at most every 50 ms while streaming")


if __name__ == "__main__":
    main()
