"""The transcript: distinct message blocks, scrolling that follows the stream only while the
user is at the bottom, redraws of only the message that changes, and each message's actions
with visible feedback (Copy, Edit & resend, Regenerate, thumbs)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.support.store_rows import add_message, new_conversation
from tests.ui.helpers import LLAMA, send_and_wait, wait_idle

SLOW = [f"word{i} " for i in range(60)]
CODE_ANSWER = [
    "Here:\n\n",
    "```python\n",
    "print('hi')\n",
    "```\n\n",
    "| a | b |\n",
    "|---|---|\n",
    "| 1 | 2 |\n",
]


def streamed(window) -> int:
    """How much of the answer being written has arrived (0 before it starts)."""
    run = window.session.run
    return len(run.entry.text) if run is not None else 0


def long_conversation(assistant, turns: int = 15) -> int:
    store = assistant.store
    conversation = new_conversation(store, "A long chat")
    for i in range(turns):
        add_message(store, conversation, "user", f"Question {i}: " + "tell me more " * 20)
        add_message(
            store,
            conversation,
            "assistant",
            f"Answer {i}. " + "Some detail. " * 40,
            provider="together",
            model=LLAMA[1],
        )
    return conversation


def test_messages_are_blocks_with_role_time_and_route_chip(cloud_window, qtbot, clouds) -> None:
    send_and_wait(qtbot, cloud_window, "Say hello")
    you, answer = cloud_window.transcript.blocks
    assert you.role_label.text() == "You" and answer.role_label.text() == "Aideon"
    assert you.time_label.text() and ":" in answer.time_label.text()
    assert answer.chip.text() == "Llama 3.3 70B" and answer.chip.property("kind") == "cloud"
    assert "Hello from the cloud." in answer.body.plain_text()


def test_sending_in_a_long_chat_keeps_the_question_and_answer_in_view(
    cloud_window, qtbot, cloud_assistant, clouds
) -> None:
    together, _ = clouds
    cloud_window.open_conversation(long_conversation(cloud_assistant))
    bar = cloud_window.transcript.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum(), timeout=3000)
    together.script({"kind": "ok", "words": SLOW, "delay": 0.01})
    cloud_window.draft.setPlainText("And one more thing?")
    cloud_window.send()
    qtbot.waitUntil(lambda: streamed(cloud_window) > 40, timeout=10000)
    assert bar.value() == bar.maximum()  # following the stream at the bottom
    bar.setValue(0)  # the user scrolls up to read something
    assert not cloud_window.transcript.follow
    top_max = bar.maximum()
    qtbot.waitUntil(lambda: bar.maximum() > top_max, timeout=10000)
    assert bar.value() == 0  # not pulled back down while reading
    jump = cloud_window.transcript.jump_button
    assert jump.isVisible() and jump.text() == "Jump to latest"
    wait_idle(qtbot, cloud_window)
    jump.click()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum(), timeout=3000)
    assert cloud_window.transcript.follow and not jump.isVisible()


def test_only_the_streaming_message_is_redrawn_and_not_per_token(
    cloud_window, qtbot, cloud_assistant, clouds
) -> None:
    together, _ = clouds
    cloud_window.open_conversation(long_conversation(cloud_assistant))
    old = list(cloud_window.transcript.blocks)
    assert all(block.renders == 1 for block in old)
    together.script({"kind": "ok", "words": SLOW, "delay": 0.01})
    send_and_wait(qtbot, cloud_window, "Once more")
    assert all(block.renders == 1 for block in old)  # the long conversation was left alone
    streaming = cloud_window.transcript.blocks[-1]
    assert 2 <= streaming.renders < len(SLOW) // 2  # throttled, far fewer than the tokens


def test_copy_buttons_copy_and_say_so(cloud_window, qtbot, clouds) -> None:
    together, _ = clouds
    together.script({"kind": "ok", "words": CODE_ANSWER})
    send_and_wait(qtbot, cloud_window, "Show code")
    you, answer = cloud_window.transcript.blocks
    you.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Show code"
    assert you.copy_button.text() == "Copied"
    qtbot.waitUntil(lambda: you.copy_button.text() == "", timeout=3000)
    code = answer.body.parts[1]
    assert code.language.text() == "Python"
    code.copy_button.click()
    assert QGuiApplication.clipboard().text() == "print('hi')"
    assert code.copy_button.text() == "Copied"
    answer.copy_button.click()
    assert QGuiApplication.clipboard().text() == "".join(CODE_ANSWER)
    table = answer.body.parts[2].toHtml()
    assert "<table" in table and "border-collapse" in table


def test_thumbs_and_regenerate_emit_the_feedback_signal(cloud_window, qtbot, clouds) -> None:
    together, _ = clouds
    given: list[tuple[str, str, str, str]] = []
    cloud_window.feedback.connect(lambda *args: given.append(args))
    send_and_wait(qtbot, cloud_window, "Name a colour")
    send_and_wait(qtbot, cloud_window, "Name a fruit")
    answer = cloud_window.transcript.blocks[3]
    answer.up_button.click()
    assert given == [(*LLAMA, "general", "up")] and answer.up_button.isChecked()
    assert answer.up_button.text() == "Thanks"
    answer.down_button.click()
    assert given[-1][-1] == "down" and not answer.up_button.isChecked()
    answer.regenerate_button.click()
    assert given[-1] == (*LLAMA, "general", "regenerate")
    wait_idle(qtbot, cloud_window)
    # Regenerating the last answer adds a new answer under it, not the question a second time
    # (walk9 saw the question twice, in the chat and in the stored history).
    roles = [e.role for e in cloud_window.entries]
    assert roles == ["user", "assistant", "user", "assistant", "assistant"]
    assert cloud_window.entries[-3].text == "Name a fruit"
    stored = cloud_window.assistant.store.messages(cloud_window.conversation_id)
    assert [m.role for m in stored] == roles
    sent = [m["content"] for m in together.chat_requests()[-1]["body"]["messages"]]
    # The answer being replaced is not shown to the model again.
    assert sent == ["Name a colour", "Hello from the cloud.", "Name a fruit"]


def test_edit_and_resend_asks_again_after_the_earlier_turns_only(
    cloud_window, qtbot, clouds
) -> None:
    together, _ = clouds
    send_and_wait(qtbot, cloud_window, "First question")
    send_and_wait(qtbot, cloud_window, "Second question")
    cloud_window.transcript.blocks[2].edit_button.click()
    assert cloud_window.draft.toPlainText() == "Second question"
    assert cloud_window.status_text().startswith("Editing a message")
    assert cloud_window.draft.hasFocus() or cloud_window.focusWidget() is cloud_window.draft
    cloud_window.draft.setPlainText("Second question, reworded")
    cloud_window.send()
    wait_idle(qtbot, cloud_window)
    sent = [m["content"] for m in together.chat_requests()[-1]["body"]["messages"]]
    assert sent == ["First question", "Hello from the cloud.", "Second question, reworded"]
    assert cloud_window.status_text() == ""


def test_a_reopened_chat_shows_its_route_and_cost_details_again(
    cloud_window, qtbot, cloud_assistant
) -> None:
    send_and_wait(qtbot, cloud_window, "Name a colour")
    live = cloud_window.transcript.blocks[1]
    live_line, live_chip = live.details.text(), live.chip.text()
    conversation = cloud_window.conversation_id
    cloud_window.new_conversation()
    assert cloud_window.transcript.blocks == []
    cloud_window.open_conversation(conversation)
    reopened = cloud_window.transcript.blocks[1]
    assert reopened.details.text() == live_line and reopened.chip.text() == live_chip
    assert "Cloud: Llama 3.3 70B" in live_line and "saved $" in live_line


def test_the_old_chat_is_not_drawn_while_its_blocks_wait_to_be_deleted(
    window, qtbot, assistant
) -> None:
    """Blocks were only deleteLater()'d: until the event loop ran, the old chat's messages were
    still shown under the new one's (a screenshot caught both drawn at once)."""
    first = new_conversation(assistant.store, "First")
    add_message(assistant.store, first, "user", "Old question")
    add_message(assistant.store, first, "assistant", "Old answer", provider="local")
    window.open_conversation(first)
    old = list(window.transcript.blocks)
    qtbot.waitUntil(lambda: all(block.isVisible() for block in old), timeout=2000)
    window.new_conversation()  # no event loop turn in between
    assert not any(block.isVisible() for block in old)


def test_a_long_message_of_yours_shows_collapsed_with_show_more(window, qtbot, assistant) -> None:
    from PySide6.QtCore import Qt

    from tests.ui.test_keyboard_and_access import keys

    lines = [f"Row {n}: the quarterly figures for the northern region." for n in range(900)]
    pasted = "Summarise these rows:\n" + "\n".join(lines)
    assert len(pasted) > 50_000
    conversation = new_conversation(assistant.store, "Rows")
    add_message(assistant.store, conversation, "user", pasted)
    add_message(assistant.store, conversation, "assistant", "Sales rose.", provider="local")
    window.open_conversation(conversation)
    block = window.transcript.blocks[0]
    more, line = block.more_button, block.body.fontMetrics().lineSpacing()
    qtbot.waitUntil(more.isVisible, timeout=2000)
    assert more.text() == "Show more" and "50," in more.accessibleDescription()
    assert block.bubble.height() < 25 * line, "collapsed to its first 12 lines and a button"
    assert "Row 10:" in block.body.plain_text() and "Row 899:" not in block.body.plain_text()
    window.header.toggle.setFocus()
    keys(qtbot, window.header.toggle, Qt.Key.Key_Tab)  # the first stop in the messages
    assert QApplication.focusWidget() is more
    keys(qtbot, more, Qt.Key.Key_Space)
    assert more.text() == "Show less" and "Row 899:" in block.body.plain_text()
    qtbot.waitUntil(lambda: block.bubble.height() > 200 * line, timeout=3000)
    keys(qtbot, more, Qt.Key.Key_Space)
    assert more.text() == "Show more" and more.hasFocus()
    block.copy_button.click()
    assert QGuiApplication.clipboard().text() == pasted  # Copy takes the whole message
    short = window.transcript.blocks[1]  # an answer, and a short message of yours, stay whole
    assert not hasattr(short, "more_button") or not short.more_button.isVisible()


def test_jump_to_latest_never_covers_a_message(window, qtbot, assistant) -> None:
    window.resize(900, 600)
    window.open_conversation(long_conversation(assistant, turns=6))
    view = window.transcript
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum(), timeout=3000)
    bar.setValue(bar.maximum() - 60)  # a little above the end: the last answer's buttons
    jump = view.jump_button
    qtbot.waitUntil(jump.isVisible, timeout=2000)
    assert not view.viewport().geometry().intersects(jump.geometry()), "over the messages"
    assert view.geometry().contains(jump.geometry().translated(view.pos()))
    jump.click()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum() and not jump.isVisible(), timeout=3000)
    assert view.viewportMargins().bottom() == 0  # at the end the messages use all the room
    actions = view.blocks[-1].copy_button
    corner = actions.mapTo(view.viewport(), actions.rect().bottomRight())
    assert view.viewport().rect().contains(corner)


def test_an_edited_earlier_question_is_marked_and_goes_to_the_original(
    cloud_window, qtbot, clouds
) -> None:
    """Edit & resend and Regenerate of an earlier answer add the question again at the end,
    losing nothing, and mark it; the mark scrolls to the original, also once reopened."""
    together, _ = clouds
    window, view = cloud_window, cloud_window.transcript
    window.resize(900, 420)
    for question in ("First question", "Second question", "Third question"):
        send_and_wait(qtbot, window, question)
    view.blocks[0].edit_button.click()
    window.draft.setPlainText("First question, reworded")
    window.send()
    wait_idle(qtbot, window)
    sent = [m["content"] for m in together.chat_requests()[-1]["body"]["messages"]]
    assert sent == ["First question, reworded"]  # only the turns before the original
    texts = [e.text for e in window.entries if e.role == "user"]
    assert texts == ["First question", "Second question", "Third question", texts[-1]]
    edited = view.blocks[-2]
    assert edited.origin.isVisible() and edited.origin.text() == "Edited from an earlier message"
    assert not any(block.origin.isVisible() for block in view.blocks[:-2] if block.mine)
    assert view.at_bottom() and view.blocks[0].visibleRegion().isEmpty()
    edited.origin.click()
    first = view.blocks[0]
    qtbot.waitUntil(lambda: not first.visibleRegion().isEmpty(), timeout=2000)
    assert first.bubble.property("found") and first.copy_button.hasFocus()
    assert first.later.isVisible() and first.later.text() == "Edited below"
    first.later.click()  # and back down to the newest version
    qtbot.waitUntil(lambda: not edited.visibleRegion().isEmpty(), timeout=2000)
    assert edited.bubble.property("found")
    view.blocks[3].regenerate_button.click()  # the second answer: not the last one
    wait_idle(qtbot, window)
    asked = view.blocks[-2]
    assert asked.origin.text() == "Asked again from an earlier message" and asked.origin.isVisible()
    conversation = window.conversation_id
    window.new_conversation()
    window.open_conversation(conversation)  # reopened: the marks are stored with the questions
    links = [(b.origin, b.later) for b in window.transcript.blocks if b.mine]
    marks = [link.text() for pair in links for link in pair if not link.isHidden()]
    assert marks == [
        "Edited below",  # the first question
        "Asked again below",  # the second
        "Edited from an earlier message",
        "Asked again from an earlier message",
    ]
    assert len(window.transcript.blocks) == 10  # every question and answer is still there


def test_a_long_route_chip_is_cut_and_never_widens_the_chat(window, qtbot) -> None:
    """walk10: "Qwen3.7 Max (Together) failed → DeepSeek V4 Pro (Together)" was as wide as its
    text, so in a narrow chat the whole transcript grew past the window and its right side (the
    time, your message, Edit & resend) was cut off with no way to scroll to it."""
    from datetime import UTC, datetime

    from aideon_desktop.ui.transcript import TranscriptEntry

    window.resize(420, 600)
    now = datetime.now(UTC)
    meta = {
        "route": "DeepSeek V4 Pro (Together)",
        "failed_routes": ["Qwen3.7 Max (Together)"],
        "own_hardware": False,
        "task": "general",
        "reasons": ["no private data found"],
    }
    entries = [
        TranscriptEntry("user", "Give me three names for a cat.", created=now),
        TranscriptEntry("assistant", "Tom, Mog and Felix.", created=now, meta=meta),
    ]
    window.session.entries = entries
    window.transcript.set_entries(entries)
    view = window.transcript
    you, answer = view.blocks
    qtbot.waitUntil(lambda: answer.chip.isVisible() and answer.chip.x() > 0, timeout=2000)
    room = view.viewport().width()
    assert view.widget().minimumSizeHint().width() <= room, "the messages are wider than the chat"
    qtbot.waitUntil(lambda: view.widget().width() == room, timeout=2000)
    for widget in (answer.chip, you.time_label, you.bubble, you.edit_button):
        right = widget.mapTo(view.viewport(), widget.rect().topRight()).x()
        assert right <= room, f"{widget.objectName() or type(widget).__name__} cut off"
    assert answer.chip.text() == "Qwen3.7 Max (Together) failed → DeepSeek V4 Pro (Together)"
    assert "DeepSeek V4 Pro" in answer.chip.toolTip()  # the whole story, however it is cut


def test_an_answer_in_a_narrow_chat_is_as_tall_as_its_wrapped_lines(window, qtbot) -> None:
    """walk10 at 2x (a 366 px chat): the last line of a long answer was drawn under its
    route and cost line.  The message was only as tall as it would be at its preferred width,
    where that line wraps less; narrower it needs more room than that."""
    from datetime import UTC, datetime

    from aideon_desktop.ui.transcript import TranscriptEntry

    window.resize(360, 600)
    meta = {
        "route": "Kimi K2.6 (HF router)",
        "failed_routes": ["Qwen3.6 Plus (Together)"],
        "own_hardware": False,
        "task": "code",
        "prompt_tokens": 11,
        "completion_tokens": 60,
        "cost_usd": "0.000250",
        "saved_usd": "0.001605",
        "reasons": ["no private data found"],
    }
    now = datetime.now(UTC)
    text = " ".join(f"word{n}" for n in range(60))
    entries = [
        TranscriptEntry("user", "Explain what a 500 error is.", created=now),
        TranscriptEntry("assistant", text, created=now, meta=meta),
    ]
    window.session.entries = entries
    window.transcript.set_entries(entries)
    answer = window.transcript.blocks[-1]
    qtbot.waitUntil(lambda: answer.details.isVisible() and answer.details.y() > 0, timeout=2000)

    def text_clear_of_details() -> bool:  # the text's own height, and the details below it
        body = answer.body
        whole = body.height() >= body.parts[0].height()
        return whole and answer.details.y() >= body.geometry().bottom()

    qtbot.waitUntil(text_clear_of_details, timeout=3000)  # timed out: the details cover it
