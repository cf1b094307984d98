"""Python's cyclic garbage collector, run on the GUI thread only.

The collector runs in whichever thread happens to allocate when a generation's threshold is
crossed.  A Qt object caught in a reference cycle (a widget and a lambda connected to its own
signal, say) is then destroyed from that thread; a widget destroyed off the GUI thread crashes
Qt (a full test run here died with a segmentation fault while a model-server probe thread was
collecting a closed settings dialog).  So automatic collection is switched off and the GUI
thread collects from a timer by the same thresholds, as pyqtgraph's GarbageCollector does.
Reference counting still frees everything that is not in a cycle at once.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    """Collects on the GUI thread every ``INTERVAL_MS``; ``stop()`` gives collection back."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.collections = 0  # how many generation-0-or-older collections this has run
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(interval_ms)

    def collect_due(self) -> None:
        """The collections Python itself would have run by now, oldest generation due last."""
        gc.disable()  # a scan that began before this switched it off may have switched it on
        counts, limits = gc.get_count(), self.thresholds
        if counts[0] <= limits[0]:
            return
        generation = 0
        if counts[1] > limits[1]:
            generation = 2 if counts[2] > limits[2] else 1
        gc.collect(generation)
        self.collections += 1

    def stop(self) -> None:
        """Stop collecting here; automatic collection is back if it was on before."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
