"""Screenshots of the Models page and the chat window's first-run suggestion, light and dark,
at the scale the environment sets (QT_SCALE_FACTOR): the real catalogue, Ollama's models from a
loopback fake, one download in progress (the fake Hub holds it half-way) and one refused for a
bad checksum.  Memory is that of an 8 GB laptop with 5 GB free, so every fit badge shows.
Prints one JSON line of what was on screen.

    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=2 python -m tests.ui.models_screens artifacts/models
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from aideon_desktop.core.hardware import MemorySnapshot
from aideon_desktop.core.local_models.fit import GiB
from tests.support.fake_hub import FakeHub
from tests.support.fake_ollama import FakeOllama
from tests.ui.models_setup import MiB, save_test_settings, write_catalog
from tests.ui.screens import palette, settle, wait

REPO = "aideon-test/screens-GGUF"


def redirect(entry, hub: FakeHub, file: str, data: bytes):
    """A real catalogue entry whose file comes from the fake Hub (its size is the fake's)."""
    return entry.model_copy(
        update={
            "repo": REPO,
            "file": file,
            "revision": hub.repos[REPO].refs["main"],
            "sha256": hashlib.sha256(data).hexdigest(),
            "size_bytes": len(data),
        }
    )


def laptop_memory(include_gpu: bool = False) -> MemorySnapshot:
    return MemorySnapshot(8 * GiB, 5 * GiB)


def setup(home: Path) -> tuple[FakeHub, FakeOllama, list[str]]:
    from aideon_desktop.core.local_models import overview
    from aideon_desktop.core.local_models.catalog import CATALOG_ENV, load_catalog

    overview.memory_snapshot = laptop_memory  # a screenshot of a typical machine, not this one

    os.environ["AIDEON_HOME"] = str(home)
    hub = FakeHub()
    data = {name: random.Random(name).randbytes(48 * MiB) for name in ("a.gguf", "b.gguf")}
    for name, blob in data.items():
        hub.add_file(REPO, name, blob)
    hub.start()
    catalog = list(load_catalog())
    by_size = sorted(range(len(catalog)), key=lambda i: catalog[i].size_bytes)
    moved = [by_size[1], by_size[0]]  # downloading, failed
    for index, name in zip(moved, data, strict=True):
        catalog[index] = redirect(catalog[index], hub, name, data[name])
    os.environ[CATALOG_ENV] = str(write_catalog(home / "catalog.toml", catalog))
    os.environ["HF_ENDPOINT"] = hub.endpoint
    ollama = FakeOllama().start()
    save_test_settings(ollama_url=ollama.base_url)
    return hub, ollama, [catalog[i].name for i in moved]


def capture(
    app: QApplication, hub: FakeHub, ollama: FakeOllama, names: list[str], out: Path
) -> dict:
    from aideon_desktop.core.answering import Assistant
    from aideon_desktop.core.config import load_settings
    from aideon_desktop.ui.chat_window import ChatWindow
    from aideon_desktop.ui.models_page import ModelsPage

    assistant = Assistant(load_settings().settings, use_store=False)
    page = ModelsPage(assistant)
    page.resize(760, 900)
    page.show()
    wait(app, lambda: page.overview is not None and not page.loading())
    downloading, failing = (page.rows[n] for n in names)
    hub.pause_at(20 * MiB)
    page.download(names[0])
    wait(app, lambda: downloading.bar.value() > 100)
    hub.corrupt_next()
    page.download(names[1])
    wait(app, lambda: bool(failing.error_text()))
    wait(app, lambda: not page.loading())
    ollama.stop()  # the suggestion is made only while no other model is ready
    window = ChatWindow(assistant)
    window.show()
    window.suggestion.check()
    wait(app, lambda: window.suggestion.isVisible())
    scale = f"{page.screen().devicePixelRatio():g}x"
    result = {"scale": scale, "rows": list(page.rows), "status": downloading.status.text()}
    result["error"] = failing.error_text()
    result["suggestion"] = window.suggestion.label.text()
    for scheme in ("light", "dark"):
        app.setPalette(palette(scheme))
        settle(app, 0.5)
        page.grab().save(str(out / f"models-{scale}-{scheme}.png"))
        page.list.verticalScrollBar().setValue(page.list.verticalScrollBar().maximum())
        settle(app, 0.2)
        page.grab().save(str(out / f"models-{scale}-{scheme}-end.png"))
        page.list.verticalScrollBar().setValue(0)
        window.grab().save(str(out / f"chat-suggestion-{scale}-{scheme}.png"))
    page.resize(420, 640)  # narrow: names wrap, buttons stay on the right
    settle(app, 0.3)
    page.grab().save(str(out / f"models-{scale}-dark-narrow.png"))
    page.downloads.cancel_all()
    hub.release()
    page.downloads.wait()
    assistant.close()
    return result


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        hub, ollama, names = setup(Path(home))
        app = QApplication(sys.argv[:1])
        app.setStyle("Fusion")
        app.setPalette(palette("light"))
        try:
            print(json.dumps(capture(app, hub, ollama, names, out)))
        finally:
            hub.release()
            hub.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
