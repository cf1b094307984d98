"""Keyboard and accessibility: focus starts and returns in the message box, Tab moves on,
Enter / Shift+Enter / Ctrl+Enter (a setting), Ctrl+N, F2, Delete with a confirmation that names
the chat, Ctrl+F / Ctrl+K, Esc stops; every control has an accessible name; focus is visible."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

from tests.support.store_rows import add_message, new_conversation
from tests.ui.helpers import send_and_wait, wait_idle


def keys(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press in ``widget``'s window, made active first (as clicking into it would)."""
    window = widget.window()
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(widget, key, modifier)


def answer_dialog(qtbot, kind: type, act) -> list[str]:
    """Handle the next modal dialog of ``kind`` with ``act``; returns the texts it showed."""
    seen: list[str] = []

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, handle)
            return
        seen.append(dialog.text() if isinstance(dialog, QMessageBox) else dialog.textValue())
        act(dialog)

    QTimer.singleShot(20, handle)
    return seen


def test_focus_starts_in_the_message_box_and_returns_after_sending(window, qtbot) -> None:
    assert window.focusWidget() is window.draft
    qtbot.keyClicks(window.draft, "Say hi")  # the first word typed is not lost
    assert window.draft.toPlainText() == "Say hi"
    keys(qtbot, window.draft, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert window.focusWidget() is window.draft and window.draft.toPlainText() == ""
    assert window.entries[0].text == "Say hi"


def test_enter_sends_shift_enter_adds_a_line_and_tab_moves_on(window, qtbot) -> None:
    qtbot.keyClicks(window.draft, "line one")
    keys(qtbot, window.draft, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(window.draft, "line two")
    assert window.draft.toPlainText() == "line one\nline two" and not window.busy()
    keys(qtbot, window.draft, Qt.Key.Key_Tab)
    assert "\t" not in window.draft.toPlainText()
    assert window.focusWidget() is window.composer.picker
    window.draft.clear()


def test_the_setting_makes_ctrl_enter_send(window, qtbot, assistant) -> None:
    assistant.settings.ui.send_with_ctrl_enter = True
    window.draft.update_hint()
    assert "Ctrl+Enter to send" in window.draft.placeholderText()
    qtbot.keyClicks(window.draft, "first")
    keys(qtbot, window.draft, Qt.Key.Key_Return)
    qtbot.keyClicks(window.draft, "second")
    assert window.draft.toPlainText() == "first\nsecond" and not window.busy()
    keys(qtbot, window.draft, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.busy()
    wait_idle(qtbot, window)
    assert window.entries[0].text == "first\nsecond"


def test_ctrl_n_f2_and_delete_with_a_confirmation_naming_the_chat(window, qtbot, assistant) -> None:
    send_and_wait(qtbot, window, "Plan a picnic")
    first = window.conversation_id
    seen = answer_dialog(qtbot, QInputDialog, lambda d: (d.setTextValue("Picnic"), d.accept()))
    keys(qtbot, window, Qt.Key.Key_F2)
    assert seen == ["Plan a picnic"]
    assert assistant.store.conversation(first).title == "Picnic"
    assert window.sidebar.titles() == ["Picnic"] and window.title_label.text() == "Picnic"
    keys(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.conversation_id is None and window.transcript.blocks == []
    window.conversation_list.setCurrentRow(0)
    window.conversation_list.setFocus()
    cancel = answer_dialog(qtbot, QMessageBox, lambda d: d.reject())
    keys(qtbot, window.conversation_list, Qt.Key.Key_Delete)
    assert cancel == ["Delete “Picnic”?"] and window.conversation_list.count() == 1
    seen = answer_dialog(
        qtbot, QMessageBox, lambda d: d.button(QMessageBox.StandardButton.Yes).click()
    )
    keys(qtbot, window.conversation_list, Qt.Key.Key_Delete)
    assert seen == ["Delete “Picnic”?"]
    assert window.conversation_list.count() == 0 and assistant.store.conversation(first) is None


def test_delete_in_the_message_box_deletes_text_not_chats(window, qtbot) -> None:
    send_and_wait(qtbot, window, "Keep me")
    window.draft.setPlainText("abc")
    window.draft.moveCursor(window.draft.textCursor().MoveOperation.Start)
    keys(qtbot, window.draft, Qt.Key.Key_Delete)
    assert window.draft.toPlainText() == "bc" and window.conversation_list.count() == 1


def test_ctrl_f_and_ctrl_k_go_to_search_and_esc_stops_an_answer(window, qtbot) -> None:
    for key in (Qt.Key.Key_F, Qt.Key.Key_K):
        window.draft.setFocus()
        keys(qtbot, window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.focusWidget() is window.search
    window.draft.setPlainText("Count slowly from one to two hundred, one number per line.")
    window.send()
    qtbot.waitUntil(
        lambda: window.session.run is not None and len(window.session.run.entry.text) > 5,
        timeout=30000,
    )
    keys(qtbot, window, Qt.Key.Key_Escape)
    wait_idle(qtbot, window)
    assert window.entries[-1].note == "stopped" and window.entries[-1].meta["partial"]


def focusable(window) -> list[QWidget]:
    return [
        w
        for w in window.findChildren(QWidget)
        if w.isVisibleTo(window) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]


def test_every_control_has_an_accessible_name(cloud_window, qtbot) -> None:
    send_and_wait(qtbot, cloud_window, "Say hello")
    nameless = [
        f"{type(w).__name__}#{w.objectName()}"
        for w in focusable(cloud_window)
        if not w.accessibleName()
    ]
    assert nameless == []
    undescribed = [
        w.accessibleName() for w in focusable(cloud_window) if not w.accessibleDescription()
    ]
    assert undescribed == []
    assert len(focusable(cloud_window)) > 10  # the message actions are reachable too


def test_focus_is_visible(window, qtbot) -> None:
    button = window.sidebar.new_button
    window.draft.setFocus()
    unfocused = button.grab().toImage()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus, timeout=2000)
    focused = button.grab().toImage()
    ring = window.theme.color("focus").lower()
    edge = focused.pixelColor(1, focused.height() // 2).name()
    assert unfocused != focused and edge == ring


def test_tab_from_the_message_box_skips_a_banner_above_it(window, qtbot) -> None:
    window.banner.show_message("problem", "Problem: the network is down")
    window.draft.setFocus()
    keys(qtbot, window.draft, Qt.Key.Key_Tab)
    assert window.focusWidget() is window.composer.picker  # down the screen, not back up
    window.draft.setFocus()
    keys(qtbot, window.draft, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.focusWidget() is window.banner.close_button


def tab_stops(start: QWidget, count: int) -> list[QWidget]:
    """The next ``count`` widgets Tab visits after ``start`` (visible, enabled, Tab-focusable)."""
    stops, widget = [], start
    while len(stops) < count:
        widget = widget.nextInFocusChain()
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            stops.append(widget)
    return stops


def test_tab_visits_the_messages_where_they_are_on_screen(window, qtbot) -> None:
    send_and_wait(qtbot, window, "Say hi")
    send_and_wait(qtbot, window, "And again")
    buttons = [button for block in window.transcript.blocks for button in block.actions]
    assert len(buttons) == 12  # two of each prompt, four of each answer
    qtbot.waitUntil(lambda: all(button.isVisible() for button in buttons), timeout=5000)
    # header, then every message's buttons oldest first, then the message box: top to bottom
    after_header = tab_stops(window.header.toggle, len(buttons) + 1)
    assert after_header == [*buttons, window.draft]
    # and Tab from the last control of the message box does not walk back into the messages
    assert not set(tab_stops(window.composer.send_button, 3)) & set(buttons)


def test_tab_reaches_a_code_blocks_copy_button_inside_its_message(cloud_window, qtbot, clouds):
    """A code block's Copy button came right after Send, away from its message, and could be
    focused scrolled out of view."""
    words = ["Use this:\n\n", "```python\n", "print('hi')\n", "```\n", "Done."]
    for cloud in clouds:  # whichever the router picks for a code question
        cloud.script({"kind": "ok", "words": words})
    send_and_wait(qtbot, cloud_window, "Show me a hello world in Python")
    block = cloud_window.transcript.blocks[-1]
    copy = block.body.copy_buttons()
    assert len(copy) == 1
    stops = [button for b in cloud_window.transcript.blocks for button in b.focus_stops()]
    assert stops.index(copy[0]) == stops.index(block.actions[0]) - 1  # just above its buttons
    # Qt shows a widget added to a shown layout on the next turn of the event loop
    qtbot.waitUntil(lambda: all(stop.isVisible() for stop in stops), timeout=5000)
    after_header = tab_stops(cloud_window.header.toggle, len(stops))
    assert after_header == stops
    cloud_window.transcript.verticalScrollBar().setValue(0)
    copy[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(copy[0].hasFocus, timeout=2000)
    viewport = cloud_window.transcript.viewport()
    top_left = copy[0].mapTo(viewport, copy[0].rect().topLeft())
    assert viewport.rect().contains(top_left)  # scrolled into view


def test_f2_shows_the_whole_title_selected_from_its_start(window, qtbot) -> None:
    """The rename box was Qt's default: about 230 px, the title scrolled to its end."""
    send_and_wait(qtbot, window, "How do I sort scores in Python and show the top 3?")
    seen: dict[str, object] = {}

    def look(dialog) -> None:
        field = dialog.findChild(QLineEdit)
        seen.update(
            width=dialog.width(),
            start=field.cursorPosition(),
            selected=field.selectedText(),
            whole=field.width() > field.fontMetrics().horizontalAdvance(field.text()),
        )
        dialog.reject()

    answer_dialog(qtbot, QInputDialog, look)
    keys(qtbot, window, Qt.Key.Key_F2)
    assert seen["width"] >= 420 and seen["start"] == 0 and seen["whole"]
    assert seen["selected"] == window.title_label.text() or seen["selected"].startswith("How do I")


def test_enter_in_search_opens_the_top_match_and_down_goes_to_the_list(
    window, qtbot, assistant
) -> None:
    """walk10, keyboard only: Ctrl+K, "tax", Enter did nothing (and Down stayed in the box);
    the chats found could only be reached by Tab.  As in other chat apps, Enter opens the first
    match and Down moves into the list."""
    store = assistant.store
    ids = {}
    for title in ("Trip to Lisbon", "Tax return 2025", "Tax on savings"):
        ids[title] = new_conversation(store, title)
        add_message(store, ids[title], "user", f"{title}?")
    window.refresh_conversations()
    keys(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search, "tax")
    qtbot.waitUntil(lambda: window.conversation_list.count() == 2, timeout=2000)
    keys(qtbot, window.search, Qt.Key.Key_Down)
    assert window.focusWidget() is window.conversation_list
    assert window.conversation_list.currentRow() == 0
    window.search.setFocus()
    keys(qtbot, window.search, Qt.Key.Key_Return)
    assert window.conversation_id == ids["Tax on savings"]  # newest first
    assert window.focusWidget() is window.draft
