"""Deadlines for waiting on providers, and the watchdog that enforces them while a read blocks.

``Deadline`` is a point in time on an injectable clock (tests advance a fake one).  An answer
gets one for its whole time budget; a provider turns what is left of it, and its own
first-token timeout, into a wait it enforces.

``Watchdog`` is one daemon thread for the whole process that runs an action at a deadline
unless it was cancelled first.  Providers arm it to shut a socket down when no answer has
started in time: a read blocked on that socket returns at once, so a silent provider, or one
that only sends keep-alive comments, is cut off at the deadline instead of whenever its next
byte arrives.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)
PRUNE_AT = 4096  # armed alarms kept before cancelled ones are swept out


@dataclass(frozen=True)
class Deadline:
    at: float  # a reading of ``clock``
    clock: Callable[[], float] = time.monotonic

    @classmethod
    def after(cls, seconds: float, clock: Callable[[], float] = time.monotonic) -> Deadline:
        return cls(clock() + seconds, clock)

    def remaining(self) -> float:
        """Seconds left (never negative)."""
        return max(0.0, self.at - self.clock())

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0.0


def wait_allowed(limit_s: float, deadline: Deadline | None) -> float:
    """How long a provider may wait now: its own limit, or less if the answer's budget ends
    sooner."""
    return limit_s if deadline is None else min(limit_s, deadline.remaining())


def _disarmed() -> None:
    """The action of an alarm that was cancelled or has fired."""


class Alarm:
    """One armed action.  ``cancel`` and the firing are serialised, so once ``cancel`` returns
    the action has either run completely or never will."""

    def __init__(self, action: Callable[[], None]) -> None:
        self._action = action
        self._lock = threading.Lock()
        self._cancelled = False
        self.fired = False

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            # A cancelled alarm stays in the watchdog's heap until its time (a first-token
            # alarm for a minute): without its action it no longer keeps the response, its
            # request and their buffers alive that long, for the cyclic collector to walk.
            self._action = _disarmed

    @property
    def done(self) -> bool:
        return self._cancelled or self.fired

    def fire(self) -> None:
        with self._lock:
            if self._cancelled or self.fired:
                return
            self.fired = True
            action, self._action = self._action, _disarmed
            try:
                action()
            except Exception as exc:  # noqa: BLE001 - a failed action must not kill the watchdog
                log.info("watchdog action failed: %s", type(exc).__name__)


class Watchdog:
    """Runs alarms at their (monotonic) time on one lazily started daemon thread."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._heap: list[tuple[float, int, Alarm]] = []
        self._order = itertools.count()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._prune_at = PRUNE_AT

    def arm(self, at: float, action: Callable[[], None]) -> Alarm:
        alarm = Alarm(action)
        with self._wake:
            if len(self._heap) >= self._prune_at:
                self._prune()
            heapq.heappush(self._heap, (at, next(self._order), alarm))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="aideon-watchdog", daemon=True
                )
                self._thread.start()
            if self._heap[0][2] is alarm:  # sooner than what the thread waits for
                self._wake.notify()
        return alarm

    def _prune(self) -> None:
        """Drop cancelled alarms (most are: an answer's first token usually comes in time)."""
        self._heap = [entry for entry in self._heap if not entry[2].done]
        heapq.heapify(self._heap)
        self._prune_at = max(PRUNE_AT, 2 * len(self._heap))

    def __len__(self) -> int:
        return len(self._heap)

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._heap:
                    self._wake.wait()
                at, _, alarm = self._heap[0]
                delay = at - self._clock()
                if delay > 0:
                    self._wake.wait(delay)
                    continue
                heapq.heappop(self._heap)
            alarm.fire()


WATCHDOG = Watchdog()
