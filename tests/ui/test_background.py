"""BackgroundCall: the work runs off the GUI thread; the callbacks (lambdas too) run on it, even
when the caller kept no reference to the call."""

from __future__ import annotations

import threading

import shiboken6

from aideon_desktop.ui.background import BackgroundCall


def test_results_and_failures_come_back_on_the_gui_thread(qtbot) -> None:
    seen: list[tuple[str, object, bool]] = []
    main = threading.current_thread()

    def work(value: int) -> int:
        seen.append(("work", value, threading.current_thread() is main))
        return value * 2

    def fail() -> None:
        raise OSError("disk gone")

    BackgroundCall(work, 21, on_done=lambda r: seen.append(("done", r, on_gui(main)))).start()
    BackgroundCall(fail, on_failed=lambda e: seen.append(("failed", str(e), on_gui(main)))).start()
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=5000)
    assert ("work", 21, False) in seen
    assert ("done", 42, True) in seen and ("failed", "disk gone", True) in seen


def on_gui(main: threading.Thread) -> bool:
    return threading.current_thread() is main


def test_no_callback_reaches_an_owner_that_was_deleted(qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    gate = threading.Event()
    seen: list[object] = []
    call = BackgroundCall(gate.wait, 5, on_done=seen.append, owner=owner).start()
    owner.deleteLater()  # e.g. Settings closed while its Models page was still listing
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner), timeout=5000)
    gate.set()
    assert call.wait(5)
    qtbot.wait(100)  # the queued report has been delivered, and dropped
    assert seen == []
