"""Issue 16 #5: a provider that echoes the API key in an error ("Key sk-… has no access") never
gets it shown: not on stderr, not in ``--json`` (notices or the error object).  The real
process against the fake cloud, once per error shape the fake can produce."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aideon_desktop.core import paths
from tests.fake_cloud import FakeCloud

KEY = "sk-live-" + "9f8e7d6c5b4a" * 3
SHAPES = {
    "json error object": {
        "kind": "status",
        "status": 403,
        "body": {"error": {"message": "Key {key} has no access", "type": "auth"}},
    },
    "json error string": {"kind": "status", "status": 404, "body": {"error": "no model for {key}"}},
    "plain text body": {"kind": "status", "status": 502, "text": "gateway rejected {key}"},
    "sse error event": {"kind": "sse_error", "words": [], "message": "key {key} revoked"},
}
# A short answer budget (retryable errors such as a 502 stop being retried sooner) and a short
# local answer.
SETTINGS = "[routing]\nanswer_budget_seconds = 3.0\n\n[local]\nmax_tokens = 32\n"
LEGACY_SHAPES = [
    {"kind": "status", "status": 403, "body": {"error": "Key {key} has no access"}},
    {"kind": "status", "status": 500, "text": "internal error for {key}"},
]


def ask_json(fake: FakeCloud, tmp_path: Path, *, local: bool) -> subprocess.CompletedProcess:
    settings_file = paths.settings_file()
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text(SETTINGS, encoding="utf-8")
    env = {
        **os.environ,
        "TOGETHER_API_KEY": KEY,
        "HF_TOKEN": KEY,
        "AIDEON_TOGETHER_BASE_URL": fake.base_url,
        "AIDEON_HF_BASE_URL": fake.base_url,
        "AIDEON_HF_LEGACY_BASE_URL": fake.root_url,
    }
    if not local:
        env["AIDEON_MODEL_PATH"] = str(tmp_path / "missing.gguf")
    return subprocess.run(
        [sys.executable, "-m", "aideon_desktop", "ask", "--json", "Name three colours"],
        capture_output=True,
        timeout=180,
        env=env,
    )


@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
def test_an_echoed_key_is_in_no_error_the_user_sees(shape: dict, tmp_path: Path) -> None:
    with FakeCloud() as fake:
        fake.script(*[shape] * 80)
        fake.script_legacy(*LEGACY_SHAPES * 20)
        result = ask_json(fake, tmp_path, local=False)
        assert fake.chat_requests(), "the cloud was asked, so its error had a chance to show"
    shown = result.stdout.decode() + result.stderr.decode()
    assert result.returncode == 3
    error = json.loads(result.stdout.decode().strip().splitlines()[-1])["error"]
    assert "No provider could answer" in error["message"] and "[REDACTED]" in shown
    assert KEY not in shown and KEY[8:20] not in shown


def test_an_echoed_key_is_in_no_notice_when_the_local_model_answers(tmp_path: Path) -> None:
    with FakeCloud() as fake:
        fake.script(*list(SHAPES.values()) * 20)
        fake.script_legacy(*LEGACY_SHAPES * 20)
        result = ask_json(fake, tmp_path, local=True)
    assert result.returncode == 0, result.stderr.decode()
    payload = json.loads(result.stdout.decode().strip().splitlines()[-1])
    assert payload["route"] == "local" and payload["failed_routes"]
    shown = result.stdout.decode() + result.stderr.decode()
    assert "[REDACTED]" in shown and KEY not in shown and KEY[8:20] not in shown
