"""The command-line contract from design.md, exercised as a user runs it: a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def aideon(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "aideon_desktop", *args],
        input=stdin,
        capture_output=True,
        timeout=180,
        env={**os.environ, **(env or {})},
    )


def test_version_and_help() -> None:
    from aideon_desktop import __version__

    result = aideon("--version")
    assert result.returncode == 0 and __version__ in result.stdout.decode()
    result = aideon("--help")
    assert result.returncode == 0 and b"ask" in result.stdout and b"privacy" in result.stdout


def test_ask_json_is_answered_locally_with_usage() -> None:
    result = aideon("ask", "--json", "Say hello")
    assert result.returncode == 0, result.stderr.decode()
    payload = json.loads(result.stdout.decode().strip().splitlines()[-1])
    assert set(payload) >= {
        "route",
        "model",
        "private",
        "task",
        "reasons",
        "text",
        "usage",
        "cost_usd",
        "baseline_cost_usd",
    }
    assert payload["route"] == "local" and payload["private"] is False
    assert payload["text"].strip()
    assert payload["usage"]["prompt_tokens"] > 0 and payload["usage"]["completion_tokens"] > 0
    assert payload["cost_usd"] == 0 and payload["baseline_cost_usd"] > 0
    assert any("no cloud API key" in r for r in payload["reasons"])


def test_ask_streams_plain_text_and_reads_stdin() -> None:
    result = aideon("ask", "-", stdin=b"What colour is the sky? One word.")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().strip()


def test_private_prompt_reports_private() -> None:
    result = aideon("ask", "--json", "--local", "My SSN is 536-22-8741. Which tax form needs it?")
    payload = json.loads(result.stdout.decode().strip().splitlines()[-1])
    assert payload["private"] is True and payload["route"] == "local"
    assert any("Social Security" in r for r in payload["reasons"])


@pytest.mark.parametrize(
    ("args", "stdin", "code", "message"),
    [
        (("ask", ""), None, 2, b"empty"),
        (("ask", "-"), b"\xff\xfe\x00bad", 2, b"not valid UTF-8"),
        (("ask", "--local", "--cloud", "hi"), None, 2, b"not allowed"),
        (("frobnicate",), None, 2, b"invalid choice"),
        (("keys", "set", "together"), b"\n", 2, b"The API key is empty"),
        (("privacy", "scan", "--jsonl", "/nonexistent/prompts.jsonl"), None, 2, b"Cannot read"),
    ],
)
def test_usage_errors_exit_2(args, stdin, code, message) -> None:
    result = aideon(*args, stdin=stdin)
    assert result.returncode == code
    assert message in result.stderr


def test_json_failures_still_print_one_json_object(tmp_path: Path) -> None:
    result = aideon(
        "ask",
        "--json",
        "My IBAN is GB82 WEST 1234 5698 7654 32",
        env={"AIDEON_MODEL_PATH": str(tmp_path / "x.gguf")},
    )
    assert result.returncode == 3
    error = json.loads(result.stdout)["error"]
    assert error["exit_code"] == 3 and "not sent anywhere" in error["message"]
    assert b"Traceback" not in result.stderr


def test_missing_model_exits_3_with_clear_message(tmp_path: Path) -> None:
    missing = tmp_path / "nope.gguf"
    result = aideon("ask", "hello", env={"AIDEON_MODEL_PATH": str(missing)})
    assert result.returncode == 3
    assert b"Model file not found" in result.stderr and str(missing).encode() in result.stderr


def test_route_json_sends_nothing() -> None:
    result = aideon(
        "route", "--json", "Fix this: TypeError: 'NoneType' object is not subscriptable"
    )
    payload = json.loads(result.stdout)
    assert payload == {**payload, "route": "local", "private": False, "task": "code"}
    assert set(payload) == {"route", "model", "private", "task", "reasons", "fallbacks"}


def test_privacy_scan_jsonl_keeps_order(tmp_path: Path) -> None:
    rows = [
        {"prompt": "my card 4539 1488 0343 6467"},
        {"prompt": "How do I make a GitHub repo private?"},
        {"prompt": "Ma clé: sk-abcdefghijklmnopqrstT3BlbkFJuvwxyzabcdefghijklmn"},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = aideon("privacy", "scan", "--jsonl", str(path))
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["sensitive"] for o in out] == [True, False, True]
    assert out[0]["categories"] == ["payment_card"]
    finding = out[0]["findings"][0]
    assert set(finding) >= {"category", "start", "end", "detector"}
    assert rows[0]["prompt"][finding["start"] : finding["end"]] == "4539 1488 0343 6467"
    stdin_result = aideon("privacy", "scan", "--jsonl", "-", stdin=path.read_bytes())
    assert stdin_result.stdout == result.stdout


def test_privacy_scan_bad_line_is_a_usage_error(tmp_path: Path) -> None:
    result = aideon("privacy", "scan", "--jsonl", "-", stdin=b'{"prompt": "ok"}\nnot json\n')
    assert result.returncode == 2 and b"line 2" in result.stderr
