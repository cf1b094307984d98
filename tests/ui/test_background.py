"""BackgroundCall: the work runs off the GUI thread; the callbacks (lambdas too) run on it, even
when the caller kept no reference to the call."""

from __future__ import annotations

import threading

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
