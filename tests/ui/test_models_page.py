"""The Models page with real widgets: downloads through huggingface_hub from the loopback fake
Hub (progress, cancel and resume, a corrupt file refused, no network, a full disk), Use switching
the on-device model without a restart, Delete, Ollama's models, and the first-run suggestion."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.config import load_settings
from aideon_desktop.core.local_models.download import partial_bytes
from aideon_desktop.core.local_models.installed import ModelStore
from aideon_desktop.core.local_models.overview import FIRST_RUN_WHY
from aideon_desktop.ui.models_page import ModelsPage
from tests.core.local_models.conftest import tmpfs
from tests.support.fake_hub import FakeHub
from tests.support.fake_ollama import FakeOllama
from tests.ui.conftest import close_when_idle
from tests.ui.models_setup import (
    CHUNK,
    MODEL_BYTES,
    MiB,
    closed_port_url,
    install_gguf,
    save_test_settings,
    start_hub,
    tiny_chat,
    use_hub,
    write_catalog,
)

TIMEOUT = 30000


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeHub]:
    fake = start_hub()
    use_hub(monkeypatch, fake, write_catalog(tmp_path / "catalog.toml", [tiny_chat(fake)]))
    yield fake
    fake.release()
    fake.stop()


def make_assistant(local_provider) -> Assistant:
    return Assistant(load_settings().settings, local=local_provider)


@pytest.fixture
def assistant(hub: FakeHub, local_provider) -> Iterator[Assistant]:
    save_test_settings()
    a = make_assistant(local_provider)
    yield a
    a.close()


def open_page(qtbot, assistant: Assistant) -> ModelsPage:
    page = ModelsPage(assistant)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.overview is not None and not page.loading(), timeout=TIMEOUT)
    # Qt shows a widget added to a shown layout on the next turn of the event loop
    qtbot.waitUntil(lambda: all(row.isVisible() for row in page.rows.values()), timeout=TIMEOUT)
    return page


def refreshed(qtbot, page: ModelsPage) -> None:
    qtbot.waitUntil(lambda: not page.loading() and not page.downloads.names(), timeout=TIMEOUT)


@pytest.fixture
def page(qtbot, assistant: Assistant) -> Iterator[ModelsPage]:
    page = open_page(qtbot, assistant)
    yield page
    page.downloads.cancel_all()
    page.downloads.wait()


def click(qtbot, button) -> None:
    # a refresh the page started itself (servers probed, a file checked) may still be running
    qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=TIMEOUT)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer_dialog(act) -> list[str]:
    """Handle the next message box with ``act``; returns the texts it showed."""
    seen: list[str] = []

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QMessageBox):
            QTimer.singleShot(20, handle)
            return
        seen.append(dialog.text())
        act(dialog)

    QTimer.singleShot(20, handle)
    return seen


def test_the_list_shows_size_licence_languages_fit_and_the_active_model(page: ModelsPage) -> None:
    assert list(page.rows) == ["smollm2-135m", "tiny-chat"]
    bundled, tiny = page.rows["smollm2-135m"], page.rows["tiny-chat"]
    assert "Active" in bundled.badge_texts and "Active" not in tiny.badge_texts
    assert bundled.use_button.text() == "In use" and not bundled.use_button.isEnabled()
    assert not bundled.delete_button.isVisible() and not bundled.download_button.isVisible()
    facts = tiny.facts.text()
    assert "24 MB" in facts and "Apache-2.0" in facts and "English" in facts
    assert "runs on this machine (built into Aideon)" in bundled.facts.text()
    assert "Fits this machine" in tiny.badge_texts and "Recommended" in tiny.badge_texts
    assert tiny.fit_note.text().startswith("Needs about") and "of memory; " in (
        tiny.fit_note.text()
    )
    assert tiny.download_button.isVisible() and not tiny.use_button.isVisible()
    assert "Recommended for this machine: Tiny Chat, not downloaded yet" in (
        page.recommendation.text()
    )
    assert "Ollama is not running on this machine" in page.servers_label.text()


def test_download_shows_progress_then_cancel_and_resume_continue_where_it_stopped(
    qtbot, page: ModelsPage, hub: FakeHub
) -> None:
    row = page.rows["tiny-chat"]
    bars: list[tuple[str, int]] = []  # (phase, the bar's value once the page showed it)
    page.downloads.progress.connect(lambda _n, p: bars.append((p.phase, row.bar.value())))
    hub.pause_at(12 * MiB)
    click(qtbot, row.download_button)
    qtbot.waitUntil(lambda: row.bar.value() >= 400, timeout=TIMEOUT)
    assert row.bar.isVisible() and row.cancel_button.isVisible()
    assert not row.use_button.isVisible() and not row.download_button.isVisible()
    status = row.status.text()
    assert status.startswith("Downloading: 10 MB of 24 MB · ") and "MB/s" in status, status
    assert page.list.isEnabled() and page.refresh_button.isEnabled()  # the page still answers

    click(qtbot, row.cancel_button)
    refreshed(qtbot, page)
    qtbot.waitUntil(lambda: row.download_button.text() == "Resume", timeout=TIMEOUT)
    assert row.status.text() == "Paused at 10 MB of 24 MB; Resume continues from there."
    assert row.bar.value() == 416 and not row.error_text()
    store = ModelStore()
    assert partial_bytes(tiny_chat(hub), store) == CHUNK and store.get("tiny-chat") is None

    hub.release()
    click(qtbot, row.download_button)
    qtbot.waitUntil(lambda: store.get("tiny-chat") is not None, timeout=TIMEOUT)
    refreshed(qtbot, page)
    qtbot.waitUntil(lambda: row.use_button.isVisible(), timeout=TIMEOUT)
    assert store.get("tiny-chat").path().read_bytes() == MODEL_BYTES
    assert [r.range for r in hub.cdn_gets()] == [None, f"bytes={CHUNK}-"]
    assert {"resolving", "downloading", "verifying", "done"} <= {phase for phase, _ in bars}
    values = [value for phase, value in bars if phase == "downloading"]
    assert values == sorted(values) and 416 in values and values[-1] == 1000  # resumed at 416
    assert bars[-1] == ("done", 1000)
    assert "Tiny Chat is downloaded and checked intact" in page.notice_text()  # its title
    assert row.delete_button.isVisible() and not row.download_button.isVisible()
    assert not row.bar.isVisible() and not row.status.isVisible()


def test_a_corrupt_download_is_refused_with_the_reason_shown(
    qtbot, page: ModelsPage, hub: FakeHub
) -> None:
    row = page.rows["tiny-chat"]
    hub.corrupt_next()
    click(qtbot, row.download_button)
    qtbot.waitUntil(lambda: bool(row.error_text()), timeout=TIMEOUT)
    assert "Tiny Chat failed its checksum" in row.error_text()
    assert "will not be used" in row.error_text() and row.error.property("kind") == "checksum"
    refreshed(qtbot, page)
    assert ModelStore().get("tiny-chat") is None and partial_bytes(tiny_chat(hub)) == 0
    assert row.download_button.text() == "Download" and row.download_button.isVisible()
    assert "failed its checksum" in row.error_text()  # a refresh keeps the message
    assert list(page.rows) == ["smollm2-135m", "tiny-chat"]


def test_no_network_is_named_in_the_row(
    qtbot, page: ModelsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_ENDPOINT", closed_port_url())
    row = page.rows["tiny-chat"]
    click(qtbot, row.download_button)
    qtbot.waitUntil(lambda: bool(row.error_text()), timeout=TIMEOUT)
    assert "Could not reach the Hugging Face Hub" in row.error_text()
    assert row.error.property("kind") == "network" and row.download_button.isVisible()


def test_a_full_disk_is_named_in_the_row(qtbot, hub: FakeHub, local_provider, isolated_home):
    save_test_settings()
    with tmpfs(isolated_home / "models", 8):
        assistant = make_assistant(local_provider)
        try:
            page = open_page(qtbot, assistant)
            row = page.rows["tiny-chat"]
            click(qtbot, row.download_button)
            qtbot.waitUntil(lambda: bool(row.error_text()), timeout=TIMEOUT)
            assert "Not enough free disk space for Tiny Chat" in row.error_text()
            assert row.error.property("kind") == "disk_full" and hub.cdn_gets() == []
        finally:
            assistant.close()


def test_use_switches_the_on_device_model_without_a_restart(
    qtbot, assistant: Assistant, hub: FakeHub, model_path: Path
) -> None:
    from aideon_desktop.ui.chat_window import ChatWindow

    installed = install_gguf(ModelStore(), tiny_chat(hub), model_path)
    page = open_page(qtbot, assistant)
    window = ChatWindow(assistant)
    window.show()
    qtbot.waitExposed(window)
    try:
        page.active_changed.connect(lambda _key: window.populate_models())
        assert "SmolLM2" in window.header.local_model.text()
        click(qtbot, page.rows["tiny-chat"].use_button)
        path = str(installed.path())
        assert assistant.settings.local.model_path == path
        assert load_settings().settings.local.model_path == path
        assert "Active" in page.rows["tiny-chat"].badge_texts
        assert "Active" not in page.rows["smollm2-135m"].badge_texts
        assert "now answered on this device by Tiny Chat" in page.notice_text()
        assert window.header.local_model.text() == "On this device: tiny-chat-Q4_K_M"
        assert "tiny-chat-Q4_K_M" in window.composer.picker.itemText(1)

        window.draft.setPlainText("My card 4539 1488 0343 6467 was charged twice. Help?")
        window.send()
        qtbot.waitUntil(lambda: not window.busy(), timeout=60000)
        block = window.transcript.blocks[-1]
        assert block.chip.text() == "Private · on this device"
        assert block.details.text().startswith("On device: tiny-chat-Q4_K_M · private")
        assert assistant.providers.local.model_path == installed.path()
    finally:
        close_when_idle(qtbot, window)


def test_delete_asks_first_and_removes_the_file(
    qtbot, assistant: Assistant, hub: FakeHub, model_path: Path
) -> None:
    installed = install_gguf(ModelStore(), tiny_chat(hub), model_path)
    page = open_page(qtbot, assistant)
    row = page.rows["tiny-chat"]
    click(qtbot, row.use_button)

    seen = answer_dialog(lambda d: d.reject())
    click(qtbot, row.delete_button)
    assert seen == ["Delete Tiny Chat?"] and installed.path().exists()

    answer_dialog(lambda d: d.button(QMessageBox.StandardButton.Yes).click())
    click(qtbot, row.delete_button)
    qtbot.waitUntil(lambda: not installed.path().exists(), timeout=TIMEOUT)
    refreshed(qtbot, page)
    qtbot.waitUntil(lambda: row.download_button.isVisible(), timeout=TIMEOUT)
    assert ModelStore().get("tiny-chat") is None and "Deleted tiny-chat" in page.notice_text()
    assert assistant.settings.local.model_path == ""  # the built-in model answers again
    assert "Active" in page.rows["smollm2-135m"].badge_texts


def test_ollama_models_are_offered_as_on_device_models(qtbot, hub: FakeHub, local_provider) -> None:
    ollama = FakeOllama().start()
    save_test_settings(ollama_url=ollama.base_url)
    assistant = make_assistant(local_provider)
    try:
        page = open_page(qtbot, assistant)
        assert "ollama:llama3.2:latest" in page.rows and "ollama:qwen3:4b" in page.rows
        assert not any("nomic" in key for key in page.rows)
        row = page.rows["ollama:qwen3:4b"]
        assert "runs on this machine in Ollama" in row.facts.text()
        assert "Ollama runs on this machine with 2 chat models" in page.servers_label.text()
        click(qtbot, row.use_button)  # Ollama is asked again first, off the GUI thread
        qtbot.waitUntil(lambda: assistant.settings.local.engine == "ollama", timeout=TIMEOUT)
        assert assistant.settings.local.server_model == "qwen3:4b"
        assert assistant.providers.local_route().display == "qwen3:4b (Ollama on this machine)"
        assert "Active" in row.badge_texts

        ollama.stop()  # gone before the list was gathered again: Use says why, changes nothing
        click(qtbot, page.rows["ollama:llama3.2:latest"].use_button)
        qtbot.waitUntil(lambda: "Ollama is not running" in page.notice_text(), timeout=TIMEOUT)
        assert page.notice_text().startswith("Problem: ")
        assert assistant.settings.local.server_model == "qwen3:4b"
        assert load_settings().settings.local.server_model == "qwen3:4b"
    finally:
        assistant.close()
        ollama.stop()


def test_the_first_run_suggestion_shows_with_the_bundled_model_alone_until_dismissed(
    qtbot, assistant: Assistant, hub: FakeHub, model_path: Path
) -> None:
    from aideon_desktop.ui.chat_window import ChatWindow

    window = ChatWindow(assistant)
    window.show()
    qtbot.waitExposed(window)
    try:
        suggestion = window.suggestion
        with qtbot.waitSignal(suggestion.checked, timeout=TIMEOUT) as shown:
            suggestion.check()
        assert shown.args == [True] and suggestion.isVisible()
        assert "Suggested for this machine: Tiny Chat (24 MB)" in suggestion.label.text()
        assert FIRST_RUN_WHY in suggestion.label.text()
        with qtbot.waitSignal(suggestion.open_models, timeout=1000):
            click(qtbot, suggestion.open_button)

        click(qtbot, suggestion.close_button)
        assert not suggestion.isVisible()
        assert load_settings().settings.ui.model_suggestion_dismissed
        with qtbot.waitSignal(suggestion.checked, timeout=TIMEOUT) as again:
            suggestion.check()
        assert again.args == [False] and not suggestion.isVisible()
    finally:
        close_when_idle(qtbot, window)


def test_no_suggestion_once_another_model_is_there(
    qtbot, assistant: Assistant, hub: FakeHub, model_path: Path
) -> None:
    from aideon_desktop.ui.model_suggestion import ModelSuggestion
    from aideon_desktop.ui.style import current_theme

    install_gguf(ModelStore(), tiny_chat(hub), model_path)
    suggestion = ModelSuggestion(assistant, current_theme())
    qtbot.addWidget(suggestion)
    with qtbot.waitSignal(suggestion.checked, timeout=TIMEOUT) as shown:
        suggestion.check()
    assert shown.args == [False] and not suggestion.isVisible()


def test_the_tray_opens_one_models_page_and_use_renames_the_chat_header(
    qtbot, hub: FakeHub, model_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aideon_desktop.ui.app import TrayApp

    monkeypatch.delenv("DISPLAY", raising=False)  # no global hotkey in this test
    save_test_settings()
    install_gguf(ModelStore(), tiny_chat(hub), model_path)
    tray_app = TrayApp(QApplication.instance(), None)
    try:
        window = tray_app.window  # built before the switch: it hears about it
        assert "SmolLM2" in window.header.local_model.text()
        page = tray_app.models.open()
        assert page.isVisible() and page.isWindow()
        qtbot.waitUntil(lambda: page.overview is not None and not page.loading(), timeout=TIMEOUT)
        use = page.rows["tiny-chat"].use_button
        qtbot.waitUntil(lambda: use.isVisible() and use.isEnabled(), timeout=TIMEOUT)
        click(qtbot, use)
        expected = "On this device: tiny-chat-Q4_K_M"
        qtbot.waitUntil(lambda: window.header.local_model.text() == expected, timeout=TIMEOUT)
        assert tray_app.models.open() is page
        qtbot.waitUntil(lambda: not page.loading(), timeout=TIMEOUT)
    finally:
        tray_app.window.session.preview.wait()
        tray_app.shutdown()
    assert not page.isVisible()


def test_show_recommended_scrolls_to_it_and_focuses_download(
    qtbot, hub: FakeHub, local_provider, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fillers = [
        tiny_chat(hub).model_copy(update={"name": f"filler-{i}", "rank": 0}) for i in range(8)
    ]
    use_hub(monkeypatch, hub, write_catalog(tmp_path / "long.toml", [*fillers, tiny_chat(hub)]))
    save_test_settings()
    assistant = make_assistant(local_provider)
    try:
        page = ModelsPage(assistant)
        qtbot.addWidget(page)
        page.resize(520, 380)
        page.show()
        page.show_recommended()  # asked before the list is there: done once it is
        qtbot.waitUntil(lambda: "tiny-chat" in page.rows, timeout=TIMEOUT)
        row = page.rows["tiny-chat"]
        qtbot.waitUntil(lambda: page.focusWidget() is row.download_button, timeout=TIMEOUT)
        bar = page.list.verticalScrollBar()
        assert bar.value() > 0 and bar.value() == bar.maximum()  # the last row, in view
        viewport = page.list.viewport()
        top = row.mapTo(viewport, row.rect().topLeft()).y()
        assert top >= 0 and top + row.height() <= viewport.height()
    finally:
        assistant.close()


def test_a_model_too_big_for_free_memory_is_not_offered_as_the_next_step(
    qtbot, assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aideon_desktop.core.hardware import MemorySnapshot
    from aideon_desktop.core.local_models import overview
    from aideon_desktop.core.local_models.fit import GiB

    tiny_memory = MemorySnapshot(8 * GiB, 1024 * 1024)  # 1 MB free: nothing fits
    monkeypatch.setattr(overview, "memory_snapshot", lambda include_gpu=False: tiny_memory)
    page = open_page(qtbot, assistant)
    try:
        tiny = page.rows["tiny-chat"]
        qtbot.waitUntil(tiny.download_button.isVisible, timeout=TIMEOUT)  # shown a turn later
        assert "Too big" in tiny.badge_texts
        assert tiny.download_button.property("fit") == "too_big"
        assert tiny.download_button.toolTip().startswith("More than this machine has free")
        image = tiny.download_button.grab().toImage()
        inside = image.pixelColor(
            int(6 * image.devicePixelRatio()), int(5 * image.devicePixelRatio())
        )
        assert inside.name() != page.theme.color("accent").lower()  # plain, not the blue next step
    finally:
        page.downloads.cancel_all()
        page.downloads.wait()
