"""The quick prompt on a real X display (Xvfb, with a window manager when one is installed):
a private prompt typed with xdotool, a key at a time; the privacy chip must have said "Stays on
this device" before the message was sent, the embedded model answers, Esc closes the box."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import require_tool
from tests.e2e.test_desktop import ARTIFACTS, ROOT, wait_for
from tests.support.keyring_backend import FileKeyring, subprocess_env
from tests.support.xvfb import start_xvfb

PROMPT = "My NHS number is 943 476 5919 and I was diagnosed with asthma. What should I ask my GP?"


@pytest.fixture
def display_with_wm() -> Iterator[dict[str, str]]:
    xvfb = require_tool("Xvfb")
    require_tool("xdotool")
    server, name = start_xvfb(xvfb, "-nolisten", "tcp", numbers=(401, 700))
    env = {**os.environ, "DISPLAY": name}
    env.pop("QT_QPA_PLATFORM", None)
    manager = None
    if shutil.which("openbox"):  # focus and stacking as on a desktop; the box works without
        manager = subprocess.Popen(
            ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(0.5)
    yield env
    for process in (manager, server):
        if process is not None:
            process.terminate()
            process.wait(5)


@pytest.mark.display
def test_the_chip_says_stays_on_this_device_before_a_private_prompt_is_sent(
    display_with_wm: dict[str, str], isolated_home: Path, working_keyring: FileKeyring, tmp_path
) -> None:
    env = {
        **display_with_wm,
        "AIDEON_HOME": str(isolated_home),
        **subprocess_env(working_keyring.path),
    }
    probe = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.quick_prompt_probe", str(tmp_path), str(ARTIFACTS)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert wait_for(lambda: (tmp_path / "ready").exists() or probe.poll() is not None, 60)
        assert probe.poll() is None, probe.stderr.read().decode()[-3000:]
        subprocess.run(["xdotool", "type", "--delay", "15", PROMPT], env=env, check=True)
        subprocess.run(["xdotool", "key", "Return"], env=env, check=True)
        assert wait_for(lambda: (tmp_path / "answered").exists(), 90), "no answer"
        subprocess.run(["xdotool", "key", "Escape"], env=env, check=True)
        assert probe.wait(30) == 0, probe.stderr.read().decode()[-3000:]
    finally:
        if probe.poll() is None:
            probe.terminate()
            probe.wait(15)
    import json

    log = json.loads((tmp_path / "result.json").read_text())
    assert log["submitted"].startswith("Stays on this device — ID number, health information")
    shown = [kind for kind, _ in log["chips_before_send"]]
    assert "private" in shown and "cloud" not in shown  # never said it would leave
    assert log["status"].startswith("Private · on this device · ") and log["answer"].strip()
    assert (ARTIFACTS / "quick-prompt-display.png").stat().st_size > 5_000
