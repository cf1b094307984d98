"""The real app on a real X display: tray icon in a real tray, the global hotkey pressed with
xdotool, a private prompt answered by the embedded model, single-instance hand-over.
Screenshots land in artifacts/ for a person to look at."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from tests.conftest import require_tool
from tests.support.history_db import open_history
from tests.support.keyring_backend import FileKeyring, subprocess_env
from tests.support.xvfb import start_xvfb

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("AIDEON_ARTIFACTS", ROOT / "artifacts"))


def wait_for(predicate, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


@pytest.fixture
def display() -> Iterator[dict[str, str]]:
    xvfb = require_tool("Xvfb")
    trayer = require_tool("trayer")
    require_tool("xdotool")
    server, name = start_xvfb(xvfb, "+extension", "RECORD", "-nolisten", "tcp", numbers=(100, 400))
    env = {**os.environ, "DISPLAY": name}
    env.pop("QT_QPA_PLATFORM", None)
    tray = subprocess.Popen(
        [trayer, "--edge", "bottom", "--align", "left"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    yield env
    tray.terminate()
    server.terminate()
    tray.wait(5)
    server.wait(5)


def screenshot(env: dict[str, str], name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    subprocess.run(
        [sys.executable, str(ROOT / "tests" / "support" / "screenshot.py"), str(path)],
        env=env,
        check=True,
        timeout=30,
    )
    return path


def private_answer(db: Path) -> tuple[str, int] | None:
    if not db.exists():
        return None
    try:
        con = open_history(db)
        row = con.execute(
            "SELECT m.text, m.partial FROM message m JOIN conversation c ON c.id = m.conversation_id "
            "WHERE c.private = 1 AND m.role = 'assistant' ORDER BY m.id DESC LIMIT 1"
        ).fetchone()
        con.close()
    except (sqlcipher.Error, LookupError):
        return None
    return row


@pytest.mark.display
def test_tray_hotkey_quick_prompt_private_answer(
    display: dict[str, str], isolated_home: Path, working_keyring: FileKeyring
) -> None:
    # The app keeps its history key in the same (test) keyring as this process.
    env = {**display, "AIDEON_HOME": str(isolated_home), **subprocess_env(working_keyring.path)}
    # A short answer: the embedded model must not run for minutes on a busy machine.
    (isolated_home / "settings.toml").write_text("[local]\nmax_tokens = 48\n", encoding="utf-8")
    log = isolated_home / "logs" / "aideon.log"
    app = subprocess.Popen(
        [sys.executable, "-m", "aideon_desktop"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        assert wait_for(lambda: log.exists() and "tray icon visible" in log.read_text(), 30), (
            log.read_text()
            if log.exists()
            else app.stderr.read1().decode()
            if app.poll() is not None
            else "no log"
        )
        geometry = log.read_text().split("tray icon visible at")[-1].split("\n")[0]
        assert "(0, 0, 0, 0)" not in geometry, "the tray icon has no real geometry"
        screenshot(env, "chat-window.png")

        subprocess.run(["xdotool", "key", "ctrl+alt+space"], env=env, check=True)
        time.sleep(1.5)
        prompt = "My NHS number is 943 476 5919 and I was diagnosed with asthma. What should I ask my GP?"
        subprocess.run(["xdotool", "type", "--delay", "5", prompt], env=env, check=True)
        subprocess.run(["xdotool", "key", "Return"], env=env, check=True)
        db = isolated_home / "aideon.sqlite3"
        assert wait_for(
            lambda: (row := private_answer(db)) is not None and row[0].strip() and row[1] == 0, 90
        ), "no private answer from the embedded model"
        screenshot(env, "quick-prompt.png")

        second = subprocess.run(
            [sys.executable, "-m", "aideon_desktop"], env=env, capture_output=True, timeout=60
        )
        assert second.returncode == 0, second.stderr.decode()
        assert app.poll() is None, "the first instance must keep running"
        app.terminate()  # logout / `kill`: the app quits cleanly through Qt
        assert app.wait(15) == 0
    finally:
        app.terminate()
        try:
            app.wait(15)
        except subprocess.TimeoutExpired:
            app.kill()
