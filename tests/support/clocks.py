"""Time for tests that must not wait: a clock that a fake sleep advances."""

from __future__ import annotations


class SleepingClock:
    """A fake clock that the fake sleep advances: retries, waits and deadlines spend their
    budget at once, and ``sleeps`` records what was asked for."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
