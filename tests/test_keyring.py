"""Keys live only in the OS keyring: a real Secret Service, and the no-keyring case."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from aideon_desktop.core import secrets
from tests.conftest import require_tool

KEY = "tgp_v1_Qm9vZ2xlU2VjcmV0S2V5VGhhdE11c3ROb3RMZWFr"

SCRIPT = """
import keyring
from aideon_desktop.core import secrets
backend = keyring.get_keyring()
assert "SecretService" in type(backend).__module__, backend
assert secrets.keyring_status() is None
secrets.set_api_key("together", {key!r})
assert secrets.get_api_key("together") == {key!r}
assert keyring.get_password("aideon-desktop", "together") == {key!r}
secrets.delete_api_key("together")
assert secrets.get_api_key("together") is None
print("ROUNDTRIP-OK")
"""


@pytest.mark.keyring_service
def test_real_secret_service_roundtrip(tmp_path: Path) -> None:
    require_tool("dbus-run-session")
    require_tool("gnome-keyring-daemon")
    script = tmp_path / "roundtrip.py"
    script.write_text(SCRIPT.format(key=KEY), encoding="utf-8")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS")
    }
    env.update(
        {
            "HOME": str(tmp_path),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_RUNTIME_DIR": str(tmp_path / "run"),
        }
    )
    (tmp_path / "run").mkdir(mode=0o700)
    shell = (
        'printf "test-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; '
        f'exec "{sys.executable}" "{script}"'
    )
    # The key is written into a file the test made, never passed as a process argument.
    result = subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", shell], capture_output=True, env=env, timeout=60
    )
    assert b"ROUNDTRIP-OK" in result.stdout, result.stderr.decode()[-2000:]
    assert KEY.encode() not in result.stdout + result.stderr


def test_no_keyring_backend_is_said_plainly_and_nothing_is_written(
    isolated_home: Path, no_keyring: None
) -> None:
    # keyring's "fail" backend: what a headless box without a Secret Service has.
    assert secrets.get_api_key("together") is None
    assert "No system keyring" in (secrets.keyring_status() or "")
    with pytest.raises(secrets.KeyringUnavailableError, match="not saved"):
        secrets.set_api_key("together", KEY)
    leftovers = [
        p for p in isolated_home.rglob("*") if p.is_file() and KEY.encode() in p.read_bytes()
    ]
    assert leftovers == []


def test_environment_overrides_the_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOGETHER_API_KEY", "  env-key-123456789  ")
    assert secrets.get_api_key("together") == "env-key-123456789"


def test_keys_cli_reads_the_key_from_stdin_not_argv(isolated_home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aideon_desktop", "keys", "set", "together"],
        input=KEY.encode() + b"\n",
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 3 and b"No system keyring" in result.stderr
    assert KEY.encode() not in result.stderr
