"""Status that is never stale ("Loading the local model…" goes when text starts, a problem
clears when a send succeeds), titles that never show a private value, and the narrow layout."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.config import load_settings
from aideon_desktop.core.model_files import default_model_path
from aideon_desktop.core.providers.local import LocalModelConfig, LocalModelProvider
from aideon_desktop.ui.chat_window import ChatWindow
from tests.support.store_rows import add_message, new_conversation
from tests.ui.conftest import close_when_idle
from tests.ui.helpers import send_and_wait

CARD_TITLE = "Pay 4539 1488 0343 6467 today"


def watch_status(window) -> tuple[QTimer, list[tuple[str, bool]]]:
    """(status text, has the answer started) every few milliseconds."""
    seen: list[tuple[str, bool]] = []

    def look() -> None:
        run = window.session.run
        seen.append((window.status_text(), run is not None and run.had_text))

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(2)
    return timer, seen


def test_loading_the_model_shows_until_text_starts(qtbot, isolated_home) -> None:
    cold = LocalModelProvider(
        LocalModelConfig(model_path=default_model_path(), max_tokens=16, temperature=0.0)
    )
    assistant = Assistant(load_settings().settings, local=cold)
    window = ChatWindow(assistant)
    window.show()
    timer, seen = watch_status(window)
    send_and_wait(qtbot, window, "Say hi")
    timer.stop()
    loading = [started for text, started in seen if text.startswith("Loading the local model")]
    assert loading and not any(loading)  # shown while waiting, never once text arrived
    assert window.status_text() == ""
    close_when_idle(qtbot, window)
    assistant.close()
    cold.close()


def test_a_problem_clears_when_the_next_send_succeeds(qtbot, tmp_path, isolated_home) -> None:
    settings = load_settings().settings
    settings.local.model_path = str(tmp_path / "missing.gguf")
    settings.local.max_tokens = 16
    assistant = Assistant(settings)
    window = ChatWindow(assistant)
    window.show()
    send_and_wait(qtbot, window, "Say hi")
    assert window.status_text().startswith("Problem:") and window.draft.toPlainText() == "Say hi"
    fixed = settings.model_copy(deep=True)
    fixed.local.model_path = ""  # the user points Settings at a model that exists
    assistant.apply_settings(fixed)
    window.send()  # as Retry does
    qtbot.waitUntil(lambda: not window.busy() and bool(window.entries), timeout=60000)
    assert window.status_text() == "" and window.entries[-1].meta is not None
    close_when_idle(qtbot, window)
    assistant.close()


def test_titles_never_show_a_private_value(window, qtbot, assistant) -> None:
    old = new_conversation(assistant.store, CARD_TITLE)  # saved before titles were masked
    add_message(assistant.store, old, "user", CARD_TITLE)
    send_and_wait(qtbot, window, "My card 4539 1488 0343 6467 was charged twice")
    window.refresh_conversations()
    titles = window.sidebar.titles()
    assert len(titles) == 2 and all("4539" not in t and "6467" not in t for t in titles)
    assert set(titles) == {"Pay … today", "My card … was charged twice"}, titles
    window.open_conversation(old)
    assert window.title_label.text() == "Pay … today"
    tips = [window.conversation_list.item(i).toolTip() for i in range(2)]
    assert all("6467" not in tip for tip in tips)


def test_titles_read_naturally_without_masking_placeholders(window, qtbot, assistant) -> None:
    """The placeholders a cloud model sees ("[ACCOUNT_1]") are not words for a title: a new
    chat's title reads "…" where a value stood, and titles stored with placeholders do too."""
    new_conversation(assistant.store, "Send 200 to [ACCOUNT_1] by [CARD_EXPIRY_1]")  # stored so
    send_and_wait(qtbot, window, "DE89370400440532013000")
    send_and_wait(qtbot, window, "Is that a German IBAN?")  # the title stays the first prompt's
    window.refresh_conversations()
    titles = window.sidebar.titles()
    assert set(titles) == {"Send 200 to … by …", "IBAN"}, titles
    assert window.title_label.text() == "IBAN"


def test_a_narrow_window_hides_the_chats_behind_a_button(window, qtbot, assistant) -> None:
    send_and_wait(qtbot, window, "Name a colour")
    window.resize(900, 600)
    assert window.sidebar.isVisible() and not window.narrow()
    window.resize(600, 600)
    qtbot.waitUntil(lambda: not window.sidebar.isVisible(), timeout=2000)
    assert window.pane.isVisible() and window.header.toggle.isVisible()
    window.header.toggle.click()  # the drawer covers the chat
    assert window.sidebar.isVisible() and not window.pane.isVisible()
    assert window.sidebar.close_button.isVisible()
    window.sidebar.list.itemClicked.emit(window.conversation_list.item(0))
    assert not window.sidebar.isVisible() and window.pane.isVisible()  # chosen: closed again
    window.resize(1000, 700)
    qtbot.waitUntil(window.sidebar.isVisible, timeout=2000)
    window.header.toggle.click()  # a wide window may hide the list too
    assert not window.sidebar.isVisible() and window.pane.isVisible()


def test_why_the_cloud_failed_stays_on_screen_after_the_answer(cloud_window, clouds, qtbot):
    refused = {"kind": "status", "status": 401, "body": {"error": {"message": "bad key"}}}
    for cloud in clouds:
        cloud.script(*[refused] * 8)
    send_and_wait(qtbot, cloud_window, "Write a haiku about autumn rain")
    note = cloud_window.status_text()
    assert note.startswith("Answered by this device because the cloud did not:"), note
    assert "Together AI rejected the API key (401)." in note
    assert "Hugging Face rejected the API key (401)." in note
    assert note.endswith("(401). Check it in Settings → API keys.")  # the advice said once
    assert note.count("Check it in Settings") == 1
    assert cloud_window.banner.current_source() == "fallback"
    line = cloud_window.transcript.blocks[-1].details.text()
    assert "failed → answered on this device" in line and "$0" in line
    assert "saved" not in line, line  # no saving against a cloud that was tried and failed
    send_and_wait(qtbot, cloud_window, "My card 4539 1488 0343 6467 was charged twice")
    assert cloud_window.status_text() == ""  # private, planned for this device: nothing failed


def test_text_that_cannot_be_sent_is_refused_without_a_retry(window, qtbot) -> None:
    binary = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r") * 4
    window.draft.setPlainText(binary)
    window.send()
    qtbot.waitUntil(lambda: not window.busy(), timeout=30000)
    assert window.banner.text().startswith("Problem: The prompt looks like binary data")
    assert not window.banner.retry_button.isVisible()  # sending it again would fail again
    assert window.draft.toPlainText() == binary  # and nothing typed is lost
