"""The window on a 1280×800 laptop screen at 1× and 2× (QT_SCALE_FACTOR=2 leaves 640×400
logical pixels): it fits, Send is on screen, the narrow layout takes over; light and dark both
applied.  Screenshots go to artifacts/ for a person to look at (tests/ui/screens.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.keyring_backend import FileKeyring, subprocess_env

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("AIDEON_ARTIFACTS", ROOT / "artifacts"))
SCREEN = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}  # fmt: skip


def run_screens(tmp_path: Path, scale: str, keyring: FileKeyring) -> dict:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(SCREEN))
    home = tmp_path / f"home-{scale}"
    home.mkdir()
    env = {
        **os.environ,
        **subprocess_env(keyring.path),
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
        "AIDEON_HOME": str(home),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.screens", str(ARTIFACTS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize("scale", ["1", "2"])
def test_the_window_fits_the_screen_in_light_and_dark(tmp_path, scale, working_keyring) -> None:
    result = run_screens(tmp_path, scale, working_keyring)
    shape = result["geometry"]
    assert shape["scale"] == float(scale)
    assert shape["window_fits"] and shape["send_visible"] and shape["draft_visible"], shape
    if scale == "2":  # 640 logical pixels wide: the chats are behind a button
        assert shape["narrow"] and not shape["sidebar_visible"] and shape["toggle_visible"]
    else:
        assert not shape["narrow"] and shape["sidebar_visible"]
    assert result["chip"].startswith("Stays on this device — bank details")
    assert result["light_theme"] == "light" and result["dark_theme"] == "dark"
    assert result["light_background"] > 200 and result["dark_background"] < 60
    assert result["light_text"] < 80 and result["dark_text"] > 180
    for scheme in ("light", "dark"):
        assert result[f"{scheme}_quick_private_chip"].startswith("Stays on this device")
        assert result[f"{scheme}_quick_fits"]
        for name in (f"chat-{scale}x-{scheme}", f"quick-{scale}x-{scheme}-answer"):
            assert (ARTIFACTS / f"{name}.png").stat().st_size > 10_000
