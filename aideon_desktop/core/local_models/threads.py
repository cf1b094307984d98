"""How many threads llama.cpp should use: the physical cores that other programs leave free.

llama.cpp's threads meet at a barrier after every step, so one thread that shares a core with a
busy program holds all the others up.  Measured with the bundled model on this 2-core machine
(bench/local_tokens.py has the table): with nothing else running 2 threads give ~118 tok/s and
1 thread ~75; with one core busy elsewhere 2 threads drop to ~31 while 1 thread keeps ~81.  No
fixed count is right for both, and the load on a desktop changes all the time.

``CpuLoadMonitor`` measures, every quarter second in a background thread while a model is
loaded, the CPU time the whole machine used minus the time this process used: how many cores
other programs keep busy.  It reports the highest reading of the last three seconds, so a thread
is dropped within half a second of load appearing but comes back only once the load has stayed
away for three seconds: too many threads cost far more (up to 10x slower, a stalled barrier)
than one too few (0.7x on two cores, less with more).  ``ThreadPolicy.plan()`` turns that into
thread counts at the start of every generation, and the provider asks again every quarter second
while tokens stream (llama.cpp takes a new count between tokens: ``llama_set_n_threads``).  A
fixed ``threads`` setting turns all of this off.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import psutil

from aideon_desktop.core.hardware import physical_cores

SAMPLE_PERIOD_S = 0.25
HOLD_S = 3.0  # a reading counts for this long
RECHECK_PERIOD_S = 0.25  # how often a running generation re-plans its threads


def system_busy_seconds() -> float:
    """CPU-seconds all processes have spent on the CPUs (every core summed) since boot."""
    times = psutil.cpu_times()
    idle = times.idle + getattr(times, "iowait", 0.0)
    total = sum(times) - getattr(times, "guest", 0.0) - getattr(times, "guest_nice", 0.0)
    return total - idle  # guest time is already inside user time on Linux


def own_busy_seconds() -> float:
    """CPU-seconds this process (all its threads) has used."""
    times = psutil.Process().cpu_times()
    return times.user + times.system


def choose_threads(cores: int, other_busy_cores: float | None) -> int:
    """One thread per core that others leave free; a core counts as taken once other programs
    use more than half of one.  Unknown load: all cores."""
    if other_busy_cores is None:
        return cores
    return max(1, min(cores, math.floor(cores - other_busy_cores + 0.5)))


class CpuLoadMonitor:
    """Cores kept busy by other programs, over the last sampling period."""

    def __init__(
        self,
        period_s: float = SAMPLE_PERIOD_S,
        hold_s: float = HOLD_S,
        system_seconds: Callable[[], float] = system_busy_seconds,
        own_seconds: Callable[[], float] = own_busy_seconds,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.period_s = period_s
        self.hold_s = hold_s
        self._system_seconds = system_seconds
        self._own_seconds = own_seconds
        self._clock = clock
        self._last = self._snapshot()
        self._recent: deque[tuple[float, float]] = deque()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def _snapshot(self) -> tuple[float, float, float]:
        return self._clock(), self._system_seconds(), self._own_seconds()

    def sample(self) -> float | None:
        """Close the current window and return the cores others used in it."""
        now = self._snapshot()
        with self._lock:
            (t0, sys0, own0), self._last = self._last, now
            elapsed = now[0] - t0
            if elapsed <= 0:
                return None
            other = max(0.0, ((now[1] - sys0) - (now[2] - own0)) / elapsed)
            self._recent.append((now[0], other))
            while self._recent and now[0] - self._recent[0][0] > self.hold_s:
                self._recent.popleft()
            return other

    def other_busy_cores(self) -> float | None:
        """The highest reading of the last ``hold_s`` seconds; None before the first."""
        with self._lock:
            return max((value for _, value in self._recent), default=None)

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        with self._lock:
            self._last = self._snapshot()
        self._thread = threading.Thread(target=self._run, name="aideon-cpu-load", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.period_s):
            self.sample()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None


@dataclass(frozen=True)
class ThreadPlan:
    threads: int  # generating tokens one at a time
    batch_threads: int  # reading the prompt


class ThreadPolicy:
    """``threads``/``batch_threads`` of 0 adapt to the load; a positive value is used as is
    (``batch_threads`` 0 follows ``threads``)."""

    def __init__(
        self,
        threads: int = 0,
        batch_threads: int = 0,
        cores: int | None = None,
        monitor: CpuLoadMonitor | None = None,
    ) -> None:
        self.threads = threads
        self.batch_threads = batch_threads
        self.cores = cores or physical_cores()
        self.adaptive = threads == 0
        if monitor is None and self.adaptive:
            monitor = CpuLoadMonitor()
        self.monitor = monitor

    def start(self) -> None:
        if self.monitor is not None:
            self.monitor.start()

    def stop(self) -> None:
        if self.monitor is not None:
            self.monitor.stop()

    def plan(self) -> ThreadPlan:
        load = self.monitor.other_busy_cores() if self.monitor is not None else None
        auto = choose_threads(self.cores, load)
        threads = self.threads or auto
        return ThreadPlan(threads, self.batch_threads or threads)
