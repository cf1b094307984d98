"""A private Xvfb display for a test, on a display number no server, lock or stale socket uses
(a fresh number each time, so a listener still detaching from the last test's display never
meets the next one)."""

from __future__ import annotations

import random
import subprocess
import time
from pathlib import Path


def free_display_number(low: int, high: int) -> int:
    for _ in range(200):
        number = random.randint(low, high)
        taken = Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists()
        if not taken:
            return number
    raise RuntimeError(f"no free X display number in {low}-{high}")


def start_xvfb(
    xvfb: str, *extra: str, numbers: tuple[int, int] = (701, 900), timeout_s: float = 10.0
) -> tuple[subprocess.Popen, str]:
    """Start Xvfb; returns the process and its display name (":N") once its socket is there."""
    number = free_display_number(*numbers)
    server = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", "1280x800x24", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout_s
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise RuntimeError(f"Xvfb did not start on :{number}")
        time.sleep(0.05)
    return server, f":{number}"
