"""The quick prompt: the privacy chip before anything is sent, Enter sends, Esc stops then
closes, a Markdown answer with Copy, Stop and "Continue in chat", a frame that grows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from aideon_desktop.ui.quick_prompt import QuickPrompt
from tests.ui.conftest import close_when_idle
from tests.ui.helpers import wait_idle

PRIVATE = "My NI number is JG 10 37 42 C, which form is it on?"
CODE = ["Use:\n\n", "```bash\n", "ls -la\n", "```\n"]


@pytest.fixture
def quick(qtbot, assistant):
    box = QuickPrompt(assistant, "Hotkey: Ctrl+Alt+Space")
    box.popup()
    qtbot.waitExposed(box)
    yield box
    close_when_idle(qtbot, box)


@pytest.fixture
def cloud_quick(qtbot, cloud_assistant):
    box = QuickPrompt(cloud_assistant)
    box.popup()
    qtbot.waitExposed(box)
    yield box
    close_when_idle(qtbot, box)


def test_the_chip_says_where_it_goes_before_anything_is_sent(quick, qtbot) -> None:
    sent_with: list[str] = []
    quick.submitted.connect(sent_with.append)
    qtbot.keyClicks(quick.input, PRIVATE)
    qtbot.keyClick(quick.input, Qt.Key.Key_Return)  # at once: Enter waits for the check
    wait_idle(qtbot, quick)
    assert sent_with == ["Stays on this device — ID number"]
    assert quick.status.text() == "Private · on this device · SmolLM2 135M Instruct"
    assert quick.answer_view.plain_text().strip()
    with qtbot.waitSignal(quick.open_in_chat, timeout=2000) as signal:
        quick.open_button.click()
    assert signal.args[0] is not None and not quick.isVisible()


def test_opened_again_the_box_starts_empty(quick, qtbot) -> None:
    """The last question and "Answered by …" stayed when the box was opened again."""
    qtbot.keyClicks(quick.input, "Say hi")
    qtbot.keyClick(quick.input, Qt.Key.Key_Return)
    wait_idle(qtbot, quick)
    assert quick.frame.question.text() == "You: Say hi" and quick.frame.question.isVisible()
    quick.hide()
    quick.popup()
    assert quick.frame.question.text() == "" and not quick.frame.question.isVisible()
    assert quick.status.text() == "Hotkey: Ctrl+Alt+Space"
    assert not quick.frame.scroll.isVisible() and not quick.open_button.isVisible()


def test_markdown_answer_with_copy_and_a_frame_that_grows(cloud_quick, qtbot, clouds) -> None:
    together, _ = clouds
    together.script({"kind": "ok", "words": CODE})
    compact = cloud_quick.height()
    assert not cloud_quick.frame.scroll.isVisible() and compact < 200
    cloud_quick.input.setText("Explain what a folder is")  # a general task: Llama on Together
    qtbot.waitUntil(lambda: cloud_quick.chip.state.kind == "cloud", timeout=5000)
    assert cloud_quick.chip.text.startswith("Goes to Llama 3.3 70B · ")
    qtbot.keyClick(cloud_quick.input, Qt.Key.Key_Return)
    wait_idle(qtbot, cloud_quick)
    assert cloud_quick.height() > compact + 40
    code = cloud_quick.answer_view.parts[1]
    assert code.language.text() == "Bash" and code.code == "ls -la"
    cloud_quick.copy_button.click()
    assert QGuiApplication.clipboard().text() == "".join(CODE)
    assert cloud_quick.copy_button.text() == "Copied"
    assert cloud_quick.status.text() == "Answered by Llama 3.3 70B"


def test_esc_stops_an_answer_first_and_closes_next(cloud_quick, qtbot, clouds) -> None:
    together, _ = clouds
    together.script({"kind": "ok", "words": [f"w{i} " for i in range(200)], "delay": 0.02})
    cloud_quick.input.setText("Write a long poem")
    cloud_quick.send()
    qtbot.waitUntil(lambda: len(cloud_quick._entry.text) > 10, timeout=10000)
    assert cloud_quick.stop_button.isVisible()
    qtbot.keyClick(cloud_quick.input, Qt.Key.Key_Escape)
    wait_idle(qtbot, cloud_quick)
    assert cloud_quick.isVisible() and cloud_quick.status.text().endswith("stopped")
    qtbot.keyClick(cloud_quick.input, Qt.Key.Key_Escape)
    assert not cloud_quick.isVisible()


def test_a_failed_quick_prompt_gives_the_question_back(qtbot, tmp_path, isolated_home) -> None:
    from aideon_desktop.core.answering import Assistant
    from aideon_desktop.core.config import load_settings

    settings = load_settings().settings
    settings.local.model_path = str(tmp_path / "missing.gguf")
    assistant = Assistant(settings)
    box = QuickPrompt(assistant)
    box.popup()
    box.input.setText(PRIVATE)
    box.send()
    wait_idle(qtbot, box, 30000)
    assert box.status.text().startswith("Problem:") and box.input.text() == PRIVATE
    assert assistant.store.conversations() == []
    close_when_idle(qtbot, box)
    assistant.close()


def test_continue_in_chat_says_why_it_is_off_when_history_is_not_kept(qtbot, isolated_home):
    from aideon_desktop.core.answering import Assistant
    from aideon_desktop.core.config import load_settings

    settings = load_settings().settings
    settings.history.storage = "off"
    settings.local.max_tokens = 8
    assistant = Assistant(settings)
    box = QuickPrompt(assistant)
    box.popup()
    qtbot.keyClicks(box.input, PRIVATE)
    qtbot.keyClick(box.input, Qt.Key.Key_Return)
    wait_idle(qtbot, box)
    assert not box.open_button.isEnabled()
    assert box.open_button.toolTip().startswith("History is not being saved")
    close_when_idle(qtbot, box)
    assistant.close()


def test_a_fallback_says_why_the_cloud_did_not_answer(cloud_quick, qtbot, clouds) -> None:
    refused = {"kind": "status", "status": 401, "body": {"error": {"message": "bad key"}}}
    for cloud in clouds:
        cloud.script(*[refused] * 8)
    cloud_quick.input.setText("Write a haiku about autumn rain")
    cloud_quick.send()
    wait_idle(qtbot, cloud_quick)
    status = cloud_quick.status.text()
    assert status.startswith("Answered by this device because the cloud did not:"), status
    assert status.endswith("Check it in Settings → API keys.")


def test_on_a_short_screen_the_answer_gets_the_room_left(cloud_quick, qtbot, clouds) -> None:
    together, _ = clouds
    together.script({"kind": "ok", "words": [*CODE, *["More words.\n\n"] * 12]})
    cloud_quick.input.setText("Explain what a folder is")
    qtbot.waitUntil(lambda: cloud_quick.chip.state.kind == "cloud", timeout=5000)
    cloud_quick.send()
    wait_idle(qtbot, cloud_quick)
    frame, status = cloud_quick.frame, cloud_quick.status.text()
    assert status.startswith("Answered by"), status  # by the cloud, as scripted
    # Rendered whole at the end (a busy machine may deliver every piece before the first
    # repaint), the parts take their heights once laid out: wait for that, as the box does.
    qtbot.waitUntil(lambda: frame.answer_view.sizeHint().height() > 200, timeout=5000)
    rest = frame.sizeHint().height() - frame.scroll.minimumHeight()  # its fixed height
    frame.fit_answer(rest + 120)  # a screen where 120 pixels are left for the answer
    frame.fit_answer(rest + 120)  # again, as every streamed piece does: the same
    given = frame.scroll.minimumHeight()
    assert 110 <= given <= 120, (given, rest, frame.answer_view.sizeHint().height(), status)
