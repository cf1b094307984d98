"""``aideon serve`` as a user runs it: a real process, real requests, Ctrl+C to stop."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

import httpx

from aideon_desktop.api.access import token_file


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_answers_and_stops_cleanly_on_ctrl_c() -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "aideon_desktop", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ.copy(),
    )
    try:
        banner = process.stdout.readline().decode()
        assert f"http://127.0.0.1:{port}/v1" in banner, banner
        headers = {"Authorization": f"Bearer {token_file().read_text().strip()}"}
        models = httpx.get(f"http://127.0.0.1:{port}/v1/models", headers=headers, timeout=30)
        assert models.status_code == 200 and models.json()["data"][0]["id"] == "aideon/auto"
        bad = httpx.post(
            f"http://127.0.0.1:{port}/v1/chat/completions",
            content=b'{"messages": [{"role": "user", "content": "hi"}], "max_tokens": true}',
            headers=headers,
            timeout=30,
        )
        assert bad.status_code == 400 and bad.json()["error"]["param"] == "max_tokens"
        busy = subprocess.run(
            [sys.executable, "-m", "aideon_desktop", "serve", "--port", str(port)],
            capture_output=True,
            timeout=60,
        )
        assert busy.returncode == 2 and b"is not free" in busy.stderr
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr
