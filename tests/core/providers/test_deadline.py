"""Deadlines on an injectable clock, and the watchdog that acts on them."""

from __future__ import annotations

import threading
import time

from aideon_desktop.core.providers.deadline import PRUNE_AT, Deadline, Watchdog, wait_allowed


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_deadline_counts_down_on_its_clock() -> None:
    clock = FakeClock()
    deadline = Deadline.after(30.0, clock)
    assert deadline.remaining() == 30.0 and not deadline.expired
    clock.now += 29.5
    assert deadline.remaining() == 0.5
    clock.now += 1
    assert deadline.remaining() == 0.0 and deadline.expired


def test_wait_allowed_is_the_sooner_of_the_limit_and_the_budget() -> None:
    clock = FakeClock()
    assert wait_allowed(60.0, None) == 60.0
    assert wait_allowed(60.0, Deadline.after(12.0, clock)) == 12.0
    assert wait_allowed(5.0, Deadline.after(12.0, clock)) == 5.0


def test_watchdog_fires_in_order_and_never_after_cancel() -> None:
    watchdog = Watchdog()
    fired: list[str] = []
    done = threading.Event()
    now = time.monotonic()
    watchdog.arm(now + 0.2, lambda: (fired.append("late"), done.set()))
    cancelled = watchdog.arm(now + 0.05, lambda: fired.append("cancelled"))
    early = watchdog.arm(now + 0.1, lambda: fired.append("early"))
    cancelled.cancel()
    assert done.wait(10)
    assert fired == ["early", "late"] and early.fired and not cancelled.fired


def test_a_failing_action_does_not_stop_the_watchdog() -> None:
    watchdog = Watchdog()
    done = threading.Event()
    now = time.monotonic()
    watchdog.arm(now, lambda: 1 / 0)
    watchdog.arm(now + 0.01, done.set)
    assert done.wait(10)


def test_cancelled_alarms_do_not_pile_up() -> None:
    watchdog = Watchdog()
    far = time.monotonic() + 3600
    for _ in range(20_000):  # many answers whose first token came in time
        watchdog.arm(far, lambda: None).cancel()
    live = watchdog.arm(far, lambda: None)
    assert len(watchdog) <= PRUNE_AT + 1 and not live.done


def test_a_cancelled_or_fired_alarm_lets_go_of_its_action() -> None:
    """A cancelled alarm waits in the heap until its time (a minute for a first-token alarm);
    what its action would have cut off (the response, its request) must not live that long."""
    import gc
    import weakref

    class Response:
        def close(self) -> None:
            pass

    watchdog = Watchdog()
    response = Response()
    gone = weakref.ref(response)
    alarm = watchdog.arm(time.monotonic() + 60, response.close)
    del response
    gc.collect()
    assert gone() is not None  # armed: the action keeps what it acts on
    alarm.cancel()
    assert gone() is None and len(watchdog) == 1  # still queued, holding nothing

    fired = threading.Event()
    target = Response()
    kept = weakref.ref(target)
    alarm = watchdog.arm(time.monotonic(), lambda t=target: fired.set())
    del target
    assert fired.wait(5)
    time.sleep(0.05)
    gc.collect()
    assert alarm.fired and kept() is None
