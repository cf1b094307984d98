"""Build the PyInstaller bundle with packaging/build.sh, then run the built executable — not the
source — from a folder outside the checkout, under strace: it must answer with the bundled
model, start and quit the GUI cleanly, open no network connection and read nothing from the
source tree."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tool("strace")
    require_tool("uv")
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh")], cwd=ROOT, capture_output=True, timeout=1500
    )
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    built = ROOT / "dist" / "aideon"
    assert (built / "aideon").is_file() and (built / "install.sh").is_file()
    assert list((ROOT / "dist").glob("aideon-desktop-*-linux-*.tar.gz"))
    # Run a copy far from the checkout, so any path into the source tree is a real leak.
    target = tmp_path_factory.mktemp("installed") / "aideon"
    shutil.copytree(built, target, symlinks=True)
    return target


def clean_env(home: Path) -> dict[str, str]:
    keep = ("PATH", "LANG", "LC_ALL", "HOME", "TMPDIR", "PYTHON_KEYRING_BACKEND")
    return {**{k: v for k, v in os.environ.items() if k in keep}, "AIDEON_HOME": str(home)}


def traced(bundle: Path, args: list[str], home: Path, trace: Path, **kw) -> subprocess.Popen:
    command = [
        "strace",
        "-f",
        "-qq",
        "-e",
        "trace=openat,open,stat,connect",
        "-o",
        str(trace),
        str(bundle / "aideon"),
        *args,
    ]
    return subprocess.Popen(
        command, cwd=home, env=clean_env(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw
    )


def assert_sealed(trace: Path) -> None:
    text = trace.read_text(errors="ignore")
    source_reads = [line for line in text.splitlines() if str(ROOT) in line]
    assert not source_reads, f"the bundle touched the source tree: {source_reads[:5]}"
    for line in text.splitlines():
        if "connect(" in line and ("AF_INET" in line or "AF_INET6" in line):
            address = re.search(r'inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"', line)
            ip = next((g for g in address.groups() if g), "") if address else ""
            assert ip.startswith("127.") or ip == "::1", f"the bundle tried the network: {line}"


@pytest.mark.packaging
def test_built_bundle_runs_sealed(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    version = traced(bundle, ["--version"], home, tmp_path / "version.trace")
    out, err = version.communicate(timeout=60)
    assert version.returncode == 0 and out.decode().startswith("aideon "), err.decode()

    ask = traced(bundle, ["ask", "--json", "--local", "hello"], home, tmp_path / "ask.trace")
    out, err = ask.communicate(timeout=180)
    assert ask.returncode == 0, err.decode()[-2000:]
    payload = json.loads(out.decode().splitlines()[-1])
    assert (
        payload["route"] == "local"
        and payload["text"].strip()
        and payload["usage"]["completion_tokens"] > 0
    )
    assert_sealed(tmp_path / "ask.trace")

    env = {**clean_env(home), "QT_QPA_PLATFORM": "offscreen"}
    gui = subprocess.run(
        [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=openat,connect",
            "-o",
            str(tmp_path / "gui.trace"),
            str(bundle / "aideon"),
            "gui",
            "--quit-after",
            "6",
        ],
        cwd=home,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert gui.returncode == 0, gui.stderr.decode()[-2000:]
    assert (
        "tray icon" in (home / "logs" / "aideon.log").read_text()
        or b"No system tray" not in gui.stderr
    )
    assert_sealed(tmp_path / "gui.trace")
