"""The privacy chip above the message box: what it says (private, cloud with price, masked,
failover), that its check runs off the GUI thread and stale results never show, that the
found values are highlighted in the draft, and that the chip never moves other controls."""

from __future__ import annotations

import threading
import time

from PySide6.QtGui import QColor

from aideon_desktop.ui.route_preview import ChipState
from tests.ui.helpers import wait_idle

CARD = "My card 4539 1488 0343 6467 was charged twice, what do I write?"


def chip_settles(qtbot, window, kind: str, timeout: int = 5000) -> ChipState:
    qtbot.waitUntil(lambda: window.composer.chip.state.kind == kind, timeout=timeout)
    return window.composer.chip.state


def test_chip_states_private_cloud_and_masked(cloud_window, qtbot) -> None:
    chip = cloud_window.composer.chip
    assert chip.state.kind == "idle" and "stays on this device" in chip.text.lower()
    cloud_window.draft.setPlainText(CARD)
    state = chip_settles(qtbot, cloud_window, "private")
    assert state.text == "Stays on this device — card number"
    assert chip.property("state") == "private"  # the colour comes from this
    cloud_window.draft.setPlainText("Write a haiku about rain")
    state = chip_settles(qtbot, cloud_window, "cloud")
    assert state.text.startswith("Goes to Llama 3.3 70B · ") and "$" in state.text
    cloud_window.composer.mask.setChecked(True)
    cloud_window.draft.setPlainText(CARD)
    state = chip_settles(qtbot, cloud_window, "masked")
    assert state.text.startswith("Masked, then to Llama 3.3 70B")


def test_the_check_runs_off_the_gui_thread_and_stale_results_never_show(
    cloud_window, qtbot, cloud_assistant, monkeypatch
) -> None:
    threads: list[str] = []
    real_plan = cloud_assistant.plan

    def slow_plan(request):
        threads.append(threading.current_thread().name)
        if "card" in request.prompt:
            time.sleep(0.4)  # a slow check of a draft the user has already changed
        return real_plan(request)

    monkeypatch.setattr(cloud_assistant, "plan", slow_plan)
    shown: list[str] = []
    cloud_window.composer.chip.changed.connect(lambda state: shown.append(state.kind))
    cloud_window.draft.setPlainText(CARD)
    qtbot.waitUntil(lambda: bool(threads), timeout=3000)
    for word in ("Write", "Write a", "Write a haiku"):  # typing on while the check runs
        cloud_window.draft.setPlainText(word)
    chip_settles(qtbot, cloud_window, "cloud")
    qtbot.wait(600)
    assert "private" not in shown  # the card draft's late verdict was dropped
    assert threads and threading.main_thread().name not in threads
    assert cloud_window.session.preview.checks <= 3  # debounced, not one per change


def test_found_values_are_highlighted_in_the_draft(window, qtbot) -> None:
    window.draft.setPlainText(CARD)
    chip_settles(qtbot, window, "private")
    block = window.draft.document().firstBlock()
    start = CARD.index("4539")
    marks = [
        f for f in block.layout().formats() if f.format.background().color() != QColor(0, 0, 0)
    ]
    assert [(f.start, f.length) for f in marks] == [(start, len("4539 1488 0343 6467"))]
    window.draft.moveCursor(window.draft.textCursor().MoveOperation.Start)
    window.draft.insertPlainText("Hi. ")  # typing before the number moves its highlight along
    assert window.draft.highlighter.spans == ((start + 4, start + 4 + 19),)


def test_the_chip_never_moves_other_controls(cloud_window, qtbot) -> None:
    cloud_window.resize(360, 600)  # the smallest window: the chip's text cannot fit
    composer = cloud_window.composer
    controls = (composer.chip, composer.draft, composer.picker, composer.send_button)
    places = lambda: [w.mapTo(cloud_window, w.rect().topLeft()) for w in controls]  # noqa: E731
    sizes = lambda: [w.size() for w in controls]  # noqa: E731
    cloud_window.draft.setPlainText("Hi")
    chip_settles(qtbot, cloud_window, "cloud")
    before = (places(), sizes())
    cloud_window.draft.setPlainText("Hi 4539 1488 0343 6467 GB82 WEST 1234 5698 7654 32")
    chip_settles(qtbot, cloud_window, "private")
    qtbot.wait(50)
    assert "card number, bank details" in composer.chip.text
    assert composer.chip.text_label.text().endswith("…")  # elided, never wrapped or grown
    assert (places(), sizes()) == before
    assert composer.draft.height() >= 2 * composer.draft.fontMetrics().lineSpacing()


def test_during_failover_the_chip_shows_where_the_answer_comes_from(
    cloud_window, qtbot, clouds
) -> None:
    together, hf = clouds
    failing = [{"kind": "status", "status": 500}] * 12
    together.script(*failing)
    hf.script(*failing)
    seen: list[str] = []
    cloud_window.composer.chip.changed.connect(lambda state: seen.append(state.text))
    cloud_window.draft.setPlainText("Write a haiku about rain")
    chip_settles(qtbot, cloud_window, "cloud")
    cloud_window.send()
    wait_idle(qtbot, cloud_window)
    assert "Cloud failed → answering on this device" in seen
    answer = cloud_window.transcript.blocks[-1]
    assert answer.chip.text() == "Cloud failed → answered on this device"
    assert "failed → answered on this device" in answer.details.text()
    assert cloud_window.entries[-1].meta["failed_routes"]


def test_a_send_waiting_for_the_check_says_so(cloud_window, qtbot, clouds) -> None:
    """walk10: the first check of a window can take seconds (the privacy tables load); a
    message sent meanwhile stayed in the box under the idle "Private data stays on this device"
    with only Stop to show that anything happened.  Now the chip says what it waits for."""
    window = cloud_window
    window.draft.setPlainText("Give me three names for a cat.")
    window.send()  # the check is not done (it has not even started): the send waits for it
    assert window.draft.toPlainText() == "Give me three names for a cat."
    assert window.composer.chip.state.kind == "checking"
    assert window.composer.chip.text == "Checking for private data…"
    wait_idle(qtbot, window)
    assert window.entries[0].text == "Give me three names for a cat."
