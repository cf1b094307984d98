"""The local store: nothing lost, migrations, full disk, deletion, usage totals, key hygiene."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event

from aideon_desktop.core import paths
from aideon_desktop.core.answering import AskRequest, Assistant
from aideon_desktop.core.config import load_settings
from aideon_desktop.core.store import Store
from aideon_desktop.core.store.database import SCHEMA_VERSION
from aideon_desktop.core.store.models import UsageRecord
from aideon_desktop.core.store.usage_report import build_report, to_csv
from tests.fake_cloud import FakeCloud


def test_kill_9_mid_stream_leaves_a_consistent_database_with_the_partial_reply(
    isolated_home: Path,
) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
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
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT role, text, partial FROM message ORDER BY id").fetchall()
    conn.close()
    assert rows[0][0] == "user" and rows[0][1].startswith("Write a very long story")
    role, text, partial = rows[1]
    assert role == "assistant" and partial == 1
    assert len(text) > 50 and received.decode(errors="ignore").strip().startswith(text.strip()[:40])


OLD_SCHEMA = """
CREATE TABLE conversation (id INTEGER PRIMARY KEY, title VARCHAR NOT NULL, private BOOLEAN NOT NULL,
    created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL);
CREATE TABLE message (id INTEGER PRIMARY KEY, conversation_id INTEGER NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
    role VARCHAR NOT NULL, text VARCHAR NOT NULL, provider VARCHAR, model VARCHAR, private BOOLEAN NOT NULL,
    partial BOOLEAN NOT NULL, created_at DATETIME NOT NULL);
CREATE TABLE usage (id INTEGER PRIMARY KEY, conversation_id INTEGER REFERENCES conversation(id) ON DELETE SET NULL,
    provider VARCHAR NOT NULL, model VARCHAR NOT NULL, task VARCHAR NOT NULL, private BOOLEAN NOT NULL,
    prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL, estimated BOOLEAN NOT NULL,
    cost_micro_usd INTEGER NOT NULL, baseline_micro_usd INTEGER NOT NULL, latency_ms INTEGER, ttft_ms INTEGER,
    created_at DATETIME NOT NULL);
CREATE TABLE audit (id INTEGER PRIMARY KEY, created_at DATETIME NOT NULL, provider VARCHAR NOT NULL, model VARCHAR NOT NULL,
    private BOOLEAN NOT NULL, task VARCHAR NOT NULL, categories VARCHAR NOT NULL, reasons VARCHAR NOT NULL);
INSERT INTO conversation VALUES (1, 'old chat', 0, '2025-01-01 10:00:00', '2025-01-01 10:00:00');
INSERT INTO message VALUES (1, 1, 'user', 'hello from v1', NULL, NULL, 0, 0, '2025-01-01 10:00:00');
INSERT INTO usage VALUES (1, 1, 'together', 'm', 'general', 0, 10, 5, 0, 3, 40, 100, 20, '2025-01-01 10:00:01');
"""


def test_migration_upgrades_a_v1_database_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    conn.close()
    store = Store(path)
    assert store.unavailable is None
    assert [m.text for m in store.messages(1)] == ["hello from v1"]
    rows = store.usage_rows()
    assert rows[0].cache_hit is False and rows[0].cost_micro_usd == 3
    store.set_pin(1, "together", "m")
    assert store.conversation(1).pinned_model == "m"
    assert store.integrity_ok()
    store.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_full_disk_is_reported_and_answers_keep_coming(local_provider, isolated_home: Path) -> None:
    assistant = Assistant(load_settings().settings, local=local_provider)
    engine = assistant.store._engine

    @event.listens_for(engine, "connect")
    def no_room_to_grow(dbapi_conn, _record) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(
            f"PRAGMA max_page_count = {pages}"
        )  # any write that needs a page: "disk full"

    engine.dispose()
    prompt = "Reply with OK. " + "Context line for the record. " * 200  # needs new pages to store
    stream = assistant.ask(AskRequest(prompt, new_conversation=True))
    answer, events = stream.answer, list(stream)
    notices = [e.message for e in events if getattr(e, "kind", "") == "history_unavailable"]
    assert answer.text.strip(), "the answer must still arrive"
    assert notices and "History is not being saved: the disk is full" in notices[0]
    assistant.close()


def test_unwritable_folder_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    store = Store(blocker / "db.sqlite3")
    assert store.unavailable and "History is not being saved" in store.unavailable
    assert store.new_conversation() is None and store.usage_rows() == []


def test_delete_conversation_keeps_usage_numbers(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    cid = store.new_conversation("x")
    store.add_message(cid, "user", "my secret plan")
    store.record_usage(
        UsageRecord(
            conversation_id=cid,
            provider="together",
            model="m",
            cost_micro_usd=5,
            baseline_micro_usd=50,
        )
    )
    store.delete_conversation(cid)
    assert store.conversations() == [] and store.messages(cid) == []
    rows = store.usage_rows()
    assert len(rows) == 1 and rows[0].conversation_id is None and rows[0].cost_micro_usd == 5
    con = sqlite3.connect(tmp_path / "db.sqlite3")
    dump = "\n".join(con.iterdump())
    assert "my secret plan" not in dump


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


def test_conversation_search_and_rename(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    a = store.new_conversation()
    store.add_message(a, "user", "Plan a trip to Lisbon")
    b = store.new_conversation()
    store.add_message(b, "user", "Fix my Python import error")
    assert [c.id for c in store.conversations("lisbon")] == [a]
    store.rename_conversation(b, "Imports")
    assert store.conversation(b).title == "Imports"


def test_usage_report_totals_and_csv() -> None:
    rows = [
        UsageRecord(
            provider="together",
            model="m1",
            task="code",
            prompt_tokens=100,
            completion_tokens=50,
            cost_micro_usd=27,
            baseline_micro_usd=750,
        ),
        UsageRecord(
            provider="local",
            model="smollm2",
            task="general",
            private=True,
            prompt_tokens=10,
            completion_tokens=5,
            baseline_micro_usd=75,
        ),
        UsageRecord(
            provider="together",
            model="m1",
            task="code",
            cache_hit=True,
            prompt_tokens=100,
            completion_tokens=50,
            baseline_micro_usd=750,
        ),
    ]
    report = build_report(rows).as_dict()
    totals = report["totals"]
    assert (
        totals["requests"] == 3
        and totals["cost_usd"] == 0.000027
        and totals["baseline_cost_usd"] == 0.001575
    )
    assert totals["savings_usd"] == pytest.approx(0.001548) and totals[
        "kept_on_device_share"
    ] == pytest.approx(1 / 3, abs=1e-4)
    assert totals["cache_hits"] == 1 and totals["cache_savings_usd"] == 0.00075
    assert {r["provider"]: r["requests"] for r in report["providers"]} == {
        "local": 1,
        "together": 2,
    }
    csv_text = to_csv(rows)
    assert (
        csv_text.splitlines()[0].startswith("created_at,provider,model")
        and len(csv_text.splitlines()) == 4
    )


def test_full_run_totals_and_no_key_anywhere(isolated_home: Path, tmp_path: Path) -> None:
    """Private and cloud prompts through the real CLI, then `aideon usage --json`, then a grep
    of every file the app wrote for the key."""
    key = "tk-live-ZZq81xQ2mN7vB4cT9wE3rY6uI0oP5aS8"
    with FakeCloud("together") as fake:
        env = {
            **os.environ,
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
