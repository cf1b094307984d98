"""The chat window end to end: offscreen Qt, the real embedded model (tiny answers), a real
encrypted SQLite file."""

from __future__ import annotations

from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.config import load_settings
from aideon_desktop.ui.chat_window import ChatWindow
from tests.ui.conftest import close_when_idle
from tests.ui.helpers import send_and_wait, wait_idle


def test_send_streams_answer_with_route_details_and_saves_it(window, qtbot, assistant) -> None:
    window.draft.setPlainText("Say hello.")
    window.send()
    assert window.busy() and not window.send_button.isEnabled()
    qtbot.waitUntil(lambda: window.stop_button.isEnabled(), timeout=5000)
    wait_idle(qtbot, window)
    text = window.transcript.plain_text()
    assert "You" in text and "Say hello." in text
    assert "On device: " in text and "tokens" in text and "saved $" in text
    assert window.draft.toPlainText() == ""
    assert window.conversation_list.count() == 1
    stored = assistant.store.messages(window.conversation_id)
    assert [m.role for m in stored] == ["user", "assistant"] and stored[1].text.strip()


def test_stop_marks_the_answer_partial(window, qtbot, assistant) -> None:
    window.draft.setPlainText("Count slowly from one to two hundred, one number per line.")
    window.send()
    qtbot.waitUntil(
        lambda: bool(window.entries) and len(window.entries[-1].text) > 10, timeout=30000
    )
    window.stop()
    wait_idle(qtbot, window, 30000)
    assert "partial" in window.transcript.plain_text()
    assert "stopped" in window.transcript.plain_text()
    assert assistant.store.messages(window.conversation_id)[-1].partial


def test_conversations_switch_search_and_delete(window, qtbot, assistant) -> None:
    send_and_wait(qtbot, window, "Plan a picnic in Lisbon.")
    first = window.conversation_id
    window.new_conversation()
    send_and_wait(qtbot, window, "Name a colour.")
    assert window.conversation_list.count() == 2
    window.search.setText("lisbon")
    assert window.conversation_list.count() == 1
    window.search.setText("")
    window.open_conversation(first)
    assert "Plan a picnic in Lisbon." in window.transcript.plain_text()
    window.delete_conversation(first)
    assert window.conversation_list.count() == 1 and assistant.store.messages(first) == []


def test_a_failed_send_leaves_no_ghost_chat_and_gives_the_message_back(
    qtbot, tmp_path, isolated_home
) -> None:
    settings = load_settings().settings
    settings.local.model_path = str(tmp_path / "missing.gguf")
    assistant = Assistant(settings)
    win = ChatWindow(assistant)
    win.show()
    win.draft.setPlainText("My SSN is 536-22-8741")
    drafts: list[str] = []
    win.draft.textChanged.connect(lambda: drafts.append(win.draft.toPlainText()))
    # The list re-reads history after a failure: it may have been filled (the history opening
    # on its own thread) while the answer's chat existed, and that chat is gone now.
    with qtbot.waitSignal(win.session.conversations_changed, timeout=30000):
        win.send()
        wait_idle(qtbot, win, 30000)
    assert "" in drafts  # it was sent (the box emptied)…
    status = win.status_text()
    assert status.startswith("Problem:") and "not sent anywhere" in status
    assert "Model file not found" in status
    assert win.draft.toPlainText() == "My SSN is 536-22-8741"  # …and given back
    assert win.banner.retry_button.isVisibleTo(win)
    assert win.entries == [] and win.transcript.blocks == []
    assert win.conversation_list.count() == 0 and assistant.store.conversations() == []
    assert win.conversation_id is None
    close_when_idle(qtbot, win)
    assistant.close()


def test_gui_thread_keeps_ticking_while_an_answer_streams(window, qtbot) -> None:
    """A generous bound only (timings belong in bench/ui_stall.py): generation must not run on
    the GUI thread, so a 10 ms timer keeps firing throughout."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    clock = QElapsedTimer()
    clock.start()
    gaps: list[int] = []
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    window.draft.setPlainText("Tell a short story about a lighthouse.")
    window.send()
    wait_idle(qtbot, window)
    timer.stop()
    assert len(gaps) > 10 and max(gaps[1:]) < 1000


def test_tray_app_starts_and_stops_the_local_api(qtbot, isolated_home, monkeypatch) -> None:
    import httpx
    from PySide6.QtWidgets import QApplication

    from aideon_desktop.ui.app import TrayApp

    monkeypatch.delenv("DISPLAY", raising=False)  # no global hotkey in this test
    (isolated_home / "settings.toml").write_text("[local]\npreload = false\n")
    tray_app = TrayApp(QApplication.instance(), None)
    try:
        tray_app.set_api(True)
        response = httpx.get(
            tray_app.api.url + "/models", headers={"Authorization": f"Bearer {tray_app.api.token}"}
        )
        assert response.status_code == 200 and response.json()["data"][0]["id"] == "aideon/auto"
        tray_app.set_api(False)
        assert tray_app.api is None
        status = tray_app.window.status_text()
        assert "global hotkey" in status or "No X display" in status
    finally:
        tray_app.window.session.preview.wait()
        tray_app.shutdown()


def test_thumbs_in_the_window_teach_routing(qtbot, isolated_home, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication

    from aideon_desktop.core.routing import learning
    from aideon_desktop.ui.app import TrayApp

    monkeypatch.delenv("DISPLAY", raising=False)
    (isolated_home / "settings.toml").write_text("[local]\npreload = false\n")
    tray_app = TrayApp(QApplication.instance(), None)
    try:
        model = ("together", "meta-llama/Llama-3.3-70B-Instruct-Turbo")
        before = learning.standings("code").get(model)
        for _ in range(3):
            tray_app.window.feedback.emit(*model, "code", "down")
        after = learning.standings("code")[model]
        assert before is None and after.points < 0 and "thumbs down" in after.why
    finally:
        tray_app.window.session.preview.wait()
        tray_app.shutdown()


def test_started_in_the_tray_nothing_heavy_is_built_until_a_window_opens(
    qtbot, isolated_home, monkeypatch
) -> None:
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    from aideon_desktop.ui.app import TrayApp

    monkeypatch.delenv("DISPLAY", raising=False)
    (isolated_home / "settings.toml").write_text("[local]\npreload = false\n")
    tray_app = TrayApp(QApplication.instance(), QSystemTrayIcon())
    try:
        tray_app.handle_command("tray")  # `aideon gui --tray`, what starting at login runs
        assert tray_app._window is None and not tray_app._warmed
        assert not tray_app.assistant.store.opened  # the database stack is not even imported
        tray_app.handle_command("show")
        assert tray_app._window is not None and tray_app.window.isVisible()
        assert tray_app._warmed  # history opens on a worker thread, not the GUI thread
        qtbot.waitUntil(lambda: tray_app.assistant.store.opened, timeout=30000)
        qtbot.waitUntil(lambda: "Your chats" in tray_app.window.sidebar.hint.text(), timeout=5000)
    finally:
        tray_app.window.session.preview.wait()
        tray_app.window.hide()
        tray_app.shutdown()


def test_history_opens_off_the_gui_thread(qtbot, isolated_home) -> None:
    """Importing the database stack takes about a second: the first window must not freeze for
    it.  The list says so meanwhile and fills in when history is open."""
    import threading

    assistant = Assistant(load_settings().settings)
    store = assistant.store
    opened_on_gui_thread: list[bool] = []
    real = store.real

    def recording_real():
        opened_on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return real()

    store.real = recording_real  # what DeferredStore calls to open (and reach) the store
    window = ChatWindow(assistant)
    try:
        assert "Opening your chats" in window.sidebar.hint.text()
        qtbot.waitUntil(lambda: store.opened, timeout=30000)
        qtbot.waitUntil(lambda: "Your chats appear" in window.sidebar.hint.text(), timeout=5000)
        assert opened_on_gui_thread[0] is False  # the call that opened it ran on a worker
    finally:
        close_when_idle(qtbot, window)
        assistant.close()


def test_in_a_wide_window_the_message_box_lines_up_with_the_messages(window, qtbot) -> None:
    """walk10 at 1600x1000: the messages are a centred column (at most 860 px) but the message
    box, the notices and Send spanned the whole 1380 px pane, far off to the right of the
    answers they belong to.  In a narrow window both fill the pane as before."""
    from PySide6.QtCore import QPoint

    from aideon_desktop.ui.transcript_view import COLUMN_MAX_WIDTH

    def edges(widget) -> tuple[int, int]:
        left = widget.mapTo(window, QPoint(0, 0)).x()
        return left, left + widget.width()

    column, draft = window.transcript.column, window.draft
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: column.width() == COLUMN_MAX_WIDTH, timeout=2000)
    qtbot.waitUntil(lambda: draft.width() < window.pane.width() - 100, timeout=2000)
    (column_left, column_right), (draft_left, draft_right) = edges(column), edges(draft)
    assert abs(draft_left - column_left) <= 16 and abs(draft_right - column_right) <= 16
    assert edges(window.send_button)[1] <= column_right
    window.resize(640, 500)
    qtbot.waitUntil(lambda: draft.width() >= window.pane.width() - 30, timeout=2000)
