"""Opening the history file: every way it can fail gives one clear notice and never an
exception, nothing is written to a file this build cannot or must not change, and a plain
history is encrypted once with a backup kept."""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from aideon_desktop.core import paths, secrets
from aideon_desktop.core.store import Store
from aideon_desktop.core.store.answers import AnswerEnd
from aideon_desktop.core.store.database import SCHEMA_VERSION
from aideon_desktop.core.store.files import SQLITE_HEADER
from aideon_desktop.core.store.models import UsageRecord
from tests.conftest import require_tool
from tests.support.history_db import open_history
from tests.support.keyring_backend import FileKeyring, LockedKeyring, use_keyring
from tests.support.mounts import read_only_view, tmpfs
from tests.support.store_rows import add_message, finish_rows, new_conversation

PRIVATE = "My card is 4539 1488 0343 6467 and my diagnosis is PRIVATE-MARKER-7731"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def no_companions(path: Path) -> bool:
    return not any(path.with_name(path.name + s).exists() for s in ("-wal", "-shm", "-journal"))


def answered(store: Store, text: str = PRIVATE) -> int:
    rows = store.begin_answer(None, new_conversation=True, user_text=text, private=True)
    assert rows is not None, store.unavailable
    usage = UsageRecord(provider="local", model="m", cost_micro_usd=0)
    assert store.finish_answer(
        rows, AnswerEnd("A reply about it.", False, "local", "m", {"route": "On device"}, usage)
    )
    return rows.conversation_id


def assert_history_off(store: Store) -> None:
    """No exception anywhere, every call answers with its empty default."""
    assert store.begin_answer(None, new_conversation=True, user_text="hi", private=False) is None
    assert new_conversation(store, "x") is None and add_message(store, 1, "user", "x") is None
    assert store.conversations() == [] and store.usage_rows() == [] and store.audit() == []
    assert finish_rows(store) is False
    assert not store.integrity_ok()


@pytest.mark.parametrize("storage", ["encrypted", "plain"])
def test_random_bytes_database_is_reported_damaged_and_left_untouched(storage) -> None:
    db = paths.database_file()
    db.write_bytes(os.urandom(3001))
    before = digest(db)
    store = Store(db, storage=storage)
    assert store.problem is not None and store.problem.kind == "corrupt"
    assert store.unavailable == (
        f"History is not being saved: {db} is damaged (it is not a database this version can "
        "read); it was left untouched — move it away to start a new history. Answers still work."
    )
    assert_history_off(store)
    store.close()
    assert digest(db) == before and no_companions(db)


def test_damaged_plain_database_is_reported_and_not_encrypted() -> None:
    db = paths.database_file()
    db.write_bytes(SQLITE_HEADER + os.urandom(4096 - len(SQLITE_HEADER)))
    before = digest(db)
    store = Store(db)
    assert store.problem is not None and store.problem.kind == "corrupt"
    assert f"{db} is damaged" in store.unavailable
    store.close()
    assert digest(db) == before
    assert not list(db.parent.glob("*.encrypting*")) and not list(db.parent.glob("*backup*"))


def test_newer_schema_is_never_downgraded_nor_written_but_can_be_read() -> None:
    db = paths.database_file()
    store = Store(db)
    conversation = answered(store)
    store.close()
    conn = open_history(db)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = digest(db)

    store = Store(db)
    assert store.problem is not None and store.problem.kind == "newer_schema"
    assert store.unavailable.startswith(
        "History was written by a newer Aideon (schema 99); this version will not change it"
    )
    assert store.unavailable.endswith("Answers still work.")
    # Reads are allowed (SQLite is set query-only), writes are refused before they start.
    assert [m.text for m in store.messages(conversation)] == [PRIVATE, "A reply about it."]
    assert (
        store.begin_answer(conversation, new_conversation=False, user_text="x", private=False)
        is None
    )
    store.rename_conversation(conversation, "renamed")
    finish_rows(store, usage=UsageRecord(provider="together", model="m", cost_micro_usd=5))
    assert store.spend().today == store.spend().month  # still answers, from what it can read
    store.close()

    conn = open_history(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 99
    assert conn.execute("SELECT title FROM conversation").fetchone()[0] != "renamed"
    assert conn.execute("SELECT count(*) FROM usage").fetchone()[0] == 1
    conn.close()
    assert digest(db) == before


def test_wrong_key_gives_a_clear_notice_and_never_touches_the_file(
    working_keyring: FileKeyring,
) -> None:
    db = paths.database_file()
    store = Store(db)
    answered(store)
    store.close()
    before = digest(db)
    other_key = "ab" * 32
    working_keyring.set_password(secrets.SERVICE_NAME, secrets.DATABASE_KEY_ENTRY, other_key)

    store = Store(db)
    assert store.problem is not None and store.problem.kind == "wrong_key"
    assert store.unavailable == (
        f"History is not being saved: {db} cannot be decrypted with the history key in your "
        "keyring (the key is wrong, or the file is damaged); it was left untouched. "
        "Answers still work."
    )
    assert other_key not in store.unavailable
    assert_history_off(store)
    store.close()
    assert digest(db) == before and no_companions(db)
    assert secrets.get_database_key() == other_key  # never replaced by a new one


def test_missing_key_is_reported_and_no_new_key_replaces_it(working_keyring: FileKeyring) -> None:
    db = paths.database_file()
    Store(db).close()
    before = digest(db)
    working_keyring.delete_password(secrets.SERVICE_NAME, secrets.DATABASE_KEY_ENTRY)
    store = Store(db)
    assert store.problem is not None and store.problem.kind == "missing_key"
    assert "its key is not in your keyring" in store.unavailable
    store.close()
    assert digest(db) == before and secrets.get_database_key() is None


def test_malformed_key_in_the_keyring_is_reported_without_echoing_it(
    working_keyring: FileKeyring,
) -> None:
    working_keyring.set_password(secrets.SERVICE_NAME, secrets.DATABASE_KEY_ENTRY, "hunter2-x")
    store = Store(paths.database_file())
    assert store.problem is not None and store.problem.kind == "wrong_key"
    assert "not valid" in store.unavailable and "hunter2" not in store.unavailable


def test_without_a_keyring_encrypted_storage_says_what_to_choose(no_keyring: None) -> None:
    db = paths.database_file()
    store = Store(db)
    assert store.problem is not None and store.problem.kind == "no_keyring"
    message = store.unavailable
    assert "no system keyring" in message and "Settings → Privacy & history" in message
    assert "to Plain" in message and "Off" in message and 'storage = "plain"' in message
    assert_history_off(store)
    assert not db.exists(), "nothing is created when it cannot be encrypted"


def test_plain_storage_works_without_a_keyring_and_off_keeps_nothing(no_keyring: None) -> None:
    db = paths.database_file()
    plain = Store(db, storage="plain")
    assert plain.unavailable is None and not plain.encrypted
    conversation = answered(plain)
    assert [m.role for m in plain.messages(conversation)] == ["user", "assistant"]
    plain.close()
    assert db.read_bytes().startswith(SQLITE_HEADER)

    home = db.parent / "off"
    off = Store(home / "aideon.sqlite3", storage="off")
    assert off.unavailable is None and off.problem is None
    assert off.begin_answer(None, new_conversation=True, user_text="x", private=False) is None
    assert not home.exists()


def test_plain_history_is_encrypted_once_with_every_row_kept(working_keyring) -> None:
    db = paths.database_file()
    plain = Store(db, storage="plain")
    conversations = [answered(plain, f"{PRIVATE} #{i}") for i in range(25)]
    plain.set_pin(conversations[0], "together", "m")
    finish_rows(plain, usage=UsageRecord(provider="together", model="m", cost_micro_usd=42))
    expected = {
        c: [(m.role, m.text, m.partial, m.meta) for m in plain.messages(c)] for c in conversations
    }
    expected_usage = [(u.provider, u.cost_micro_usd, u.created_at) for u in plain.usage_rows()]
    plain.close()

    store = Store(db)
    assert store.unavailable is None and store.encrypted
    [notice] = store.take_notices()
    assert notice.kind == "history_encrypted" and store.take_notices() == []
    [backup] = db.parent.glob("aideon.sqlite3.unencrypted-backup-*")
    assert str(backup) in notice.message
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert backup.read_bytes().startswith(SQLITE_HEADER)
    assert {
        c: [(m.role, m.text, m.partial, m.meta) for m in store.messages(c)] for c in conversations
    } == expected
    assert [
        (u.provider, u.cost_micro_usd, u.created_at) for u in store.usage_rows()
    ] == expected_usage
    assert store.conversation(conversations[0]).pinned_model == "m"
    assert store.integrity_ok()
    store.close()
    assert b"PRIVATE-MARKER" not in db.read_bytes()

    again = Store(db)  # told once: nothing more to migrate, no second backup
    assert again.unavailable is None and again.take_notices() == []
    assert len(list(db.parent.glob("*unencrypted-backup*"))) == 1
    again.close()


def test_history_on_disk_holds_no_plaintext_and_only_its_owner_can_read_it() -> None:
    home = paths.data_dir()
    home.chmod(0o755)
    db = paths.database_file()
    store = Store(db)
    answered(store)
    writer = store.reply_writer(
        store.begin_answer(
            None, new_conversation=True, user_text=PRIVATE, private=True
        ).reply_message_id
    )
    writer.append("Your card ending 6467 and PRIVATE-MARKER-7731 are noted.")
    assert writer.flush(partial=True)
    files = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
    assert all(f.exists() for f in files)
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        raw = path.read_bytes()
        assert b"PRIVATE-MARKER" not in raw and b"4539 1488" not in raw, path
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    store.close()
    assert b"PRIVATE-MARKER" not in db.read_bytes()


def test_read_only_folder_is_reported_and_answers_keep_coming(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro-empty", read_only=True) as folder:
        store = Store(folder / "aideon.sqlite3")
        assert store.problem is not None and store.problem.kind == "read_only"
        assert store.unavailable == (
            f"History is not being saved: {folder} is read-only. Answers still work."
        )
        assert_history_off(store)

    source = tmp_path / "rw"
    source.mkdir()
    Store(source / "aideon.sqlite3").close()
    before = digest(source / "aideon.sqlite3")
    with read_only_view(source, tmp_path / "ro-existing") as folder:
        store = Store(folder / "aideon.sqlite3")
        assert store.problem is not None and store.problem.kind == "read_only"
        assert_history_off(store)
        store.close()
    assert digest(source / "aideon.sqlite3") == before


UNREADABLE = """
import sys
from pathlib import Path
from aideon_desktop.core.store import Store
store = Store(Path(sys.argv[1]), storage="plain")
print(store.problem.kind if store.problem else "ok")
print(store.unavailable)
"""


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    setpriv = require_tool("setpriv")
    folder = tmp_path / "home"
    folder.mkdir(mode=0o777)
    db = folder / "aideon.sqlite3"
    Store(db, storage="plain").close()
    os.chown(db, 65534, 65534)  # someone else's file, 0600
    os.chmod(tmp_path, 0o755)
    # root without the capabilities that bypass file permissions: what a normal user meets.
    result = subprocess.run(
        [
            setpriv,
            "--bounding-set=-dac_override,-dac_read_search,-fowner",
            sys.executable,
            "-c",
            UNREADABLE,
            str(db),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    kind, message = result.stdout.splitlines()
    assert kind == "unreadable"
    assert message == (
        f"History is not being saved: {db} cannot be read (permission denied). Answers still work."
    )


def test_a_file_where_the_folder_should_be_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    store = Store(blocker / "db.sqlite3")
    assert store.problem is not None and store.problem.kind == "read_only"
    assert_history_off(store)


def test_schema_version_is_current_after_opening() -> None:
    store = Store(paths.database_file())
    store.close()
    conn = open_history(paths.database_file())
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_the_key_is_in_no_log_line_notice_or_file_but_the_keyring(
    working_keyring: FileKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    db = paths.database_file()
    plain = Store(db, storage="plain")
    answered(plain)
    plain.close()
    with caplog.at_level(logging.DEBUG):
        store = Store(db)  # creates the key and encrypts the plain history
        notices = [n.message for n in store.take_notices()]
        store.close()
        key = secrets.get_database_key()
        working_keyring.set_password(secrets.SERVICE_NAME, secrets.DATABASE_KEY_ENTRY, "cd" * 32)
        wrong = Store(db)
    assert key is not None and notices
    said = "\n".join([caplog.text, *notices, wrong.unavailable or ""])
    assert key not in said and "cd" * 32 not in said
    for path in db.parent.rglob("*"):
        if path.is_file():
            assert key.encode() not in path.read_bytes(), path


def test_a_locked_keyring_is_told_apart_from_a_missing_one(tmp_path: Path) -> None:
    with use_keyring(LockedKeyring()):
        store = Store(paths.database_file())
    assert store.problem is not None and store.problem.kind == "keyring_error"
    assert store.unavailable == (
        "History is not being saved: the system keyring refused to read the history key "
        "(KeyringLocked); unlock your keyring and restart Aideon. Answers still work."
    )
    assert not paths.database_file().exists()
