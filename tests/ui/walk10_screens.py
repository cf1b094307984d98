"""Screenshots of a new user's first hour, for a person to look at: a first run with no keys
(this device answers), an answer streaming and stopped with Esc, a cloud that answers 500 or
never starts, a private prompt, masking, the model picker open, forty chats with a search, the
rename and delete boxes, and the window at 640x400 and 1600x1000.  Light and dark, at the scale
the environment sets.  Prints one JSON line of what was on screen.

    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=2 python -m tests.ui.walk10_screens out/
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication

from tests.fake_cloud import FakeCloud
from tests.support.keyring_backend import use_file_keyring
from tests.support.store_rows import add_message, new_conversation
from tests.ui.screens import open_chat, palette, point_at, send, settle, wait

TAG = f"{os.environ.get('QT_SCALE_FACTOR', '1')}x"
WORDS = [f"word{n} " for n in range(60)]


def shoot(app: QApplication, widget, out: Path, name: str, both: bool = True) -> None:
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for scheme in ("light", "dark") if both else ("light",):
        app.setPalette(palette(scheme))
        settle(app, 0.3)
        widget.grab().save(str(out / f"w10-{TAG}-{scheme}-{name}.png"))
    app.setPalette(palette("light"))
    settle(app, 0.1)


def grab_modal(app: QApplication, out: Path, name: str) -> None:
    """Save the modal box that opens next, then close it (Esc)."""

    def take() -> None:
        box = app.activeModalWidget()
        if box is None:
            QTimer.singleShot(50, take)
            return
        box.grab().save(str(out / f"w10-{TAG}-light-{name}.png"))
        box.reject()

    QTimer.singleShot(200, take)


def first_run(app: QApplication, out: Path, result: dict) -> None:
    for key in ("TOGETHER_API_KEY", "HF_TOKEN"):
        os.environ.pop(key, None)
    window = open_chat(app, max_tokens=24)
    settle(app, 1.0)
    shoot(app, window, out, "first-empty")
    window.draft.setPlainText("What is the capital of France?")
    wait(app, lambda: window.composer.chip.state.kind != "checking", 20)
    settle(app, 0.5)
    result["first_chip"] = window.composer.chip.text
    result["first_picker"] = [window.composer.picker.itemText(i) for i in range(3)]
    result["first_mask_visible"] = window.composer.mask.isVisible()
    window.send()
    wait(app, lambda: not window.busy())
    shoot(app, window, out, "first-answer")
    result["first_banner"] = window.banner.text()
    window.close()
    window.session.preview.wait()
    window.assistant.close()


def cloud_scenes(app: QApplication, out: Path, clouds: tuple, result: dict) -> None:
    together, hf = clouds
    from aideon_desktop.core.paths import settings_file

    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text("[routing]\nanswer_budget_seconds = 4\n")  # a short timeout
    window = open_chat(app, max_tokens=24)
    settle(app, 0.5)
    for cloud in clouds:
        cloud.script({"kind": "ok", "words": WORDS, "delay": 0.15})  # together's is stopped
    window.draft.setPlainText("Write a short story about a lighthouse keeper.")
    window.send()
    shoot(app, window, out, "sent-checking", both=False)  # the first check of the window
    wait(app, lambda: len(window.transcript.blocks) >= 2 and "word5" in _last_text(window), 30)
    shoot(app, window, out, "streaming", both=False)
    result["streaming_stop_visible"] = window.stop_button.isVisible()
    window.escape()
    wait(app, lambda: not window.busy())
    shoot(app, window, out, "stopped")
    result["stopped_banner"] = window.banner.text()
    result["stopped_draft"] = window.draft.toPlainText()
    error = {"kind": "status", "status": 500, "text": "internal error"}
    together.script(*[error] * 8)  # Hugging Face answers (slowly, 60 words)
    send(app, window, "Explain what a 500 error is.")
    shoot(app, window, out, "error-500")
    result["e500_banner"] = window.banner.text()
    for cloud in clouds:
        cloud._script.clear()
        cloud.script(*[{"kind": "silent", "seconds": 8}] * 8)
    window.new_conversation()
    send(app, window, "Give me three names for a cat.")
    shoot(app, window, out, "timeout")
    result["timeout_banner"] = window.banner.text()
    private_and_mask(app, window, out, clouds, result)
    window.close()
    window.session.preview.wait()
    window.assistant.close()


def _last_text(window) -> str:
    return window.transcript.blocks[-1].entry.text if window.transcript.blocks else ""


def private_and_mask(app: QApplication, window, out: Path, clouds: tuple, result: dict) -> None:
    for cloud in clouds:
        cloud._script.clear()
        cloud.script(*[{"kind": "ok", "words": ["Call ", "your ", "bank."]}] * 3)
    window.new_conversation()
    window.draft.setPlainText("My IBAN is GB82 WEST 1234 5698 7654 32, can I share it?")
    wait(app, lambda: window.composer.chip.state.kind == "private")
    shoot(app, window, out, "private-draft", both=False)
    send(app, window, window.draft.toPlainText())
    shoot(app, window, out, "private-sent")
    window.new_conversation()
    window.composer.mask.setChecked(True)
    window.draft.setPlainText("My IBAN is GB82 WEST 1234 5698 7654 32, is that a UK bank?")
    settle(app, 1.0)
    result["mask_chip"] = window.composer.chip.text
    shoot(app, window, out, "mask-draft", both=False)
    send(app, window, window.draft.toPlainText())
    shoot(app, window, out, "mask-sent")
    window.composer.mask.setChecked(False)
    picker = window.composer.picker
    picker.showPopup()
    settle(app, 0.4)
    picker.view().window().grab().save(str(out / f"w10-{TAG}-light-picker.png"))
    result["picker_items"] = [picker.itemText(i) for i in range(picker.count())]
    picker.hidePopup()


def sidebar_scenes(app: QApplication, out: Path, result: dict) -> None:
    window = open_chat(app, max_tokens=24)
    store = window.assistant.store
    topics = ["Trip to Lisbon", "Python sorting", "Tax return 2025", "Birthday ideas", "Haiku"]
    for n in range(40):
        cid = new_conversation(store, f"{topics[n % 5]} #{n}")
        add_message(store, cid, "user", f"{topics[n % 5]} question {n}")
        add_message(store, cid, "assistant", "An answer.", provider="together", model="m")
    window.refresh_conversations()
    settle(app, 0.5)
    window.conversation_list.setCurrentRow(3)
    window.open_conversation(window.sidebar.selected_id())
    shoot(app, window, out, "many-chats")
    window.focus_search()
    window.search.setText("tax")
    settle(app, 0.5)
    result["search_titles"] = window.sidebar.titles()[:3]
    shoot(app, window, out, "search", both=False)
    window.search.setText("zzzz")
    settle(app, 0.5)
    shoot(app, window, out, "search-none", both=False)
    window.search.clear()
    grab_modal(app, out, "rename")
    window.chats.rename()
    grab_modal(app, out, "delete")
    window.chats.confirm_delete()
    window.resize(640, 400)
    shoot(app, window, out, "small-640")
    window.toggle_sidebar()
    shoot(app, window, out, "small-640-drawer", both=False)
    window.escape()
    window.resize(1600, 1000)
    shoot(app, window, out, "large")
    window.close()
    window.session.preview.wait()
    window.assistant.close()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="aideon-walk10-"))
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    app.setPalette(palette("light"))
    result: dict = {}
    with use_file_keyring(home / "keyring.json"):
        os.environ["AIDEON_HOME"] = str(home / "first")
        first_run(app, out, result)
        with FakeCloud("together") as together, FakeCloud("huggingface") as hf:
            os.environ["AIDEON_HOME"] = str(home / "cloud")
            point_at(together, hf)
            cloud_scenes(app, out, (together, hf), result)
            os.environ["AIDEON_HOME"] = str(home / "many")
            sidebar_scenes(app, out, result)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
