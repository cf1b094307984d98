"""The store opens on first use: an idle app has not imported the database stack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from aideon_desktop.core.store import DeferredStore
from tests.support.store_rows import new_conversation


def test_importing_the_answering_layer_does_not_import_the_database() -> None:
    code = (
        "import sys\n"
        "import aideon_desktop.core.answering, aideon_desktop.core.store\n"
        "from aideon_desktop.core.store import DeferredStore\n"
        "heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'sqlcipher3') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]"


def test_opens_on_first_use_and_works_like_the_store(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    store = DeferredStore(path, storage="plain")
    assert not store.opened and not path.exists()
    conversation = new_conversation(store, "hello")
    assert store.opened and path.exists()
    assert [c.id for c in store.conversations()] == [conversation]
    store.close()


def test_closing_an_unopened_store_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    store = DeferredStore(path, storage="plain")
    store.close()
    assert not store.opened and not path.exists()
