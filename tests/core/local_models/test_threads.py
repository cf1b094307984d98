"""Thread counts that follow the load other programs put on the CPU."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import psutil
import pytest

from aideon_desktop.core.local_models.threads import (
    CpuLoadMonitor,
    ThreadPlan,
    ThreadPolicy,
    choose_threads,
)


@pytest.mark.parametrize(
    ("cores", "others", "threads"),
    [
        (2, None, 2),  # no reading yet: all cores
        (2, 0.1, 2),  # background noise
        (2, 0.5, 2),
        (2, 0.67, 1),  # a one-core hog sharing two cores with our two threads
        (2, 1.0, 1),  # the same hog once we use one thread
        (2, 3.0, 1),  # never fewer than one
        (8, 1.0, 7),
        (8, 2.6, 5),
    ],
)
def test_one_thread_per_core_that_others_leave_free(
    cores: int, others: float | None, threads: int
) -> None:
    assert choose_threads(cores, others) == threads


def test_the_monitor_counts_other_programs_not_this_one() -> None:
    clock = iter([0.0, 1.0, 2.0]).__next__
    system = iter([100.0, 101.6, 102.6]).__next__  # machine-wide busy CPU-seconds
    own = iter([10.0, 10.6, 11.6]).__next__  # this process
    monitor = CpuLoadMonitor(system_seconds=system, own_seconds=own, clock=clock)
    assert monitor.other_busy_cores() is None
    assert monitor.sample() == pytest.approx(1.0)  # 1.6 busy - 0.6 ours over one second
    assert monitor.sample() == pytest.approx(0.0)  # only we were busy


def _cpu_by_process() -> dict[int, float]:
    seconds = {}
    for proc in psutil.process_iter():
        try:
            times = proc.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        seconds[proc.pid] = times.user + times.system
    return seconds


def _monitor_and_oracle(busy: str, seconds: float = 1.0) -> tuple[float, float]:
    """The monitor's reading over a window in which ``busy`` runs ("hog": another process
    spinning one core; "self": a thread of this process spinning), and an independent count
    of the same thing: the CPU time every other process used, summed process by process."""
    stop = threading.Event()
    hog = None
    if busy == "hog":
        hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    else:
        threading.Thread(target=lambda: [None for _ in iter(stop.is_set, True)]).start()
    try:
        time.sleep(0.3)  # let it get going
        monitor = CpuLoadMonitor()
        before, started = _cpu_by_process(), time.monotonic()
        time.sleep(seconds)
        reading = monitor.sample()
        after, elapsed = _cpu_by_process(), time.monotonic() - started
    finally:
        stop.set()
        if hog is not None:
            hog.kill()
            hog.wait()
    others = sum(after[pid] - before[pid] for pid in after if pid in before and pid != os.getpid())
    assert reading is not None
    return reading, others / elapsed


@pytest.mark.slow
@pytest.mark.parametrize("busy", ["hog", "self"])
def test_the_monitor_sees_other_programs_and_not_this_one(busy: str) -> None:
    """Checked against a process-by-process count: a hog in another process is counted, our
    own spinning thread is not.  Short-lived processes (other jobs on a shared machine) escape
    the process-by-process count, so one of three windows has to agree; a monitor that counted
    our own thread would be a whole core off in every window."""
    windows = [_monitor_and_oracle(busy) for _ in range(3)]
    assert any(reading == pytest.approx(oracle, abs=0.35) for reading, oracle in windows), windows
    if busy == "hog":
        assert all(reading > 0.5 for reading, _ in windows), windows


def test_fixed_counts_are_used_as_set_and_need_no_monitor() -> None:
    fixed = ThreadPolicy(threads=3, cores=8)
    assert not fixed.adaptive and fixed.monitor is None
    assert fixed.plan() == ThreadPlan(3, 3)  # batch follows threads
    assert ThreadPolicy(threads=3, batch_threads=6, cores=8).plan() == ThreadPlan(3, 6)


def test_adaptive_counts_drop_at_once_and_come_back_after_the_hold() -> None:
    busy = [0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0]  # others' cores, one reading per second
    system = iter([100.0 + sum(busy[:i]) for i in range(len(busy) + 1)]).__next__
    clock = iter([float(i) for i in range(len(busy) + 1)]).__next__
    monitor = CpuLoadMonitor(system_seconds=system, own_seconds=lambda: 0.0, clock=clock)
    policy = ThreadPolicy(cores=4, monitor=monitor)
    assert policy.adaptive and policy.plan() == ThreadPlan(4, 4)  # nothing measured yet
    plans = []
    for _ in busy:
        monitor.sample()
        plans.append(policy.plan().threads)
    # a busy reading drops a thread at once; it comes back once that reading is more than
    # three seconds old
    assert plans == [4, 3, 3, 3, 3, 4, 3, 3]
    assert ThreadPolicy(batch_threads=2, cores=4, monitor=monitor).plan() == ThreadPlan(3, 2)
