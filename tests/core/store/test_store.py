"""The store end to end: nothing lost on kill -9, a disk that fills mid-answer, a broken history
file that never stops an answer, and no key or private text anywhere on disk."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from aideon_desktop.core import paths
from aideon_desktop.core.answering import AskRequest, Assistant
from aideon_desktop.core.config import load_settings
from aideon_desktop.core.store import Store
from aideon_desktop.core.store.answers import AnswerEnd
from aideon_desktop.core.store.models import UsageRecord
from tests.fake_cloud import FakeCloud
from tests.support.history_db import open_history
from tests.support.keyring_backend import FileKeyring, subprocess_env
from tests.support.mounts import fill, tmpfs
from tests.support.store_rows import new_conversation


def test_kill_9_mid_stream_leaves_a_consistent_database_with_the_partial_reply(
    isolated_home: Path, working_keyring: FileKeyring
) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **subprocess_env(working_keyring.path)}
    settings = isolated_home / "settings.toml"
    settings.write_text("[local]\nmax_tokens = 2000\ncontext_length = 4096\n", encoding="utf-8")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aideon_desktop",
            "ask",
            "Write a very long story about the sea, with many chapters.",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    received = b""
    started = time.monotonic()
    first_output: float | None = None
    assert proc.stdout is not None
    os.set_blocking(proc.stdout.fileno(), False)
    while time.monotonic() - started < 60:
        chunk = proc.stdout.read(4096) or b""
        received += chunk
        if received and first_output is None:
            first_output = time.monotonic()
        # Streaming replies are flushed to the database every 0.5 s: let a few flushes happen.
        if (
            first_output is not None
            and len(received) > 300
            and time.monotonic() - first_output > 1.6
        ):
            break
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the answer finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    db = paths.database_file()
    conn = open_history(db)  # encrypted with the key the killed process kept in the keyring
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
    rows = conn.execute("SELECT role, text, partial FROM message ORDER BY id").fetchall()
    conn.close()
    assert rows[0][0] == "user" and rows[0][1].startswith("Write a very long story")
    role, text, partial = rows[1]
    assert role == "assistant" and partial == 1
    assert len(text) > 50 and received.decode(errors="ignore").strip().startswith(text.strip()[:40])


def test_disk_filling_mid_answer_is_reported_and_loses_no_received_text(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", size="2m") as folder:
        db = folder / "aideon.sqlite3"
        store = Store(db)
        rows = store.begin_answer(None, new_conversation=True, user_text="A letter", private=False)
        writer = store.reply_writer(rows.reply_message_id)
        writer.append("Dear ")
        assert writer.flush(partial=True)
        filler = fill(folder)

        rest = "friend, " * 80_000  # far more than the WAL can still take
        writer.append(rest)
        assert not writer.flush(partial=True) and writer.failed
        assert writer.text == "Dear " + rest, "everything received is still in memory"
        assert store.problem is not None and store.problem.kind == "disk_full"
        assert (
            store.unavailable == "History is not being saved: the disk is full. Answers still work."
        )
        usage = UsageRecord(provider="together", model="m", cost_micro_usd=9)
        end = AnswerEnd(writer.text, False, "local", "m", usage=usage)
        saved = store.finish_answer(rows, end)
        assert saved is False and store.unavailable is not None
        assert store.spend().today == Decimal("0.000009"), "the cost still counts for budgets"

        filler.unlink()  # room again: the next answer is kept and the notice goes away
        later = store.begin_answer(None, new_conversation=True, user_text="Again", private=False)
        assert later is not None and store.unavailable is None
        store.close()

        reopened = Store(db)
        reply = reopened.messages(rows.conversation_id)[-1]
        # What reached the disk is consistent and still marked partial: never a silent cut.
        assert (reply.text, reply.partial) == ("Dear ", True)
        assert reopened.integrity_ok()
        reopened.close()


def test_full_disk_is_reported_and_answers_keep_coming(
    local_provider, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with tmpfs(tmp_path / "full-home", size="2m") as home:
        monkeypatch.setenv("AIDEON_HOME", str(home))
        assistant = Assistant(load_settings().settings, local=local_provider)
        assert assistant.store.unavailable is None
        filler = fill(home)
        prompt = "Reply with OK. " + "Context line for the record. " * 200  # needs new pages
        stream = assistant.ask(AskRequest(prompt, new_conversation=True))
        answer, events = stream.answer, list(stream)
        notices = [e.message for e in events if getattr(e, "kind", "") == "history_unavailable"]
        assert answer.text.strip(), "the answer must still arrive"
        assert notices and "History is not being saved: the disk is full" in notices[0]
        assistant.close()
        filler.unlink()


def test_unwritable_folder_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    store = Store(blocker / "db.sqlite3")
    assert store.unavailable and "History is not being saved" in store.unavailable
    assert new_conversation(store) is None and store.usage_rows() == []


def test_private_history_can_be_turned_off(local_provider, isolated_home: Path) -> None:
    settings = load_settings().settings
    settings.history.keep_private_history = False
    assistant = Assistant(settings, local=local_provider)
    answer = assistant.ask(
        AskRequest("My SSN is 536-22-8741. Which form?", new_conversation=True)
    ).drain()
    assert answer.text and answer.conversation_id is None
    assert assistant.store.conversations() == []
    rows = assistant.store.usage_rows()
    assert len(rows) == 1 and rows[0].private
    assistant.close()


def test_a_damaged_history_file_never_stops_ask_or_usage(
    isolated_home: Path, working_keyring: FileKeyring
) -> None:
    """Issue 16 item 2: `aideon ask` and `aideon usage` used to end with a traceback."""
    db = paths.database_file()
    db.write_bytes(os.urandom(3001))
    (isolated_home / "settings.toml").write_text("[local]\nmax_tokens = 16\n", encoding="utf-8")
    env = {**os.environ, **subprocess_env(working_keyring.path)}
    ask = subprocess.run(
        [sys.executable, "-m", "aideon_desktop", "ask", "--json", "Say hello."],
        capture_output=True,
        env=env,
        timeout=180,
    )
    assert ask.returncode == 0, ask.stderr.decode()[-2000:]
    assert b"Traceback" not in ask.stderr
    payload = json.loads(ask.stdout.decode().splitlines()[-1])
    assert payload["text"].strip()
    assert any("is damaged" in notice for notice in payload["notices"])
    usage = subprocess.run(
        [sys.executable, "-m", "aideon_desktop", "usage", "--json"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert usage.returncode == 0 and b"Traceback" not in usage.stderr
    assert json.loads(usage.stdout)["totals"]["requests"] == 0


def test_full_run_totals_and_no_key_anywhere(
    isolated_home: Path, working_keyring: FileKeyring
) -> None:
    """Private and cloud prompts through the real CLI, then `aideon usage --json`, then a grep
    of every file the app wrote for the key and for the private prompts."""
    key = "tk-live-ZZq81xQ2mN7vB4cT9wE3rY6uI0oP5aS8"
    with FakeCloud("together") as fake:
        env = {
            **os.environ,
            **subprocess_env(working_keyring.path),
            "TOGETHER_API_KEY": key,
            "AIDEON_TOGETHER_BASE_URL": fake.base_url,
            "HF_TOKEN": "",
        }
        prompts = [
            "Write a haiku about rain.",
            "My card is 4539 1488 0343 6467, draft a dispute letter.",
            "Explain TCP slow start in two sentences.",
            "I was diagnosed with diabetes, suggest breakfasts.",
        ]
        outputs = []
        for prompt in prompts:
            result = subprocess.run(
                [sys.executable, "-m", "aideon_desktop", "-v", "ask", "--json", prompt],
                capture_output=True,
                env=env,
                timeout=180,
            )
            assert result.returncode == 0, result.stderr.decode()
            assert key.encode() not in result.stdout + result.stderr
            outputs.append(json.loads(result.stdout.decode().splitlines()[-1]))
        usage = subprocess.run(
            [sys.executable, "-m", "aideon_desktop", "usage", "--json"],
            capture_output=True,
            env=env,
            timeout=60,
        )
    assert [o["route"] for o in outputs] == ["together", "local", "together", "local"]
    assert [o["private"] for o in outputs] == [False, True, False, True]
    report = json.loads(usage.stdout)
    totals = report["totals"]
    assert (
        totals["requests"] == 4
        and totals["kept_on_device_share"] == 0.5
        and totals["private_requests"] == 2
    )
    expected_cost = sum(Decimal(str(o["cost_usd"])) for o in outputs)
    expected_baseline = sum(Decimal(str(o["baseline_cost_usd"])) for o in outputs)
    assert (
        Decimal(str(totals["cost_usd"])) == expected_cost
        and Decimal(str(totals["baseline_cost_usd"])) == expected_baseline
    )
    assert Decimal(str(totals["savings_usd"])) == expected_baseline - expected_cost
    assert len(fake.chat_requests()) == 2
    written = [p for p in isolated_home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".log" for p in written) and any(
        p.name.endswith(".sqlite3") for p in written
    )
    for path in written:
        assert key.encode() not in path.read_bytes(), f"the key leaked into {path}"
    history = paths.database_file().read_bytes()
    assert b"4539 1488" not in history and b"diagnosed with diabetes" not in history
    conn = open_history(paths.database_file())
    stored = [row[0] for row in conn.execute("SELECT text FROM message WHERE role = 'user'")]
    assert stored == prompts, "every prompt is kept, encrypted"
