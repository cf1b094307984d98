"""Cyclic garbage is collected on the GUI thread only (ui/gui_gc.py)."""

from __future__ import annotations

import gc
import threading
import weakref

from aideon_desktop.ui.gui_gc import GuiThreadCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_worker_thread_allocating_collects_nothing_and_the_gui_thread_does(qtbot) -> None:
    """Without it, a worker that allocates past the threshold ran the collection itself, and
    a Qt object in a cycle was destroyed off the GUI thread (a segmentation fault)."""
    on_gui_thread: list[bool] = []

    def watch(phase: str, info: dict) -> None:
        if phase == "start":
            on_gui_thread.append(threading.current_thread() is threading.main_thread())

    collector = GuiThreadCollector(interval_ms=50)
    gc.callbacks.append(watch)
    try:
        assert not gc.isenabled()
        garbage = Cycle()
        gone = weakref.ref(garbage)
        del garbage
        worker = threading.Thread(target=lambda: [Cycle() for _ in range(5_000)])  # more garbage
        worker.start()
        worker.join()
        assert gone() is not None and on_gui_thread == []  # nothing collected by the worker
        qtbot.waitUntil(lambda: gone() is None, timeout=5000)
        assert on_gui_thread and all(on_gui_thread) and collector.collections >= 1
    finally:
        gc.callbacks.remove(watch)
        collector.stop()
    assert not gc.isenabled()  # the session's own collector still holds it off
